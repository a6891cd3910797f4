// Reading the rate-limit headers. The API does not promise any of them, so every value is optional
// and a malformed one counts as absent rather than as an error.

/** The rate-limit state the server reported with a response (X-RateLimit-* headers). */
export interface RateLimit {
  /** Requests per minute your plan allows (`X-RateLimit-Limit`). */
  limit?: number;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining?: number;
  /** When the window resets (`X-RateLimit-Reset`, Unix seconds). */
  resetAt?: Date;
}

const DIGITS = /^\d+$/;
/** RFC 9110's HTTP-date, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/;

function readWholeNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  return value !== null && DIGITS.test(value) ? Number(value) : undefined;
}

/** The X-RateLimit-* state of a response, or `undefined` when the server sent none of them. */
export function parseRateLimit(headers: Headers): RateLimit | undefined {
  const limit = readWholeNumber(headers, 'x-ratelimit-limit');
  const remaining = readWholeNumber(headers, 'x-ratelimit-remaining');
  const reset = readWholeNumber(headers, 'x-ratelimit-reset');
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  const state: RateLimit = {};
  if (limit !== undefined) state.limit = limit;
  if (remaining !== undefined) state.remaining = remaining;
  if (reset !== undefined) state.resetAt = new Date(reset * 1000);
  return state;
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` (whole milliseconds), else
 * `Retry-After` as whole seconds or an HTTP-date, else the `retry_after` seconds of a 429 body.
 * A header in any other form (`-1`, `1.5`, `soon`, a date written otherwise) counts as absent.
 */
export function requestedWaitMs(headers: Headers, body: unknown): number | undefined {
  const milliseconds = headers.get('retry-after-ms') ?? '';
  const value = headers.get('retry-after') ?? '';
  const date = HTTP_DATE.test(value) ? Date.parse(value) : Number.NaN;
  const fromBody = (body as { retry_after?: unknown } | undefined)?.retry_after;
  if (DIGITS.test(milliseconds)) return Number(milliseconds);
  if (DIGITS.test(value)) return Number(value) * 1000;
  if (date >= 0) return Math.max(0, date - Date.now());
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody * 1000 : undefined;
}
