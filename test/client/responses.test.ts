// Answers the API's contract does not allow, from local servers built to send them: a 2xx with an
// empty, null or wrong-shaped body is an InvalidResponseError naming the call and what was wrong,
// and a runaway body is cut off at maxResponseBytes without being buffered.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudioscrapeError, InvalidResponseError } from '../../src/index.js';
import { bundledSpec, clientFor, specExample, TEST_KEY, localServerAndClient, rejectionOf } from '../support/client.js';
import { resolve, type JsonObject } from '../support/openapi.js';
import { ROOT } from '../../scripts/lib/paths.mjs';

const MiB = 1024 * 1024;

const local = localServerAndClient();

async function invalid(call: Promise<unknown>): Promise<InvalidResponseError> {
  const error = await rejectionOf(call, InvalidResponseError);
  expect(error).toBeInstanceOf(AudioscrapeError);
  return error;
}

describe('a 2xx body the contract does not allow', () => {
  it('empty, with no Content-Length: an error naming the call, not data: undefined', async () => {
    local.server.reply({ status: 200, body: '' });
    const error = await invalid(local.client.search({ query: 'ai' }));
    expect(error.message).toBe(
      "POST /api/v1/search answered 200 with an empty body, which the API's contract does not allow.",
    );
    expect(local.server.requests, 'not retried').toHaveLength(1);
  });

  it('empty, with Content-Length: 0', async () => {
    local.server.reply({ status: 200, headers: { 'Content-Length': '0' } });
    expect((await invalid(local.client.me())).message).toBe(
      "GET /api/me answered 200 with an empty body, which the API's contract does not allow.",
    );
  });

  it('a 204 where the operation promises a body', async () => {
    local.server.reply({ status: 204 });
    expect((await invalid(local.client.notifications.list())).message).toMatch(
      /^GET \/api\/notifications answered 204 with an empty body/,
    );
  });

  it('null', async () => {
    local.server.reply({ body: 'null', headers: { 'Content-Type': 'application/json' } });
    expect((await invalid(local.client.me())).message).toBe(
      "GET /api/me answered 200 with null, which the API's contract does not allow.",
    );
  });

  it('an object without the required fields', async () => {
    local.server.reply({ body: { foo: 1 } });
    expect((await invalid(local.client.search({ query: 'ai' }))).message).toBe(
      "POST /api/v1/search answered 200 with a body without meta, results, which the API's contract does not allow.",
    );
  });

  it('an array', async () => {
    local.server.reply({ status: 201, body: [] });
    expect(
      (await invalid(local.client.notifications.create({ search_term: 'ai', email_recipient: 'me@example.org' })))
        .message,
    ).toMatch(/^POST \/api\/notifications answered 201 with an array, which/);
  });

  it('is caught on the low-level client too, unless the call reads the body as something else than JSON', async () => {
    local.server.reply({ body: { foo: 1 } }, { body: 'plain text', headers: { 'Content-Type': 'text/plain' } });
    await invalid(local.client.raw.GET('/api/me'));
    const { data } = await local.client.raw.GET('/api/me', { parseAs: 'text' });
    expect(data).toBe('plain text');
  });

  it('a string, with the key in it: the message says what it is, never quotes it', async () => {
    local.server.reply({ body: JSON.stringify(`token ${TEST_KEY}`), headers: { 'Content-Type': 'application/json' } });
    const error = await invalid(local.client.me());
    expect(error.message).toBe("GET /api/me answered 200 with a string, which the API's contract does not allow.");
  });

  it('searchAll stops with the same error instead of a TypeError', async () => {
    local.server.reply({ body: 'null', headers: { 'Content-Type': 'application/json' } });
    const pages = local.client.searchAll({ query: 'ai' }, { maxResults: 100 });
    await invalid(pages.next());
  });

  it('a 204 where the operation promises none is fine', async () => {
    local.server.reply({ status: 204 });
    await expect(local.client.notifications.delete('1')).resolves.toMatchObject({ data: undefined });
  });
});

describe('the required fields the client checks', () => {
  it('are the spec’s, for every operation with a JSON 2xx body', () => {
    const spec = bundledSpec();
    const source = readFileSync(path.join(ROOT, 'src', 'responses.ts'), 'utf8');
    let checked = 0;
    for (const [route, pathItem] of Object.entries<Record<string, { responses?: Record<string, JsonObject> }>>(
      spec.paths,
    )) {
      for (const [method, operation] of Object.entries(pathItem)) {
        for (const [status, reference] of Object.entries(operation.responses ?? {})) {
          const response = resolve(spec, reference);
          const schema = response.content?.['application/json']?.schema;
          if (!status.startsWith('2') || !schema) continue;
          const required = (resolve(spec, schema).required as string[]).map((field) => `'${field}'`).join(', ');
          expect(source).toContain(`'${method.toUpperCase()} ${route}': [${required}]`);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(4);
  });
});

describe('maxResponseBytes', () => {
  it('cuts off a 50 MB body sent without Content-Length, without buffering it', async () => {
    const small = clientFor(local.server, { maxResponseBytes: MiB });
    local.server.reply({
      status: 200,
      body: '{"meta":',
      headers: { 'Content-Type': 'application/json' },
      streamBytes: 50 * MiB,
    });
    const before = process.memoryUsage().rss;
    const error = await invalid(small.search({ query: 'ai' }));
    expect(error.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/search answered with a body over maxResponseBytes \(1048576 bytes\); it was not read further\.$/,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The client closed the connection: the server could not hand over more than the ceiling and
    // what the sockets buffer on the way.
    expect(local.server.streamed).toBeLessThan(10 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(30 * MiB);
    expect(local.server.requests, 'not retried').toHaveLength(1);
  });

  it('refuses a Content-Length over the ceiling before reading any of the body', async () => {
    const small = clientFor(local.server, { maxResponseBytes: MiB });
    local.server.reply({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * MiB) },
      streamBytes: 50 * MiB,
    });
    await invalid(small.me());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(local.server.streamed).toBeLessThan(10 * MiB);
  });

  it('holds error bodies too', async () => {
    const small = clientFor(local.server, { maxResponseBytes: 1000, maxRetries: 0 });
    local.server.reply({ status: 500, body: 'x'.repeat(5000) });
    expect((await invalid(small.me())).message).toMatch(/over maxResponseBytes \(1000 bytes\)/);
  });

  it('lets a body at the ceiling through, with or without Content-Length', async () => {
    const account = JSON.stringify(specExample('AccountFreePlan'));
    const exact = clientFor(local.server, { maxResponseBytes: Buffer.byteLength(account) });
    local.server.reply(
      { body: account, headers: { 'Content-Type': 'application/json' } },
      {
        body: account,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(account)) },
      },
    );
    await expect(exact.me()).resolves.toMatchObject({ data: JSON.parse(account) });
    await expect(exact.me()).resolves.toMatchObject({ data: JSON.parse(account) });
  });

  it('defaults to 10 MiB', async () => {
    local.server.reply({
      status: 200,
      body: '{"meta":',
      headers: { 'Content-Type': 'application/json' },
      streamBytes: 10 * MiB,
    });
    expect((await invalid(local.client.me())).message).toMatch(/over maxResponseBytes \(10485760 bytes\)/);
  });
});
