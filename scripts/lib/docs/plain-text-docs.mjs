// The reference as plain text, from the bundled spec and the released changes: llms.txt (an index in
// the llms.txt format, https://llmstxt.org), llms-full.txt (everything in one markdown file), and a
// markdown file per guide section and per operation. For coding assistants, scripts, `grep`, and
// anyone reading on GitHub. A pure function of its inputs, so the files are drift-checked like the
// rest of generated/.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { changesMarkdown } from '../changelog.mjs';
import { PLAIN_DOCS_FOLDERS } from '../paths.mjs';
import { heading, shiftHeadings, slug, splitAtHeadings, summarySentence } from './markdown.mjs';
import { authenticationInWords, listOperations, operationFile, operationMarkdown } from './operation-markdown.mjs';

export const LLMS_INDEX = 'llms.txt';
export const LLMS_FULL = 'llms-full.txt';
export const CHANGES_FILE = 'changes.md';

/** The guide (info.description) as its opening text and one section per `#` heading, each with its file. */
export function guideSections(spec) {
  const { intro, sections } = splitAtHeadings(spec.info?.description ?? '', 1);
  return {
    intro,
    sections: sections.map(({ title, markdown }) => ({ title, markdown, file: `guide/${slug(title)}.md` })),
  };
}

/** Operations grouped by their first tag, in the order of the spec's tags; untagged ones last. */
function operationsByTag(spec) {
  const groups = (spec.tags ?? []).map((tag) => ({
    name: tag.name,
    description: tag.description?.trim() ?? '',
    entries: [],
  }));
  const other = { name: 'Other operations', description: '', entries: [] };
  for (const entry of listOperations(spec)) {
    const group = groups.find((candidate) => candidate.name === entry.operation.tags?.[0]) ?? other;
    group.entries.push(entry);
  }
  return [...groups, other].filter((group) => group.entries.length > 0);
}

/** What the API is, where it lives and how to authenticate: the head of llms.txt and llms-full.txt. */
function overview(spec, guide) {
  const authGuide = guide.sections.find((section) => /authentication/i.test(section.title));
  const authentication = authenticationInWords(spec);
  const facts = [
    `- Contract version: ${spec.info.version} (OpenAPI ${spec.openapi})`,
    ...(spec.servers ?? []).map(
      (server) => `- Base URL: \`${server.url}\`${server.description ? ` (${server.description})` : ''}`,
    ),
    `- Authentication: ${authentication ?? 'none'}${authentication && authGuide ? ` ([how to get a key](${authGuide.file}))` : ''}`,
  ];
  return [
    heading(1, spec.info.title),
    spec.info.summary ? `> ${spec.info.summary}` : null,
    guide.intro || null,
    facts.join('\n'),
  ].filter(Boolean);
}

function linkLine(title, file, note) {
  return `- [${title}](${file})${note ? `: ${note}` : ''}`;
}

function operationNote(entry) {
  const sentence = entry.operation.description ? ` ${summarySentence(entry.operation.description)}` : '';
  return `\`${entry.method.toUpperCase()} ${entry.path}\`.${sentence}`;
}

function llmsIndex(spec, guide, tagGroups, changes) {
  const parts = [...overview(spec, guide), `Everything below in one file: [${LLMS_FULL}](${LLMS_FULL}).`];
  parts.push(
    heading(2, 'Guide'),
    guide.sections
      .map((section) => linkLine(section.title, section.file, summarySentence(section.markdown.replace(/^#.*\n/, ''))))
      .join('\n'),
  );
  for (const group of tagGroups) {
    parts.push(
      heading(2, group.name),
      group.entries
        .map((entry) =>
          linkLine(
            entry.operation.summary ?? entry.operation.operationId,
            operationFile(entry.operation),
            operationNote(entry),
          ),
        )
        .join('\n'),
    );
  }
  parts.push(heading(2, 'Optional'), linkLine('Changes', CHANGES_FILE, summarySentence(changes.replace(/^#.*\n/, ''))));
  return `${parts.join('\n\n')}\n`;
}

function llmsFull(spec, guide, tagGroups, changes, links) {
  const parts = [
    ...overview(spec, guide),
    `Each part below is also a file of its own: [${LLMS_INDEX}](${LLMS_INDEX}) lists them.`,
  ];
  for (const section of guide.sections) parts.push(shiftHeadings(section.markdown, 1));
  parts.push(shiftHeadings(changes.trim(), 1));
  for (const group of tagGroups) {
    parts.push(heading(2, group.name));
    if (group.description) parts.push(group.description);
    for (const entry of group.entries)
      parts.push(operationMarkdown(spec, entry, { level: 3, linkBase: '', links }).trim());
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * Every plain-text file, as a Map from its path inside the published docs folder to its content.
 * `releases` are CHANGELOG.md's releases (changelog.mjs readReleases), newest first.
 * @param {object} spec the bundled spec
 * @param {{ releases?: Array<{ version: string, date: string, notes: string }> }} [options]
 * @returns {Map<string, string>}
 */
export function plainTextDocs(spec, { releases = [] } = {}) {
  const guide = guideSections(spec);
  const tagGroups = operationsByTag(spec);
  const changes = changesMarkdown(releases);
  const authGuide = guide.sections.find((section) => /authentication/i.test(section.title));
  const links = { index: LLMS_INDEX, authentication: authGuide?.file };
  const files = new Map();
  files.set(LLMS_INDEX, llmsIndex(spec, guide, tagGroups, changes));
  files.set(LLMS_FULL, llmsFull(spec, guide, tagGroups, changes, links));
  for (const section of guide.sections) files.set(section.file, `${section.markdown}\n`);
  files.set(CHANGES_FILE, changes);
  for (const entry of tagGroups.flatMap((group) => group.entries)) {
    files.set(operationFile(entry.operation), operationMarkdown(spec, entry, { level: 1, linkBase: '../', links }));
  }
  return files;
}

/**
 * Writes the plain-text docs into `docsDir` (the folder a static host publishes), replacing the
 * ones a previous build wrote. Resolves with the paths written, relative to `docsDir`, sorted.
 * @param {object} spec the bundled spec
 * @param {string} docsDir
 * @param {{ releases?: Array<{ version: string, date: string, notes: string }> }} [options]
 * @returns {Promise<string[]>}
 */
export async function writePlainTextDocs(spec, docsDir, options = {}) {
  const files = plainTextDocs(spec, options);
  await Promise.all(
    PLAIN_DOCS_FOLDERS.map((folder) => rm(path.join(docsDir, folder), { recursive: true, force: true })),
  );
  for (const [file, content] of files) {
    await mkdir(path.dirname(path.join(docsDir, file)), { recursive: true });
    await writeFile(path.join(docsDir, file), content);
  }
  return [...files.keys()].sort();
}
