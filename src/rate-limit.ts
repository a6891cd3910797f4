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

const WHOLE_NUMBER = /^\s*\d+\s*$/;
const SECONDS = /^\s*\d+(\.\d+)?\s*$/;

function readWholeNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  return value !== null && WHOLE_NUMBER.test(value) ? Number(value) : undefined;
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
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, else `Retry-After` as
 * seconds or as an HTTP date. `undefined` when neither is there or neither makes sense.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && SECONDS.test(milliseconds)) return Number(milliseconds);
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (SECONDS.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
