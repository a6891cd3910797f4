// The low-level client: openapi-fetch's typed calls with the same key, retries and errors as the
// high-level methods, plus per-call timeout and maxRetries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, InternalServerError, TimeoutError, type Audioscrape } from '../../src/index.js';
import { clientFor, recordingSleep, specExample, TEST_KEY } from '../support/client.js';
import { startLocalServer, type LocalServer } from '../support/local-server.js';

let server: LocalServer;
let client: Audioscrape;

beforeEach(async () => {
  server = await startLocalServer();
  client = clientFor(server);
});
afterEach(() => server.close());

describe('client.raw', () => {
  it('GET resolves with openapi-fetch’s {data, response}, authenticated', async () => {
    const account = specExample('AccountEnterprisePlan');
    server.reply({ body: account });
    const { data, error, response } = await client.raw.GET('/api/me');
    expect(data).toEqual(account);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('POST and DELETE take the typed body and path parameters', async () => {
    server.reply({ status: 201, body: specExample('KeywordAlertCreated') }, { status: 204 });
    await client.raw.POST('/api/notifications', { body: { search_term: 'ai', email_recipient: 'me@example.org' } });
    await client.raw.DELETE('/api/notifications/{id}', { params: { path: { id: '77' } } });
    expect(server.requests.map((request) => `${request.method} ${request.url} ${request.body}`)).toEqual([
      'POST /api/notifications {"search_term":"ai","email_recipient":"me@example.org"}',
      'DELETE /api/notifications/77 ',
    ]);
  });

  it('request() takes the method as an argument', async () => {
    server.reply({ body: specExample('KeywordAlertListEmpty') });
    const { data } = await client.raw.request('get', '/api/notifications');
    expect(data).toEqual(specExample('KeywordAlertListEmpty'));
  });

  it('retries like the high-level methods', async () => {
    const waits = recordingSleep();
    const retrying = clientFor(server, { sleep: waits.sleep });
    server.reply({ status: 500, body: 'x' }, { status: 502, body: 'y' }, { body: specExample('AccountFreePlan') });
    await retrying.raw.GET('/api/me');
    expect(server.requests).toHaveLength(3);
    expect(waits.delays).toHaveLength(2);
  });

  it('throws the typed error instead of returning {error}', async () => {
    server.reply({ status: 401, body: { error: 'Unauthorized', message: 'Invalid or missing API key' } });
    await expect(client.raw.GET('/api/me')).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('takes timeout and maxRetries per call', async () => {
    server.reply({ status: 500, body: 'x' });
    await expect(client.raw.GET('/api/me', { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    server.reply({ delayMs: 300, body: {} });
    await expect(client.raw.GET('/api/me', { timeout: 50, maxRetries: 0 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('runs openapi-fetch middleware on each attempt', async () => {
    const seen: string[] = [];
    client.raw.use({ onRequest: ({ request }) => void seen.push(request.method) });
    server.reply({ status: 503, body: 'busy' }, { body: specExample('AccountFreePlan') });
    await client.raw.GET('/api/me');
    expect(seen).toEqual(['GET', 'GET']);
  });
});
