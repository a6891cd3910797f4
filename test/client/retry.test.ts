// Retries, timeouts and aborts against a real local server. Most tests record the waits with an
// injected sleep, so they are exact and fast; the ones marked "real timers" use the client's own
// sleep and timeout to prove the clock and the AbortSignal really work.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  AudioscrapeError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
  type Audioscrape,
} from '../../src/index.js';
import { backoffMs, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from '../../src/retry.js';
import type { RetryEvent } from '../../src/index.js';
import { clientFor, recordingLogger, recordingSleep, specExample, type RecordingSleep } from '../support/client.js';
import { startLocalServer, type LocalServer, type Reply } from '../support/local-server.js';

const ACCOUNT = specExample('AccountFreePlan');
const OK: Reply = { body: ACCOUNT };
const FAULT: Reply = { status: 500, body: specExample('InternalServerError') };
const RATE_LIMITED = specExample<{ error: string; message: string; retry_after: number }>('RateLimited');

let server: LocalServer;
let waits: RecordingSleep;
let client: Audioscrape;

beforeEach(async () => {
  server = await startLocalServer();
  waits = recordingSleep();
  client = clientFor(server, { sleep: waits.sleep });
});
afterEach(() => server.close());

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function expectBackoff(delays: number[]): void {
  delays.forEach((delay, retry) => {
    const full = Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS);
    expect(delay, `wait before retry ${retry + 1}`).toBeGreaterThanOrEqual(full * 0.75);
    expect(delay, `wait before retry ${retry + 1}`).toBeLessThanOrEqual(full);
  });
}

describe('what is retried', () => {
  it('a 500 twice, then success: three requests, exponential backoff between them', async () => {
    server.reply(FAULT, FAULT, OK);
    const result = await client.me();
    expect(result.data).toEqual(ACCOUNT);
    expect(server.requests).toHaveLength(3);
    expect(waits.delays).toHaveLength(2);
    expectBackoff(waits.delays);
  });

  it('gives up after maxRetries (2 by default) and throws the last error', async () => {
    server.reply(FAULT, FAULT, FAULT, OK);
    await expect(client.me()).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('follows maxRetries from the client and from the call', async () => {
    const patient = clientFor(server, { sleep: waits.sleep, maxRetries: 4 });
    server.reply(FAULT, FAULT, FAULT, FAULT, OK);
    await expect(patient.me()).resolves.toMatchObject({ data: ACCOUNT });
    expect(server.requests).toHaveLength(5);
    expectBackoff(waits.delays);

    server.reply(FAULT, OK);
    await expect(patient.me({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(6);
  });

  it.each([408, 409, 429, 502, 503, 504])('retries %i', async (status) => {
    server.reply({ status, body: { error: 'E', message: 'm' } }, OK);
    await expect(client.me()).resolves.toMatchObject({ data: ACCOUNT });
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    server.reply({ status, body: { error: 'E', message: 'm' } }, OK);
    await expect(client.me()).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
    expect(waits.delays).toEqual([]);
  });

  it('retries a dropped connection and then succeeds', async () => {
    server.reply({ hangUp: true }, OK);
    await expect(client.me()).resolves.toMatchObject({ data: ACCOUNT });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection, then throws ConnectionError saying why', async () => {
    const refused = clientFor(server, { sleep: waits.sleep, baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = await refused.me().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).cause).toBeDefined();
    expect(waits.delays).toHaveLength(2);
  });

  it('logs each retry at info level', async () => {
    const logger = recordingLogger();
    const logged = clientFor(server, { sleep: waits.sleep, logger, logLevel: 'info' });
    server.reply(FAULT, OK);
    await logged.me();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^info \[audioscrape\] GET \/api\/me failed \(500 .*\); retry 1 of 2 in 0\.\d s/);
  });
});

describe('waits the server asks for', () => {
  it('a 429 waits the Retry-After seconds', async () => {
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '3' } }, OK);
    await client.me();
    expect(waits.delays).toEqual([3000]);
  });

  it('a 429 waits until a Retry-After HTTP date', async () => {
    const inTenSeconds = new Date(Math.floor(Date.now() / 1000) * 1000 + 10_000);
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': inTenSeconds.toUTCString() } }, OK);
    await client.me();
    expect(waits.delays).toHaveLength(1);
    expect(waits.delays[0]).toBeGreaterThan(8_000);
    expect(waits.delays[0]).toBeLessThanOrEqual(10_000);
  });

  it('a 429 without the header waits the body’s retry_after', async () => {
    server.reply({ status: 429, body: { ...RATE_LIMITED, retry_after: 7 } }, OK);
    await client.me();
    expect(waits.delays).toEqual([7000]);
  });

  it('retry-after-ms wins over Retry-After', async () => {
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'retry-after-ms': '1500', 'Retry-After': '9' } }, OK);
    await client.me();
    expect(waits.delays).toEqual([1500]);
  });

  it('a 503 with Retry-After waits that long too', async () => {
    server.reply(
      { status: 503, body: { error: 'Unavailable', message: 'later' }, headers: { 'Retry-After': '2' } },
      OK,
    );
    await client.me();
    expect(waits.delays).toEqual([2000]);
  });

  it('a 429 with nothing to go by falls back to backoff', async () => {
    server.reply({ status: 429, body: 'slow down' }, OK);
    await client.me();
    expectBackoff(waits.delays);
  });

  it('past maxRetryWait (10 s by default) throws the RateLimitError at once instead of sleeping', async () => {
    server.reply({ status: 429, body: { ...RATE_LIMITED, retry_after: 11 } }, OK);
    const error = await client.me().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(11);
    expect(server.requests).toHaveLength(1);
    expect(waits.delays).toEqual([]);
  });

  it('up to maxRetryWait it waits what the server asked', async () => {
    server.reply({ status: 429, body: { ...RATE_LIMITED, retry_after: 10 } }, OK);
    await expect(client.me()).resolves.toMatchObject({ data: ACCOUNT });
    expect(waits.delays).toEqual([10_000]);
  });

  it('maxRetryWait is the caller’s to set', async () => {
    const strict = clientFor(server, { sleep: waits.sleep, maxRetryWait: 5_000 });
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '6' } });
    await expect(strict.me()).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '5' } }, OK);
    await expect(strict.me()).resolves.toMatchObject({ data: ACCOUNT });
    expect(waits.delays).toEqual([5000]);

    const patient = clientFor(server, { sleep: waits.sleep, maxRetryWait: 60_000 });
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '60' } }, OK);
    await expect(patient.me()).resolves.toMatchObject({ data: ACCOUNT });
    expect(waits.delays).toEqual([5000, 60_000]);
  });
});

describe('no silent waits', () => {
  it('a 2 s Retry-After is announced at warn, the default level: what happened, how long, which retry', async () => {
    const logger = recordingLogger();
    const announced = clientFor(server, { sleep: waits.sleep, logger, logLevel: undefined });
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '2' } }, OK);
    await announced.me();
    expect(waits.delays).toEqual([2000]);
    expect(logger.lines).toEqual([
      `warn [audioscrape] GET /api/me failed (429 ${RATE_LIMITED.error}: ${RATE_LIMITED.message}); retry 1 of 2 in 2.0 s `,
    ]);
  });

  it('waits of a second or less stay at info', async () => {
    const logger = recordingLogger();
    const announced = clientFor(server, { sleep: waits.sleep, logger, logLevel: undefined });
    server.reply({ status: 503, body: 'busy', headers: { 'Retry-After': '1' } }, FAULT, OK);
    await announced.me();
    expect(waits.delays[0]).toBe(1000);
    expect(logger.lines).toEqual([]);
  });

  it('onRetry hears of every wait, with the error, the retry, the wait and the call', async () => {
    const events: RetryEvent[] = [];
    const hooked = clientFor(server, { sleep: waits.sleep, onRetry: (event) => events.push(event) });
    server.reply(
      FAULT,
      { status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '3' } },
      { body: specExample('SearchResponseHits') },
    );
    await hooked.search({ query: 'ai' });
    expect(events.map(({ error, ...rest }) => ({ error: error.constructor, ...rest }))).toEqual([
      { error: InternalServerError, retry: 1, maxRetries: 2, delayMs: waits.delays[0], request: 'POST /api/v1/search' },
      { error: RateLimitError, retry: 2, maxRetries: 2, delayMs: 3000, request: 'POST /api/v1/search' },
    ]);
  });

  it('a wait past maxRetryWait is no wait: the error comes at once', async () => {
    const events: RetryEvent[] = [];
    const hooked = clientFor(server, { sleep: waits.sleep, onRetry: (event) => events.push(event) });
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '60' } });
    await expect(hooked.me()).rejects.toMatchObject({ retryAfter: 60 });
    expect(events).toEqual([]);
  });
});

describe('Retry-After, strictly: whole seconds or an HTTP-date', () => {
  it.each(['-1', 'abc 12', 'Mon 1', '1.5', '12abc', '2026-01-01T00:00:00Z', 'Sun, 06 Nov 1994'])(
    '%o counts as absent: a 503 falls back to backoff, never a zero wait',
    async (value) => {
      server.reply({ status: 503, body: 'busy', headers: { 'Retry-After': value } }, OK);
      await client.me();
      expectBackoff(waits.delays);
    },
  );

  it.each(['-1', 'abc 12', 'Mon 1'])('%o on a 429 gives way to the body’s retry_after', async (value) => {
    server.reply({ status: 429, body: { ...RATE_LIMITED, retry_after: 4 }, headers: { 'Retry-After': value } }, OK);
    await client.me();
    expect(waits.delays).toEqual([4000]);
  });

  it('a date already past means now', async () => {
    server.reply({ status: 503, body: 'busy', headers: { 'Retry-After': 'Sun, 06 Nov 1994 08:49:37 GMT' } }, OK);
    await client.me();
    expect(waits.delays).toEqual([0]);
  });
});

describe('timeouts (real timers)', () => {
  it('an attempt with no answer in time is a TimeoutError, and is retried', async () => {
    const hasty = clientFor(server, { sleep: waits.sleep, timeout: 150, maxRetries: 1 });
    server.reply({ hang: true }, { hang: true });
    const started = Date.now();
    const error = await hasty.me().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe('No answer within the timeout of 150 ms.');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('covers the body too: headers in time, body never finished', async () => {
    const hasty = clientFor(server, { timeout: 200, maxRetries: 0 });
    server.reply({ body: ACCOUNT, stallBody: true });
    await expect(hasty.me()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reaches a custom fetch too: its request carries the signal that stops it', async () => {
    const seen: Request[] = [];
    const wrapped = clientFor(server, {
      timeout: 150,
      maxRetries: 0,
      fetch: (request) => {
        seen.push(request);
        return fetch(request);
      },
    });
    server.reply({ hang: true }, { body: ACCOUNT, stallBody: true });
    await expect(wrapped.me()).rejects.toBeInstanceOf(TimeoutError);
    expect(seen[0]!.signal.aborted).toBe(true);
    await expect(
      client.raw.GET('/api/me', { timeout: 150, maxRetries: 0, fetch: (request: Request) => fetch(request) }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('a per-call timeout overrides the client’s', async () => {
    server.reply({ delayMs: 300, body: ACCOUNT });
    await expect(client.me({ timeout: 100, maxRetries: 0 })).rejects.toBeInstanceOf(TimeoutError);
    server.reply({ delayMs: 100, body: ACCOUNT });
    await expect(client.me({ timeout: 2_000 })).resolves.toMatchObject({ data: ACCOUNT });
  });
});

describe('aborts (real timers)', () => {
  it('aborting during a request throws AbortError at once and does not retry', async () => {
    server.reply({ hang: true }, OK);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await client.me({ signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(AudioscrapeError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
    expect(waits.delays, 'no wait for a retry after an abort').toEqual([]);
  });

  it('aborting during the wait before a retry throws AbortError at once, with the real sleep', async () => {
    const realSleep = clientFor(server, { sleep: undefined });
    server.reply({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '8' } }, OK);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('user navigated away')), 200);
    const error = await realSleep.me({ signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toBe('The request was aborted: user navigated away.');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    await expect(client.me({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('the real backoff really waits', async () => {
    const realSleep = clientFor(server, { sleep: undefined });
    server.reply(FAULT, OK);
    await realSleep.me();
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(INITIAL_BACKOFF_MS * 0.75 - 5);
  });
});

describe('backoffMs', () => {
  it('doubles from 0.5 s up to 8 s, minus at most 25 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((retry) => backoffMs(retry, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect([0, 4].map((retry) => backoffMs(retry, () => 1))).toEqual([375, 6000]);
  });
});

it('rejects a bad per-call option before sending', async () => {
  await expect(client.me({ timeout: -1 })).rejects.toThrow(/timeout must be a whole number/);
  await expect(client.me({ maxRetries: 1.5 })).rejects.toThrow(/maxRetries must be a whole number/);
  expect(server.requests).toHaveLength(0);
});
