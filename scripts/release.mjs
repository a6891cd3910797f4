// npm run release -- <version>
// Releases the working spec as <version>: refuses a version that does not fit the changes since
// the last release (a breaking change needs a major bump), sets info.version and package.json's
// version, adds a section generated from the diff to CHANGELOG.md, rebuilds generated/ (whose docs'
// Changes section then shows it), and stores the bundled spec as releases/<version>.json (the next
// baseline). The build lints first; if it fails, the three edited files are put back as they were.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertVersionFitsChanges, compareWithLatestRelease, latestRelease, printChanges } from './lib/breaking.mjs';
import { buildAll } from './lib/build-all.mjs';
import { addToChangelog, changelogSection } from './lib/changelog.mjs';
import { bundleDocument } from './lib/generate.mjs';
import { listOperations } from './lib/docs/operation-markdown.mjs';
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

/** "a", "a and b", "a, b and c". */
const listInWords = (names) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * Runs `work`; if it fails, puts `files` back as they were (one that did not exist is removed), so
 * a failed release changes nothing.
 */
async function withRollback(files, work) {
  const originals = await Promise.all(files.map((file) => readFile(file).catch(() => null)));
  try {
    await work();
  } catch (error) {
    await Promise.all(
      files.map((file, index) =>
        originals[index] === null ? rm(file, { force: true }) : writeFile(file, originals[index]),
      ),
    );
    console.error(
      `Release stopped: ${listInWords(files.map((file) => path.relative(ROOT, file)))} put back as they were.`,
    );
    throw error;
  }
}

/** The operations of the working spec, for the first release's section: the list of what it offers. */
async function operationsOfWorkingSpec() {
  const document = JSON.parse((await bundleDocument()).json);
  return listOperations(document).map(({ method, path: route, operation }) => ({
    summary: operation.summary ?? operation.operationId,
    method,
    path: route,
  }));
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

  await withRollback([SOURCE_SPEC, PACKAGE_JSON, CHANGELOG], async () => {
    await step(`set info.version and package.json version to ${version.text}`, async () => {
      await setInfoVersion(version.text);
      await setPackageVersion(version.text);
    });
    // Before the build, so the one build puts the release in the docs' Changes section too.
    await step(`add the ${version.text} section to ${path.relative(ROOT, CHANGELOG)}`, async () => {
      await addToChangelog(
        changelogSection({
          version: version.text,
          date: new Date().toISOString().slice(0, 10),
          previous: plan.previous,
          changes: plan.changes,
          firstRelease: plan.changes ? null : await operationsOfWorkingSpec(),
        }),
      );
    });
    // A spec that fails a lint stops the release here: the build writes nothing, and the files
    // above are put back.
    await buildAll();
  });
  const baselineFile = path.join(RELEASES_DIR, `${version.text}.json`);
  await step(`store the released spec as ${path.relative(ROOT, baselineFile)}`, async () => {
    await mkdir(RELEASES_DIR, { recursive: true });
    await copyFile(path.join(GENERATED_DIR, 'openapi.json'), baselineFile);
  });
  console.log(
    `\nReleased ${version.text}. Commit openapi/, generated/, package.json and CHANGELOG.md, then tag v${version.text}.`,
  );
}

release().catch(exitWithFailure);
