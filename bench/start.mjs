// `npm start`, the main job, as a user meets it: in a fresh copy of the project with an empty build
// cache (a fresh clone after `npm ci`), `npm start` runs through npm; the time is from the command
// to its "Serving both" line, when the mock and the docs answer. Then it is stopped with Ctrl-C and
// started again, nothing changed (median of 3): every step from the build cache.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../scripts/lib/ports.mjs';
import { copyProjectToTemp } from '../scripts/lib/project-copy.mjs';
import { stopProcess } from '../scripts/lib/steps.mjs';
import { npmCommand } from '../scripts/lib/tool-commands.mjs';
import { median } from './lib/measure.mjs';

export const name = 'start';
export const description = 'npm start: from the command to serving the mock and the docs, cold and again';

const WARM_RUNS = 3;
const SERVING = /Serving both until Ctrl-C\./;
const TIMEOUT_MS = 120_000;

/** Runs `npm start` in `dir` until it serves, then stops it with Ctrl-C; resolves with the seconds it took to serve. */
async function timedStart(dir, env, [mockPort, docsPort]) {
  const npm = npmCommand(['start', '--silent', '--', '--port', String(mockPort), '--docs-port', String(docsPort)]);
  const started = performance.now();
  // Its own process group, so Ctrl-C reaches npm and the script under it, as in a terminal.
  const ownGroup = process.platform !== 'win32';
  const child = spawn(npm.command, npm.args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
  const ctrlC = () => (ownGroup ? process.kill(-child.pid, 'SIGINT') : child.kill('SIGINT'));
  let printed = '';
  const exited = new Promise((resolve) => child.on('close', resolve));
  try {
    const seconds = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start did not serve within ${TIMEOUT_MS / 1000} s:\n${printed}`)),
        TIMEOUT_MS,
      );
      const onData = (chunk) => {
        printed += chunk;
        if (SERVING.test(printed)) {
          clearTimeout(timer);
          resolve((performance.now() - started) / 1000);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}) before serving:\n${printed}`));
      });
    });
    return seconds;
  } finally {
    ctrlC();
    const force = setTimeout(() => (ownGroup ? process.kill(-child.pid, 'SIGKILL') : stopProcess(child)), 10_000);
    await exited;
    clearTimeout(force);
  }
}

export async function run() {
  const dir = await copyProjectToTemp({ prefix: 'audioscrape-bench-start-' });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-bench-start-cache-'));
  const env = { ...process.env, AUDIOSCRAPE_BUILD_CACHE: cacheDir, FORCE_COLOR: '0', NO_COLOR: '1' };
  try {
    const loadBefore = os.loadavg()[0].toFixed(1);
    // The same ports every time, as a user's 4010 and 8080: the local page is cached for its mock's URL.
    /** @type {[number, number]} */
    const ports = [await findFreePort(), await findFreePort()];
    const cold = await timedStart(dir, env, ports);
    const warm = [];
    for (let index = 0; index < WARM_RUNS; index += 1) warm.push(await timedStart(dir, env, ports));
    return [
      { metric: 'machine load (1-minute average) before', value: `${loadBefore} on ${os.cpus().length} cores` },
      {
        metric: 'npm start → serving, cold (fresh clone, empty cache)',
        value: `${cold.toFixed(2)} s`,
        target: 'was 10–14 s when issue 12 was filed',
      },
      {
        metric: `npm start → serving, again with nothing changed (median of ${WARM_RUNS})`,
        value: `${median(warm).toFixed(2)} s`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  }
}
