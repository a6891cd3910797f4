// Prism serving the bundled spec as a mock: start it, wait until it answers, stop it cleanly.
// Shared by `npm run mock`, `npm start`, the contract tests and the benchmarks.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GENERATED_DIR } from './generate.mjs';
import { assertPortFree } from './ports.mjs';
import { QUIET_TOOL_ENV, ROOT, StepFailure } from './steps.mjs';

export const DEFAULT_MOCK_PORT = 4010;
export const BUNDLED_SPEC_YAML = path.join(GENERATED_DIR, 'openapi.yaml');
export const BUNDLED_SPEC_JSON = path.join(GENERATED_DIR, 'openapi.json');

// `warn` shows every request that broke the contract (and why) without Prism's six info lines per
// request; benchmarks pass `silent`.
export const DEFAULT_MOCK_LOG_LEVEL = 'warn';
const READY_TIMEOUT_MS = 20_000;

function prismArgs({ mode, spec, upstream, port, host, dynamic, seed, logLevel }) {
  const args = [mode, spec];
  if (mode === 'proxy') args.push(upstream);
  args.push('--port', String(port), '--host', host, '--verboseLevel', logLevel);
  if (dynamic) args.push('--dynamic', '--seed', String(seed));
  return args;
}

function acceptsConnections(port, host) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// A TCP connect, not an HTTP request: a probe request would show up in Prism's log as an error.
async function waitUntilListening({ port, host, child, output }) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new StepFailure(`Prism exited (code ${child.exitCode}) before it was ready.`, { details: output() });
    }
    if (await acceptsConnections(port, host)) return;
    await sleep(50);
  }
  child.kill('SIGTERM');
  throw new StepFailure(`Prism did not start listening on ${host}:${port} within ${READY_TIMEOUT_MS / 1000} s.`, {
    details: output(),
  });
}

/**
 * Starts Prism (`mode` "mock" or "proxy") and resolves once it listens.
 * `onOutput` receives everything Prism prints (default: pass it through to this process).
 * @param {{ mode?: 'mock' | 'proxy', spec?: string, upstream?: string, port?: number, host?: string,
 *   dynamic?: boolean, seed?: string | number, logLevel?: string,
 *   onOutput?: (chunk: string | Buffer) => void }} [options]
 */
export async function startPrism({
  mode = 'mock',
  spec = BUNDLED_SPEC_YAML,
  upstream,
  port = DEFAULT_MOCK_PORT,
  host = '127.0.0.1',
  dynamic = false,
  seed = 1,
  logLevel = DEFAULT_MOCK_LOG_LEVEL,
  onOutput = (chunk) => void process.stdout.write(chunk),
} = {}) {
  await readFile(spec).catch(() => {
    throw new StepFailure(`No bundled spec at ${path.relative(ROOT, spec)}.`, { hint: 'Run `npm run build` first.' });
  });
  await assertPortFree(port, host, { what: mode === 'proxy' ? 'validation proxy' : 'mock server', flag: '--port' });

  const executable = path.join(ROOT, 'node_modules', '.bin', 'prism');
  const child = spawn(executable, prismArgs({ mode, spec, upstream, port, host, dynamic, seed, logLevel }), {
    cwd: ROOT,
    env: QUIET_TOOL_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const collect = (chunk) => {
    printed = (printed + chunk).slice(-20_000);
    onOutput(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  await waitUntilListening({ port, host, child, output: () => printed });
  let stopping = false;
  return {
    url: `http://${host}:${port}`,
    child,
    /** Calls `handler(code)` if Prism exits on its own (not through stop()). */
    onUnexpectedExit: (handler) => child.once('exit', (code) => stopping || handler(code)),
    stop: () => {
      stopping = true;
      return stopProcess(child);
    },
  };
}

/** SIGTERM, then SIGKILL if it has not exited after two seconds. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** For each operation: which statuses and named examples a caller can ask the mock for. */
export async function describeMockableResponses(specFile = BUNDLED_SPEC_JSON) {
  const spec = JSON.parse(await readFile(specFile, 'utf8'));
  const resolve = (value) => (value?.$ref ? resolve(value.$ref.slice(2).split('/').reduce((node, key) => node[key], spec)) : value);
  const rows = [];
  for (const [pathName, pathItem] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!operation?.responses) continue;
      const responses = Object.entries(operation.responses).map(([status, response]) => {
        const examples = Object.values(resolve(response).content ?? {}).flatMap((mediaType) => Object.keys(mediaType.examples ?? {}));
        return { status, examples };
      });
      rows.push({ method: method.toUpperCase(), path: pathName, operationId: operation.operationId, responses });
    }
  }
  return rows;
}
