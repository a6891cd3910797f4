// Long-running commands under test (the mock, npm start): start one, wait for a line it prints,
// and stop it the way a user would.
import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  /** Resolves once the output matches `pattern`; rejects (with the output) after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function startCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): RunningCommand {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env, FORCE_COLOR: '0' } });
  let printed = '';
  child.stdout!.on('data', (chunk) => (printed += chunk));
  child.stderr!.on('data', (chunk) => (printed += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => printed,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const poll = () => {
          if (pattern.test(printed)) return resolve();
          if (child.exitCode !== null || Date.now() > deadline) {
            return reject(
              new Error(
                `Waited for ${pattern}; the command ${child.exitCode !== null ? `exited (${child.exitCode})` : 'timed out'}. It printed:\n${printed}`,
              ),
            );
          }
          setTimeout(poll, 50);
        };
        poll();
      });
    },
  };
}
