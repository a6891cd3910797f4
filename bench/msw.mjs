// What a frontend test pays per request with each way of mocking: the package's client against the
// MSW handlers (setupServer, in the test's own process) and against the server mock (`npm run mock`,
// in its own process, as a team runs it), both realistic, the same search with an Enterprise key (so
// every answer is a 200 with hits). Sequential requests, in alternating blocks so both see the same
// machine; medians of the per-request times. Also the behaviour module's own time per request (the
// floor under both), and how long createMockHandlers takes (once per test file).
// The client and handlers are bundled from src/ with esbuild (msw and openapi-fetch stay imports),
// so no build is needed first.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { setupServer } from 'msw/node';
import { GENERATED_DIR, ROOT } from '../scripts/lib/paths.mjs';
import { median, startMockProcess } from './lib/measure.mjs';

export const name = 'msw';
export const description = 'client + MSW handlers vs client + server mock: per-request round trip';

const KEY = 'enterprise_bench';
const SEARCH = { query: 'artificial intelligence', limit: 10 };
const WARMUP = 300;
const BLOCKS = 6;
const PER_BLOCK = 300;
const SETUP_RUNS = 5;
// Inside node_modules, so the bundle's bare imports (msw, openapi-fetch) resolve to this project's.
const BUNDLE_DIR = path.join(ROOT, 'node_modules', '.cache', 'audioscrape-bench-msw');

async function loadFromSource() {
  const outfile = path.join(BUNDLE_DIR, `client-and-handlers-${process.pid}.mjs`);
  await build({
    stdin: {
      contents:
        "export * from './src/index.ts'; export * from './src/msw/index.ts'; export { createMockApi } from './src/mock/index.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
  });
  return import(pathToFileURL(outfile).href);
}

async function timeEach(call, count, into) {
  for (let index = 0; index < count; index += 1) {
    const started = process.hrtime.bigint();
    await call();
    into?.push(Number(process.hrtime.bigint() - started) / 1000);
  }
}

export async function run() {
  await mkdir(BUNDLE_DIR, { recursive: true });
  const { Audioscrape, createMockHandlers, createMockApi } = await loadFromSource();
  const spec = (await import(pathToFileURL(path.join(GENERATED_DIR, 'openapi.json')).href, { with: { type: 'json' } }))
    .default;

  const setupMs = [];
  for (let runIndex = 0; runIndex < SETUP_RUNS; runIndex += 1) {
    const started = performance.now();
    createMockHandlers();
    setupMs.push(performance.now() - started);
  }

  const handlers = createMockHandlers();
  const msw = setupServer(...handlers.handlers);
  const serverMock = await startMockProcess();
  const viaHandlers = new Audioscrape({ apiKey: KEY, logLevel: 'off', maxRetries: 0 });
  const viaServer = new Audioscrape({ apiKey: KEY, baseUrl: serverMock.url, logLevel: 'off', maxRetries: 0 });
  const behaviour = createMockApi({ spec });
  const request = {
    method: 'POST',
    path: '/api/v1/search',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(SEARCH),
  };

  const micros = { handlers: [], server: [], behaviour: [] };
  try {
    // MSW listens only during its blocks: while it listens it sees every fetch, the server mock's too.
    const withHandlers = async (count, into) => {
      msw.listen({ onUnhandledRequest: 'error' });
      try {
        await timeEach(() => viaHandlers.search(SEARCH), count, into);
      } finally {
        msw.close();
      }
    };
    await withHandlers(WARMUP);
    await timeEach(() => viaServer.search(SEARCH), WARMUP);
    await timeEach(() => behaviour.handle(request), WARMUP);
    for (let block = 0; block < BLOCKS; block += 1) {
      await withHandlers(PER_BLOCK, micros.handlers);
      await timeEach(() => viaServer.search(SEARCH), PER_BLOCK, micros.server);
      await timeEach(() => behaviour.handle(request), PER_BLOCK, micros.behaviour);
    }
  } finally {
    await serverMock.stop();
    await rm(BUNDLE_DIR, { recursive: true, force: true });
  }

  const handlersMedian = median(micros.handlers);
  const serverMedian = median(micros.server);
  const samples = BLOCKS * PER_BLOCK;
  return [
    {
      metric: `client + MSW handlers (setupServer), search, µs/request (median of ${samples}, sequential)`,
      value: handlersMedian.toFixed(1),
    },
    {
      metric: 'client + server mock (npm run mock, own process), same search, µs/request',
      value: serverMedian.toFixed(1),
    },
    {
      metric: 'handlers / server mock, per request',
      value: (handlersMedian / serverMedian).toFixed(3),
      target: '≤ 1 (no slower than the server)',
    },
    {
      metric: 'behaviour module alone (api.handle), same search, µs/request',
      value: median(micros.behaviour).toFixed(1),
    },
    {
      metric: `createMockHandlers(), ms (median of ${SETUP_RUNS}; once per test file)`,
      value: median(setupMs).toFixed(1),
    },
  ];
}
