// The low-level client: openapi-fetch's typed calls with the same key, retries and errors as the
// high-level methods, plus per-call timeout and maxRetries.
import { describe, expect, it } from 'vitest';
import { AuthenticationError, InternalServerError, TimeoutError } from '../../src/index.js';
import { clientFor, localServerAndClient, recordingSleep, specExample, TEST_KEY } from '../support/client.js';

const local = localServerAndClient();

describe('client.raw', () => {
  it('GET resolves with openapi-fetch’s {data, response}, authenticated', async () => {
    const account = specExample('AccountEnterprisePlan');
    local.server.reply({ body: account });
    const { data, error, response } = await local.client.raw.GET('/api/me');
    expect(data).toEqual(account);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(local.server.requests[0]!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('POST and DELETE take the typed body and path parameters', async () => {
    local.server.reply({ status: 201, body: specExample('KeywordAlertCreated') }, { status: 204 });
    await local.client.raw.POST('/api/notifications', {
      body: { search_term: 'ai', email_recipient: 'me@example.org' },
    });
    await local.client.raw.DELETE('/api/notifications/{id}', { params: { path: { id: '77' } } });
    expect(local.server.requests.map((request) => `${request.method} ${request.url} ${request.body}`)).toEqual([
      'POST /api/notifications {"search_term":"ai","email_recipient":"me@example.org"}',
      'DELETE /api/notifications/77 ',
    ]);
  });

  it('request() takes the method as an argument', async () => {
    local.server.reply({ body: specExample('KeywordAlertListEmpty') });
    const { data } = await local.client.raw.request('get', '/api/notifications');
    expect(data).toEqual(specExample('KeywordAlertListEmpty'));
  });

  it('retries like the high-level methods', async () => {
    const waits = recordingSleep();
    const retrying = clientFor(local.server, { sleep: waits.sleep });
    local.server.reply(
      { status: 500, body: 'x' },
      { status: 502, body: 'y' },
      { body: specExample('AccountFreePlan') },
    );
    await retrying.raw.GET('/api/me');
    expect(local.server.requests).toHaveLength(3);
    expect(waits.delays).toHaveLength(2);
  });

  it('throws the typed error instead of returning {error}', async () => {
    local.server.reply({ status: 401, body: { error: 'Unauthorized', message: 'Invalid or missing API key' } });
    await expect(local.client.raw.GET('/api/me')).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('takes timeout and maxRetries per call', async () => {
    local.server.reply({ status: 500, body: 'x' });
    await expect(local.client.raw.GET('/api/me', { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(local.server.requests).toHaveLength(1);
    local.server.reply({ delayMs: 300, body: {} });
    await expect(local.client.raw.GET('/api/me', { timeout: 50, maxRetries: 0 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('runs openapi-fetch middleware on each attempt', async () => {
    const seen: string[] = [];
    local.client.raw.use({ onRequest: ({ request }) => void seen.push(request.method) });
    local.server.reply({ status: 503, body: 'busy' }, { body: specExample('AccountFreePlan') });
    await local.client.raw.GET('/api/me');
    expect(seen).toEqual(['GET', 'GET']);
  });
});
