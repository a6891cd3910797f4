// What the client tests share: a key that must never leak, a client pointed at a local server, a
// sleep that records the waits instead of sleeping, a logger that keeps its lines, and the spec's
// own examples as response bodies.
import { Audioscrape, type ClientOptions, type Logger } from '../../src/index.js';
import type { LocalServer } from './local-server.js';
import { loadBundledSpec, type JsonObject } from './openapi.js';

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
  return new Audioscrape({ apiKey: TEST_KEY, baseUrl: server.url, logLevel: 'off', sleep: recordingSleep().sleep, ...options });
}

export interface RecordingLogger extends Logger {
  lines: string[];
}

/** A logger that keeps every line (message and details, as util.inspect would print them). */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, ...details: unknown[]) =>
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
