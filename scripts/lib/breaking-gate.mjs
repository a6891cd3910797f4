// The gate behind `npm run check:breaking` (and the last gate of `npm run check`).
import { assertVersionFitsChanges, compareWithLatestRelease, printChanges } from './breaking.mjs';

/**
 * @param {{ specPath?: string, releasesDir?: string, out?: NodeJS.WritableStream, print?: (line: string) => void }} [options]
 *   another spec and releases folder (the tests' spec fixtures), and where the lines go
 */
export async function checkBreakingChanges({ specPath, releasesDir, out, print = (line) => console.log(line) } = {}) {
  const { baseline, workingVersion, changes } = await compareWithLatestRelease({ specPath, releasesDir, out });
  print(`Baseline: release ${baseline.version.text}; working spec: ${workingVersion.text}.`);
  printChanges(changes, print);
  assertVersionFitsChanges({
    baseline,
    version: workingVersion,
    changes,
    acceptHint: (major) =>
      `set info.version to ${major} in openapi/openapi.yaml, and run \`npm run release -- ${major}\` when you publish it.`,
  });
  if (changes.breaking.length > 0) {
    print(
      `The breaking change(s) are accepted: the major version went from ${baseline.version.major} to ${workingVersion.major}.`,
    );
  }
  print('No unaccepted breaking changes.');
}
