// When and how long to wait before trying a request again. Retried: no answer (ConnectionError,
// TimeoutError), 408, 409, 429 and 5xx. The wait is what the server asked for (Retry-After, or a
// 429 body's retry_after), else exponential backoff with jitter. A server that asks for more than
// `maxRetryWait` gets its error thrown at once: its answer would not change after a shorter wait,
// and sleeping for minutes inside a call helps nobody.
import { AbortError, APIError, ConnectionError, type AudioscrapeError } from './errors.js';
import { requestedWaitMs } from './rate-limit.js';

/** Waits `ms`, or rejects with AbortError as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What the client tells `onRetry` before it waits for a retry. */
export interface RetryEvent {
  /** The error that made the call fail. */
  error: AudioscrapeError;
  /** Which retry comes after the wait, from 1. */
  retry: number;
  /** The most retries this call makes. */
  maxRetries: number;
  /** How long the client waits before the retry, in milliseconds. */
  delayMs: number;
  /** The call, e.g. `POST /api/v1/search`. */
  request: string;
}

export interface RetryPolicy {
  maxRetries: number;
  /** The longest wait (ms) the client accepts from the server before a retry. */
  maxRetryWait: number;
  sleep: Sleep;
  signal: AbortSignal | undefined;
  /** Called before each wait, to announce it. */
  announce(error: AudioscrapeError, delayMs: number, retry: number): void;
}

export const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;

export function abortError(signal: AbortSignal): AbortError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error && reason.name !== 'AbortError' ? `: ${reason.message}` : '';
  return new AbortError(`The request was aborted${detail}.`, { cause: reason });
}

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** 0.5 s · 2^retry, at most 8 s, minus up to 25 % jitter so that many clients do not retry in step. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS) * (1 - random() * 0.25);
}

/** How long to wait before retry number `retry` (from 0) after `error`, or `undefined` to throw it. */
export function retryDelayMs(error: unknown, retry: number, maxRetryWait: number): number | undefined {
  if (error instanceof ConnectionError) return backoffMs(retry);
  if (!(error instanceof APIError && (error.status >= 500 || [408, 409, 429].includes(error.status)))) return undefined;
  const requested = requestedWaitMs(error.headers, error.body);
  if (requested === undefined) return backoffMs(retry);
  return requested <= maxRetryWait ? requested : undefined;
}

/** Runs `attempt` until it succeeds, the error is not worth retrying, or the retries run out. */
export function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  // The first attempt goes outside the loop: most calls succeed at once, and this is the hot path.
  return attempt().catch(async (error: unknown) => {
    for (let retry = 0; ; retry += 1) {
      const delay = retry < policy.maxRetries ? retryDelayMs(error, retry, policy.maxRetryWait) : undefined;
      if (delay === undefined) throw error;
      policy.announce(error as AudioscrapeError, delay, retry + 1);
      await policy.sleep(delay, policy.signal);
      try {
        return await attempt();
      } catch (failure) {
        error = failure;
      }
    }
  });
}
