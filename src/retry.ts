// When and how long to wait before trying a request again. Retried: no answer (ConnectionError,
// TimeoutError), 408, 409, 429 and 5xx. The wait is what the server asked for (Retry-After, or a
// 429 body's retry_after), else exponential backoff with jitter. A server that asks for more than
// `maxRetryWait` gets its error thrown at once: sleeping for minutes inside a call helps nobody.
import { AbortError, APIError, AudioscrapeError, ConnectionError, RateLimitError } from './errors.js';
import { retryAfterMs } from './rate-limit.js';

/** Waits `ms`, or rejects with AbortError as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryPolicy {
  maxRetries: number;
  /** The longest wait (ms) the client accepts from the server before a retry. */
  maxRetryWait: number;
  sleep: Sleep;
  /** Called before each wait, e.g. to log it. `retry` counts from 1. */
  onRetry?: ((error: AudioscrapeError, delayMs: number, retry: number) => void) | undefined;
}

export const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
const RETRIED_STATUSES = new Set([408, 409, 429]);

export function abortError(signal: AbortSignal): AbortError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error && reason.name !== 'AbortError' ? `: ${reason.message}` : '';
  return new AbortError(`The request was aborted${detail}.`, { cause: reason });
}

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  return error instanceof APIError && (RETRIED_STATUSES.has(error.status) || error.status >= 500);
}

/** 0.5 s · 2^retry, at most 8 s, minus up to 25 % jitter so that many clients do not retry in step. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS) * (1 - random() * 0.25);
}

/** The wait the server asked for, in ms: Retry-After (or retry-after-ms), else a 429 body's retry_after. */
export function requestedWaitMs(error: APIError): number | undefined {
  if (error instanceof RateLimitError) return error.retryAfter === undefined ? undefined : error.retryAfter * 1000;
  return retryAfterMs(error.headers);
}

/** How long to wait before retry number `retry` (from 0), or `undefined` to give up and throw. */
export function retryDelayMs(error: unknown, retry: number, policy: RetryPolicy): number | undefined {
  if (retry >= policy.maxRetries || !isRetryable(error)) return undefined;
  const requested = error instanceof APIError ? requestedWaitMs(error) : undefined;
  if (requested === undefined) return backoffMs(retry);
  return requested <= policy.maxRetryWait ? requested : undefined;
}

/** Runs `attempt` until it succeeds, the error is not worth retrying, or the retries run out. */
export function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  // The first attempt skips the loop: most calls succeed at once, and this is the hot path.
  return attempt().catch((error: unknown) => retryAfter(error, attempt, policy, signal));
}

async function retryAfter<T>(error: unknown, attempt: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    const delay = retryDelayMs(error, retry, policy);
    if (delay === undefined) throw error;
    policy.onRetry?.(error as AudioscrapeError, delay, retry + 1);
    await policy.sleep(delay, signal);
    try {
      return await attempt();
    } catch (failure) {
      error = failure;
    }
  }
}
