// Build wall time, cold and warm, with each step's share. "Cold" is the first build in a fresh copy
// of the project with an empty generated/; "warm" is the median of the builds that follow in the
// same copy. Each build is a separate `npm run build` process, as a developer would run it.
import { rm } from 'node:fs/promises';
import { copyProjectToTemp, runNpmScript } from '../lib/project-copy.mjs';

export const name = 'build';
export const description = 'npm run build, cold and warm';

const WARM_RUNS = 3;
const STEP_LINE = /^✔ (.+) \((\d+\.\d+) s\)$/gm;

async function timedBuild(cwd) {
  const { code, output, seconds } = await runNpmScript(cwd, 'build');
  if (code !== 0) throw new Error(`npm run build failed in ${cwd}:\n${output}`);
  const steps = [...output.matchAll(STEP_LINE)].map((match) => ({ name: match[1], seconds: Number(match[2]) }));
  return { seconds, steps };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run() {
  const dir = await copyProjectToTemp({ prefix: 'audioscrape-bench-build-', withGenerated: false });
  try {
    const cold = await timedBuild(dir);
    const warm = [];
    for (let index = 0; index < WARM_RUNS; index += 1) warm.push(await timedBuild(dir));
    const typical = warm.find((build) => build.seconds === median(warm.map((each) => each.seconds)));
    const stepTotal = typical.steps.reduce((sum, each) => sum + each.seconds, 0);
    return [
      { metric: 'build wall time, cold', value: `${cold.seconds.toFixed(2)} s` },
      { metric: `build wall time, warm (median of ${WARM_RUNS})`, value: `${typical.seconds.toFixed(2)} s` },
      ...typical.steps.map((each) => ({
        metric: `  warm step: ${each.name}`,
        value: `${each.seconds.toFixed(2)} s (${Math.round((each.seconds / stepTotal) * 100)}%)`,
      })),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
