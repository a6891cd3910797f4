// What the client tests share: a key that must never leak, a client pointed at a local server, a
// sleep that records the waits instead of sleeping, a logger that keeps its lines, the spec's own
// examples as response bodies, and a way to read what a call rejected with.
import { afterEach, beforeEach, expect } from 'vitest';
import { Audioscrape, type ClientOptions, type Logger } from '../../src/index.js';
import { type LocalServer, startLocalServer } from './local-server.js';
import { loadBundledSpec, type JsonObject } from './openapi.js';

/** Rate-limit headers for a fake API's answers, and what the client must make of them. */
export const RATE_HEADERS = {
  'X-RateLimit-Limit': '100',
  'X-RateLimit-Remaining': '97',
  'X-RateLimit-Reset': '1798761600',
};
export const RATE_LIMIT = { limit: 100, remaining: 97, resetAt: new Date(1798761600 * 1000) };

/** Looks like a real key, and is distinctive enough to search for in messages and logs. */
export const TEST_KEY = 'as_live_7f3c9d2e1b4a8f6e5d0c2b1a9e8f7d6c';

export interface RecordingSleep {
  delays: number[];
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Records each wait and returns at once, so retry tests are fast and their delays exact. */
export function recordingSleep(): RecordingSleep {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

export function clientFor(server: LocalServer, options: ClientOptions = {}): Audioscrape {
  return new Audioscrape({
    apiKey: TEST_KEY,
    baseUrl: server.url,
    logLevel: 'off',
    sleep: recordingSleep().sleep,
    ...options,
  });
}

/**
 * A fresh local server for each test of the calling file (closed after it) and a client pointed at
 * it, made with `options`: read them as `.server` and `.client` inside a test.
 */
export function localServerAndClient(options: ClientOptions = {}): {
  readonly server: LocalServer;
  readonly client: Audioscrape;
} {
  let server: LocalServer | undefined;
  let client: Audioscrape | undefined;
  beforeEach(async () => {
    server = await startLocalServer();
    client = clientFor(server, options);
  });
  afterEach(() => server?.close());
  const outsideTest = () => new Error('localServerAndClient(): read .server and .client inside a test');
  return {
    get server() {
      if (!server) throw outsideTest();
      return server;
    },
    get client() {
      if (!client) throw outsideTest();
      return client;
    },
  };
}

/** What `call` rejected with, once the test has checked it is a `type` (it fails if `call` resolved). */
export async function rejectionOf<E extends Error>(
  call: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the call should have thrown').toBeInstanceOf(type);
  return error as E;
}

export interface RecordingLogger extends Logger {
  lines: string[];
}

/** A logger that keeps every line (message and details, as util.inspect would print them). */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      void lines.push(`${level} ${message} ${details.map((detail) => JSON.stringify(detail)).join(' ')}`);
  return { lines, error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug') };
}

const spec = loadBundledSpec();

/** The value of a named example under components/examples in the bundled spec. */
export function specExample<T = JsonObject>(name: string): T {
  const example = spec.components?.examples?.[name];
  if (!example) throw new Error(`No example ${name} in generated/openapi.json`);
  return structuredClone(example.value) as T;
}

export function bundledSpec(): JsonObject {
  return spec;
}
