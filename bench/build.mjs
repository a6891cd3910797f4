// npm run build, as a developer meets it, in a fresh copy of the project (generated/ as committed, the
// build cache empty: a fresh clone after `npm ci`). Each build is its own `npm run build` process.
//   cold: the first build, nothing in the cache;
//   saved, not changed: a spec file saved with the same bytes, then a build: every step from the cache;
//   no-op: the builds that follow with nothing changed (median of 3): they stop at the build's stamp;
//   description edit: one schema description reworded, then a build: which steps ran again.
// The copy's build cache is a folder of its own (AUDIOSCRAPE_BUILD_CACHE), so the project's own cache
// cannot make the cold build look warm.
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyProjectToTemp, runNpmScript } from '../scripts/lib/project-copy.mjs';
import { median } from './lib/measure.mjs';

export const name = 'build';
export const description = 'npm run build: cold, with nothing changed, and after a one-line description edit';

const NO_OP_RUNS = 3;
const STEP_LINE = /^✔ (.+?) \((\d+\.\d+) s\)( · cached)?(?: · (.+))?$/gm;
const EDITED_FILE = path.join('openapi', 'components', 'schemas', 'SearchTerm.yaml');
/** @type {[string, string]} */
const EDIT = ['description: The words to watch for', 'description: The words to look out for'];

async function timedBuild(cwd, env) {
  const { code, output, seconds } = await runNpmScript(cwd, 'build', [], { env });
  if (code !== 0) throw new Error(`npm run build failed in ${cwd}:\n${output}`);
  const steps = [...output.matchAll(STEP_LINE)].map((match) => ({
    name: match[1],
    seconds: Number(match[2]),
    cached: Boolean(match[3]),
    note: match[4],
  }));
  // "Built generated/ and dist/ in 1.23 s", or "Checked … by size and time in 0.01 s" when nothing changed.
  const ownSeconds = Number(/(?:^Built .*|by size and time) in (\d+\.\d+) s/m.exec(output)?.[1] ?? Number.NaN);
  const stoppedAtStamp = output.includes('Nothing changed since the last build');
  return { seconds, ownSeconds, steps, stoppedAtStamp };
}

const seconds = (value) => `${value.toFixed(2)} s`;
const load = () => os.loadavg()[0].toFixed(1);

export async function run() {
  const dir = await copyProjectToTemp({ prefix: 'audioscrape-bench-build-' });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-bench-cache-'));
  const env = { ...process.env, AUDIOSCRAPE_BUILD_CACHE: cacheDir };
  try {
    const loadBefore = load();
    const cold = await timedBuild(dir, env);
    // Saved a minute ago, as an editor would, with the same bytes: the stamp no longer matches, every
    // step comes from the cache. (Its stamp also trusts the files copied seconds before the cold build.)
    const saved = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, 'openapi', 'openapi.yaml'), saved, saved);
    const resaved = await timedBuild(dir, env);
    const noOps = [];
    for (let index = 0; index < NO_OP_RUNS; index += 1) noOps.push(await timedBuild(dir, env));
    const file = path.join(dir, EDITED_FILE);
    const text = await readFile(file, 'utf8');
    if (!text.includes(EDIT[0])) throw new Error(`${EDITED_FILE} no longer says "${EDIT[0]}": update bench/build.mjs.`);
    await writeFile(file, text.replace(...EDIT));
    const edited = await timedBuild(dir, env);
    const ran = edited.steps.filter((step) => !step.cached);
    return [
      {
        metric: 'machine load (1-minute average) before / after',
        value: `${loadBefore} / ${load()} on ${os.cpus().length} cores`,
      },
      { metric: 'build wall time, cold (fresh clone, empty cache)', value: seconds(cold.seconds), target: '≤ 2 s' },
      ...cold.steps.map((step) => ({ metric: `  cold step: ${step.name}`, value: seconds(step.seconds) })),
      {
        metric: `build wall time, nothing changed (median of ${NO_OP_RUNS})`,
        value: seconds(median(noOps.map((build) => build.seconds))),
        target: '≤ 0.5 s',
      },
      // The rest is npm starting and Node loading the build scripts.
      {
        metric: '  of which the build itself (its own "… in")',
        value: seconds(median(noOps.map((build) => build.ownSeconds))),
      },
      {
        metric: '  builds that stopped at the stamp (nothing loaded)',
        value: `${noOps.filter((build) => build.stoppedAtStamp).length} of ${NO_OP_RUNS}`,
      },
      {
        metric: 'build wall time, a spec file saved with the same bytes (every step from the cache)',
        value: `${seconds(resaved.seconds)} (the build itself ${seconds(resaved.ownSeconds)}; ${resaved.steps.filter((step) => step.cached).length} of ${resaved.steps.length} steps cached)`,
      },
      {
        metric: 'build wall time, one description reworded',
        value: seconds(edited.seconds),
        target: 'redoes only what depends on it',
      },
      {
        metric: '  steps run again after that edit',
        value: `${ran.length} of ${edited.steps.length}: ${ran.map((step) => `${step.name} (${seconds(step.seconds)}${step.note ? `, ${step.note}` : ''})`).join('; ')}`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  }
}
