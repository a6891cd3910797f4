// Every high-level method against a real local server: the request it sends (method, path, body,
// headers) and what it resolves with (data, rate-limit state, raw Response).
import { describe, expect, it } from 'vitest';
import { clientFor, localServerAndClient, RATE_HEADERS, RATE_LIMIT, specExample, TEST_KEY } from '../support/client.js';

const local = localServerAndClient();

function onlyRequest() {
  expect(local.server.requests).toHaveLength(1);
  return local.server.requests[0]!;
}

describe('search', () => {
  it('POSTs the body as JSON with the bearer key and resolves with data, rate limit and response', async () => {
    const page = specExample('SearchResponseHits');
    local.server.reply({ body: page, headers: RATE_HEADERS });

    const result = await local.client.search({ query: 'artificial intelligence', limit: 5, sort: { by: 'date' } });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/search');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ query: 'artificial intelligence', limit: 5, sort: { by: 'date' } });
    expect(result.data).toEqual(page);
    expect(result.rateLimit).toEqual(RATE_LIMIT);
    expect(result.response).toBeInstanceOf(Response);
    expect(result.response.status).toBe(200);
  });

  it('sends only the query when that is all the caller gives (the API fills in limit and offset)', async () => {
    local.server.reply({ body: specExample('SearchResponseEmpty') });
    await local.client.search({ query: 'zebra crossings' });
    expect(JSON.parse(onlyRequest().body)).toEqual({ query: 'zebra crossings' });
  });
});

describe('me', () => {
  it('GETs /api/me without a body and resolves with the account', async () => {
    const account = specExample('AccountFreePlan');
    local.server.reply({ body: account, headers: RATE_HEADERS });

    const result = await local.client.me();

    const request = onlyRequest();
    expect([request.method, request.url, request.body]).toEqual(['GET', '/api/me', '']);
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(result.data).toEqual(account);
    expect(result.rateLimit?.remaining).toBe(RATE_LIMIT.remaining);
  });
});

describe('notifications', () => {
  it('list GETs /api/notifications', async () => {
    const list = specExample('KeywordAlertListTwo');
    local.server.reply({ body: list });
    const result = await local.client.notifications.list();
    expect([onlyRequest().method, onlyRequest().url]).toEqual(['GET', '/api/notifications']);
    expect(result.data).toEqual(list);
  });

  it('create POSTs the alert and resolves with the 201 body', async () => {
    const created = specExample('KeywordAlertCreated');
    const body = specExample<{ search_term: string; webhook_url: string }>('CreateKeywordAlertWebhook');
    local.server.reply({ status: 201, body: created, headers: RATE_HEADERS });

    const result = await local.client.notifications.create(body);

    const request = onlyRequest();
    expect([request.method, request.url]).toEqual(['POST', '/api/notifications']);
    expect(JSON.parse(request.body)).toEqual(body);
    expect(result.response.status).toBe(201);
    expect(result.data).toEqual(created);
  });

  it('delete sends DELETE to the encoded id and resolves with no data on 204', async () => {
    local.server.reply({ status: 204, headers: RATE_HEADERS });
    const result = await local.client.notifications.delete('10 24/x');
    expect([onlyRequest().method, onlyRequest().url]).toEqual(['DELETE', '/api/notifications/10%2024%2Fx']);
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(204);
    expect(result.rateLimit).toEqual(RATE_LIMIT);
  });

  it('delete refuses an empty id before sending anything', async () => {
    await expect(local.client.notifications.delete('')).rejects.toThrow(/needs the alert id/);
    expect(local.server.requests).toHaveLength(0);
  });
});

describe('rate-limit state', () => {
  it('is undefined when the server sends none of the X-RateLimit-* headers', async () => {
    local.server.reply({ body: specExample('AccountFreePlan') });
    expect((await local.client.me()).rateLimit).toBeUndefined();
  });

  it('has only the fields whose headers came, and ignores values that are not whole numbers', async () => {
    local.server.reply({
      body: specExample('AccountFreePlan'),
      headers: { 'X-RateLimit-Remaining': '3', 'X-RateLimit-Limit': 'lots', 'X-RateLimit-Reset': '-5' },
    });
    expect((await local.client.me()).rateLimit).toEqual({ remaining: 3 });
  });
});

describe('headers', () => {
  it('sends defaultHeaders with every request, but never lets them replace the key', async () => {
    const custom = clientFor(local.server, {
      defaultHeaders: { 'X-Trace': 'abc', authorization: 'Bearer someone-else' },
    });
    local.server.reply({ body: specExample('AccountFreePlan') });
    await custom.me();
    expect(onlyRequest().headers['x-trace']).toBe('abc');
    expect(onlyRequest().headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('takes headers per call on every method, over defaultHeaders, never over Authorization', async () => {
    const custom = clientFor(local.server, { defaultHeaders: { Prefer: 'code=200', 'X-Trace': 'default' } });
    local.server.respond(() => ({ status: 200, body: {} }));
    local.server.reply(
      { body: specExample('SearchResponseHits') },
      { body: specExample('AccountFreePlan') },
      { body: specExample('KeywordAlertListEmpty') },
      { status: 201, body: specExample('KeywordAlertCreated') },
      { status: 204 },
      { body: specExample('AccountFreePlan') },
    );
    const headers = { Prefer: 'example=SearchResponseEmpty', authorization: 'Bearer someone-else' };
    await custom.search({ query: 'ai' }, { headers });
    await custom.me({ headers });
    await custom.notifications.list({ headers });
    await custom.notifications.create({ search_term: 'ai', email_recipient: 'me@example.org' }, { headers });
    await custom.notifications.delete('7', { headers });
    await custom.raw.GET('/api/me', { headers: { Prefer: 'example=SearchResponseEmpty', Authorization: null } });
    for (const request of local.server.requests) {
      expect(request.headers.prefer).toBe('example=SearchResponseEmpty');
      expect(request.headers['x-trace']).toBe('default');
      expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    }
    expect(local.server.requests).toHaveLength(6);
  });

  it('keeps Authorization even against a middleware that replaces it', async () => {
    local.client.raw.use({
      onRequest: ({ request }) => void request.headers.set('Authorization', 'Bearer someone-else'),
    });
    local.server.reply({ body: specExample('AccountFreePlan') });
    await local.client.me();
    expect(onlyRequest().headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('sends requests through an injected fetch', async () => {
    const seen: string[] = [];
    const custom = clientFor(local.server, {
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
    local.server.reply({ body: specExample('KeywordAlertListEmpty') });
    await custom.notifications.list();
    expect(seen).toEqual(['GET /api/notifications']);
    expect(local.server.requests).toHaveLength(1);
  });
});
