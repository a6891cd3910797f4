// CHANGELOG.md: sections generated from oasdiff's changes by `npm run release` (newest release first,
// under the title), and read back as releases for the docs' "Changes" section.
import { readFile, writeFile } from 'node:fs/promises';
import { shiftHeadings } from './docs/markdown.mjs';
import { CHANGELOG } from './paths.mjs';

const TITLE =
  '# Changelog\n\nEvery release of the Audioscrape API contract, generated from the diff against the previous release by `npm run release`.\n';
const RELEASE_HEADING = /^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$/;

/** One change as a client developer reads it: where, then what (oasdiff's words, without its rule id). */
export function changeInWords(change) {
  const where = change.path
    ? `${change.operation ?? ''} ${change.path}${change.operationId ? ` (${change.operationId})` : ''}`.trim()
    : (change.section ?? 'spec');
  return `${where}: ${change.text}`;
}

function listOf(heading, changes) {
  if (changes.length === 0) return '';
  return `\n### ${heading}\n\n${changes.map((change) => `- ${changeInWords(change)}`).join('\n')}\n`;
}

/**
 * The CHANGELOG.md section for one release. `firstRelease` lists the released operations as
 * {summary, method, path}, for the first release (nothing to diff against).
 * @param {{ version: string, date: string, previous?: string | null, changes?: { breaking: object[], potentiallyBreaking: object[], nonBreaking: object[] } | null, firstRelease?: Array<{ summary: string, method: string, path: string }> | null }} release
 */
export function changelogSection({ version, date, previous, changes, firstRelease }) {
  const header = `## ${version} (${date})\n`;
  if (firstRelease) {
    const operations = firstRelease.map(
      ({ summary, method, path: route }) => `- ${summary}: \`${method.toUpperCase()} ${route}\``,
    );
    return `${header}\nFirst release of the contract, with ${firstRelease.length} operations:\n\n${operations.join('\n')}\n`;
  }
  const body =
    listOf('Breaking changes', changes.breaking) +
    listOf('Potentially breaking changes', changes.potentiallyBreaking) +
    listOf('Other changes', changes.nonBreaking);
  return `${header}${body || `\nNo API changes since ${previous} (documentation, examples or samples only).\n`}`;
}

/** Inserts `section` as the newest entry, creating the file with its title if needed. */
export async function addToChangelog(section) {
  const existing = await readFile(CHANGELOG, 'utf8').catch(() => TITLE);
  const rest = existing.startsWith(TITLE) ? existing.slice(TITLE.length) : existing;
  await writeFile(
    CHANGELOG,
    `${TITLE}\n${section}${rest.startsWith('\n') ? '' : '\n'}${rest}`.replace(/\n{3,}/g, '\n\n'),
  );
}

/**
 * The releases in a changelog's text, as written (newest first): {version, date, notes}.
 * @param {string} changelog
 * @returns {Array<{ version: string, date: string, notes: string }>}
 */
export function parseReleases(changelog) {
  const releases = [];
  for (const line of changelog.split('\n')) {
    const match = RELEASE_HEADING.exec(line);
    if (match) releases.push({ version: match[1], date: match[2], lines: [] });
    else releases.at(-1)?.lines.push(line);
  }
  return releases.map(({ version, date, lines }) => ({ version, date, notes: lines.join('\n').trim() }));
}

/** The releases recorded in CHANGELOG.md; none when there is no changelog yet. */
export async function readReleases(file = CHANGELOG) {
  const text = await readFile(file, 'utf8').catch((error) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return parseReleases(text);
}

/** The docs' "Changes" section: every release, newest first, its title at heading `level`. */
export function changesMarkdown(releases, { level = 1 } = {}) {
  const intro =
    'What changed in each release of the contract, newest first. A release with a breaking change ' +
    '(one that can stop a working client from working) always has a new major version number.';
  const entries = releases.length
    ? releases.map(({ version, date, notes }) => `## ${version} (${date})\n\n${notes}`)
    : ['No release has been made yet.'];
  return `${shiftHeadings(['# Changes', intro, ...entries].join('\n\n'), level - 1)}\n`;
}
