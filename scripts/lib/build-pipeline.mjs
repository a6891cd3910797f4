// The build: lint (Redocly, Spectral) → bundle → types → client → plain-text docs → docs page, each
// step timed. Shared by `npm run build` and `npm start`.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatSeconds, ROOT, step } from './steps.mjs';
import { lintWithRedocly, lintWithSpectral } from './lint.mjs';
import { buildDocs, buildPlainTextDocs, bundleSpec, generateTypes, GENERATED_DIR } from './generate.mjs';
import { compileClient } from './compile-client.mjs';

export const BUILD_STEPS = [
  ['lint: Redocly', () => lintWithRedocly()],
  ['lint: Spectral (spectral:oas + OWASP)', () => lintWithSpectral()],
  ['bundle: generated/openapi.yaml, generated/openapi.json', () => bundleSpec()],
  ['types: generated/schema.d.ts', () => generateTypes()],
  ['client: dist/ (tsc -p src/tsconfig.build.json)', () => compileClient()],
  ['docs: generated/docs/llms.txt, llms-full.txt and markdown', () => buildPlainTextDocs()],
  ['docs: generated/docs/index.html', () => buildDocs()],
];

/** Runs every build step in order; stops at the first failure. Resolves with each step's time. */
export async function buildAll(steps = BUILD_STEPS) {
  const started = performance.now();
  const timings = [];
  for (const [name, work] of steps) {
    const { ms } = await step(name, work);
    timings.push({ name, ms });
  }
  const totalMs = performance.now() - started;
  console.log(`\nBuilt ${path.relative(ROOT, GENERATED_DIR)}/ in ${formatSeconds(totalMs)}:`);
  for (const { name, ms } of timings) {
    const share = String(Math.round((ms / totalMs) * 100)).padStart(3);
    console.log(`  ${formatSeconds(ms).padStart(8)}  ${share}%  ${name}`);
  }
  return { totalMs, timings };
}
