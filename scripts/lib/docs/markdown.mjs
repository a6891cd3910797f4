// Small, dependency-free helpers for writing markdown: code fences that keep their content byte for
// byte, tables whose cells cannot break the table, and headings moved up or down a level.

/** A fenced code block whose content is exactly `source` (plus a final newline if it had none). */
export function fence(source, language = '') {
  const longestRun = Math.max(0, ...[...source.matchAll(/`+/g)].map((match) => match[0].length));
  const marker = '`'.repeat(Math.max(3, longestRun + 1));
  return `${marker}${language}\n${source}${source.endsWith('\n') ? '' : '\n'}${marker}`;
}

/** `text` as inline code, with a fence long enough for any backticks inside it. */
export function code(text) {
  const value = String(text);
  const longestRun = Math.max(0, ...[...value.matchAll(/`+/g)].map((match) => match[0].length));
  const marker = '`'.repeat(longestRun + 1);
  const padding = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${marker}${padding}${value}${padding}${marker}`;
}

/** One table cell: a single line, with `|` escaped so it cannot end the cell early. */
export function cell(text) {
  return String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

export function table(headers, rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

export function heading(level, text) {
  if (level < 1 || level > 6) throw new Error(`Markdown has no heading level ${level} (for "${text}")`);
  return `${'#'.repeat(level)} ${text}`;
}

/** Each line of `markdown`, marked when it is inside a ``` or ~~~ code fence (fence lines included). */
function linesWithFences(markdown) {
  let openFence = null;
  return markdown.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (openFence === null && marker) {
      openFence = marker;
      return { line, inFence: true };
    }
    if (openFence !== null) {
      if (marker && marker[0] === openFence[0] && marker.length >= openFence.length && line.trim() === marker)
        openFence = null;
      return { line, inFence: true };
    }
    return { line, inFence: false };
  });
}

/** Every ATX heading outside code fences moved `by` levels deeper (or shallower, if negative). */
export function shiftHeadings(markdown, by) {
  if (by === 0) return markdown;
  return linesWithFences(markdown)
    .map(({ line, inFence }) => {
      const match = !inFence && /^(#{1,6}) (.*)$/.exec(line);
      return match ? heading(match[1].length + by, match[2]) : line;
    })
    .join('\n');
}

/**
 * Splits markdown at its level-`level` headings (outside code fences): the text before the first one,
 * and each heading's title with its text (heading line included).
 */
export function splitAtHeadings(markdown, level) {
  const marker = `${'#'.repeat(level)} `;
  const intro = [];
  const sections = [];
  for (const { line, inFence } of linesWithFences(markdown)) {
    if (!inFence && line.startsWith(marker)) sections.push({ title: line.slice(marker.length).trim(), lines: [line] });
    else (sections.at(-1)?.lines ?? intro).push(line);
  }
  return {
    intro: intro.join('\n').trim(),
    sections: sections.map(({ title, lines }) => ({ title, markdown: lines.join('\n').trim() })),
  };
}

/** A file-name-safe slug: lower case, letters and digits, words joined by hyphens. */
export function slug(text) {
  return String(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The first sentence of the first prose paragraph, or the items of a list that comes first. */
export function summarySentence(markdown) {
  const blocks = markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block && !block.startsWith('#') && !block.startsWith('```') && !block.startsWith('|'));
  const first = blocks[0] ?? '';
  if (/^([-*]|\d+\.) /.test(first)) {
    return first
      .split('\n')
      .map((item) =>
        item
          .replace(/^([-*]|\d+\.) /, '')
          .trim()
          .replace(/\.$/, ''),
      )
      .map((item, index) => (index > 0 && /^[A-Z][a-z]/.test(item) ? item[0].toLowerCase() + item.slice(1) : item))
      .join('; ')
      .concat('.');
  }
  const text = first.replace(/\s*\n\s*/g, ' ');
  const sentence = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  return sentence.replace(/:$/, '.');
}
