// The mock API server: the realistic mock by default (Prism's engine executing the plans, rate
// limits and keyword alerts the spec describes), Prism's examples with `static`, generated data
// with `dynamic`, or Prism's validation proxy in front of a real server. Runs in this process and
// survives any request. Shared by `npm run mock`, `npm start`, `npm run proxy`, the tests and the
// benchmarks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createProxyEngine, createRealisticEngine, createStaticEngine } from './mock-engine.mjs';
import { createMockHttpServer } from './mock-http.mjs';
import { requestPrinter } from './mock-console.mjs';
import { assertPortFree } from './ports.mjs';
import { StepFailure } from './steps.mjs';
import { ROOT, BUNDLED_SPEC_JSON } from './paths.mjs';

export const DEFAULT_MOCK_PORT = 4010;
export const MOCK_MODES = ['realistic', 'static', 'dynamic'];

/** @param {string} specFile */
async function readSpec(specFile) {
  try {
    return JSON.parse(await readFile(specFile, 'utf8'));
  } catch (error) {
    throw new StepFailure(
      `Could not read the bundled spec at ${path.relative(ROOT, specFile)} (${error.code ?? error.message}).`,
      {
        hint: 'Run `npm run build` first.',
      },
    );
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function closer(server) {
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });
}

/**
 * Starts the mock and resolves once it listens.
 * @param {{ mode?: 'realistic' | 'static' | 'dynamic', port?: number, host?: string, seed?: string | number,
 *   clock?: string, quiet?: boolean, specFile?: string, print?: (text: string) => void }} [options]
 *   `clock`: an instant to start the realistic mock's clock at (it then stands still until moved);
 *   `print`: where request lines go (default: stdout).
 */
export async function startMockServer({
  mode = 'realistic',
  port = DEFAULT_MOCK_PORT,
  host = '127.0.0.1',
  seed = 1,
  clock,
  quiet = false,
  specFile = BUNDLED_SPEC_JSON,
  print,
} = {}) {
  if (!MOCK_MODES.includes(mode))
    throw new StepFailure(`Unknown mock mode "${mode}".`, { hint: `Use one of: ${MOCK_MODES.join(', ')}.` });
  const spec = await readSpec(specFile);
  await assertPortFree(port, host, { what: 'mock server', flag: '--port' });
  const makeEngine = (from) => mockEngine(mode, { spec: from, clock, seed });
  let engine = await makeEngine(spec);
  const printer = requestPrinter({ quiet, ...(print ? { write: print } : {}) });
  const server = createMockHttpServer({
    // Looked up per request, so a reload takes effect at the next one.
    engine: {
      answer: (request) => engine.answer(request),
      get bodyLimit() {
        return engine.bodyLimit;
      },
    },
    onRequest: printer,
    onError: (error) =>
      process.stderr.write(
        `✘ The mock failed on a request (answered 500): ${error instanceof Error ? error.stack : error}\n`,
      ),
  });
  const boundPort = await listen(server, port, host);
  return {
    url: `http://${host}:${boundPort}`,
    mode,
    server,
    get api() {
      return engine.api;
    },
    /**
     * Answers from now on as `newSpec` (a bundled spec object) says, in the same mode, starting
     * afresh (the realistic mock's counters, alerts and clock too). If the mock cannot follow the
     * new spec, it throws and keeps answering as before. Used by `npm run dev`.
     */
    async reload(newSpec) {
      engine = await makeEngine(newSpec);
    },
    stop: closer(server),
  };
}

/** The engine for `mode`, or a failure that says the spec is what the mock cannot follow. */
async function mockEngine(mode, { spec, clock, seed }) {
  try {
    return mode === 'realistic'
      ? await createRealisticEngine({ spec, clock })
      : await createStaticEngine({ spec, dynamic: mode === 'dynamic', seed });
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure(`The mock could not read what it needs from the spec: ${error.message}`, {
      hint: 'The spec changed in a way the mock does not follow yet; see src/mock/ (and run `npm run lint`).',
    });
  }
}

/**
 * Prism's validation proxy in front of `upstream`, printing every violation as it happens.
 * @param {{ upstream: string, port?: number, host?: string, specFile?: string, print?: (text: string) => void }} options
 */
export async function startValidationProxy({
  upstream,
  port = DEFAULT_MOCK_PORT,
  host = '127.0.0.1',
  specFile = BUNDLED_SPEC_JSON,
  print,
}) {
  const spec = await readSpec(specFile);
  await assertPortFree(port, host, { what: 'validation proxy', flag: '--port' });
  const engine = await createProxyEngine({ spec, upstream });
  const server = createMockHttpServer({
    engine,
    onRequest: requestPrinter(print ? { write: print } : {}),
    onError: (error) =>
      process.stderr.write(
        `✘ The proxy failed on a request (answered 500): ${error instanceof Error ? error.stack : error}\n`,
      ),
  });
  const boundPort = await listen(server, port, host);
  return { url: `http://${host}:${boundPort}`, server, stop: closer(server) };
}

/** For each operation: which statuses and named examples a caller can ask the mock for. */
export async function describeMockableResponses(specFile = BUNDLED_SPEC_JSON) {
  const spec = JSON.parse(await readFile(specFile, 'utf8'));
  const resolve = (value) =>
    value?.$ref
      ? resolve(
          value.$ref
            .slice(2)
            .split('/')
            .reduce((node, key) => node[key], spec),
        )
      : value;
  const rows = [];
  for (const [pathName, pathItem] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!operation?.responses) continue;
      const responses = Object.entries(operation.responses).map(([status, response]) => {
        const examples = Object.values(resolve(response).content ?? {}).flatMap((mediaType) =>
          Object.keys(mediaType.examples ?? {}),
        );
        return { status, examples };
      });
      rows.push({ method: method.toUpperCase(), path: pathName, operationId: operation.operationId, responses });
    }
  }
  return rows;
}
