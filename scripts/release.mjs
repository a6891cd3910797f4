// npm run release -- <version>
// Releases the working spec as <version>: refuses a version that does not fit the changes since
// the last release (a breaking change needs a major bump), sets info.version and package.json's
// version, rebuilds generated/, stores the bundled spec as releases/<version>.json (the next
// baseline), adds a section generated from the diff to CHANGELOG.md, and rebuilds the docs so their
// Changes section shows it.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertVersionFitsChanges, compareWithLatestRelease, latestRelease, printChanges } from './lib/breaking.mjs';
import { buildAll } from './lib/build-all.mjs';
import { addToChangelog, changelogSection } from './lib/changelog.mjs';
import { buildDocs, buildPlainTextDocs } from './lib/generate.mjs';
import { listOperations } from './lib/docs/operation-markdown.mjs';
import { lintWithRedocly, lintWithSpectral } from './lib/lint.mjs';
import { compareVersions, parseVersion } from './lib/semver.mjs';
import { exitWithFailure, parseOptions, step, StepFailure } from './lib/steps.mjs';
import { ROOT, SOURCE_SPEC, RELEASES_DIR, PACKAGE_JSON, CHANGELOG, GENERATED_DIR } from './lib/paths.mjs';

const USAGE = 'npm run release -- <MAJOR.MINOR.PATCH>';
const INFO_VERSION_LINE = /^(info:\n(?: {2}.*\n)*? {2}version: ).*$/m;

async function setInfoVersion(version) {
  const source = await readFile(SOURCE_SPEC, 'utf8');
  if (!INFO_VERSION_LINE.test(source))
    throw new StepFailure('Could not find `version:` under `info:` in openapi/openapi.yaml.');
  await writeFile(SOURCE_SPEC, source.replace(INFO_VERSION_LINE, `$1${version}`));
}

async function setPackageVersion(version) {
  const manifest = JSON.parse(await readFile(PACKAGE_JSON, 'utf8'));
  manifest.version = version;
  await writeFile(PACKAGE_JSON, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Runs `work`; if it fails, puts `files` back as they were, so a failed release changes nothing. */
async function withRollback(files, work) {
  const originals = await Promise.all(files.map((file) => readFile(file)));
  try {
    await work();
  } catch (error) {
    await Promise.all(files.map((file, index) => writeFile(file, originals[index])));
    console.error(
      `Release stopped: ${files.map((file) => path.relative(ROOT, file)).join(' and ')} put back as they were.`,
    );
    throw error;
  }
}

async function planRelease(version) {
  const baseline = await latestRelease();
  if (!baseline) {
    console.log('No earlier release: this is the first one.');
    return { previous: null, changes: null };
  }
  if (compareVersions(version, baseline.version) <= 0) {
    throw new StepFailure(`${version.text} is not newer than the last release, ${baseline.version.text}.`, {
      hint: `Pick a version above ${baseline.version.text}.`,
    });
  }
  const { changes } = await compareWithLatestRelease();
  printChanges(changes);
  assertVersionFitsChanges({ baseline, version, changes, acceptHint: (major) => `npm run release -- ${major}` });
  return { previous: baseline.version.text, changes };
}

async function release() {
  const { positionals } = parseOptions({}, USAGE);
  if (positionals.length !== 1) throw new StepFailure('Give the version to release.', { hint: `Usage: ${USAGE}` });
  const version = parseVersion(positionals[0], 'The release version');
  const plan = await planRelease(version);
  // Lint before touching anything, so a spec that cannot be built is refused with nothing changed.
  await step('lint: Redocly', () => lintWithRedocly());
  await step('lint: Spectral (spectral:oas + OWASP)', () => lintWithSpectral());

  await withRollback([SOURCE_SPEC, PACKAGE_JSON], async () => {
    await step(`set info.version and package.json version to ${version.text}`, async () => {
      await setInfoVersion(version.text);
      await setPackageVersion(version.text);
    });
    await buildAll();
  });
  const baselineFile = path.join(RELEASES_DIR, `${version.text}.json`);
  await step(`store the released spec as ${path.relative(ROOT, baselineFile)}`, async () => {
    await mkdir(RELEASES_DIR, { recursive: true });
    await copyFile(path.join(GENERATED_DIR, 'openapi.json'), baselineFile);
  });
  await step(`add the ${version.text} section to ${path.relative(ROOT, CHANGELOG)}`, async () => {
    const released = JSON.parse(await readFile(baselineFile, 'utf8'));
    const operations = listOperations(released).map(({ method, path: route, operation }) => ({
      summary: operation.summary ?? operation.operationId,
      method,
      path: route,
    }));
    const date = new Date().toISOString().slice(0, 10);
    await addToChangelog(
      changelogSection({
        version: version.text,
        date,
        previous: plan.previous,
        changes: plan.changes,
        firstRelease: plan.changes ? null : operations,
      }),
    );
  });
  await step(`docs: add ${version.text} to the Changes section (generated/docs/)`, async () => {
    await buildPlainTextDocs();
    await buildDocs();
  });
  console.log(
    `\nReleased ${version.text}. Commit openapi/, generated/, package.json and CHANGELOG.md, then tag v${version.text}.`,
  );
}

release().catch(exitWithFailure);
