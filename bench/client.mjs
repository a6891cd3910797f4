// The client's cost: per request against a local server (raw fetch, bare openapi-fetch, and the
// client, as ratios measured in the same run), the same without the network (an in-memory fetch,
// so only the layers' own cost is left), and its size with openapi-fetch, minified and gzipped, and
// without it, and what it adds to openapi-fetch (the share of the total its own code can change).
// The client is bundled from src/ with esbuild, so no build is needed first.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import createOpenapiFetch from 'openapi-fetch';
import { defaultSearchBody, RATE_HEADERS, startPlainSearchServer } from '../scripts/lib/plain-search-server.mjs';
import { ROOT, CLIENT_ENTRY } from '../scripts/lib/paths.mjs';
import { median } from './lib/measure.mjs';

export const name = 'client';
export const description = 'per-request cost vs fetch and openapi-fetch; bundle size';

const WARMUP_ROUNDS = 1_000;
const ROUNDS = 6_000;
const IN_MEMORY_ROUNDS = 5_000;
const OVERHEAD_TARGET = 1.05;
const SIZE_TARGET_BYTES = 5 * 1000;
const KEY = 'bench-key';
const SEARCH = { query: 'artificial intelligence', limit: 5 };

async function bundle(outfile, options) {
  await build({ entryPoints: [CLIENT_ENTRY], bundle: true, format: 'esm', outfile, logLevel: 'silent', ...options });
  return outfile;
}

function variants(baseUrl, Audioscrape, fetchImpl = globalThis.fetch) {
  /** @type {import('openapi-fetch').Client<import('../generated/schema.js').paths>} */
  const bare = createOpenapiFetch({ baseUrl, headers: { Authorization: `Bearer ${KEY}` }, fetch: fetchImpl });
  const client = new Audioscrape({ apiKey: KEY, baseUrl, logLevel: 'off', fetch: fetchImpl });
  return {
    'raw fetch': async () => {
      const response = await fetchImpl(`${baseUrl}/api/v1/search`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(SEARCH),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    'bare openapi-fetch': async () => {
      const { data, error } = await bare.POST('/api/v1/search', { body: SEARCH });
      if (error) throw new Error('search failed');
      return data;
    },
    client: async () => (await client.search(SEARCH)).data,
  };
}

/**
 * One request per variant per round, in a rotating order, each timed on its own: every variant sees
 * the same machine at the same moments, so drift and noisy neighbours cancel out of the ratios.
 * Figures are medians of the per-request times.
 */
async function measure(calls, rounds) {
  const names = Object.keys(calls);
  const micros = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < WARMUP_ROUNDS + rounds; round += 1) {
    for (let index = 0; index < names.length; index += 1) {
      const name = names[(index + round) % names.length];
      const started = process.hrtime.bigint();
      await calls[name]();
      if (round >= WARMUP_ROUNDS) micros[name].push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(micros[name])]));
}

/** A fetch that answers at once from memory: what is left is the cost of the layers above it. */
async function inMemoryFetch() {
  const body = await defaultSearchBody();
  return async () => new Response(body, { headers: { 'Content-Type': 'application/json', ...RATE_HEADERS } });
}

export async function run() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-bench-client-'));
  const server = await startPlainSearchServer();
  try {
    const forNode = await bundle(path.join(dir, 'client.mjs'), { platform: 'node' });
    const { Audioscrape } = await import(pathToFileURL(forNode).href);
    const local = await measure(variants(server.url, Audioscrape), ROUNDS);
    const memory = await measure(variants('http://127.0.0.1:9', Audioscrape, await inMemoryFetch()), IN_MEMORY_ROUNDS);

    const minified = await readFile(
      await bundle(path.join(dir, 'client.min.js'), { platform: 'browser', minify: true }),
    );
    const gzipped = gzipSync(minified, { level: 9 }).length;
    const bareMinified = (
      await build({
        stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: ROOT },
        bundle: true,
        format: 'esm',
        minify: true,
        write: false,
      })
    ).outputFiles[0].contents;
    const ownMinified = await readFile(
      await bundle(path.join(dir, 'client-alone.min.js'), {
        platform: 'browser',
        minify: true,
        external: ['openapi-fetch'],
      }),
    );
    const bareGzipped = gzipSync(bareMinified, { level: 9 }).length;

    const ratio = (over, under) => (local[over] / local[under]).toFixed(3);
    return [
      {
        metric: `raw fetch, µs/request (median of ${ROUNDS}, local server, sequential)`,
        value: local['raw fetch'].toFixed(1),
      },
      { metric: 'bare openapi-fetch, µs/request', value: local['bare openapi-fetch'].toFixed(1) },
      { metric: 'client (search), µs/request', value: local.client.toFixed(1) },
      {
        metric: 'client / bare openapi-fetch',
        value: ratio('client', 'bare openapi-fetch'),
        target: `≤ ${OVERHEAD_TARGET}`,
      },
      { metric: 'client / raw fetch', value: ratio('client', 'raw fetch') },
      {
        metric: 'client overhead over openapi-fetch without the network, µs/request',
        value: (memory.client - memory['bare openapi-fetch']).toFixed(1),
      },
      { metric: 'client + openapi-fetch, minified', value: `${minified.length} B` },
      {
        metric: 'client + openapi-fetch, minified + gzip -9',
        value: `${gzipped} B`,
        target: `≤ ${SIZE_TARGET_BYTES} B`,
      },
      { metric: '  of which openapi-fetch alone, minified + gzip -9', value: `${bareGzipped} B` },
      // What the client adds to openapi-fetch: the part of the total its own code can change.
      {
        metric: '  what the client adds (total − openapi-fetch alone)',
        value: `${gzipped - bareGzipped} B`,
        target: `≤ ${SIZE_TARGET_BYTES - bareGzipped} B`,
      },
      {
        metric: '  the client alone (openapi-fetch left out), minified + gzip -9',
        value: `${gzipSync(ownMinified, { level: 9 }).length} B`,
      },
    ];
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
