// The mock under load: Prism's start-up time, its throughput and latency under autocannon
// (10 connections, 10 s) on the search operation, side by side with a plain Node http server that
// returns the same body in the same run, and Prism's memory. Prism runs with its quietest logging
// (`silent`); `npm run mock` uses `warn` (see README), which costs throughput for visibility.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startPrism } from '../lib/mock-server.mjs';
import { startPlainSearchServer } from '../lib/plain-search-server.mjs';
import { findFreePort } from '../lib/ports.mjs';

export const name = 'mock';
export const description = 'Prism start-up, throughput and latency vs a plain Node server, memory';

const LOAD = { connections: 10, duration: 10 };
const STARTS = 3;
const SEARCH = { method: 'POST', path: '/api/v1/search', body: JSON.stringify({ query: 'artificial intelligence' }) };

function load(url) {
  return autocannon({
    url: `${url}${SEARCH.path}`,
    method: SEARCH.method,
    headers: { authorization: 'Bearer bench-key', 'content-type': 'application/json' },
    body: SEARCH.body,
    ...LOAD,
  });
}

async function rssMegabytes(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Number.isFinite(kilobytes) ? `${(kilobytes / 1024).toFixed(0)} MB` : 'n/a (no /proc)';
}

async function medianStartMs() {
  const times = [];
  for (let run = 0; run < STARTS; run += 1) {
    const started = performance.now();
    const mock = await startPrism({ port: await findFreePort(), logLevel: 'silent', onOutput: () => {} });
    times.push(performance.now() - started);
    await mock.stop();
  }
  return times.sort((a, b) => a - b)[Math.floor(STARTS / 2)];
}

const perSecond = (result) => Math.round(result.requests.average);
const failures = (result) => result.errors + result.timeouts + result.non2xx;

export async function run() {
  const startMs = await medianStartMs();
  const mock = await startPrism({ port: await findFreePort(), logLevel: 'silent', onOutput: () => {} });
  const plain = await startPlainSearchServer();
  try {
    const prismResult = await load(mock.url);
    const memory = await rssMegabytes(mock.child.pid);
    const plainResult = await load(plain.url);
    return [
      { metric: `Prism start-up (median of ${STARTS}, until it accepts connections)`, value: `${(startMs / 1000).toFixed(2)} s` },
      { metric: `Prism throughput, search (${LOAD.connections} conn, ${LOAD.duration} s, -v silent)`, value: `${perSecond(prismResult)} req/s` },
      { metric: 'Prism latency p50 / p99', value: `${prismResult.latency.p50} / ${prismResult.latency.p99} ms` },
      { metric: 'plain Node http server throughput, same body', value: `${perSecond(plainResult)} req/s` },
      { metric: 'plain Node http server latency p50 / p99', value: `${plainResult.latency.p50} / ${plainResult.latency.p99} ms` },
      { metric: 'throughput ratio Prism / plain server', value: `${(perSecond(prismResult) / perSecond(plainResult)).toFixed(3)}` },
      { metric: 'Prism memory after the load (RSS)', value: memory },
      { metric: 'failed requests (errors + timeouts + non-2xx), Prism / plain', value: `${failures(prismResult)} / ${failures(plainResult)}` },
    ];
  } finally {
    await mock.stop();
    await plain.stop();
  }
}
