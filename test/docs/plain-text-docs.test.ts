// The reference as plain text (llms.txt, llms-full.txt, changes.md, guide/*.md, operations/*.md),
// built here from the committed bundle with the build's own function. Its code samples are the ones
// the sample tests run, byte for byte; its examples are valid against their schemas and are the
// spec's; every link in it resolves to a file the build made; it is what generated/docs/ holds, the
// same on every build, and the drift gate catches a file that was edited, lost or left behind.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogSection, parseReleases } from '../../scripts/lib/changelog.mjs';
import { plainTextDocs } from '../../scripts/lib/docs/plain-text-docs.mjs';
import { buildPlainTextDocs } from '../../scripts/lib/generate.mjs';
import { LOOPBACK } from '../support/docs-page.js';
import { codeBlocks, headingsOf, links } from '../support/markdown.js';
import {
  type JsonObject,
  loadBundledSpec,
  namedExamples,
  type OperationEntry,
  operations,
  resolve,
} from '../support/openapi.js';
import { BUNDLED_SPEC_JSON, GENERATED_DIR, ROOT } from '../../scripts/lib/paths.mjs';
import { projectCopyForTest } from '../support/project-copy.js';
import { createSchemaValidator } from '../support/schema-validator.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);
const entries = operations(spec);

/** `# ` headings of the guide (info.description), outside code fences. */
const guideTitles = headingsOf(spec.info.description)
  .filter((heading) => heading.level === 1)
  .map((heading) => heading.title);
const operationFile = (entry: OperationEntry) => `operations/${entry.operation.operationId}.md`;

let buildDir: string;
let written: string[];
const files = new Map<string, string>();

async function buildInto(dir: string): Promise<string[]> {
  await copyFile(BUNDLED_SPEC_JSON, path.join(dir, 'openapi.json'));
  return buildPlainTextDocs(dir);
}

beforeAll(async () => {
  buildDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-plain-docs-'));
  written = await buildInto(buildDir);
  for (const file of written) files.set(file, await readFile(path.join(buildDir, 'docs', file), 'utf8'));
});
afterAll(() => rm(buildDir, { recursive: true, force: true }));

const file = (name: string): string => {
  const content = files.get(name);
  if (content === undefined) throw new Error(`The build made no ${name}`);
  return content;
};

/** [label, source] of each code sample of `entry`, as the markdown shows it, its title at `level`. */
function samplesIn(markdown: string, entry: OperationEntry, level: number): Array<[string | undefined, string]> {
  return codeBlocks(markdown)
    .filter(
      (block) => block.headings[level - 1] === entry.operation.summary && block.headings[level] === 'Code samples',
    )
    .map((block) => [block.headings[level + 1], block.content]);
}

/** [label, source] of each code sample the sample tests run (test/docs/code-samples.test.ts). */
function executedSamples(entry: OperationEntry): Array<[string, string]> {
  return (entry.operation['x-codeSamples'] ?? []).map((sample: JsonObject) => [
    sample.label ?? sample.lang,
    sample.source,
  ]);
}

interface ShownExample {
  where: string;
  name: string | undefined;
  schema: JsonObject | undefined;
  value: unknown;
  /** The spec's own examples for the same body, by name. */
  specExamples: Map<string, unknown>;
}

function examplesOf(content: JsonObject | undefined): Map<string, unknown> {
  const mediaType = content?.['application/json'];
  return new Map(mediaType ? namedExamples(spec, mediaType).map(([name, example]) => [name, example.value]) : []);
}

/** Every JSON example the markdown shows for `entry` (its title at `level`), with the schema it must follow. */
function examplesIn(markdown: string, entry: OperationEntry, level: number): ShownExample[] {
  return codeBlocks(markdown)
    .filter((block) => block.headings[level - 1] === entry.operation.summary && block.lang === 'json')
    .map((block) => {
      const section = block.headings[level];
      const title = block.headings.at(-1) ?? '';
      const name = /\(`([^`]+)`\)$|^Example: `([^`]+)`$/.exec(title)?.slice(1).find(Boolean);
      let content: JsonObject | undefined;
      let where = `${entry.label} ${section}`;
      if (section === 'Request body') {
        content = resolve(spec, entry.operation.requestBody)?.content;
      } else if (section === 'Responses') {
        const status = block.headings[level + 1]?.split(' ')[0] ?? '';
        where += ` ${status}`;
        content = entry.operation.responses[status] && resolve(spec, entry.operation.responses[status]).content;
      }
      const value = JSON.parse(block.content);
      return {
        where: `${where} "${title}"`,
        name,
        schema: content?.['application/json']?.schema,
        value,
        specExamples: examplesOf(content),
      };
    });
}

function exampleProblems(shown: ShownExample[]): string[] {
  return shown.flatMap(({ where, name, schema, value, specExamples }) => {
    if (!schema) return [`${where}: not under a request body or a documented response with a schema`];
    const problems = validator.errors(schema, value).map((error) => `${where}: ${error}`);
    if (!name || !specExamples.has(name)) problems.push(`${where}: names no example of the spec`);
    else if (!isDeepStrictEqual(specExamples.get(name), value))
      problems.push(`${where}: differs from the spec's example ${name}`);
    return problems;
  });
}

function specExampleCount(entry: OperationEntry): number {
  const requestExamples = examplesOf(resolve(spec, entry.operation.requestBody)?.content).size;
  const responseExamples = Object.values<JsonObject>(entry.operation.responses).reduce(
    (sum, raw) => sum + examplesOf(resolve(spec, raw).content).size,
    0,
  );
  return requestExamples + responseExamples;
}

/** Relative link targets in `markdown` (a file at `from`) that do not resolve to a file the build made. */
function unresolvedLinks(markdown: string, from: string, made: string[]): string[] {
  return links(markdown)
    .filter(({ target }) => !/^https:\/\//.test(target))
    .map(({ target }) => ({
      target,
      resolved: path.posix.normalize(path.posix.join(path.posix.dirname(from), target.split('#')[0]!)),
    }))
    .filter(({ resolved }) => !made.includes(resolved))
    .map(({ target }) => `${from}: ${target}`);
}

describe('the plain-text docs the build makes', () => {
  it('are llms.txt, llms-full.txt, changes.md, a file per guide section and one per operation', () => {
    expect(written).toEqual(
      expect.arrayContaining(['llms.txt', 'llms-full.txt', 'changes.md', ...entries.map(operationFile)]),
    );
    expect(guideTitles.length).toBeGreaterThanOrEqual(4);
    const guideFiles = written.filter((name) => name.startsWith('guide/'));
    expect(guideFiles.map((name) => file(name).split('\n')[0]).sort()).toEqual(
      guideTitles.map((title) => `# ${title}`).sort(),
    );
    expect(written).toHaveLength(3 + guideTitles.length + entries.length);
  });

  it('are what generated/docs/ holds, and the same bytes on every build', async () => {
    for (const name of written)
      expect(await readFile(path.join(GENERATED_DIR, 'docs', name), 'utf8'), name).toBe(file(name));
    const again = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-plain-docs-'));
    try {
      expect(await buildInto(again)).toEqual(written);
      for (const name of written) expect(await readFile(path.join(again, 'docs', name), 'utf8'), name).toBe(file(name));
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('name no loopback address: they are published as they are', () => {
    for (const name of written) expect(LOOPBACK.exec(file(name))?.[0], name).toBeUndefined();
    expect(LOOPBACK.test('curl http://127.0.0.1:4010/api/me'), 'the check sees a loopback URL').toBe(true);
  });
});

describe('the code samples in the markdown are the ones the sample tests run, byte for byte', () => {
  it.each(entries.map((entry) => [operationFile(entry), entry] as const))('%s', (name, entry) => {
    expect(executedSamples(entry).length).toBeGreaterThan(0);
    expect(samplesIn(file(name), entry, 1)).toEqual(executedSamples(entry));
  });

  it('llms-full.txt, for every operation', () => {
    for (const entry of entries)
      expect(samplesIn(file('llms-full.txt'), entry, 3), entry.label).toEqual(executedSamples(entry));
  });

  it('the comparison catches a sample that is one byte off', () => {
    const search = entries.find((entry) => entry.operation.operationId === 'search')!;
    const tampered = file(operationFile(search)).replace('"limit": 5}', '"limit": 6}');
    expect(tampered).not.toBe(file(operationFile(search)));
    expect(samplesIn(tampered, search, 1)).not.toEqual(executedSamples(search));
  });
});

describe('every example body in the markdown is valid against its schema, and is the spec’s', () => {
  it.each(entries.map((entry) => [operationFile(entry), entry] as const))('%s', (name, entry) => {
    const shown = examplesIn(file(name), entry, 1);
    expect(shown).toHaveLength(specExampleCount(entry));
    expect(exampleProblems(shown)).toEqual([]);
  });

  it('llms-full.txt, for every operation', () => {
    for (const entry of entries) {
      const shown = examplesIn(file('llms-full.txt'), entry, 3);
      expect(shown, entry.label).toHaveLength(specExampleCount(entry));
      expect(exampleProblems(shown)).toEqual([]);
    }
  });

  it('the check catches an example that breaks its schema', () => {
    const search = entries.find((entry) => entry.operation.operationId === 'search')!;
    const tampered = file(operationFile(search)).replace('"limit": 5,', '"limit": "five",');
    expect(exampleProblems(examplesIn(tampered, search, 1)).join('\n')).toMatch(
      /Request body "Example: .*SearchRequestFiltered.*": \/limit must be integer/,
    );
  });
});

describe('llms.txt', () => {
  const lines = () => file('llms.txt').split('\n');

  it('follows the llms.txt format: the title, a summary in a blockquote, then sections that list links', () => {
    expect(lines()[0]).toBe(`# ${spec.info.title}`);
    expect(lines().find((line) => line.startsWith('>'))).toBe(`> ${spec.info.summary}`);
    const sections = file('llms.txt').split(/^## /m).slice(1);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) {
      const [, ...body] = section.trim().split('\n');
      for (const line of body.filter(Boolean)) expect(line).toMatch(/^- \[[^\]]+\]\([^)]+\)(: .+)?$/);
    }
    expect(headingsOf(file('llms.txt')).filter((heading) => heading.level === 1)).toHaveLength(1);
  });

  it('says where the API is and how to send the key', () => {
    for (const server of spec.servers) expect(file('llms.txt')).toContain(server.url);
    expect(file('llms.txt')).toContain('Authorization: Bearer YOUR_API_KEY');
  });

  it('has one line, with its link, per operation and per guide section', () => {
    for (const entry of entries) {
      const matching = lines().filter((line) => line.includes(`](${operationFile(entry)})`));
      expect(matching, entry.label).toHaveLength(1);
      expect(matching[0]).toContain(`${entry.method.toUpperCase()} ${entry.path}`);
      expect(matching[0]).toContain(`[${entry.operation.summary}]`);
    }
    for (const title of guideTitles)
      expect(
        lines().filter((line) => line.startsWith(`- [${title}](`)),
        title,
      ).toHaveLength(1);
    expect(lines().filter((line) => line.startsWith('- [Changes](changes.md)'))).toHaveLength(1);
  });

  it('links only to files the build made, and so does every other file', () => {
    expect(links(file('llms.txt')).length).toBeGreaterThanOrEqual(entries.length + guideTitles.length + 2);
    for (const name of written) expect(unresolvedLinks(file(name), name, written), name).toEqual([]);
  });

  it('the link check catches a link to a file the build did not make', () => {
    expect(unresolvedLinks('- [Gone](operations/gone.md)\n- [Up](../llms.txt)\n', 'llms.txt', written)).toEqual([
      'llms.txt: operations/gone.md',
      'llms.txt: ../llms.txt',
    ]);
  });
});

describe('the Changes section', () => {
  /** The releases in CHANGELOG.md, read here rather than by the code under test. */
  async function changelogReleases(): Promise<string[]> {
    const changelog = await readFile(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    return [...changelog.matchAll(/^## (\d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\))$/gm)].map((match) => match[1]!);
  }

  it('lists every release in CHANGELOG.md, newest first, in changes.md and llms-full.txt', async () => {
    const releases = await changelogReleases();
    expect(releases.length).toBeGreaterThan(0);
    expect(
      headingsOf(file('changes.md'))
        .filter((heading) => heading.level === 2)
        .map((heading) => heading.title),
    ).toEqual(releases);
    const full = headingsOf(file('llms-full.txt'));
    const changesAt = full.findIndex((heading) => heading.title === 'Changes');
    expect(full.slice(changesAt + 1, changesAt + 1 + releases.length).map((heading) => heading.title)).toEqual(
      releases,
    );
  });

  it('shows a new release, with what changed, above the ones before it', async () => {
    const changelog = await readFile(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const removedAsc = {
      id: 'request-property-enum-value-removed',
      level: 3,
      operation: 'POST',
      path: '/api/v1/search',
      operationId: 'search',
      text: 'removed the enum value `asc` of the request property `sort/order`',
    };
    const section = changelogSection({
      version: '9.0.0',
      date: '2031-05-04',
      previous: '1.0.0',
      changes: { breaking: [removedAsc], potentiallyBreaking: [], nonBreaking: [] },
    });
    const withRelease = changelog.replace(/^## /m, `${section}\n## `);
    const changes = plainTextDocs(spec, { releases: parseReleases(withRelease) }).get('changes.md')!;
    const titles = headingsOf(changes).map((heading) => heading.title);
    expect(titles.slice(0, 3)).toEqual(['Changes', '9.0.0 (2031-05-04)', 'Breaking changes']);
    expect(titles).toContain((await changelogReleases())[0]);
    expect(changes).toContain(
      '- POST /api/v1/search (search): removed the enum value `asc` of the request property `sort/order`\n',
    );
  });
});

describe('npm run check:generated', () => {
  it('catches a docs file that was edited, one that is missing and one the build no longer makes', async (context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit('generated/docs/llms-full.txt', '# Audioscrape API', '# Audioscrape API (edited)');
    await rm(path.join(copy.dir, 'generated', 'docs', 'operations', 'getMe.md'));
    await writeFile(
      path.join(copy.dir, 'generated', 'docs', 'operations', 'renamedAway.md'),
      '# An operation that is gone\n',
    );
    const { code, output } = await copy.checkGenerated();
    expect(code).not.toBe(0);
    expect(output).toMatch(/generated\/docs\/llms-full\.txt: differs from what the build makes, first at line 1/);
    expect(output).toContain('generated/docs/operations/getMe.md: missing');
    expect(output).toContain('generated/docs/operations/renamedAway.md: no longer made by the build');
  });

  it('passes on the docs as committed', async (context) => {
    const { code, output } = await (await projectCopyForTest(context)).checkGenerated();
    expect(code, output).toBe(0);
    expect(output).toMatch(new RegExp(`and ${written.length} files in docs/`));
  });
});
