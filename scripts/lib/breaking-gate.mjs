// The gate behind `npm run check:breaking` (and the last gate of `npm run check`).
import { assertVersionFitsChanges, compareWithLatestRelease, printChanges } from './breaking.mjs';

export async function checkBreakingChanges() {
  const { baseline, workingVersion, changes } = await compareWithLatestRelease();
  console.log(`Baseline: release ${baseline.version.text}; working spec: ${workingVersion.text}.`);
  printChanges(changes);
  assertVersionFitsChanges({
    baseline,
    version: workingVersion,
    changes,
    acceptHint: (major) =>
      `set info.version to ${major} in openapi/openapi.yaml, and run \`npm run release -- ${major}\` when you publish it.`,
  });
  if (changes.breaking.length > 0) {
    console.log(
      `The breaking change(s) are accepted: the major version went from ${baseline.version.major} to ${workingVersion.major}.`,
    );
  }
  console.log('No unaccepted breaking changes.');
}
