// npm run check
// Every gate CI runs before the tests, in order: lint → drift of generated files → breaking changes.
// All gates run, so one run shows every problem; each failure says what to run locally.
import { performance } from 'node:perf_hooks';
import { checkBreakingChanges } from './lib/breaking-gate.mjs';
import { checkGeneratedFiles } from './lib/drift.mjs';
import { lintWithRedocly, lintWithSpectral } from './lib/lint.mjs';
import { exitWithFailure, formatSeconds, step, StepFailure } from './lib/steps.mjs';

const GATES = [
  { name: 'lint: Redocly', run: () => lintWithRedocly(), locally: 'npm run lint' },
  { name: 'lint: Spectral (spectral:oas + OWASP)', run: () => lintWithSpectral(), locally: 'npm run lint' },
  { name: 'drift: generated/ is what the build makes', run: () => checkGeneratedFiles(), locally: 'npm run check:generated' },
  { name: 'breaking changes since the last release', run: () => checkBreakingChanges(), locally: 'npm run check:breaking' },
];

async function check() {
  const outcomes = [];
  for (const gate of GATES) {
    const started = performance.now();
    try {
      await step(`gate: ${gate.name}`, gate.run);
      outcomes.push({ gate, ok: true, ms: performance.now() - started });
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      if (error.details) console.error(`\n${error.details}\n`);
      console.error(`✘ ${error.message}${error.hint ? `\n  → ${error.hint}` : ''}\n`);
      outcomes.push({ gate, ok: false, ms: performance.now() - started });
    }
  }
  console.log('\nGates:');
  for (const { gate, ok, ms } of outcomes) console.log(`  ${ok ? '✔' : '✘'} ${gate.name} (${formatSeconds(ms)})${ok ? '' : `: run \`${gate.locally}\` locally`}`);
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length > 0) throw new StepFailure(`${failed.length} of ${outcomes.length} gates failed.`);
  console.log('All gates passed.');
}

check().catch(exitWithFailure);
