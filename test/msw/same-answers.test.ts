// One behaviour, two transports: the same scripted requests go to the server mock (`npm run mock`'s
// in-process server: Prism's engine over the behaviour module) and to the MSW handlers, both with the
// clock standing at the same instant, and every answer must be the same: status, body byte for byte,
// and every header but the HTTP server's own (CORS, Date, Connection, Content-Length).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { createMockHandlers } from '../../src/msw/index.js';
import { operationFor, recordAnswers, specViolations } from './conformance.js';

const START = '2026-11-27T10:00:00Z';
/** A name that never resolves (RFC 2606), so nothing unanswered could leave the machine. */
const MSW_BASE = 'http://audioscrape.mock.test';
/** Headers a Node HTTP server adds to every answer; not the mock's. */
const SERVER_ONLY_HEADERS = new Set([
  'access-control-allow-origin',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'vary',
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

interface Step {
  method: string;
  path: string;
  /**
   * How this answer is held to the spec: `expect` (default) wants every documented header;
   * `allow-missing` lets optional ones be absent; `skip` for an answer to the mock's own `Prefer`
   * feature asking for a status the operation does not document (a mock answer, not an API one).
   */
  spec?: 'expect' | 'allow-missing' | 'skip';
  key?: string;
  json?: unknown;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
}

const search = (key: string, query = 'climate') => ({ method: 'POST', path: '/api/v1/search', key, json: { query } });
/** A search with a body no JSON parser should accept as a search, sent as `contentType`. */
const badSearch = (body: NonNullable<Step['body']>, contentType = 'application/json'): Step => ({
  method: 'POST',
  path: '/api/v1/search',
  key: 'pro_bad',
  body,
  headers: { 'Content-Type': contentType },
});
/** An alert created for `key`. */
const newAlert = (key: string, json: Step['json']): Step => ({ method: 'POST', path: '/api/notifications', key, json });
const SEQUENCE: Step[] = [
  // Searches to the Free plan's limit and past it; the 429's Retry-After is a function of the clock.
  ...Array.from({ length: 12 }, () => search('YOUR_API_KEY')),
  { method: 'GET', path: '/api/me', key: 'YOUR_API_KEY' },
  { method: 'POST', path: '/__mock/clock', json: { advance_seconds: 30 } },
  search('YOUR_API_KEY'),
  { method: 'POST', path: '/__mock/clock', json: { advance_seconds: 30 } },
  search('YOUR_API_KEY', 'artificial intelligence'),
  {
    method: 'POST',
    path: '/api/v1/search',
    key: 'pro_same',
    json: { query: 'artificial intelligence', limit: 3, offset: 3, sort: { by: 'date', order: 'asc' } },
  },
  {
    method: 'POST',
    path: '/api/v1/search',
    key: 'pro_same',
    json: { query: 'climate', filters: { speakers: ['Dr. Maya Chen'] } },
  },
  // Plans from keys; no key, a bad key.
  ...['pro_same', 'enterprise_same', 'invalid_same'].map((key) => ({ method: 'GET', path: '/api/me', key })),
  { method: 'GET', path: '/api/me' },
  { method: 'GET', path: '/api/me', headers: { Authorization: 'Basic dXNlcjpwYXNz' } },
  // An alert's life, and the plans' limits on alerts.
  newAlert('pro_same', { search_term: 'climate', webhook_url: 'https://hooks.example.org/a' }),
  newAlert('pro_same', { search_term: 'ai', email_recipient: 'me@example.org' }),
  { method: 'GET', path: '/api/notifications', key: 'pro_same' },
  { method: 'DELETE', path: '/api/notifications/2000', key: 'pro_same' },
  { method: 'DELETE', path: '/api/notifications/2000', key: 'pro_same' },
  { method: 'GET', path: '/api/notifications', key: 'pro_same' },
  newAlert('free_same', { search_term: 'climate', webhook_url: 'https://hooks.example.org/a' }),
  newAlert('free_same', { search_term: 'climate', email_recipient: 'me@example.org' }),
  newAlert('free_same', { search_term: 'again', email_recipient: 'me@example.org' }),
  { method: 'PUT', path: '/__mock/alerts', key: 'pro_seeded', json: { notifications: [] } },
  { method: 'GET', path: '/api/notifications', key: 'pro_seeded' },
  // Bad input of every kind.
  { method: 'POST', path: '/api/v1/search', key: 'pro_bad', json: { query: ' ', limit: 1000, offset: -1 } },
  { method: 'POST', path: '/api/v1/search', key: 'pro_bad', json: { query: 'x', extra: true } },
  badSearch('{"query": ['),
  // A byte-order mark before the JSON, then bytes that are not UTF-8: both transports must read the same text.
  badSearch('\uFEFF{"query": "bom"}'),
  badSearch(Uint8Array.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]).buffer),
  badSearch('query=x', 'text/plain'),
  { method: 'POST', path: '/api/v1/search', key: 'pro_bad' },
  // Refused for its size before the key is read, so without rate headers (optional in the spec).
  { ...badSearch(`{"query": "${'a'.repeat(70_000)}"}`), spec: 'allow-missing' },
  newAlert('pro_bad', { search_term: 'x', webhook_url: 'http://plain.example.org' }),
  ...['%', '%zz', '%E0%A4%A', '%C0%AF', 'x'.repeat(300)].map((id) => ({
    method: 'DELETE',
    path: `/api/notifications/${id}`,
    key: 'pro_bad',
  })),
  { method: 'GET', path: '/api/v2/nothing', key: 'pro_bad' },
  { method: 'GET', path: '/api/me/', key: 'pro_bad' },
  { method: 'PUT', path: '/api/notifications', key: 'pro_bad' },
  { method: 'HEAD', path: '/api/me', key: 'pro_bad' },
  { method: 'OPTIONS', path: '/api/v1/search', key: 'pro_bad' },
  // Documented answers on demand.
  { method: 'POST', path: '/api/v1/search', key: 'pro_prefer', json: { query: 'x' }, headers: { Prefer: 'code=429' } },
  { method: 'POST', path: '/api/v1/search?__example=SearchResponseEmpty', key: 'pro_prefer', json: { query: 'x' } },
  { method: 'GET', path: '/api/me', key: 'pro_prefer', headers: { Prefer: 'code=999' }, spec: 'skip' },
  // The control surface.
  { method: 'GET', path: '/__mock' },
  { method: 'GET', path: '/__mock/clock' },
  { method: 'POST', path: '/__mock/clock', json: { now: '2026-12-01T00:00:00Z' } },
  { method: 'POST', path: '/__mock/clock', json: { now: '2026-01-01T00:00:00Z' } },
  { method: 'GET', path: '/api/me', key: 'YOUR_API_KEY' },
  { method: 'DELETE', path: '/__mock/clock' },
  { method: 'POST', path: '/__mock/reset', key: 'pro_same' },
  { method: 'GET', path: '/api/notifications', key: 'pro_same' },
  { method: 'POST', path: '/__mock/reset' },
  { method: 'GET', path: '/api/notifications', key: 'free_same' },
];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function send(baseUrl: string, step: Step): Promise<Answer> {
  const headers: Record<string, string> = { ...step.headers };
  if (step.key !== undefined) headers.Authorization = `Bearer ${step.key}`;
  let body = step.body;
  if (step.json !== undefined) {
    body = JSON.stringify(step.json);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${step.path}`, {
    method: step.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const kept = [...response.headers].filter(([name]) => !SERVER_ONLY_HEADERS.has(name));
  return { status: response.status, headers: Object.fromEntries(kept), body: await response.text() };
}

async function run(baseUrl: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const step of SEQUENCE) answers.push(await send(baseUrl, step));
  return answers;
}

let serverMock: Awaited<ReturnType<typeof startMockServer>>;
const msw = setupServer(...createMockHandlers({ baseUrl: MSW_BASE, clock: START }).handlers);
const recorder = recordAnswers(msw);

beforeAll(async () => {
  serverMock = await startMockServer({ port: 0, clock: START, quiet: true, print: () => {} });
  // The server mock's own requests go past MSW to the loopback socket.
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  msw.close();
  await serverMock.stop();
});

it('the server mock and the MSW handlers answer one scripted sequence identically', async () => {
  const fromServer = await run(serverMock.url);
  const fromHandlers = await run(MSW_BASE);
  expect(fromHandlers).toHaveLength(SEQUENCE.length);
  SEQUENCE.forEach((step, index) => {
    expect(fromHandlers[index], `step ${index + 1}: ${step.method} ${step.path.slice(0, 60)}`).toEqual(
      fromServer[index],
    );
  });
});

it('covers what it says: 200s, the 429 with Retry-After, 201, 204, 400, 401, 403, 404, 405 and rate headers', async () => {
  const answers = await recorder.answers();
  const statuses = new Set(answers.map((answer) => answer.status));
  for (const status of [200, 201, 204, 400, 401, 403, 404, 405, 429])
    expect(statuses, `status ${status}`).toContain(status);
  const refused = answers.find(
    (answer) => answer.status === 429 && operationFor(answer.method, new URL(answer.url).pathname),
  )!;
  expect(refused.headers.get('retry-after')).toBe(String(JSON.parse(refused.rawBody).retry_after));
  expect(answers.filter((answer) => answer.headers.has('x-ratelimit-remaining')).length).toBeGreaterThan(30);
});

it('the handlers’ answers conform to the spec', async () => {
  const answers = await recorder.answers();
  // Every step was under the handlers' base URL, so answer i is step i's.
  expect(answers).toHaveLength(SEQUENCE.length);
  const checked = answers.filter((_, index) => SEQUENCE[index]!.spec !== 'skip');
  const steps = SEQUENCE.filter((step) => step.spec !== 'skip');
  expect(
    specViolations(checked, (_, index) => (steps[index]!.spec === 'allow-missing' ? 'allow-missing' : 'expect')),
  ).toEqual([]);
});
