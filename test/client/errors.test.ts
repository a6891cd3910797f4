// Every non-2xx answer becomes the right error class, with status, headers, the parsed body, the
// rate-limit state and a message worth reading, even when the body is not the API's JSON.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AudioscrapeError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../src/index.js';
import { clientFor, localServerAndClient, specExample, rejectionOf } from '../support/client.js';
import { seedErrorBodies } from '../support/seed.js';
import { CLIENT_ENTRY } from '../../scripts/lib/paths.mjs';

const local = localServerAndClient({ maxRetries: 0 });

const failure = (call: Promise<unknown>) => rejectionOf(call, APIError);

describe('the seed page’s error bodies', () => {
  const classes: Record<number, typeof APIError> = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    429: RateLimitError,
  };

  it.each(seedErrorBodies().map((seed) => [seed.status, seed] as const))(
    '%i becomes its class with the body parsed',
    async (status, seed) => {
      local.server.reply({
        status,
        body: seed.raw,
        headers: { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '0' },
      });
      const error = await failure(local.client.me());
      expect(error).toBeInstanceOf(classes[status]!);
      expect(error).toBeInstanceOf(AudioscrapeError);
      expect(error.name).toBe(classes[status]!.name);
      expect(error.status).toBe(status);
      expect(error.body).toEqual(seed.body);
      expect(error.message).toBe(`${status} ${String(seed.body.error)}: ${String(seed.body.message)}`);
      expect(error.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(error.rateLimit).toEqual({ remaining: 0 });
    },
  );
});

describe('one class per status', () => {
  it.each([
    [400, BadRequestError, 'BadRequest'],
    [404, NotFoundError, 'NotFound'],
    [500, InternalServerError, 'InternalServerError'],
  ] as const)('%i from the spec example becomes %o', async (status, ErrorClass, example) => {
    const body = specExample(example);
    local.server.reply({ status, body });
    const error = await failure(local.client.notifications.delete('1'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.body).toEqual(body);
    expect(error.message).toBe(`${status} ${body.error}: ${body.message}`);
  });

  it.each([
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [502, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ] as const)('%i becomes %o', async (status, ErrorClass) => {
    local.server.reply({ status, body: { error: 'Some Title', message: 'Some words.' } });
    const error = await failure(local.client.me());
    expect(error.constructor).toBe(ErrorClass);
    expect(error.status).toBe(status);
  });

  it('has no rate-limit state when the error came without the headers', async () => {
    local.server.reply({ status: 403, body: { error: 'Forbidden', message: 'Insufficient permissions' } });
    expect((await failure(local.client.me())).rateLimit).toBeUndefined();
  });
});

describe('bodies that are not the API’s error JSON', () => {
  it('an HTML page from a proxy: the right class, no parsed body, the start of the page in the message', async () => {
    local.server.reply({
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>',
      headers: { 'Content-Type': 'text/html' },
    });
    const error = await failure(local.client.me());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBeUndefined();
    expect(error.message).toBe(
      "502 Bad Gateway (not the API's error format): <html><body><h1>502 Bad Gateway</h1> <p>nginx</p></body></html>",
    );
  });

  it('an empty body says so', async () => {
    local.server.reply({ status: 401 });
    const error = await failure(local.client.me());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('401 Unauthorized (no response body)');
  });

  it('truncated JSON is shown as text', async () => {
    local.server.reply({ status: 400, body: '{"error": "Bad Req', headers: { 'Content-Type': 'application/json' } });
    const error = await failure(local.client.search({ query: 'x' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.body).toBeUndefined();
    expect(error.message).toContain('{"error": "Bad Req');
  });

  it('JSON of another shape is shown, and a long body is cut to 200 characters', async () => {
    local.server.reply({ status: 404, body: { detail: 'x'.repeat(500) } });
    const error = await failure(local.client.notifications.delete('9'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toBeUndefined();
    expect(error.message).toMatch(/^404 Not Found \(not the API's error format\): \{"detail":"x+…$/);
    expect(error.message.split(': ')[1]).toHaveLength(201);
  });

  it('a 2xx whose body is not JSON is an AudioscrapeError, not retried', async () => {
    const retrying = clientFor(local.server);
    local.server.reply({ status: 200, body: 'not json', headers: { 'Content-Type': 'application/json' } });
    const error = await retrying.me().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AudioscrapeError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(local.server.requests).toHaveLength(1);
  });
});

describe('RateLimitError.retryAfter (seconds)', () => {
  const body = { error: 'Rate Limited', message: 'Too many requests', retry_after: 60 };

  it('comes from the Retry-After header in seconds, before the body', async () => {
    local.server.reply({ status: 429, body, headers: { 'Retry-After': '12' } });
    expect(((await failure(local.client.me())) as RateLimitError).retryAfter).toBe(12);
  });

  it('comes from a Retry-After HTTP date', async () => {
    const inTwoMinutes = new Date(Math.floor(Date.now() / 1000) * 1000 + 120_000);
    local.server.reply({ status: 429, body, headers: { 'Retry-After': inTwoMinutes.toUTCString() } });
    const { retryAfter } = (await failure(local.client.me())) as RateLimitError;
    expect(retryAfter).toBeGreaterThan(115);
    expect(retryAfter).toBeLessThanOrEqual(120);
  });

  it('comes from the body’s retry_after when there is no header', async () => {
    local.server.reply({ status: 429, body: { ...body, retry_after: 42 } });
    expect(((await failure(local.client.me())) as RateLimitError).retryAfter).toBe(42);
  });

  it('is undefined when neither the header nor the body says', async () => {
    local.server.reply({ status: 429, body: 'slow down' });
    const error = (await failure(local.client.me())) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBeUndefined();
  });

  it('ignores a Retry-After that is neither seconds nor a date', async () => {
    local.server.reply({ status: 429, body, headers: { 'Retry-After': 'soon' } });
    expect(((await failure(local.client.me())) as RateLimitError).retryAfter).toBe(60);
  });
});

describe('error.name', () => {
  it('is each class’s own name, in a minified bundle too (where classes are renamed), and a subclass of ours inherits it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-minified-'));
    try {
      const outfile = path.join(dir, 'client.min.mjs');
      await build({
        entryPoints: [CLIENT_ENTRY],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        outfile,
        logLevel: 'silent',
      });
      const minified = (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
      const renamed = Object.entries(minified).filter(
        ([exported, value]) => exported.endsWith('Error') && (value as { name: string }).name !== exported,
      );
      const errorClasses = Object.entries(minified).filter(([exported]) => exported.endsWith('Error'));
      expect(errorClasses.length, 'the bundle exports the error classes').toBeGreaterThanOrEqual(14);
      expect(renamed.length, 'the minifier renamed the classes (else this test shows nothing)').toBeGreaterThan(0);
      for (const [exported, type] of errorClasses) {
        const ErrorClass = type as new (message: string, details: object) => Error;
        expect(new ErrorClass('x', { status: 500, headers: new Headers(), body: undefined }).name).toBe(exported);
      }
      const RateLimit = minified.RateLimitError as typeof RateLimitError;
      class AppRateLimitError extends RateLimit {}
      expect(new AppRateLimitError('x', { status: 429, headers: new Headers(), body: undefined }).name).toBe(
        'RateLimitError',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
