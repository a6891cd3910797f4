// The README and the guides keep their promises (issue 14): the README fits in 8 KB and shows the
// set-up commands on its first screen; every relative link in the README, the guides, CONTRIBUTING.md
// and openapi/README.md reaches a file (and, for a `#` link to markdown, a heading in it); and every
// command any of them shows is run by a test, or listed with the reason none can run it
// (command-coverage.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingsOf, links } from '../support/markdown.js';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { type Coverage, COMMAND_COVERAGE } from './command-coverage.js';
import {
  commandsInShellBlock,
  type DocumentedCommand,
  documentedCommands,
  normalizeCommand,
  shellBlocks,
} from './commands-in-docs.js';

const README_LIMIT_BYTES = 8 * 1024;
/** A first screen: a terminal's 24 lines, fewer than a browser shows above the fold on GitHub. */
const FIRST_SCREEN_LINES = 24;
const SET_UP_COMMANDS = ['npm install', 'npm start', 'npm test'];

/** Every markdown file a reader is sent to, relative to the repository, `/`-separated. */
const DOC_FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'openapi/README.md',
  ...readdirSync(path.join(ROOT, 'guides'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `guides/${file}`),
];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

describe('the README', () => {
  const readme = read('README.md');

  it(`is at most 8 KB`, () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(README_LIMIT_BYTES);
  });

  it(`shows the set-up commands on its first screen (${FIRST_SCREEN_LINES} lines)`, () => {
    const firstScreen = readme.split('\n').slice(0, FIRST_SCREEN_LINES).join('\n');
    const block = shellBlocks(firstScreen).find((each) => each.headings.includes('Set up'));
    expect(block, 'a ```sh block under "## Set up", closed within the first screen').toBeDefined();
    expect(commandsInShellBlock(block!.content)).toEqual(SET_UP_COMMANDS);
  });

  it('links to a guide for each of its readers, and every guide in guides/ is linked from it or from guides/README.md', () => {
    const linked = new Set(
      [
        ...links(readme),
        ...links(read('guides/README.md')).map((link) => ({ ...link, target: `guides/${link.target}` })),
      ].map((link) => link.target.split('#')[0]),
    );
    for (const guide of DOC_FILES.filter((file) => file.startsWith('guides/') && file !== 'guides/README.md'))
      expect([...linked], guide).toContain(guide);
  });
});

describe.each(DOC_FILES)('%s', (file) => {
  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const { target } of links(read(file))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
      const [filePart, anchor] = target.split('#') as [string, string | undefined];
      const resolved =
        filePart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), filePart));
      if (!existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no ${resolved}`);
        continue;
      }
      if (anchor === undefined || !resolved.endsWith('.md') || statSync(path.join(ROOT, resolved)).isDirectory())
        continue;
      const anchors = headingsOf(read(resolved)).map((heading) => anchorOf(heading.title));
      if (!anchors.includes(anchor)) broken.push(`${target}: no heading "#${anchor}" in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });
});

describe('every command the docs show', () => {
  const shown: DocumentedCommand[] = DOC_FILES.flatMap((file) => documentedCommands(file, read(file)));
  const byCommand = (entry: Coverage) => ('command' in entry ? [normalizeCommand(entry.command)] : []);

  /** The commands each block entry covers: every line of the block it names. */
  function blockCommands(entry: Extract<Coverage, { block: unknown }>): string[] {
    const block = shellBlocks(read(entry.block.file)).find((each) => each.headings.at(-1) === entry.block.heading);
    if (!block)
      throw new Error(`command-coverage.ts: no shell block under "${entry.block.heading}" in ${entry.block.file}`);
    return commandsInShellBlock(block.content);
  }

  const covered = new Map<string, Coverage>();
  for (const entry of COMMAND_COVERAGE)
    for (const command of 'block' in entry ? blockCommands(entry) : byCommand(entry)) covered.set(command, entry);

  it('are found: the docs show commands in shell blocks and inline', () => {
    // Guards the reader itself: if it stopped finding commands, every other check here would pass.
    expect(shown.filter((each) => each.shownIn.kind === 'block').length).toBeGreaterThan(20);
    expect(shown.filter((each) => each.shownIn.kind === 'inline').length).toBeGreaterThan(20);
  });

  it('is run by a test, or listed with the reason none can run it', () => {
    const missing = [
      ...new Set(shown.filter((each) => !covered.has(each.command)).map((each) => `${each.command}    (${each.file})`)),
    ];
    expect(missing, 'add each to test/guides/command-coverage.ts with the test that runs it').toEqual([]);
  });

  it('has no entry in the list that the docs no longer show', () => {
    const shownCommands = new Set(shown.map((each) => each.command));
    const stale = COMMAND_COVERAGE.flatMap(byCommand).filter((command) => !shownCommands.has(command));
    expect(stale, 'remove these from test/guides/command-coverage.ts').toEqual([]);
    const commands = COMMAND_COVERAGE.flatMap(byCommand);
    expect(
      commands.filter((command, index) => commands.indexOf(command) !== index),
      'listed twice',
    ).toEqual([]);
  });

  it.each(
    COMMAND_COVERAGE.filter((entry): entry is Exclude<Coverage, { notRun: string }> => 'runBy' in entry).map(
      (entry) =>
        [
          'command' in entry ? entry.command : `the block under "${entry.block.heading}" in ${entry.block.file}`,
          entry,
        ] as const,
    ),
  )('%s: its runner still runs it', (_name, entry) => {
    expect(existsSync(path.join(ROOT, entry.runBy)), `${entry.runBy} exists`).toBe(true);
    // Spaces and line breaks aside: the formatter may spread a call over several lines.
    const withoutSpace = (text: string) => text.replace(/\s+/g, '');
    const source = withoutSpace(read(entry.runBy));
    for (const piece of entry.evidence) {
      expect(source, `${entry.runBy} contains ${piece}`).toContain(withoutSpace(piece));
    }
  });

  it('that no test can run each say why', () => {
    for (const entry of COMMAND_COVERAGE.filter(
      (each): each is Extract<Coverage, { notRun: string }> => 'notRun' in each,
    )) {
      expect(entry.notRun.length, entry.command).toBeGreaterThan(40);
    }
  });
});
