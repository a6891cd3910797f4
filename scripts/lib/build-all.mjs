// `npm run build`'s whole job, which `npm start` and `npm run release` begin with too: when nothing
// changed since the last build (build-stamp.mjs), say so and stop, without loading the build at all;
// otherwise run every step (build-pipeline.mjs), print the table of their times, and stamp the result.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { statInputs, unchangedSinceLastBuild, writeStamp } from './build-stamp.mjs';
import { DIST_DIR, GENERATED_DIR, ROOT } from './paths.mjs';
import { formatSeconds } from './steps.mjs';

const OUTPUTS = `${path.relative(ROOT, GENERATED_DIR)}/ and ${path.relative(ROOT, DIST_DIR)}/`;

/** The table after a build: each step's time and how much of the build's wall time it ran for. */
export function printSummary({ totalMs, timings }, print = (line) => console.log(line)) {
  const fromCache = timings.filter((timing) => timing.cached).length;
  print(
    `\nBuilt ${OUTPUTS} in ${formatSeconds(totalMs)} (steps run side by side; ${fromCache} of ${timings.length} unchanged, from the cache):`,
  );
  for (const { name, ms, cached } of timings) {
    const share = String(Math.round((ms / totalMs) * 100)).padStart(3);
    print(`  ${formatSeconds(ms).padStart(8)}  ${share}%  ${name}${cached ? ' · cached' : ''}`);
  }
}

const clock = (date) => date.toTimeString().slice(0, 8);

/**
 * Runs the build (see the top of build-pipeline.mjs), or nothing when nothing changed since the last
 * one, and resolves with the time of the whole build and of each step that ran. Throws the first
 * step's failure. `useCache: false` (--no-cache) runs every step and neither reads nor writes the
 * cache or the stamp. With `mockUrl` (npm start) the build also makes the local page that offers
 * that mock, beside the other steps and from the cache when it can, and resolves with it as
 * `localPage`; it then always runs the steps, since the stamp says nothing of that page.
 * @param {{ useCache?: boolean, mockUrl?: string, print?: (line: string) => void }} [options]
 */
export async function buildAll({ useCache = true, mockUrl, print = (line) => console.log(line) } = {}) {
  const started = performance.now();
  const unchanged = useCache && !mockUrl ? unchangedSinceLastBuild() : null;
  if (unchanged) {
    const totalMs = performance.now() - started;
    print(
      `✔ Nothing changed since the last build (at ${clock(unchanged.builtAt)}): ${OUTPUTS} are what it made, so no step ran.`,
    );
    print(
      `  Checked ${unchanged.inputs} input and ${unchanged.outputs} output files and folders by size and time in ${formatSeconds(totalMs)}; \`npm run build -- --no-cache\` runs every step anyway.`,
    );
    return { totalMs, timings: [], unchanged: true, localPage: null };
  }
  const { BuildTools, buildInputs, runBuild } = await import('./build-pipeline.mjs');
  const inputs = useCache ? statInputs(buildInputs()) : null;
  const tools = new BuildTools();
  try {
    const result = await runBuild({ tools, useCache, mockUrl, print });
    printSummary(result, print);
    if (inputs) writeStamp(inputs);
    return { ...result, unchanged: false };
  } finally {
    await tools.close();
  }
}
