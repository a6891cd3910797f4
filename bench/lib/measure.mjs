// What several benchmarks share: the median of a run of figures, and the mock started the way a
// frontend team starts it (its own process), timed until it accepts connections.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { stopProcess } from '../../scripts/lib/steps.mjs';

/** @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** @param {number} port */
function connectable(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * `npm run mock -- --quiet [args]` as its own process, resolved once it accepts connections.
 * @param {string[]} [args]
 */
export async function startMockProcess(args = []) {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts', 'mock.mjs'), '--port', String(port), '--quiet', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  while (!(await connectable(port))) {
    if (child.exitCode !== null) throw new Error(`The mock exited (${child.exitCode}) before it listened.`);
    await sleep(20);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    startMs: performance.now() - started,
    stop: () => stopProcess(child),
  };
}
