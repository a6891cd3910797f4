// The gates on the code itself (the spec has its own, in lint.mjs, drift.mjs and breaking-gate.mjs):
// Biome's formatter and linter, and tsc over src/, test/ and scripts/. Each fails with the tool's
// own findings and says what to run.
import path from 'node:path';
import { runTool, StepFailure, withoutToolNoise } from './steps.mjs';
import { ROOT } from './paths.mjs';

/** The two type-checks: the TypeScript (src/, test/) and the scripts (JavaScript typed by JSDoc). */
export const TSCONFIGS = ['tsconfig.json', path.join('scripts', 'tsconfig.json')];

const output = ({ stdout, stderr }) => withoutToolNoise(`${stdout}\n${stderr}`);

/** @param {{ root?: string }} [options] the project to check (a copy, in the tests) */
export async function checkFormat({ root = ROOT } = {}) {
  const result = await runTool('biome', ['format', '--colors=off', '.'], { cwd: root });
  if (result.code !== 0) {
    throw new StepFailure('Some files are not formatted the way biome.jsonc says.', {
      details: output(result),
      hint: 'Run `npm run format` (it rewrites them), then commit the result.',
    });
  }
}

/** @param {{ root?: string }} [options] */
export async function lintCode({ root = ROOT } = {}) {
  const result = await runTool('biome', ['lint', '--colors=off', '--error-on-warnings', '.'], { cwd: root });
  if (result.code !== 0) {
    throw new StepFailure("Biome's linter found problems in the code.", {
      details: output(result),
      hint: 'Fix each one it names (`npx biome lint --write .` applies the safe fixes); switch a rule off in biome.jsonc only with a one-line reason.',
    });
  }
}

/** @param {{ root?: string }} [options] */
export async function typeCheck({ root = ROOT } = {}) {
  const results = await Promise.all(
    // The two run side by side, so each keeps to one thread (tsc's own threads cost more CPU than they save).
    TSCONFIGS.map((config) =>
      runTool('tsc', ['--noEmit', '--pretty', 'false', '--singleThreaded', '-p', config], { cwd: root }),
    ),
  );
  const failed = results.filter((result) => result.code !== 0);
  if (failed.length > 0) {
    throw new StepFailure('tsc found type errors.', {
      details: failed.map(output).join('\n'),
      hint: 'Fix each error it names; `npm run typecheck` runs this gate alone.',
    });
  }
}
