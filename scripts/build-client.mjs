// npm run build:client (and npm pack / npm publish, through prepack)
// Compiles only the client, src/ → dist/, so the package never ships a stale or missing dist/.
import { exitWithFailure, step } from './lib/steps.mjs';
import { compileClient } from './lib/compile-client.mjs';

step('client: dist/ (tsc, src/tsconfig.build.json)', () => compileClient()).catch(exitWithFailure);
