// npm run lint [-- path/to/openapi.yaml]
// Lints the hand-written spec with Redocly and with Spectral + OWASP. Both always run, so one run
// shows every finding; any error or warning from either fails the command.
import path from 'node:path';
import { exitWithFailure, step, StepFailure } from './lib/steps.mjs';
import { lintWithRedocly, lintWithSpectral } from './lib/lint.mjs';
import { SOURCE_SPEC } from './lib/paths.mjs';

const specPath = process.argv[2] ? path.resolve(process.argv[2]) : SOURCE_SPEC;
console.log(`Linting ${path.relative(process.cwd(), specPath) || specPath}`);

const failures = [];
/** @type {Array<[string, (specPath: string) => Promise<unknown>]>} */
const LINTERS = [
  ['Redocly lint', lintWithRedocly],
  ['Spectral lint (spectral:oas + OWASP)', lintWithSpectral],
];
for (const [name, lint] of LINTERS) {
  try {
    await step(name, () => lint(specPath));
  } catch (error) {
    if (!(error instanceof StepFailure)) exitWithFailure(error);
    if (error.details) console.error(`\n${error.details}\n`);
    failures.push(error);
  }
}

if (failures.length > 0) {
  exitWithFailure(
    new StepFailure(`Lint failed: ${failures.map((failure) => failure.message).join(' ')}`, {
      hint: failures[0].hint,
    }),
  );
}
console.log('Lint passed: zero errors, zero warnings.');
