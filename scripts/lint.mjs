// npm run lint [-- path/to/openapi.yaml]
// Lints the hand-written spec with Redocly and with Spectral + OWASP. Both always run, so one run
// shows every finding; any error or warning from either fails the command.
import path from 'node:path';
import { exitWithFailure, step } from './lib/steps.mjs';
import { lintSpec } from './lib/lint.mjs';
import { SOURCE_SPEC } from './lib/paths.mjs';

const specPath = process.argv[2] ? path.resolve(process.argv[2]) : SOURCE_SPEC;
console.log(`Linting ${path.relative(process.cwd(), specPath) || specPath}`);

await lintSpec(specPath, { run: step }).catch(exitWithFailure);
console.log('Lint passed: zero errors, zero warnings.');
