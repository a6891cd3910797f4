// Build wall time, cold and warm, with each step's share. "Cold" is the first build in a fresh copy
// of the project with an empty generated/; "warm" is the median of the builds that follow in the
// same copy. Each build is a separate `npm run build` process, as a developer would run it.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../lib/steps.mjs';

export const name = 'build';
export const description = 'npm run build, cold and warm';

const WARM_RUNS = 3;
const PROJECT_ENTRIES = ['openapi', 'src', 'scripts', 'redocly.yaml', '.spectral.yaml', 'package.json', 'tsconfig.json'];
const STEP_LINE = /^✔ (.+) \((\d+\.\d+) s\)$/gm;

async function freshProjectCopy() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-bench-build-'));
  for (const entry of PROJECT_ENTRIES) await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function timedBuild(cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`npm run build failed in ${cwd}:\n${output}`));
      const steps = [...output.matchAll(STEP_LINE)].map((match) => ({ name: match[1], seconds: Number(match[2]) }));
      resolve({ seconds: (performance.now() - started) / 1000, steps });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run() {
  const dir = await freshProjectCopy();
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
