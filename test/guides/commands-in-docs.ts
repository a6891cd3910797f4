// The commands a reader of the README, the guides and CONTRIBUTING.md is shown, found the way the
// reader finds them: every line of a shell code block (continuation lines joined, comments dropped),
// also a block indented under a list item, and every inline code span that is a command with at
// least one argument (`npm run lint`, `npx msw init public/ --save`, `tsc -p`), not a bare tool name.

/** Code fences whose lines are commands to type (```text blocks are output, ```ts blocks code). */
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);
/** The programs whose invocations count as commands when shown inline. */
const PROGRAMS = [
  'npm',
  'npx',
  'node',
  'curl',
  'brew',
  'go',
  'sudo',
  'apt-get',
  'git',
  'bash',
  'spectral',
  'redocly',
  'oasdiff',
  'tsc',
  'vitest',
];
/** Optional `NAME=value ` assignments, a program, then at least one argument. */
const INLINE_COMMAND = new RegExp(`^(?:[A-Z][A-Z0-9_]*=\\S+ +)*(?:${PROGRAMS.join('|')}) +\\S`);

export interface ShellBlock {
  /** The titles of the headings the block sits under, outermost first. */
  headings: string[];
  /** The block's lines, its fence's indentation removed. */
  content: string;
}

export interface DocumentedCommand {
  /** The command as the reader types it, whitespace collapsed. */
  command: string;
  /** Where it is shown: `README.md`, `guides/mock.md`, ... */
  file: string;
  /** In a shell block (under these headings) or inline in the text. */
  shownIn: { kind: 'block'; headings: string[] } | { kind: 'inline' };
}

/** Collapses runs of whitespace, so a command reads the same wherever it is shown. */
export function normalizeCommand(command: string): string {
  return command.replace(/\s+/g, ' ').trim();
}

/** Every fenced shell block in `markdown`, indented ones (in list items) included. */
export function shellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const headings: string[] = [];
  let open: { indent: string; fence: string; lang: string; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    if (open) {
      const closing = line.trim();
      if (closing.startsWith(open.fence) && closing === open.fence[0]!.repeat(closing.length)) {
        if (SHELL_LANGS.has(open.lang)) blocks.push({ headings: [...headings], content: open.lines.join('\n') });
        open = null;
      } else {
        open.lines.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line.trimStart());
      }
      continue;
    }
    const fence = /^( *)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      open = { indent: fence[1]!, fence: fence[2]!, lang: fence[3]!, lines: [] };
      continue;
    }
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      headings.length = heading[1]!.length - 1;
      headings[heading[1]!.length - 1] = heading[2]!.trim();
    }
  }
  if (open) throw new Error(`A code fence (${open.fence}${open.lang}) is never closed`);
  return blocks;
}

/** `line` without a trailing `# comment` (a `#` that starts a word outside quotes). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"') index += 1;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '\\') {
      index += 1;
    } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]!))) {
      return line.slice(0, index);
    }
  }
  return line;
}

/** The commands in one shell block: continuation lines joined, blank and comment lines skipped. */
export function commandsInShellBlock(content: string): string[] {
  const logical = content.replace(/\\\n/g, ' ').split('\n');
  return logical
    .map((line) => normalizeCommand(withoutComment(line.replace(/^\s*\$ /, ''))))
    .filter((line) => line !== '');
}

/** Every inline code span outside fenced blocks; a span may wrap onto the next line, never across a blank one. */
function inlineSpans(markdown: string): string[] {
  const prose = markdown.replace(/^( *)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ *\2\s*$/gm, '');
  return [...prose.matchAll(/(?<!`)`((?:[^`\n]|\n(?!\s*\n))+)`(?!`)/g)].map((match) => match[1]!);
}

/** Every command `markdown` (the text of `file`) shows. */
export function documentedCommands(file: string, markdown: string): DocumentedCommand[] {
  const found: DocumentedCommand[] = [];
  for (const block of shellBlocks(markdown)) {
    for (const command of commandsInShellBlock(block.content))
      found.push({ command, file, shownIn: { kind: 'block', headings: block.headings } });
  }
  for (const span of inlineSpans(markdown)) {
    const command = normalizeCommand(span);
    if (INLINE_COMMAND.test(command)) found.push({ command, file, shownIn: { kind: 'inline' } });
  }
  return found;
}
