// npm pack / npm publish run this twice: `prepack` first (node scripts/pack.mjs before), which
// compiles the client (src/ → dist/), so the package never ships a stale dist/, then puts the
// package's short README in place of the project README for the tarball
// (scripts/lib/package-readme.mjs); `postpack` after (node scripts/pack.mjs after), which puts the
// project README back. Everything it prints goes to stderr, so `npm pack --json` prints nothing but JSON.
import { compileClient } from './lib/compile-client.mjs';
import { putAside, putBack } from './lib/package-readme.mjs';
import { exitWithFailure, StepFailure, step } from './lib/steps.mjs';

/** npm pack --json owns stdout: every line of ours goes to stderr. */
const toStderr = { out: process.stderr };

async function beforePacking() {
  await step('client: dist/ (tsc -p src/tsconfig.build.json)', compileClient, toStderr);
  await step('README.md: package/README.md for the tarball (the project README waits in .pack/)', putAside, toStderr);
}

async function afterPacking() {
  if (await putBack()) process.stderr.write('✔ README.md: the project README is back\n');
}

const WHEN = { before: beforePacking, after: afterPacking };

try {
  const when = process.argv[2];
  const run = WHEN[/** @type {keyof typeof WHEN} */ (when)];
  if (!run) throw new StepFailure(`Say when: node scripts/pack.mjs before|after, not "${when ?? ''}".`);
  await run();
} catch (error) {
  exitWithFailure(error);
}
