// The client's compile step: src/ → dist/ (ES modules and .d.ts) with the project's pinned tsc and
// src/tsconfig.build.json. dist/ is emptied first, so a source file that was deleted cannot linger
// in the npm package.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, StepFailure, runTool } from './steps.mjs';

export const DIST_DIR = path.join(ROOT, 'dist');
export const CLIENT_TSCONFIG = path.join(ROOT, 'src', 'tsconfig.build.json');

export async function compileClient() {
  await rm(DIST_DIR, { recursive: true, force: true });
  const { code, stdout, stderr } = await runTool('tsc', ['-p', CLIENT_TSCONFIG]);
  if (code !== 0) {
    throw new StepFailure('tsc could not compile the client (src/) to dist/.', {
      details: `${stdout}\n${stderr}`.trim(),
      hint: 'Fix each error at the file and line shown above (`npm run typecheck` shows them too), then build again.',
    });
  }
}
