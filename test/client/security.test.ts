// The key never shows: not in JSON.stringify or util.inspect of the client, not in an error (even
// when the server echoes it back), not in a log line at the most verbose level.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APIError } from '../../src/index.js';
import { clientFor, recordingLogger, specExample, TEST_KEY } from '../support/client.js';
import { startLocalServer, type LocalServer } from '../support/local-server.js';

let server: LocalServer;

beforeEach(async () => {
  server = await startLocalServer();
});
afterEach(() => server.close());

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

describe('errors', () => {
  it('a server that echoes the key in its error body: message and body show [redacted]', async () => {
    server.reply({ status: 401, body: { error: 'Unauthorized', message: `Key ${TEST_KEY} is revoked` } });
    const error = (await clientFor(server).me().catch((thrown: unknown) => thrown)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toBe('401 Unauthorized: Key [redacted] is revoked');
    expect(error.body?.message).toBe('Key [redacted] is revoked');
    expect(inspect(error, { depth: Infinity })).not.toContain(TEST_KEY);
  });

  it('the same for a plain-text body', async () => {
    server.reply({ status: 403, body: `forbidden for Bearer ${TEST_KEY}` });
    const error = (await clientFor(server).me().catch((thrown: unknown) => thrown)) as APIError;
    expect(error.message).toContain('forbidden for Bearer [redacted]');
    expect(error.message).not.toContain(TEST_KEY);
  });
});

describe('logs', () => {
  it('at debug level show each request and response with Authorization and cookies redacted', async () => {
    const logger = recordingLogger();
    const client = clientFor(server, { logger, logLevel: 'debug', defaultHeaders: { Cookie: 'session=abc123' } });
    server.reply({ status: 500, body: { error: 'Oops', message: `bad ${TEST_KEY}` }, headers: { 'Set-Cookie': 'id=xyz789' } }, { body: specExample('AccountFreePlan') });
    await client.me();

    const all = logger.lines.join('\n');
    expect(logger.lines.filter((line) => line.startsWith('debug [audioscrape] → GET http://127.0.0.1:'))).toHaveLength(2);
    expect(logger.lines.filter((line) => /^debug \[audioscrape\] ← (500|200) GET /.test(line))).toHaveLength(2);
    expect(all).toContain('"authorization":"[redacted]"');
    expect(all).toContain('"cookie":"[redacted]"');
    expect(all).toContain('"set-cookie":"[redacted]"');
    expect(all).toMatch(/retry 1 of 2/);
    expect(all).not.toContain(TEST_KEY);
    expect(all).not.toContain('abc123');
    expect(all).not.toContain('xyz789');
  });
});
