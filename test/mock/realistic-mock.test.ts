// The realistic mock, driven over real HTTP the way a frontend developer would drive it: no request
// stops it, keys decide plans, rate limits count down and refuse as the docs state, keyword alerts
// are remembered, search answers the question asked, and the control surface moves the clock.
// Expected values come from the spec and the authentication page (the seed), not from this file.
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { checkResponse } from '../contract/engine/conformance.js';
import { loadBundledSpec, namedExamples, operations, resolve } from '../support/openapi.js';
import { createSchemaValidator } from '../support/schema-validator.js';
import { seedErrorBodies, seedPlanRows } from '../support/seed.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);
const entries = operations(spec);
const entry = (operationId: string) => entries.find((candidate) => candidate.operation.operationId === operationId)!;
const seedBody = (status: number) => seedErrorBodies().find((body) => body.status === status)!;
/** The seed's plan table: [plan, requests per month, per-minute limit], e.g. ['Free', 100, 10]. */
const seedPlans = seedPlanRows().map(([plan, month, minute]) => ({
  plan: plan!,
  perMonth: Number(month!.replace(/,/g, '')),
  perMinute: Number.parseInt(minute!, 10),
}));
const free = seedPlans.find((plan) => plan.plan === 'Free')!;
const pro = seedPlans.find((plan) => plan.plan === 'Pro')!;

const START = '2026-11-27T10:00:00Z';
let mock: Awaited<ReturnType<typeof startMockServer>>;
const printed: string[] = [];

beforeAll(async () => {
  mock = await startMockServer({ port: 0, clock: START, print: (line: string) => void printed.push(line) });
});
afterAll(() => mock.stop());
beforeEach(() => control('POST', '/__mock/reset'));

interface Answer {
  status: number;
  headers: Headers;
  rawBody: string;
  json: any;
}

async function call(
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(`${mock.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const rawBody = await response.text();
  let json: unknown;
  try {
    json = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, rawBody, json };
}

function control(method: string, path: string, body?: unknown, key?: string) {
  return call(method, path, { ...(body === undefined ? {} : { body }), ...(key === undefined ? {} : { key }) });
}

const search = (key: string, body: unknown) => call('POST', '/api/v1/search', { key, body });

/** The answer conforms to the spec for its operation (status documented, body and headers valid). */
function expectConforming(operationId: string, answer: Answer) {
  expect(
    checkResponse(
      { spec, validator, optionalHeaders: 'expect', optionalHeadersOn401: 'allow-missing' },
      entry(operationId),
      answer,
    ),
  ).toEqual([]);
}

/** Every error is the API's {"error", "message"} shape (plus retry_after on 429). */
function expectApiError(answer: Answer, status: number) {
  expect(answer.status, answer.rawBody).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(Object.keys(answer.json).sort()).toEqual(
    status === 429 ? ['error', 'message', 'retry_after'] : ['error', 'message'],
  );
  expect(typeof answer.json.message).toBe('string');
}

describe('no request takes it down', () => {
  it('answers bad percent escapes, with or without a key, in the API shape: 401 first, then 400 naming the id', async () => {
    for (const badEscape of ['%', '%zz', '%E0%A4%A', '%C0%AF']) {
      const withoutKey = await call('DELETE', `/api/notifications/${badEscape}`);
      expect(withoutKey.rawBody).toBe(JSON.stringify(seedBody(401).body));
      expect(withoutKey.status).toBe(401);
      const withKey = await call('DELETE', `/api/notifications/${badEscape}`, { key: 'pro_escapes' });
      expectApiError(withKey, 400);
      expect(withKey.json.message).toMatch(/path parameter id must match the pattern/);
      expectConforming('deleteNotification', withKey);
    }
    expect((await call('GET', '/api/me', { key: 'pro_escapes' })).status).toBe(200);
  });

  it('survives a flood of malformed JSON, answering each with a 400 that says the body is not JSON', async () => {
    const flood = await Promise.all(
      Array.from({ length: 300 }, (_, index) =>
        call('POST', '/api/v1/search', { key: `enterprise_flood`, rawBody: `{"query": ${'['.repeat(index % 7)}` }),
      ),
    );
    for (const answer of flood) {
      expectApiError(answer, 400);
      expect(answer.json.message).toContain('the request body is not valid JSON');
    }
    expect((await search('enterprise_flood', { query: 'climate' })).status).toBe(200);
  });

  it('refuses a body past the size cap, a wrong content type and a missing body with 400, and keeps answering', async () => {
    const huge = await call('POST', '/api/v1/search', {
      key: 'pro_bodies',
      rawBody: `{"query": "${'a'.repeat(200_000)}"}`,
    });
    expectApiError(huge, 400);
    expect(huge.json.message).toMatch(/request body is \d+ bytes; the most the API accepts is 65536/);
    const text = await call('POST', '/api/v1/search', {
      key: 'pro_bodies',
      rawBody: 'query=x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expectApiError(text, 400);
    expect(text.json.message).toContain('must be sent as application/json, not text/plain');
    const none = await call('POST', '/api/v1/search', { key: 'pro_bodies' });
    expectApiError(none, 400);
    expect(none.json.message).toContain('the request body is missing');
    expect((await search('pro_bodies', { query: 'climate' })).status).toBe(200);
  });

  it('answers unreadable HTTP and oversized headers with a 400 in the API shape', async () => {
    const raw = (request: string) =>
      new Promise<string>((resolvePromise, reject) => {
        const socket = net.connect(Number(new URL(mock.url).port), '127.0.0.1', () => socket.end(request));
        let received = '';
        socket.on('data', (chunk) => (received += chunk));
        socket.on('end', () => resolvePromise(received));
        socket.on('error', reject);
      });
    const broken = await raw('GET /api/me HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(broken.split('\r\n\r\n')[1]!)).toEqual({
      error: 'Bad Request',
      message: 'The request could not be read: it is not valid HTTP/1.1.',
    });
    const oversized = await raw(`GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(JSON.parse(oversized.split('\r\n\r\n')[1]!).message).toBe(
      'The request could not be read: its headers are larger than 16 KB.',
    );
    expect((await call('GET', '/api/me', { key: 'pro_raw' })).status).toBe(200);
  });

  it('answers an unknown path with 404 and a wrong method with 405 and Allow, in the API shape', async () => {
    const unknown = await call('GET', '/api/v2/nothing', { key: 'pro_routes' });
    expectApiError(unknown, 404);
    const wrongMethod = await call('PUT', '/api/notifications', { key: 'pro_routes' });
    expectApiError(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
  });

  it('never answers 5xx or leaves the API shape, whatever the method, path, headers and body', async () => {
    const segment = fc.oneof(
      fc.constantFrom('api', 'v1', 'search', 'me', 'notifications', '%', '%zz', '%C0%AF', '..', '__mock'),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
      path: fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
      key: fc.option(fc.constantFrom('YOUR_API_KEY', 'pro_fuzz', 'enterprise_fuzz', 'invalid_fuzz', ''), {
        nil: undefined,
      }),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
      body: fc.option(fc.oneof(fc.json(), fc.string({ maxLength: 200 })), { nil: undefined }),
      prefer: fc.option(fc.constantFrom('code=200', 'code=429', 'code=999', 'example=Nope', 'code=abc'), {
        nil: undefined,
      }),
    });
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const headers: Record<string, string> = { 'Content-Type': input.contentType };
        if (input.prefer) headers.Prefer = input.prefer;
        // fetch cannot send a GET with a body; every other method carries whatever was generated.
        const body = input.method === 'GET' ? undefined : input.body;
        const answer = await call(input.method, input.path, {
          ...(input.key === undefined ? {} : { key: input.key }),
          ...(body === undefined ? {} : { rawBody: body }),
          headers,
        });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400)
          expect(
            typeof answer.json?.message,
            `${input.method} ${input.path} → ${answer.status} ${answer.rawBody}`,
          ).toBe('string');
      }),
      { numRuns: 150, seed: 9 },
    );
  });
});

describe('plans come from the key', () => {
  it("refuses an invalid_ key with the seed's exact 401 body", async () => {
    const answer = await call('GET', '/api/me', { key: 'invalid_revoked-key' });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(seedBody(401).body);
    expectConforming('getMe', answer);
  });

  it('answers GET /api/me with the plan and limits the spec documents for each key prefix, and that key', async () => {
    const accountExamples = namedExamples(
      spec,
      entry('getMe').operation.responses['200'].content['application/json'],
    ).map(([, example]) => example.value);
    for (const [key, planName] of [
      ['YOUR_API_KEY', 'free'],
      ['pro_me', 'pro'],
      ['enterprise_me', 'enterprise'],
    ] as const) {
      const answer = await call('GET', '/api/me', { key });
      expectConforming('getMe', answer);
      const documented = accountExamples.find((account) => account.plan.name === planName);
      expect(answer.json.plan).toEqual(documented.plan);
      expect(answer.json.api_key.id).toMatch(/^key_/);
      expect(answer.rawBody).not.toContain(key);
    }
    const [first, again, other] = [
      await call('GET', '/api/me', { key: 'pro_me' }),
      await call('GET', '/api/me', { key: 'pro_me' }),
      await call('GET', '/api/me', { key: 'pro_other' }),
    ];
    expect(again.json.api_key).toEqual(first.json.api_key);
    expect(other.json.api_key.id).not.toBe(first.json.api_key.id);
  });
});

describe('rate limits as the docs state them, per key', () => {
  it(`gives a Free key ${free.perMinute} requests a minute, counting down, then the seed's 429 until the clock moves a minute`, async () => {
    for (let sent = 1; sent <= free.perMinute; sent += 1) {
      const answer = await search('YOUR_API_KEY', { query: 'climate' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-limit')).toBe(String(free.perMinute));
      expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(free.perMinute - sent));
    }
    const refused = await search('YOUR_API_KEY', { query: 'climate' });
    expectApiError(refused, 429);
    expectConforming('search', refused);
    const { retry_after: retryAfter, ...rest } = refused.json;
    const { retry_after: _seedRetryAfter, ...seedRest } = seedBody(429).body;
    expect(rest).toEqual(seedRest);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(Date.parse(START) / 1000 + retryAfter);
    // Another key has its own limits.
    expect((await search('another-free-key', { query: 'climate' })).status).toBe(200);

    await control('POST', '/__mock/clock', { advance_seconds: 59 });
    expect((await search('YOUR_API_KEY', { query: 'climate' })).status).toBe(429);
    await control('POST', '/__mock/clock', { advance_seconds: 1 });
    const freed = await search('YOUR_API_KEY', { query: 'climate' });
    expect(freed.status).toBe(200);
    expect(freed.headers.get('x-ratelimit-remaining')).toBe(String(free.perMinute - 1));
  });

  it(`gives a Free key ${free.perMonth} requests a month; the headers switch to the month when it runs out first`, async () => {
    let sent = 0;
    while (sent < free.perMonth) {
      for (let inMinute = 0; inMinute < free.perMinute && sent < free.perMonth; inMinute += 1, sent += 1) {
        const answer = await call('GET', '/api/me', { key: 'monthly-free-key' });
        expect(answer.status).toBe(200);
        const monthLeft = free.perMonth - sent - 1;
        const minuteLeft = free.perMinute - inMinute - 1;
        // The headers describe whichever window refuses first; on a tie, the month (it frees up later).
        expect(answer.headers.get('x-ratelimit-limit')).toBe(
          String(monthLeft <= minuteLeft ? free.perMonth : free.perMinute),
        );
        expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(Math.min(monthLeft, minuteLeft)));
      }
      await control('POST', '/__mock/clock', { advance_seconds: 60 });
    }
    const refused = await call('GET', '/api/me', { key: 'monthly-free-key' });
    expectApiError(refused, 429);
    const now = Date.parse((await control('GET', '/__mock/clock')).json.now);
    const startOfNextMonth = Date.UTC(2026, 11, 1);
    expect(refused.json.retry_after).toBe(Math.ceil((startOfNextMonth - now) / 1000));
    expect(refused.headers.get('retry-after')).toBe(String(refused.json.retry_after));
    expect(refused.headers.get('x-ratelimit-limit')).toBe(String(free.perMonth));
    expect(refused.headers.get('x-ratelimit-reset')).toBe(String(startOfNextMonth / 1000));
    await control('POST', '/__mock/clock', { now: '2026-12-01T00:00:00Z' });
    expect((await call('GET', '/api/me', { key: 'monthly-free-key' })).status).toBe(200);
  });

  it(`gives a Pro key ${pro.perMinute} a minute`, async () => {
    const answers = [];
    for (let sent = 0; sent <= pro.perMinute; sent += 1)
      answers.push(await call('GET', '/api/notifications', { key: 'pro_limits' }));
    expect(answers.slice(0, pro.perMinute).every((answer) => answer.status === 200)).toBe(true);
    expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe(String(pro.perMinute));
    expect(answers[pro.perMinute]!.status).toBe(429);
  });

  it('answers Prefer: code=429 with the seed body and agreeing Retry-After, Remaining 0', async () => {
    const answer = await call('GET', '/api/me', { key: 'pro_prefer', headers: { Prefer: 'code=429' } });
    expectApiError(answer, 429);
    expect(answer.json).toEqual(seedBody(429).body);
    expect(answer.headers.get('retry-after')).toBe(String(answer.json.retry_after));
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

describe('keyword alerts that remember, per key', () => {
  it('create → list → delete → delete again gives 201 / listed / 204 / 404', async () => {
    const sent = { search_term: 'climate', email_recipient: 'alerts@example.org' };
    const created = await call('POST', '/api/notifications', { key: 'pro_alerts', body: sent });
    expect(created.status).toBe(201);
    expectConforming('createNotification', created);
    expect(created.json).toMatchObject({ ...sent, webhook_url: null, created_at: START });
    const listed = await call('GET', '/api/notifications', { key: 'pro_alerts' });
    expectConforming('listNotifications', listed);
    expect(listed.json.notifications).toEqual([created.json]);
    expect((await call('GET', '/api/notifications', { key: 'pro_someone-else' })).json.notifications).toEqual([]);

    const deleted = await call('DELETE', `/api/notifications/${created.json.id}`, { key: 'pro_alerts' });
    expect(deleted.status).toBe(204);
    expect(deleted.rawBody).toBe('');
    expectConforming('deleteNotification', deleted);
    expect((await call('GET', '/api/notifications', { key: 'pro_alerts' })).json.notifications).toEqual([]);
    const again = await call('DELETE', `/api/notifications/${created.json.id}`, { key: 'pro_alerts' });
    expectApiError(again, 404);
    expectConforming('deleteNotification', again);
  });

  it("gives the seed's 403 for a second alert on Free and for a webhook on Free, but lets Pro use webhooks", async () => {
    expect(
      (await call('POST', '/api/notifications', { key: 'free-alerts', body: { search_term: 'first' } })).status,
    ).toBe(201);
    const second = await call('POST', '/api/notifications', { key: 'free-alerts', body: { search_term: 'second' } });
    expect(second.status).toBe(403);
    expect(second.json).toEqual(seedBody(403).body);
    expectConforming('createNotification', second);
    const webhook = await call('POST', '/api/notifications', {
      key: 'free-webhook',
      body: { search_term: 'x', webhook_url: 'https://hooks.example.org/a' },
    });
    expect(webhook.status).toBe(403);
    expect(webhook.json).toEqual(seedBody(403).body);
    expect(
      (
        await call('POST', '/api/notifications', {
          key: 'pro_webhook',
          body: { search_term: 'x', webhook_url: 'https://hooks.example.org/a' },
        })
      ).status,
    ).toBe(201);
  });

  it('names the field and the rule in a 400 for an invalid alert', async () => {
    const answer = await call('POST', '/api/notifications', {
      key: 'pro_alerts',
      body: { search_term: 'x', webhook_url: 'http://plain.example.org' },
    });
    expectApiError(answer, 400);
    expect(answer.json.message).toBe(
      'Invalid request: webhook_url must match the pattern ^https://[^\\s/?#]+[^\\s]*$.',
    );
  });
});

describe('search answers the question asked', () => {
  it('echoes query, limit and offset, and highlights the query words in every hit', async () => {
    const answer = await search('enterprise_search', { query: 'climate change', limit: 5 });
    expectConforming('search', answer);
    expect(answer.json.meta).toMatchObject({ query: 'climate change', limit: 5, offset: 0 });
    expect(answer.json.results.length).toBeGreaterThan(0);
    for (const hit of answer.json.results) {
      expect(hit.text.toLowerCase()).toContain('climate');
      expect(hit.text.toLowerCase()).toContain('change');
      expect(hit.highlighted_text).toMatch(/<mark>[^<]*climate[^<]*<\/mark>/i);
      expect(hit.highlighted_text.replace(/<\/?mark>/g, '')).toBe(hit.text);
    }
  });

  it('pages with offset through a stable result set, and the same request gets the same bytes', async () => {
    const seen: string[] = [];
    let offset = 0;
    let total = 0;
    for (let page = 0; page < 20; page += 1) {
      const answer = await search('enterprise_search', { query: 'artificial intelligence', limit: 7, offset });
      expectConforming('search', answer);
      total = answer.json.meta.total;
      seen.push(...answer.json.results.map((hit: { segment_id: string }) => hit.segment_id));
      if (!answer.json.meta.has_more) break;
      offset += 7;
    }
    expect(total).toBeGreaterThan(20);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const [once, twice] = [
      await search('enterprise_search', { query: 'open source models' }),
      await search('enterprise_search', { query: 'open source models' }),
    ];
    expect(twice.rawBody).toBe(once.rawBody);
  });

  it('filters by podcast and speaker, sorts by date, and answers a question nobody talked about with no hits', async () => {
    const filtered = await search('enterprise_search', {
      query: 'artificial intelligence',
      filters: { speakers: ['Dana Whitfield'] },
      sort: { by: 'date', order: 'asc' },
    });
    const hits = filtered.json.results;
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.every((hit: { speaker: string }) => hit.speaker === 'Dana Whitfield')).toBe(true);
    const dates = hits.map((hit: { episode: { publish_date: string } }) => hit.episode.publish_date);
    expect([...dates].sort()).toEqual(dates);
    const empty = await search('enterprise_search', { query: 'quantum basket weaving' });
    expect(empty.json).toMatchObject({ meta: { total: 0, has_more: false }, results: [] });
  });

  it('names the field and the rule broken in a 400, for the empty and the blank query too', async () => {
    const cases: Array<[unknown, string]> = [
      [{ query: '' }, 'query must not be empty'],
      [{ query: '   ' }, 'query must not be blank'],
      [{ query: 'x', limit: 101 }, 'limit must be at most 100'],
      [{ query: 'x', sort: { by: 'loudness' } }, 'sort.by must be one of "relevance", "date"'],
      [{ limit: 5 }, 'query is required'],
    ];
    for (const [body, problem] of cases) {
      const answer = await search('enterprise_search', body);
      expectApiError(answer, 400);
      expect(answer.json.message).toContain(problem);
    }
  });
});

describe('the control surface', () => {
  it("describes itself, resets everything or one key, and seeds a key's alerts", async () => {
    const help = await control('GET', '/__mock');
    expect(Object.keys(help.json.routes)).toEqual(
      expect.arrayContaining(['POST /__mock/reset', 'POST /__mock/clock', 'PUT /__mock/alerts']),
    );
    const list = resolve(spec, entry('listNotifications').operation.responses['200']).content['application/json'];
    const [, twoAlerts] = namedExamples(spec, list).find(([name]) => name === 'KeywordAlertListTwo')!;
    expect((await control('PUT', '/__mock/alerts', twoAlerts.value, 'pro_seeded')).status).toBe(200);
    expect((await call('GET', '/api/notifications', { key: 'pro_seeded' })).json).toEqual(twoAlerts.value);
    await call('POST', '/api/notifications', { key: 'pro_kept', body: { search_term: 'kept' } });

    expect((await control('POST', '/__mock/reset', undefined, 'pro_seeded')).status).toBe(204);
    expect((await call('GET', '/api/notifications', { key: 'pro_seeded' })).json.notifications).toEqual([]);
    expect((await call('GET', '/api/notifications', { key: 'pro_kept' })).json.notifications).toHaveLength(1);
    await control('POST', '/__mock/reset');
    expect((await call('GET', '/api/notifications', { key: 'pro_kept' })).json.notifications).toEqual([]);
  });

  it('moves the clock only forward, and refuses what it cannot do in the API shape', async () => {
    expect((await control('GET', '/__mock/clock')).json.now).toBe(START);
    expect((await control('POST', '/__mock/clock', { advance_seconds: 90 })).json.now).toBe('2026-11-27T10:01:30Z');
    expectApiError(await control('POST', '/__mock/clock', { now: '2020-01-01T00:00:00Z' }), 400);
    expectApiError(await control('POST', '/__mock/clock', { advance_seconds: -5 }), 400);
    expectApiError(await control('PUT', '/__mock/alerts', { notifications: [{ id: 'x' }] }, 'pro_bad-seed'), 400);
    expectApiError(await control('DELETE', '/__mock/clock'), 405);
    expectApiError(await control('GET', '/__mock/nothing'), 404);
    await control('POST', '/__mock/reset');
    expect((await control('GET', '/__mock/clock')).json.now).toBe(START);
  });
});

it('prints one line per request with method, path, status, plan and time, and the reason for a refusal once', async () => {
  printed.length = 0;
  await search('pro_console', { query: 'x', limit: 500 });
  await call('DELETE', '/api/notifications/2999', { key: 'pro_console' });
  expect(printed).toHaveLength(2);
  expect(printed[0]).toMatch(
    /^\d\d:\d\d:\d\d POST \/api\/v1\/search → 400 {2}pro {2}\d+\.\d ms {2}· Invalid request: limit must be at most 100\.$/,
  );
  expect(printed[1]).toMatch(
    /^\d\d:\d\d:\d\d DELETE \/api\/notifications\/2999 → 404 {2}pro {2}\d+\.\d ms {2}· no keyword alert 2999 on this key$/,
  );
  expect(printed.join('\n')).not.toContain('pro_console');
});
