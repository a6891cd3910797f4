// The breaking-change gate: compare the working spec with the last released one using oasdiff
// (offline, telemetry off) and sort every change into breaking, potentially breaking and
// non-breaking, raising the request changes oasdiff under-rates (breaking-rules.mjs). Shared by
// `npm run check:breaking`, `npm run release` and `npm run check`.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyBreakingRules } from './breaking-rules.mjs';
import { bundleSpec } from './generate.mjs';
import { compareVersions, nextMajor, parseVersion } from './semver.mjs';
import { OASDIFF_PATH_VARIABLE, requireOasdiff } from './oasdiff.mjs';
import { QUIET_TOOL_ENV, step, StepFailure } from './steps.mjs';
import { RELEASES_DIR, SOURCE_SPEC } from './paths.mjs';
import { runProcess } from './processes.mjs';

const LEVELS = { 3: 'BREAKING', 2: 'POTENTIALLY BREAKING', 1: 'non-breaking' };

/** The released spec with the highest version in releases/, or null before the first release. */
export async function latestRelease(releasesDir = RELEASES_DIR) {
  const files = (await readdir(releasesDir).catch(() => [])).filter((file) => /^\d+\.\d+\.\d+\.json$/.test(file));
  if (files.length === 0) return null;
  const releases = files.map((file) => ({
    file: path.join(releasesDir, file),
    version: parseVersion(file.replace(/\.json$/, ''), `releases/${file}`),
  }));
  return releases.sort((a, b) => compareVersions(b.version, a.version))[0];
}

/**
 * Every change from `baseFile` to `revisionFile`, as oasdiff's changelog reports it.
 * @param {string} baseFile
 * @param {string} revisionFile
 * @param {string} oasdiffFile the oasdiff binary to run (see oasdiff.mjs: requireOasdiff)
 */
export function oasdiffChangelog(baseFile, revisionFile, oasdiffFile) {
  const run = runProcess(oasdiffFile, ['changelog', baseFile, revisionFile, '--format', 'json'], {
    env: QUIET_TOOL_ENV,
  });
  return run.then(
    ({ code, stdout, stderr }) => {
      if (code !== 0) throw new StepFailure(`oasdiff failed (exit ${code}).`, { details: stderr || stdout });
      try {
        return JSON.parse(stdout || '[]');
      } catch {
        throw new StepFailure('oasdiff printed something that is not JSON.', { details: stdout.slice(0, 2000) });
      }
    },
    (error) => {
      throw new StepFailure(`Could not run oasdiff (${oasdiffFile}): ${error.message}`, {
        hint: `Check that it is an oasdiff binary built for this machine, or point ${OASDIFF_PATH_VARIABLE} at one.`,
      });
    },
  );
}

export function describeChange(change) {
  const where = change.path
    ? `${change.operation ?? ''} ${change.path}${change.operationId ? ` (${change.operationId})` : ''}`.trim()
    : (change.section ?? 'spec');
  return `${(LEVELS[change.level] ?? `level ${change.level}`).padEnd(20)}  ${where}: ${change.text}  [${change.id}]`;
}

export function splitByLevel(changes) {
  return {
    breaking: changes.filter((change) => change.level >= 3),
    potentiallyBreaking: changes.filter((change) => change.level === 2),
    nonBreaking: changes.filter((change) => change.level <= 1),
  };
}

function describeSource({ file, source }) {
  return source === 'PATH' || source === OASDIFF_PATH_VARIABLE ? `${source}: ${file}` : source;
}

/**
 * Bundles the working spec and diffs it against the latest release. Resolves with the baseline,
 * the working version, the changes and the bundled working spec (for `release` to store).
 * The options point it at another spec and releases folder (the tests' spec fixtures), and send
 * its step lines elsewhere than stdout.
 * @param {{ specPath?: string, releasesDir?: string, out?: NodeJS.WritableStream }} [options]
 */
export async function compareWithLatestRelease({ specPath = SOURCE_SPEC, releasesDir = RELEASES_DIR, out } = {}) {
  const baseline = await latestRelease(releasesDir);
  if (!baseline) {
    throw new StepFailure('There is no released baseline in releases/ to compare with.', {
      hint: 'Make the first release: npm run release -- <version>',
    });
  }
  // Found first, so a machine without oasdiff learns it before waiting for the bundle.
  const oasdiff = requireOasdiff();
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-breaking-'));
  try {
    await step('bundle the working spec', () => bundleSpec(scratchDir, specPath), { out });
    const workingFile = path.join(scratchDir, 'openapi.json');
    const working = JSON.parse(await readFile(workingFile, 'utf8'));
    const workingVersion = parseVersion(working.info?.version, 'info.version in openapi/openapi.yaml');
    const { result: reported } = await step(
      `diff against releases/${path.basename(baseline.file)} with oasdiff (${describeSource(oasdiff)})`,
      () => oasdiffChangelog(baseline.file, workingFile, oasdiff.file),
      { out },
    );
    // oasdiff's levels, with the two request holes it leaves closed (see breaking-rules.mjs).
    const changes = applyBreakingRules(reported, JSON.parse(await readFile(baseline.file, 'utf8')));
    return { baseline, workingVersion, working, changes: splitByLevel(changes), allChanges: changes };
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

export function printChanges({ breaking, potentiallyBreaking, nonBreaking }, print = (line) => console.log(line)) {
  print(
    `${breaking.length} breaking, ${potentiallyBreaking.length} potentially breaking, ${nonBreaking.length} non-breaking change(s).`,
  );
  for (const change of [...breaking, ...potentiallyBreaking, ...nonBreaking]) print(`  ${describeChange(change)}`);
}

/** Throws unless the working version may carry these changes: breaking ones need a major bump. */
export function assertVersionFitsChanges({ baseline, version, changes, acceptHint }) {
  if (compareVersions(version, baseline.version) < 0) {
    throw new StepFailure(`info.version ${version.text} is lower than the last release, ${baseline.version.text}.`, {
      hint: `Set info.version in openapi/openapi.yaml to ${baseline.version.text} or higher.`,
    });
  }
  if (changes.breaking.length > 0 && version.major <= baseline.version.major) {
    throw new StepFailure(
      `${changes.breaking.length} breaking change(s) since ${baseline.version.text} without a major version bump (working version ${version.text}).`,
      {
        details: changes.breaking.map((change) => `  ${describeChange(change)}`).join('\n'),
        hint: `Undo the change(s) above, or accept them as a new major version: ${acceptHint(nextMajor(baseline.version))}`,
      },
    );
  }
}
