// The one way scripts and tests run a command to its end and read what it printed. (Commands that
// keep running, the mock or npm run dev under test, are started by dev-process.mjs and
// test/support/processes.ts, which wait for a line instead.)
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT } from './paths.mjs';

/**
 * @typedef {object} ProcessRun
 * @property {number | null} code the exit code (null when a signal ended it)
 * @property {NodeJS.Signals | null} signal the signal that ended it, if one did
 * @property {string} stdout
 * @property {string} stderr
 * @property {string} output stdout and stderr interleaved as they arrived
 * @property {boolean} timedOut whether `timeoutMs` ran out (it was then killed)
 * @property {number} ms its wall time
 */

/**
 * Runs `command` with `args` and resolves once it has exited, with everything it printed. Never
 * rejects on a non-zero exit: callers decide what a failure means. Rejects only when the command
 * cannot start (spawn's error, e.g. ENOENT) or `signal` stopped it (an AbortError).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, signal?: AbortSignal, timeoutMs?: number,
 *   onSpawn?: (child: import('node:child_process').ChildProcess) => void }} [options]
 *   `timeoutMs`: kill it (SIGKILL) after this long; `onSpawn`: sees the child as soon as it exists.
 * @returns {Promise<ProcessRun>}
 */
export function runProcess(command, args, { cwd = ROOT, env = process.env, signal, timeoutMs, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    let output = '';
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      output += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, endedBy) => {
      clearTimeout(timer);
      resolve({ code, signal: endedBy, stdout, stderr, output, timedOut, ms: performance.now() - started });
    });
  });
}
