// Reading the generated markdown the way a reader's tool would, written apart from the generator so
// the tests do not take its word: every fenced code block with the headings it sits under, and every
// link.

export interface CodeBlock {
  /** The titles of the headings the block sits under, outermost first (index = level - 1). */
  headings: string[];
  /** The fence's info string (`json`, `shell`, ...). */
  lang: string;
  /** Exactly the lines between the fences, each with its newline. */
  content: string;
}

/** Every fenced code block in `markdown`, with the heading path it sits under. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const headings: string[] = [];
  let open: { fence: string; lang: string; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    if (open) {
      const closing = line.trim();
      if (closing.length >= open.fence.length && closing === open.fence[0]!.repeat(closing.length)) {
        blocks.push({
          headings: [...headings],
          lang: open.lang,
          content: open.lines.map((each) => `${each}\n`).join(''),
        });
        open = null;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const fence = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      open = { fence: fence[1]!, lang: fence[2]!.trim(), lines: [] };
      continue;
    }
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      headings.length = level - 1;
      headings[level - 1] = heading[2]!.trim();
    }
  }
  if (open) throw new Error(`A code fence (${open.fence}${open.lang}) is never closed`);
  return blocks;
}

/** Every `[text](target)` link outside code, as written. */
export function links(markdown: string): Array<{ text: string; target: string }> {
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)].map((match) => ({ text: match[1]!, target: match[2]! }));
}

/** Every heading, as {level, title}, outside code fences. */
export function headingsOf(markdown: string): Array<{ level: number; title: string }> {
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  return [...prose.matchAll(/^(#{1,6}) (.+)$/gm)].map((match) => ({
    level: match[1]!.length,
    title: match[2]!.trim(),
  }));
}
