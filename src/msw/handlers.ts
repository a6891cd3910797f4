// The realistic mock as MSW handlers: one handler takes every request under the base URL and hands
// it to the behaviour module (src/mock), the same module `npm run mock` runs behind Prism's engine.
// Routing, keys, plans, rate limits, alerts, search, the request checks, `Prefer` and the /__mock
// control surface are all the module's, so both transports give the same answers.
import { http, type HttpHandler } from 'msw';
import type { components } from '../../generated/schema.js';
import { createMockApi, type JsonObject, type MockAnswer } from '../mock/index.js';
import { parseBaseUrl } from './base-url.js';
import { readRequest, toResponse } from './exchange.js';
import { SPEC } from './spec.js';
import { type TypedHttp, typedHttp } from './typed-http.js';

export type KeywordAlert = components['schemas']['KeywordAlert'];

export interface MockHandlersOptions {
  /**
   * Where the API is mocked; requests anywhere else pass by. Default: the spec's server,
   * `https://www.audioscrape.com`, which is also the client's default.
   */
  baseUrl?: string | undefined;
  /** Start the mock's clock at this instant and keep it still until moved (repeatable rate headers and `created_at`); default: real time. */
  clock?: string | number | Date | undefined;
  /** Keyword alerts each key starts with, and goes back to on `reset()`: `{ pro_demo: [alert, …] }`. */
  alerts?: Record<string, KeywordAlert[]> | undefined;
}

export interface MockHandlers {
  /** For `setupServer(...mock.handlers)` (Node: vitest, jest) or `setupWorker(...mock.handlers)` (browser). */
  readonly handlers: HttpHandler[];
  /** The base URL the handlers answer under, without a trailing `/`. */
  readonly baseUrl: string;
  /** Forgets every key's counters and alerts (back to the seeded ones) and puts the clock back; with a key, only that key's. For `afterEach`. */
  reset(key?: string): void;
  /** Moves the mock's clock forward, e.g. 60 to open the next minute's rate-limit window. */
  advanceClock(seconds: number): void;
  /** Typed per-test overrides for the API's own paths: `server.use(mock.http.get('/api/me', () => …))`. */
  readonly http: TypedHttp;
}

const FAILURE: MockAnswer = {
  status: 500,
  headers: { 'Content-Type': 'application/json' },
  body: { error: 'Internal Server Error', message: 'The mock failed to answer this request; its console says why.' },
  note: {},
};

/** The spec's own server: where the real API is, and where the client sends requests by default. */
function specServerUrl(): string {
  const url = (SPEC.servers as JsonObject[] | undefined)?.[0]?.url;
  if (typeof url !== 'string') throw new Error('The bundled spec names no server URL; pass the baseUrl option.');
  return url;
}

/** Refuses seeded alerts that break the KeywordAlert schema, naming the field (never the key). */
function checkSeededAlerts(api: ReturnType<typeof createMockApi>, alerts: Record<string, KeywordAlert[]>): void {
  Object.entries(alerts).forEach(([key, list], index) => {
    try {
      api.seedAlerts(key, { notifications: list });
    } catch (error) {
      throw new TypeError(
        `The alerts option's key #${index + 1} has alerts the API could not send: ${(error as Error).message}`,
      );
    }
  });
  // Seeding was only the check: each key starts from its seeds when first used, as after a reset.
  api.reset();
}

/**
 * Handlers that answer like the Audioscrape API: plans from the key (`pro_…`, `enterprise_…`,
 * `invalid_…`, anything else Free), per-key rate limits with true headers and 429s, keyword alerts
 * that are remembered, search over a fixed set of transcripts, and the API's error shapes.
 */
export function createMockHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const base = parseBaseUrl(options.baseUrl ?? specServerUrl());
  const api = createMockApi({
    spec: SPEC,
    clock: options.clock,
    alerts: options.alerts as Record<string, JsonObject[]> | undefined,
  });
  if (options.alerts) checkSeededAlerts(api, options.alerts);

  const handler = http.all(base.matcher, async ({ request }) => {
    try {
      const read = await readRequest(request, base.path);
      return toResponse('refusal' in read ? read.refusal : api.handle(read.request), request.method);
    } catch (error) {
      console.error('The Audioscrape mock failed on a request (answered 500):', error);
      return toResponse(FAILURE, request.method);
    }
  });

  return {
    handlers: [handler],
    baseUrl: base.prefix,
    reset: (key) => api.reset(key),
    advanceClock: (seconds) => void api.moveClock({ advanceSeconds: seconds }),
    http: typedHttp(base.prefix),
  };
}
