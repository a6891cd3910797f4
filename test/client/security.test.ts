// The key never shows: not in JSON.stringify or util.inspect of the client, not in any rendering of
// an error however a server echoes it (message, body fields at any depth, headers, reason phrase),
// not in a log line at the most verbose level; and text that merely contains the key's characters is
// left as it is. Redirects are answered, never followed, so nothing reaches another host.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APIError, AuthenticationError, type Audioscrape } from '../../src/index.js';
import { clientFor, recordingLogger, specExample, TEST_KEY, rejectionOf } from '../support/client.js';
import { startLocalServer, type LocalServer } from '../support/local-server.js';

let server: LocalServer;

beforeEach(async () => {
  server = await startLocalServer();
});
afterEach(() => server.close());

const failure = (call: Promise<unknown>) => rejectionOf(call, APIError);

/** Every way an app might print an error. */
function renderings(error: Error): Record<string, string> {
  return {
    message: error.message,
    toString: String(error),
    stack: error.stack ?? '',
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    body: JSON.stringify((error as APIError).body) ?? '',
    headers: JSON.stringify([...((error as APIError).headers ?? [])]),
  };
}

function expectNowhere(secret: string, places: Record<string, string>): void {
  for (const [place, text] of Object.entries(places)) expect(text, place).not.toContain(secret);
}

describe('the client object', () => {
  it('does not hold the key where JSON.stringify or util.inspect can see it', () => {
    const client = clientFor(server);
    const json = JSON.stringify(client);
    const inspected = inspect(client, { depth: Infinity, showHidden: true, getters: true });
    expect(json).toContain(server.url);
    expect(inspected).toContain('baseUrl');
    expect(json).not.toContain(TEST_KEY);
    expect(inspected).not.toContain(TEST_KEY);
    expect(inspect(client.raw, { depth: Infinity, showHidden: true })).not.toContain(TEST_KEY);
  });
});

describe('a server that echoes the key', () => {
  it('in its error message: the message and body show [redacted]', async () => {
    server.reply({ status: 401, body: { error: 'Unauthorized', message: `Key ${TEST_KEY} is revoked` } });
    const error = await failure(clientFor(server).me());
    expect(error.message).toBe('401 Unauthorized: Key [redacted] is revoked');
    expect(error.body?.message).toBe('Key [redacted] is revoked');
    expectNowhere(TEST_KEY, renderings(error));
  });

  it('in a plain-text body', async () => {
    server.reply({ status: 403, body: `forbidden for Bearer ${TEST_KEY}` });
    const error = await failure(clientFor(server, { maxRetries: 0 }).me());
    expect(error.message).toContain('forbidden for Bearer [redacted]');
    expectNowhere(TEST_KEY, renderings(error));
  });

  it('in body fields beyond error and message, at any depth, in arrays and property names', async () => {
    const echoed = {
      error: 'Unauthorized',
      message: 'Invalid or missing API key',
      request: {
        headers: { authorization: `Bearer ${TEST_KEY}` },
        seen: [`${TEST_KEY}`, { again: `key=${TEST_KEY};` }],
      },
      [TEST_KEY]: 'as a property name',
      glued: `prefix${TEST_KEY}suffix`,
    };
    server.reply({ status: 401, body: echoed });
    const error = await failure(clientFor(server).me());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.body).toMatchObject({
      request: { headers: { authorization: 'Bearer [redacted]' }, seen: ['[redacted]', { again: 'key=[redacted];' }] },
      '[redacted]': 'as a property name',
      glued: 'prefix[redacted]suffix',
    });
    expectNowhere(TEST_KEY, renderings(error));
  });

  it('in a response header and in the reason phrase', async () => {
    server.reply({
      status: 500,
      statusText: `Bad key ${TEST_KEY}`,
      headers: { 'X-Debug-Authorization': `Bearer ${TEST_KEY}` },
      body: '',
    });
    const error = await failure(clientFor(server, { maxRetries: 0 }).me());
    expect(error.headers.get('x-debug-authorization')).toBe('Bearer [redacted]');
    expect(error.message).toBe('500 Bad key [redacted] (no response body)');
    expectNowhere(TEST_KEY, renderings(error));
  });

  it('in a 2xx body that is not JSON: the error does not quote it', async () => {
    server.reply({ body: `not json ${TEST_KEY}`, headers: { 'Content-Type': 'application/json' } });
    const error = (await clientFor(server)
      .me()
      .catch((thrown: unknown) => thrown)) as Error;
    expect(error.message).toBe('GET /api/me answered with a body that is not valid JSON.');
    expectNowhere(TEST_KEY, renderings(error));
  });

  it('in a redirect’s Location', async () => {
    server.reply({ status: 302, headers: { Location: `https://elsewhere.example/?key=${TEST_KEY}` } });
    const error = await failure(clientFor(server).me());
    expect(error.message).toContain('https://elsewhere.example/?key=[redacted]');
    expectNowhere(TEST_KEY, renderings(error));
  });

  it('in anything, for the debug log: request and response lines carry no key and no cookie', async () => {
    const logger = recordingLogger();
    const client = clientFor(server, { logger, logLevel: 'debug', defaultHeaders: { Cookie: 'session=abc123' } });
    server.reply(
      {
        status: 500,
        body: { error: 'Oops', message: `bad ${TEST_KEY}` },
        headers: { 'Set-Cookie': 'id=xyz789', 'X-Echo': TEST_KEY },
      },
      { body: specExample('AccountFreePlan') },
    );
    await client.me();

    const all = logger.lines.join('\n');
    expect(logger.lines.filter((line) => line.startsWith('debug [audioscrape] → GET http://127.0.0.1:'))).toHaveLength(
      2,
    );
    expect(logger.lines.filter((line) => /^debug \[audioscrape\] ← (500|200) GET /.test(line))).toHaveLength(2);
    expect(all).toContain('"authorization":"[redacted]"');
    expect(all).toContain('"cookie":"[redacted]"');
    expect(all).toContain('"set-cookie":"[redacted]"');
    expect(all).toContain('"x-echo":"[redacted]"');
    expect(all).toMatch(/retry 1 of 2/);
    expect(all).not.toContain(TEST_KEY);
    expect(all).not.toContain('abc123');
    expect(all).not.toContain('xyz789');
  });
});

describe('a short key', () => {
  const seed = { error: 'Unauthorized', message: 'Invalid or missing API key' };

  // (A key that is a whole word of the text, such as "API", is indistinguishable from an echo of it.)
  it.each(['k', 'e', 'a', 'I', '1', 'Au', 'ed'])('%o leaves text that merely contains it as it is', async (key) => {
    server.reply({
      status: 401,
      statusText: 'Unauthorized',
      body: seed,
      headers: { 'WWW-Authenticate': 'Bearer realm="api"' },
    });
    const error = await failure(clientFor(server, { apiKey: key }).me());
    expect(error.message).toBe('401 Unauthorized: Invalid or missing API key');
    expect(error.body).toEqual(seed);
    expect(error.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(String(error)).toBe('AuthenticationError: 401 Unauthorized: Invalid or missing API key');
  });

  it('is still removed where it stands alone', async () => {
    server.reply({
      status: 401,
      body: { error: 'Unauthorized', message: 'Key "k" is revoked (k)', token: 'k', nested: ['k', 'kk'] },
    });
    const error = await failure(clientFor(server, { apiKey: 'k' }).me());
    expect(error.message).toBe('401 Unauthorized: Key "[redacted]" is revoked ([redacted])');
    expect(error.body).toMatchObject({ token: '[redacted]', nested: ['[redacted]', 'kk'] });
  });

  it('with characters a regular expression would read as syntax is matched literally', async () => {
    const key = 'a.b*c(d)[e]$';
    server.reply({
      status: 401,
      body: { error: 'Unauthorized', message: `Key ${key} revoked; aXb*c(d)[e]$ is another` },
    });
    const error = await failure(clientFor(server, { apiKey: key }).me());
    expect(error.message).toBe('401 Unauthorized: Key [redacted] revoked; aXb*c(d)[e]$ is another');
  });
});

describe('redirects', () => {
  let elsewhere: LocalServer;
  let client: Audioscrape;

  beforeEach(async () => {
    elsewhere = await startLocalServer();
    elsewhere.respond(() => ({ body: specExample('SearchResponseHits') }));
    client = clientFor(server, { defaultHeaders: { 'X-Team-Secret': 'team-secret' } });
  });
  afterEach(() => elsewhere.close());

  it.each([301, 302, 303, 307, 308])(
    'a %i to another origin is refused: nothing is sent there, and the error says where it pointed',
    async (status) => {
      server.reply({ status, headers: { Location: `${elsewhere.url}/api/v1/search` } });
      const error = await failure(client.search({ query: 'private words' }));
      expect(error.constructor).toBe(APIError);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(new RegExp(`^${status} .* to ${elsewhere.url}/api/v1/search, not followed`));
      expect(error.headers.get('location')).toBe(`${elsewhere.url}/api/v1/search`);
      expect(elsewhere.requests).toEqual([]);
      expect(server.requests, 'not retried either').toHaveLength(1);
    },
  );

  it('one within the same origin is not followed either: the API never redirects', async () => {
    server.reply({ status: 308, headers: { Location: '/api/v2/me' } }, { body: specExample('AccountFreePlan') });
    const error = await failure(client.me());
    expect(error.message).toContain('to /api/v2/me, not followed (the API does not redirect: check baseUrl)');
    expect(server.requests.map((request) => request.url)).toEqual(['/api/me']);
  });
});
