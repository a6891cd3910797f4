// The breaking-change gate, proven with fixture pairs: the base is the bundled spec as committed
// (stored as the release in a copy of the project), the revision is the same spec with one change.
// Breaking changes fail `npm run check:breaking` unless the major version was raised; others pass and
// are listed. `npm run release` refuses a version that does not fit and records one that does.
// `npm run` itself runs the gate on the released spec and makes the release. Each change is planted in
// a spec fixture (support/spec-fixture.ts) beside its own releases/ folder, and judged by the gate's
// own function, checkBreakingChanges, with its failure printed as the command prints it: the same
// bundle, the same oasdiff run and the same verdict, without a project copy or a script process.
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBreakingChanges } from '../../scripts/lib/breaking-gate.mjs';
import { findOasdiff, installInstructions } from '../../scripts/lib/oasdiff.mjs';
import { BUNDLED_SPEC_JSON } from '../../scripts/lib/paths.mjs';
import { inlineJson } from '../support/docs-page.js';
import { runGateInProcess } from '../support/in-process-gate.js';
import { loadBundledSpec, operations } from '../support/openapi.js';
import { projectCopyForTest, type ProjectCopy } from '../support/project-copy.js';
import { type SpecFixture, specFixtureForTest } from '../support/spec-fixture.js';

// oasdiff comes with `npm install` on Linux x64 only; elsewhere a developer installs it
// (guides/setup.md). Without it these tests say so and are skipped, except under CI=true, where they must run.
const oasdiff = findOasdiff();
const oasdiffMissing: string | null = oasdiff
  ? null
  : `no oasdiff for ${process.platform}-${process.arch} (install it: ${installInstructions()})`;
const requiredHere = process.env.CI === 'true';
const skipped = Boolean(oasdiffMissing) && !requiredHere;
if (skipped) console.warn(`\n⚠ ${oasdiffMissing}: the breaking-change gate tests are SKIPPED.\n`);

const releasedVersion: string = loadBundledSpec().info.version;
const entries = operations(loadBundledSpec());
const nextMajor = `${Number(releasedVersion.split('.')[0]) + 1}.0.0`;

/** A copy whose only release is the spec exactly as committed, so each test controls the diff. */
async function copyWithBaseline(context: Parameters<typeof projectCopyForTest>[0]): Promise<ProjectCopy> {
  const copy = await projectCopyForTest(context);
  const releases = path.join(copy.dir, 'releases');
  for (const file of await readdir(releases).catch(() => [])) await rm(path.join(releases, file));
  await mkdir(releases, { recursive: true });
  await copyFile(path.join(copy.dir, 'generated', 'openapi.json'), path.join(releases, `${releasedVersion}.json`));
  return copy;
}

/** A spec fixture whose releases/ folder holds only the spec exactly as committed. */
async function fixtureWithBaseline(
  context: Parameters<typeof specFixtureForTest>[0],
): Promise<{ fixture: SpecFixture; releasesDir: string }> {
  const fixture = await specFixtureForTest(context);
  const releasesDir = path.join(fixture.dir, 'releases');
  await mkdir(releasesDir);
  await copyFile(BUNDLED_SPEC_JSON, path.join(releasesDir, `${releasedVersion}.json`));
  return { fixture, releasesDir };
}

/** What `npm run check:breaking` decides and prints for the fixture, from the gate's own function. */
function checkFixture({ fixture, releasesDir }: { fixture: SpecFixture; releasesDir: string }) {
  return runGateInProcess((output) => checkBreakingChanges({ specPath: fixture.specPath, releasesDir, ...output }));
}

/** A spec fixture or a project copy: where a change is planted. */
type Editable = Pick<ProjectCopy, 'edit'>;

const SEARCH_META = 'openapi/components/schemas/SearchMeta.yaml';
const ALERT_REQUEST = 'openapi/components/schemas/CreateKeywordAlertRequest.yaml';
const SEARCH_REQUEST = 'openapi/components/schemas/SearchRequest.yaml';

async function removeHasMore(copy: Editable) {
  await copy.edit(SEARCH_META, '  - has_more\n', '');
  await copy.edit(SEARCH_META, /  has_more:\n(?: {4}.*\n)+/, '');
}

interface ChangeCase {
  name: string;
  apply: (copy: Editable) => Promise<void>;
  /** oasdiff's rule id, and where the change is. */
  rule: string;
  where: string;
}

const BREAKING: ChangeCase[] = [
  {
    name: 'removing a required response property',
    apply: removeHasMore,
    rule: 'response-required-property-removed',
    where: 'POST /api/v1/search (search)',
  },
  {
    name: 'adding a required request field',
    apply: async (copy) => {
      await copy.edit(ALERT_REQUEST, 'required:\n  - search_term\n', 'required:\n  - search_term\n  - language\n');
      await copy.edit(
        ALERT_REQUEST,
        'properties:\n',
        'properties:\n  language:\n    type: string\n    enum: [en, de]\n',
      );
    },
    rule: 'new-required-request-property',
    where: 'POST /api/notifications (createNotification)',
  },
  {
    // oasdiff rates this non-breaking (the server could fill the default in); a client that leaves
    // a required field out gets 400 all the same.
    name: 'making a defaulted request field required',
    apply: (copy) => copy.edit(SEARCH_REQUEST, 'required:\n  - query\n', 'required:\n  - query\n  - limit\n'),
    rule: 'request-property-became-required-with-default',
    where: 'POST /api/v1/search (search)',
  },
  {
    // oasdiff rates this "potentially breaking"; the object is closed, so clients still sending it get 400.
    name: 'removing an optional property from a closed request object',
    apply: (copy) => copy.edit(SEARCH_REQUEST, /  sort:\n(?: {4}.*\n)+/, ''),
    rule: 'request-property-removed',
    where: 'POST /api/v1/search (search)',
  },
  {
    name: 'removing a property from a closed object nested in a request',
    apply: (copy) => copy.edit('openapi/components/schemas/SearchFilters.yaml', /  speakers:\n(?: {4}.*\n)+/, ''),
    rule: 'request-property-removed',
    where: 'POST /api/v1/search (search)',
  },
  {
    name: 'narrowing an enum',
    apply: (copy) =>
      copy.edit('openapi/components/schemas/SearchSort.yaml', '      - desc\n      - asc\n', '      - desc\n'),
    rule: 'request-property-enum-value-removed',
    where: 'POST /api/v1/search (search)',
  },
  {
    name: 'removing an operation',
    apply: (copy) => copy.edit('openapi/openapi.yaml', '  /api/me:\n    $ref: paths/api_me.yaml\n', ''),
    rule: 'api-path-removed-without-deprecation',
    where: 'GET /api/me (getMe)',
  },
];

const NON_BREAKING: ChangeCase[] = [
  {
    name: 'adding an optional request field',
    apply: (copy) =>
      copy.edit(
        ALERT_REQUEST,
        'properties:\n',
        'properties:\n  label:\n    type: string\n    maxLength: 100\n    pattern: \\S\n',
      ),
    rule: 'new-optional-request-property',
    where: 'POST /api/notifications (createNotification)',
  },
  {
    name: 'adding an operation',
    apply: (copy) =>
      copy.edit(
        'openapi/paths/api_notifications_{id}.yaml',
        'delete:\n',
        "get:\n  operationId: getNotification\n  summary: Get one keyword alert\n  responses:\n    '200':\n      description: The alert.\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/KeywordAlert.yaml\ndelete:\n",
      ),
    rule: 'endpoint-added',
    where: 'GET /api/notifications/{id} (getNotification)',
  },
];

describe('oasdiff for the breaking-change gate', () => {
  it.skipIf(skipped)(
    oasdiff
      ? `is at ${oasdiff.file} (${oasdiff.source})`
      : skipped
        ? `is installed (SKIPPED: ${oasdiffMissing}; required when CI=true)`
        : 'is installed, as CI=true requires',
    () => {
      if (oasdiffMissing) throw new Error(`${oasdiffMissing}, and CI=true requires it.`);
    },
  );
});

describe.skipIf(skipped)(
  skipped ? `npm run check:breaking (SKIPPED: ${oasdiffMissing})` : 'npm run check:breaking',
  { concurrent: true },
  () => {
    it('passes on the spec as released', async (context) => {
      const { code, output } = await (await copyWithBaseline(context)).run('check:breaking');
      expect(code, output).toBe(0);
      expect(output).toContain(`Baseline: release ${releasedVersion}; working spec: ${releasedVersion}.`);
      expect(output).toContain('0 breaking');
    });

    it.for(BREAKING)('fails on $name, naming the change and how to accept it', async (change, context) => {
      const planted = await fixtureWithBaseline(context);
      await change.apply(planted.fixture);
      const { code, output } = await checkFixture(planted);
      expect(code).not.toBe(0);
      expect(output).toMatch(
        new RegExp(`BREAKING\\s+${change.where.replace(/[()/{}]/g, '\\$&')}: .*\\[${change.rule}\\]`),
      );
      expect(output).toContain(`breaking change(s) since ${releasedVersion} without a major version bump`);
      expect(output).toContain(`set info.version to ${nextMajor} in openapi/openapi.yaml`);
    });

    it.for(NON_BREAKING)('passes on $name, and lists it', async (change, context) => {
      const planted = await fixtureWithBaseline(context);
      await change.apply(planted.fixture);
      const { code, output } = await checkFixture(planted);
      expect(code, output).toBe(0);
      expect(output).toMatch(
        new RegExp(`non-breaking\\s+${change.where.replace(/[()/{}]/g, '\\$&')}: .*\\[${change.rule}\\]`),
      );
    });

    it('passes a breaking change when the major version was raised', async (context) => {
      const planted = await fixtureWithBaseline(context);
      await removeHasMore(planted.fixture);
      await planted.fixture.edit(
        'openapi/openapi.yaml',
        `  version: ${releasedVersion}\n`,
        `  version: ${nextMajor}\n`,
      );
      const { code, output } = await checkFixture(planted);
      expect(code, output).toBe(0);
      expect(output).toMatch(/BREAKING\s+POST \/api\/v1\/search \(search\): .*\[response-required-property-removed\]/);
      expect(output).toContain(
        `The breaking change(s) are accepted: the major version went from ${releasedVersion.split('.')[0]} to ${nextMajor.split('.')[0]}.`,
      );
    });
  },
);

describe.skipIf(skipped)(
  skipped ? `npm run release (SKIPPED: ${oasdiffMissing})` : 'npm run release',
  { concurrent: true },
  () => {
    it('refuses a breaking change without a major bump, and changes nothing', async (context) => {
      const copy = await copyWithBaseline(context);
      await copy.edit('openapi/components/schemas/SearchSort.yaml', '      - desc\n      - asc\n', '      - desc\n');
      const minor = releasedVersion.replace(
        /^(\d+)\.(\d+)\.\d+$/,
        (_, major, minorPart) => `${major}.${Number(minorPart) + 1}.0`,
      );
      const sourceBefore = await readFile(path.join(copy.dir, 'openapi', 'openapi.yaml'), 'utf8');
      const { code, output } = await copy.runScript('release', minor);
      expect(code).not.toBe(0);
      expect(output).toContain(`without a major version bump (working version ${minor})`);
      expect(output).toContain(`npm run release -- ${nextMajor}`);
      expect(await readFile(path.join(copy.dir, 'openapi', 'openapi.yaml'), 'utf8')).toBe(sourceBefore);
      expect(await readdir(path.join(copy.dir, 'releases'))).toEqual([`${releasedVersion}.json`]);
    });

    it('makes the first release, with nothing to compare against, listing every operation in the changelog', async (context) => {
      const copy = await projectCopyForTest(context);
      await rm(path.join(copy.dir, 'releases'), { recursive: true, force: true });
      const { code, output } = await copy.runScript('release', nextMajor);
      expect(code, output).toBe(0);
      expect(output).toContain('No earlier release: this is the first one.');
      expect(await readdir(path.join(copy.dir, 'releases'))).toEqual([`${nextMajor}.json`]);
      const changelog = await readFile(path.join(copy.dir, 'CHANGELOG.md'), 'utf8');
      const section = changelog.slice(
        changelog.indexOf(`## ${nextMajor} (`),
        changelog.indexOf(`## ${releasedVersion} (`),
      );
      const listed = entries.map(({ method, path: route }) => `\`${method.toUpperCase()} ${route}\``);
      expect(section).toContain(`First release of the contract, with ${entries.length} operations:`);
      for (const operation of listed) expect(section).toContain(operation);
      // The docs' Changes section shows it, from the same build.
      const changes = await readFile(path.join(copy.dir, 'generated', 'docs', 'changes.md'), 'utf8');
      expect(changes).toContain(`First release of the contract, with ${entries.length} operations:`);
    });

    it('stops at a spec that fails the lint, and puts back every file it edited', async (context) => {
      const copy = await copyWithBaseline(context);
      // No API change (a patch release fits), but an example its schema refuses: both linters fail it.
      await copy.edit('openapi/components/examples/SearchResponseHits.yaml', 'took_ms: 38', 'took_ms: fast');
      const patch = releasedVersion.replace(/\.(\d+)$/, (_, number) => `.${Number(number) + 1}`);
      const edited = ['openapi/openapi.yaml', 'package.json', 'CHANGELOG.md', 'generated/openapi.json'];
      const before = await Promise.all(edited.map((file) => readFile(path.join(copy.dir, file), 'utf8')));
      const { code, output } = await copy.runScript('release', patch);
      expect(code, output).not.toBe(0);
      expect(output).toMatch(/no-invalid-media-type-examples/);
      expect(output).toContain(
        'Release stopped: openapi/openapi.yaml, package.json and CHANGELOG.md put back as they were.',
      );
      const after = await Promise.all(edited.map((file) => readFile(path.join(copy.dir, file), 'utf8')));
      expect(after).toEqual(before);
      expect(await readdir(path.join(copy.dir, 'releases'))).toEqual([`${releasedVersion}.json`]);
    });

    it('releases a breaking change as a new major: baseline, versions, changelog, the docs’ Changes section, and the gates pass after', async (context) => {
      const copy = await copyWithBaseline(context);
      await copy.edit('openapi/components/schemas/SearchSort.yaml', '      - desc\n      - asc\n', '      - desc\n');
      const { code, output } = await copy.run('release', nextMajor);
      expect(code, output).toBe(0);

      const released = JSON.parse(await readFile(path.join(copy.dir, 'releases', `${nextMajor}.json`), 'utf8'));
      expect(released.info.version).toBe(nextMajor);
      expect(released.components.schemas.SearchSort.properties.order.enum).toEqual(['desc']);
      expect(JSON.parse(await readFile(path.join(copy.dir, 'package.json'), 'utf8')).version).toBe(nextMajor);
      const changelog = await readFile(path.join(copy.dir, 'CHANGELOG.md'), 'utf8');
      const section = changelog.slice(changelog.indexOf(`## ${nextMajor} (`));
      expect(section).toMatch(
        /### Breaking changes\n\n- POST \/api\/v1\/search \(search\): removed the enum value `asc` of the request property `sort\/order`/,
      );

      // The docs' Changes section shows the release: in the markdown and on the page.
      const heading = section.split('\n')[0]!.slice('## '.length);
      expect(output).toMatch(
        new RegExp(`✔ add the ${nextMajor.replace(/\./g, '\\.')} section to CHANGELOG\\.md[^]*\\nBuilt generated/`),
      );
      const docs = path.join(copy.dir, 'generated', 'docs');
      const changes = await readFile(path.join(docs, 'changes.md'), 'utf8');
      expect(
        changes.indexOf(
          `## ${heading}\n\n### Breaking changes\n\n- POST /api/v1/search (search): removed the enum value \`asc\``,
        ),
      ).toBeGreaterThan(0);
      expect(changes.indexOf(`## ${heading}`)).toBeLessThan(changes.indexOf(`## ${releasedVersion} (`));
      expect(await readFile(path.join(docs, 'llms-full.txt'), 'utf8')).toContain(`### ${heading}\n`);
      const definition = inlineJson(await readFile(path.join(docs, 'index.html'), 'utf8'), '__redoc_definition');
      expect(definition.info.description).toContain(`\n## ${heading}\n\n### Breaking changes\n`);

      const after = await copy.runScript('check:breaking');
      expect(after.code, after.output).toBe(0);
      expect(after.output).toContain(`Baseline: release ${nextMajor}; working spec: ${nextMajor}.`);
      const drift = await copy.checkGenerated();
      expect(drift.code, drift.output).toBe(0);
    });
  },
);
