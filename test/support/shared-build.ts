// One clean build per test run, shared by the test files that compare against one: a project copy
// built with `npm run build -- --no-cache` (every tool runs; no cache is read or written). The first
// file to ask makes it; files in other workers wait for it (a folder made with mkdir is the lock, a
// JSON file the result). The global setup gives each run its own folder for this and removes it,
// with the copy, after the run. Nothing may change the copy: it is read only.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { copyProjectToTemp, runNpmScript } from '../../scripts/lib/project-copy.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for what test files share during one run (see shared-build.ts); removed after it. */
    sharedRunDir: string;
  }
}

export interface SharedBuild {
  /** The built project copy: generated/ and dist/ as a clean build makes them. */
  dir: string;
  code: number;
  /** Everything `npm run build -- --no-cache` printed. */
  output: string;
}

/** Where the run's shared things live; the global setup removes every `dir` listed in this file. */
export const SHARED_COPIES_FILE = 'copies.txt';
const LOCK = 'clean-build.lock';
const RESULT = 'clean-build.json';
const WAIT_LIMIT_MS = 240_000;

let pending: Promise<SharedBuild> | undefined;

/** The run's clean build; made once, by whichever test file asks first. */
export function sharedCleanBuild(): Promise<SharedBuild> {
  pending ??= obtain(inject('sharedRunDir'));
  return pending;
}

async function obtain(runDir: string): Promise<SharedBuild> {
  const resultFile = path.join(runDir, RESULT);
  try {
    await mkdir(path.join(runDir, LOCK));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForResult(resultFile);
  }
  let result: SharedBuild | { error: string };
  try {
    const dir = await copyProjectToTemp({ prefix: 'audioscrape-clean-build-' });
    await writeFile(path.join(runDir, SHARED_COPIES_FILE), `${dir}\n`, { flag: 'a' });
    const { code, output } = await runNpmScript(dir, 'build', ['--no-cache']);
    result = { dir, code, output };
  } catch (error) {
    result = { error: String((error as Error)?.stack ?? error) };
  }
  // Written whole, then renamed into place, so a waiting file never reads half of it.
  await writeFile(`${resultFile}.tmp`, JSON.stringify(result));
  await rename(`${resultFile}.tmp`, resultFile);
  return settle(result);
}

async function waitForResult(resultFile: string): Promise<SharedBuild> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!existsSync(resultFile)) {
    if (Date.now() > deadline)
      throw new Error(
        `The shared clean build did not finish within ${WAIT_LIMIT_MS / 1000} s (${resultFile} never appeared).`,
      );
    await sleep(100);
  }
  return settle(JSON.parse(await readFile(resultFile, 'utf8')));
}

function settle(result: SharedBuild | { error: string }): SharedBuild {
  if ('error' in result) throw new Error(`The shared clean build could not run: ${result.error}`);
  return result;
}
