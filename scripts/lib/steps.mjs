// Shared plumbing for the scripts in scripts/: run a named step with its timing, run a tool and
// capture what it printed, and fail with a message that tells the user what to do next.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { toolCommand } from './tool-commands.mjs';
import { ROOT } from './paths.mjs';
import { runProcess } from './processes.mjs';

/** Environment for every tool we start: nothing phones home, nothing nags. */
export const QUIET_TOOL_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  OASDIFF_NO_TELEMETRY: '1',
  NO_UPDATE_NOTIFIER: '1',
};

export class StepFailure extends Error {
  /**
   * @param {string} message what went wrong
   * @param {{ hint?: string, details?: string }} [options] `hint`: what to do about it; `details`: the tool's own output
   */
  constructor(message, { hint, details } = {}) {
    super(message);
    this.name = 'StepFailure';
    this.hint = hint;
    this.details = details;
  }
}

export function formatSeconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

/**
 * Runs `work`, printing `▶ name` before and `✔ name (1.23 s)` or `✘ name` after. Returns {result, ms}.
 * @template T
 * @param {string} name
 * @param {() => T | Promise<T>} work
 * @param {{ out?: NodeJS.WritableStream }} [options] where the lines go (stderr where stdout is for data)
 */
export async function step(name, work, { out = process.stdout } = {}) {
  out.write(`▶ ${name}\n`);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    out.write(`✔ ${name} (${formatSeconds(ms)})\n`);
    return { result, ms };
  } catch (error) {
    out.write(`✘ ${name} (${formatSeconds(performance.now() - started)})\n`);
    throw error;
  }
}

// Redocly CLI 2 prints a boxed "Node.js 20 support is ending" notice on every run. It is about the
// machine, not the spec, and it buries the findings, so it is dropped from what we show.
const NODE_DEPRECATION_BOX = /^\s*[╔║╚].*$/u;

export function withoutToolNoise(text) {
  return text
    .split('\n')
    .filter((line) => !NODE_DEPRECATION_BOX.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Runs a tool (`redocly`, `spectral`, `tsc`, …) as `node <its bin file>`, the way that works on every
 * platform (see tool-commands.mjs), and resolves with {code, stdout, stderr}; never rejects on a
 * non-zero exit, so callers decide what a failure means. The one way the scripts start a tool.
 * `signal` (an AbortSignal) stops it early.
 */
/**
 * @param {string} binary
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, signal?: AbortSignal, onSpawn?: () => void }} [options]
 *   `onSpawn`: called once the tool's process exists
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function runTool(binary, args, { cwd = ROOT, env = QUIET_TOOL_ENV, signal, onSpawn } = {}) {
  const installHint = 'Run `npm install` (or `npm ci`) first.';
  let command;
  try {
    command = toolCommand(binary, args, ROOT);
  } catch (error) {
    return Promise.reject(new StepFailure(`Could not find ${binary}: ${error.message}`, { hint: installHint }));
  }
  // `signal` stops the tool (the build stops every step still running once one has failed).
  return runProcess(command.command, command.args, { cwd, env, signal, onSpawn }).then(
    ({ code, stdout, stderr }) => ({ code: code ?? 1, stdout, stderr }),
    (error) => {
      if (error.name === 'AbortError') throw new StepFailure(`${binary} was stopped.`);
      throw new StepFailure(`Could not start ${binary}: ${error.message}`, { hint: installHint });
    },
  );
}

/**
 * A StepFailure as the scripts print it when they stop on one: the tool's own output, a blank line,
 * the failure, and what to do about it.
 * @param {StepFailure} error
 */
export function describeFailure(error) {
  const lines = error.details ? [error.details, ''] : [];
  lines.push(`✘ ${error.message}`);
  if (error.hint) lines.push(`  → ${error.hint}`);
  return lines.join('\n');
}

/**
 * Prints a StepFailure (or any error) for a human and exits non-zero.
 * @param {unknown} error
 * @returns {never}
 */
export function exitWithFailure(error) {
  if (error instanceof StepFailure) {
    process.stderr.write(`\n${describeFailure(error)}\n`);
  } else {
    process.stderr.write(`\n✘ Unexpected error: ${error instanceof Error ? error.stack : error}\n`);
  }
  process.exit(1);
}

/**
 * node:util parseArgs, but a bad flag prints the usage line instead of a stack trace.
 * @template {NonNullable<import('node:util').ParseArgsConfig['options']>} T
 * @param {T} options
 * @param {string} usage
 * @param {string[]} [args]
 */
export function parseOptions(options, usage, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    return exitWithFailure(new StepFailure(error.message, { hint: `Usage: ${usage}` }));
  }
}

/** A TCP port number from a command-line flag, or a failure that says what was wrong. */
export function parsePort(value, flag) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StepFailure(`${flag} must be a port number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** SIGTERM, then SIGKILL if the child has not exited after two seconds. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve(undefined);
    });
    child.kill('SIGTERM');
  });
}

/** Keeps a server running until Ctrl-C (or SIGTERM), then awaits `stop()` and exits 0. */
export function stopOnSignal(stop) {
  const handler = () => Promise.resolve(stop()).then(() => process.exit(0), exitWithFailure);
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
