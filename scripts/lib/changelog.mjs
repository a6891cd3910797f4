// CHANGELOG.md sections generated from oasdiff's changes: newest release first, under the title.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeChange } from './breaking.mjs';
import { ROOT } from './steps.mjs';

export const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');
const TITLE = '# Changelog\n\nEvery release of the Audioscrape API contract, generated from the diff against the previous release by `npm run release`.\n';

function listOf(heading, changes) {
  if (changes.length === 0) return '';
  return `\n### ${heading}\n\n${changes.map((change) => `- ${describeChange(change).replace(/^\S.*?\s{2,}/, '')}`).join('\n')}\n`;
}

export function changelogSection({ version, date, previous, changes, firstRelease }) {
  const header = `## ${version} (${date})\n`;
  if (firstRelease) return `${header}\nFirst release of the contract: ${firstRelease.join(', ')}.\n`;
  const body =
    listOf('Breaking changes', changes.breaking) + listOf('Potentially breaking changes', changes.potentiallyBreaking) + listOf('Other changes', changes.nonBreaking);
  return `${header}${body || `\nNo API changes since ${previous} (documentation, examples or samples only).\n`}`;
}

/** Inserts `section` as the newest entry, creating the file with its title if needed. */
export async function addToChangelog(section) {
  const existing = await readFile(CHANGELOG, 'utf8').catch(() => TITLE);
  const rest = existing.startsWith(TITLE) ? existing.slice(TITLE.length) : existing;
  await writeFile(CHANGELOG, `${TITLE}\n${section}${rest.startsWith('\n') ? '' : '\n'}${rest}`.replace(/\n{3,}/g, '\n\n'));
}
