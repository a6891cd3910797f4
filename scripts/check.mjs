// npm run check [-- <gate> …]
// Every gate CI runs before the tests, in order: the code (format, lint, types), then the spec
// (lint, drift of generated files, breaking changes). All gates run, so one run shows every problem;
// each failure says what to run locally. Name gates to run only those: `npm run typecheck`,
// `npm run check:generated` and `npm run check:breaking` are this script with one gate each.
import { performance } from 'node:perf_hooks';
import { checkBreakingChanges } from './lib/breaking-gate.mjs';
import { checkFormat, lintCode, typeCheck } from './lib/code-gates.mjs';
import { checkGeneratedFiles } from './lib/drift.mjs';
import { lintWithRedocly, lintWithSpectral } from './lib/lint.mjs';
import { exitWithFailure, formatSeconds, step, StepFailure } from './lib/steps.mjs';

/** A gate: its id (to run it alone), its name, what it runs, and what to run locally when it fails. */
const gate = (id, name, run, locally) => ({ id, name, run: () => run(), locally });

const GATES = [
  gate('format', 'format: Biome', checkFormat, 'npm run format'),
  gate('code-lint', 'code lint: Biome (recommended rules)', lintCode, 'npm run check -- code-lint'),
  gate('typecheck', 'types: tsc on src/, test/ and scripts/', typeCheck, 'npm run typecheck'),
  gate('redocly', 'lint: Redocly', lintWithRedocly, 'npm run lint'),
  gate('spectral', 'lint: Spectral (spectral:oas + OWASP)', lintWithSpectral, 'npm run lint'),
  gate('drift', 'drift: generated/ is what the build makes', checkGeneratedFiles, 'npm run check:generated'),
  gate('breaking', 'breaking changes since the last release', checkBreakingChanges, 'npm run check:breaking'),
];

/** The gates `names` asks for (all of them when none), or a failure naming the ones there are. */
function chooseGates(names) {
  const unknown = names.filter((name) => !GATES.some((gate) => gate.id === name));
  if (unknown.length > 0) {
    throw new StepFailure(`No gate is called ${unknown.map((name) => `"${name}"`).join(', ')}.`, {
      hint: `The gates: ${GATES.map((gate) => gate.id).join(', ')}. Usage: npm run check [-- <gate> …]`,
    });
  }
  return names.length === 0 ? GATES : GATES.filter((gate) => names.includes(gate.id));
}

async function check(names) {
  const outcomes = [];
  for (const gate of chooseGates(names)) {
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
  if (outcomes.length > 1) {
    console.log('\nGates:');
    for (const { gate, ok, ms } of outcomes) {
      console.log(
        `  ${ok ? '✔' : '✘'} ${gate.name} (${formatSeconds(ms)})${ok ? '' : `: run \`${gate.locally}\` locally`}`,
      );
    }
  }
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length > 0) throw new StepFailure(`${failed.length} of ${outcomes.length} gates failed.`);
  console.log(outcomes.length > 1 ? 'All gates passed.' : 'The gate passed.');
}

check(process.argv.slice(2)).catch(exitWithFailure);
