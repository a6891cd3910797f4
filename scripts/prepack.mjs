// npm pack / npm publish run this first (prepack): compiles the client (src/ → dist/), so the
// package never ships a stale dist/, then puts the package's short README in place of the project
// README for the tarball (scripts/lib/package-readme.mjs; postpack puts it back). Everything it
// prints goes to stderr, so that `npm pack --json` prints nothing but JSON.
import { performance } from 'node:perf_hooks';
import { compileClient } from './lib/compile-client.mjs';
import { putAside } from './lib/package-readme.mjs';
import { exitWithFailure, formatSeconds } from './lib/steps.mjs';

async function step(name, work) {
  process.stderr.write(`▶ ${name}\n`);
  const started = performance.now();
  await work();
  process.stderr.write(`✔ ${name} (${formatSeconds(performance.now() - started)})\n`);
}

try {
  await step('client: dist/ (tsc -p src/tsconfig.build.json)', compileClient);
  await step('README.md: package/README.md for the tarball (the project README waits in .pack/)', putAside);
} catch (error) {
  exitWithFailure(error);
}
