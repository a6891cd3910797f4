// audioscrape-api/msw the way a frontend's vitest suite uses it: the package's own client against
// MSW's setupServer, no server process. A search, the Free plan's 11th call refused with the
// authentication page's 429, an alert's create/list/delete/404, reset() for afterEach, and the
// options (base URL, clock, seeded alerts). Every answer is held to the spec. Expected values come
// from the spec and the seed page, not from the mock.
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandlers, type KeywordAlert } from '../../src/msw/index.js';
import { Audioscrape, NotFoundError, PermissionDeniedError, RateLimitError } from '../../src/index.js';
import { DEFAULT_BASE_URL } from '../../src/config.js';
import { seedErrorBodies, seedPerMinute } from '../support/seed.js';
import { bundledSpec, recordAnswers, specViolations } from './conformance.js';

const START = '2026-11-27T10:00:00Z';
const seedBody = (status: number) => seedErrorBodies().find((body) => body.status === status)!.body;
const perMinute = seedPerMinute;
const freePerMinute = perMinute('Free');
const proPerMinute = perMinute('Pro');
/** The spec's documented 404 for deleting an alert. */
const notFoundBody = () => {
  const spec = bundledSpec();
  return spec.components.examples[
    Object.values<any>(spec.components.responses.NotFound.content['application/json'].examples)[0].$ref.split('/').pop()
  ].value;
};

const mock = createMockHandlers({ clock: START });
const server = setupServer(...mock.handlers);
const recorder = recordAnswers(server);
/** Requests no handler answered: they went on to the network. */
const unhandled: string[] = [];

beforeAll(() =>
  server.listen({ onUnhandledRequest: (request) => void unhandled.push(`${request.method} ${request.url}`) }),
);
afterEach(() => {
  mock.reset();
  server.resetHandlers();
});
afterAll(() => server.close());

/** The client as an app would make it, with retries off so a 429 reaches the test at once. */
const client = (apiKey: string) => new Audioscrape({ apiKey, logLevel: 'off', maxRetries: 0 });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('the handlers with the package’s client, as a frontend test uses them', () => {
  it('answer under the client’s default base URL, the spec’s server', () => {
    expect(mock.baseUrl).toBe(bundledSpec().servers[0].url);
    expect(mock.baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it('search: the query echoed, hits highlighted, the Free plan’s rate headers counting down', async () => {
    const { data, rateLimit } = await client('YOUR_API_KEY').search({ query: 'climate change', limit: 5 });
    expect(data.meta).toMatchObject({ query: 'climate change', limit: 5, offset: 0 });
    expect(data.results.length).toBeGreaterThan(0);
    expect(data.results.length).toBeLessThanOrEqual(5);
    for (const hit of data.results) expect(hit.highlighted_text).toMatch(/<mark>(climate|change)/i);
    expect(rateLimit).toEqual({
      limit: freePerMinute,
      remaining: freePerMinute - 1,
      resetAt: new Date(Date.parse(START) + 60_000),
    });
  });

  it(`the ${freePerMinute + 1}th call of a Free key in a minute: RateLimitError with the seed's body and Retry-After`, async () => {
    const free = client('free_frontend');
    for (let call = 1; call <= freePerMinute; call += 1) await free.search({ query: 'ai' });
    const error = await rejection(free.search({ query: 'ai' }));
    expect(error).toBeInstanceOf(RateLimitError);
    const refused = error as RateLimitError;
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe(60);
    expect({ error: refused.body?.error, message: refused.body?.message }).toEqual({
      error: seedBody(429).error,
      message: seedBody(429).message,
    });
    expect(refused.rateLimit?.remaining).toBe(0);
    // Another key has its own quota.
    expect((await client('other_frontend').search({ query: 'ai' })).rateLimit?.remaining).toBe(freePerMinute - 1);
    // The next minute opens the window again.
    mock.advanceClock(60);
    expect((await free.search({ query: 'ai' })).rateLimit?.remaining).toBe(freePerMinute - 1);
  });

  it('an alert’s life: create (201), list, delete (204), delete again (404 NotFoundError)', async () => {
    const pro = client('pro_frontend');
    const created = await pro.notifications.create({
      search_term: 'climate',
      webhook_url: 'https://hooks.example.org/a',
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      search_term: 'climate',
      webhook_url: 'https://hooks.example.org/a',
      email_recipient: null,
      created_at: START,
    });
    expect((await pro.notifications.list()).data.notifications.map((alert) => alert.id)).toEqual([created.data.id]);
    expect((await pro.notifications.delete(created.data.id)).response.status).toBe(204);
    expect((await pro.notifications.list()).data.notifications).toEqual([]);
    const again = await rejection(pro.notifications.delete(created.data.id));
    expect(again).toBeInstanceOf(NotFoundError);
    expect((again as NotFoundError).body).toEqual(notFoundBody());
  });

  it('the plan’s limits: a webhook on Free is refused with 403', async () => {
    const error = await rejection(
      client('free_webhook').notifications.create({
        search_term: 'climate',
        webhook_url: 'https://hooks.example.org/a',
      }),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).body).toEqual(seedBody(403));
  });

  it('reset() forgets counters and alerts, and alert ids start again', async () => {
    const pro = client('pro_reset');
    const first = await pro.notifications.create({ search_term: 'first', email_recipient: 'a@example.org' });
    expect((await pro.me()).rateLimit?.remaining).toBe(proPerMinute - 2);
    mock.reset();
    expect((await pro.me()).rateLimit?.remaining).toBe(proPerMinute - 1);
    expect((await pro.notifications.list()).data.notifications).toEqual([]);
    expect((await pro.notifications.create({ search_term: 'again', email_recipient: 'a@example.org' })).data.id).toBe(
      first.data.id,
    );
  });

  it('reset(key) forgets only that key', async () => {
    const [one, two] = [client('pro_one'), client('pro_two')];
    await one.notifications.create({ search_term: 'one', email_recipient: 'a@example.org' });
    await two.notifications.create({ search_term: 'two', email_recipient: 'a@example.org' });
    mock.reset('pro_one');
    expect((await one.notifications.list()).data.notifications).toEqual([]);
    expect((await two.notifications.list()).data.notifications.map((alert) => alert.search_term)).toEqual(['two']);
  });

  it('the control surface answers at the base URL too, as on the server', async () => {
    const moved = await fetch(`${mock.baseUrl}/__mock/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"advance_seconds": 90}',
    });
    expect(await moved.json()).toEqual({ now: '2026-11-27T10:01:30Z' });
  });

  it('every answer above conforms to the spec', async () => {
    const answers = await recorder.answers();
    expect(answers.length).toBeGreaterThan(25);
    expect(specViolations(answers)).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('options', () => {
  const seeded: KeywordAlert = {
    id: '1024',
    search_term: 'climate',
    webhook_url: null,
    email_recipient: 'alerts@example.org',
    created_at: '2026-11-01T09:00:00Z',
    delivery_stats: {
      total_deliveries: 3,
      successful_deliveries: 3,
      failed_deliveries: 0,
      last_delivery: '2026-11-20T08:00:00Z',
    },
  };

  it('baseUrl (with a path), clock and seeded alerts, which reset() goes back to', async () => {
    const custom = createMockHandlers({
      baseUrl: 'http://localhost:5173/audioscrape/',
      clock: '2027-01-31T23:59:30Z',
      alerts: { pro_seeded: [seeded] },
    });
    server.use(...custom.handlers);
    const pro = new Audioscrape({ apiKey: 'pro_seeded', baseUrl: custom.baseUrl, logLevel: 'off', maxRetries: 0 });
    expect(custom.baseUrl).toBe('http://localhost:5173/audioscrape');
    expect((await pro.notifications.list()).data.notifications).toEqual([seeded]);
    expect((await pro.notifications.delete('1024')).response.status).toBe(204);
    const created = await pro.notifications.create({ search_term: 'ai', email_recipient: 'a@example.org' });
    expect(created.data.created_at).toBe('2027-01-31T23:59:30Z');
    custom.reset();
    expect((await pro.notifications.list()).data.notifications).toEqual([seeded]);
    // Outside the base path these handlers answer nothing: the request goes on (to nobody, here).
    await rejection(fetch('http://localhost:5173/other/api/me'));
    expect(unhandled).toEqual(['GET http://localhost:5173/other/api/me']);
  });

  it('refuses seeded alerts the API could not send, naming the field and never the key', () => {
    const broken = { ...seeded, created_at: 'yesterday' };
    expect(() => createMockHandlers({ alerts: { pro_secret_key_1: [broken] } })).toThrow(
      /key #1 .*notifications\[0\]\.created_at must be a date and time/,
    );
    expect(() => createMockHandlers({ alerts: { pro_secret_key_1: [broken] } })).not.toThrow(/pro_secret_key_1/);
  });

  it('refuses a base URL that is not http(s), with the reason', () => {
    expect(() => createMockHandlers({ baseUrl: 'ftp://example.org' })).toThrow(/must be an http\(s\) URL, not ftp:/);
    expect(() => createMockHandlers({ baseUrl: 'not a url' })).toThrow(/must be an absolute http\(s\) URL/);
  });
});

describe('typed overrides from the spec’s paths', () => {
  it('replace one operation’s answer for one test (here a 500 the mock would never send)', async () => {
    server.use(
      mock.http.get('/api/me', () =>
        HttpResponse.json(
          { error: 'Internal Server Error', message: 'Something went wrong on our side.' },
          { status: 500 },
        ),
      ),
    );
    const error = await rejection(client('pro_override').me());
    expect((error as { status: number }).status).toBe(500);
  });

  it('give path parameters and the request body their types', async () => {
    const seen: string[] = [];
    server.use(
      mock.http.delete('/api/notifications/{id}', ({ params }) => {
        seen.push(params.id);
        return new HttpResponse(null, { status: 204 });
      }),
      mock.http.post('/api/v1/search', async ({ request }) => {
        const body = await request.json();
        seen.push(body.query);
        return HttpResponse.json({
          results: [],
          meta: { query: body.query, total: 0, limit: 20, offset: 0, has_more: false, took_ms: 1 },
        });
      }),
    );
    await client('pro_typed').notifications.delete('1024');
    await client('pro_typed').search({ query: 'typed' });
    expect(seen).toEqual(['1024', 'typed']);
  });
});
