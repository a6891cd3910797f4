// How `npm run contract` talks to a real server: every request counted against a budget
// (--max-requests), paced by the server's own rate-limit headers so the run never trips the limit by
// accident, and a 429 it did not ask for waited out (as Retry-After says) and sent again instead of
// being counted as a violation. Waits over a second are announced; a wait longer than --max-wait is
// not made: the checks that needed it are reported as not run, with the reason.
import type { ApiRequest, ApiResponse } from './http.js';
import { send } from './http.js';
import { describeDuration, type Pacing } from './pacing.js';
import { CheckNotRun } from './results.js';

/** Waits are rounded up by this much: X-RateLimit-Reset is in whole seconds, and clocks differ. */
const WAIT_MARGIN_MS = 500;
/** Without rate headers and without a known per-minute limit, a minute is the window to assume. */
const DEFAULT_WINDOW_MS = 60_000;
/** The same request is sent at most this often when the server keeps answering 429. */
const MAX_ATTEMPTS = 4;
const ANNOUNCE_AFTER_MS = 1000;

/** One key's allowance, as the server last described it. */
interface Quota {
  /** How reports name the key: `your key`, `the limited key`. */
  name: string;
  remaining?: number;
  /** When the window the headers describe ends (ms since the epoch). */
  resetAt?: number;
  /** Requests sent with the key since the last answer that carried X-RateLimit-Remaining. */
  sentSinceHeaders: number;
  /** The plan's requests per minute (the spec's table), for a server that sends no rate headers. */
  perMinute?: number;
  /** When each recent request went out (for that per-minute fallback). */
  recentSends: number[];
  /** Set once the key must wait longer than --max-wait: nothing more is sent with it. */
  blocked?: string;
}

export interface SendOptions {
  /** Send now, without waiting for room, and hand a 429 back instead of waiting it out (--provoke-rate-limit). */
  provoke?: boolean;
  /** May spend the requests kept back for cleaning up (deleting what the run created). */
  cleanup?: boolean;
  /**
   * Aborts the request itself (the cleanup's, on a second Ctrl-C). The run's own signal never does:
   * a request already sent is let finish, so the run knows what it did (an alert it created, say).
   */
  signal?: AbortSignal;
}

export interface PacedSenderOptions {
  baseUrl: string;
  maxRequests: number;
  maxWaitMs: number;
  pacing: Pacing;
  /** Each API key the run holds, by the name the report gives it. Other credentials touch no quota. */
  keys: ReadonlyMap<string, string>;
  announce: (line: string) => void;
  signal?: AbortSignal;
}

export interface SpendingByCredential {
  /** `your key`, `the limited key`, or `no valid key`. */
  name: string;
  requests: number;
}

function headerNumber(response: ApiResponse, name: string): number | undefined {
  const raw = response.headers.get(name);
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
}

/** Seconds to wait from a 429: Retry-After (seconds or an HTTP date), else the body's retry_after. */
export function retryAfterMs(response: ApiResponse, now: number): number | undefined {
  const header = response.headers.get('retry-after')?.trim();
  if (header && /^\d+$/.test(header)) return Number(header) * 1000;
  if (header && !Number.isNaN(Date.parse(header))) return Math.max(0, Date.parse(header) - now);
  try {
    const body = JSON.parse(response.rawBody);
    if (Number.isInteger(body?.retry_after) && body.retry_after >= 0) return body.retry_after * 1000;
  } catch {
    // Not JSON: nothing to read.
  }
  return undefined;
}

export function bearerTokenOf(request: ApiRequest): string | undefined {
  const authorization = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const match = /^Bearer (.+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The server gave no HTTP answer (refused, reset, timed out): the check that sent it fails. */
export class NoAnswer extends Error {
  constructor(
    readonly request: ApiRequest,
    cause: unknown,
  ) {
    const reason =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    super(`no answer to ${request.method} ${request.path}: ${reason}`);
    this.name = 'NoAnswer';
  }
}

export class PacedSender {
  /** Requests sent so far. */
  spent = 0;
  /** Time spent waiting for the server's rate limit, in ms. */
  waitedMs = 0;
  /** 429s the run did not ask for (each waited out and sent again, never a violation). */
  unrequested429s = 0;
  /** Requests kept back from the checks for cleaning up; the lifecycle raises it per alert it creates. */
  reserved = 0;
  /**
   * Called once per key when the server says no requests are left in the window and the run would
   * wait: the 429 check (--provoke-rate-limit) uses that moment, when provoking costs one request.
   */
  onWindowExhausted: ((key: string) => Promise<void>) | undefined;
  /**
   * Requests beyond this one that sending it may commit the run to: creating an alert commits it to
   * deleting the alert, so a create is only sent while the budget has room for both.
   */
  followUpCost: ((request: ApiRequest) => number) | undefined;
  readonly #options: PacedSenderOptions;
  readonly #quotas = new Map<string, Quota>();
  readonly #spentBy = new Map<string, number>();
  readonly #observers: Array<(response: ApiResponse, key: string | undefined) => void> = [];
  readonly #lostObservers: Array<(request: ApiRequest, key: string | undefined) => void> = [];

  constructor(options: PacedSenderOptions) {
    this.#options = options;
    for (const [key, name] of options.keys) this.#quotas.set(key, { name, sentSinceHeaders: 0, recentSends: [] });
  }

  /** Requests the checks may still send (the budget less what is kept back for cleaning up). */
  get left(): number {
    return Math.max(0, this.#options.maxRequests - this.spent - this.reserved);
  }

  /** The time as the run's pacing sees it (ms since the epoch). */
  now(): number {
    return this.#options.pacing.now();
  }

  get maxRequests(): number {
    return this.#options.maxRequests;
  }

  /** Called with every answer (and the key that asked), e.g. to note the alerts the run created. */
  observe(observer: (response: ApiResponse, key: string | undefined) => void): void {
    this.#observers.push(observer);
  }

  /** Called for every request sent that got no answer (refused, reset, timed out, aborted). */
  observeLost(observer: (request: ApiRequest, key: string | undefined) => void): void {
    this.#lostObservers.push(observer);
  }

  /** The plan's per-minute limit for a key, once known: paces a server that sends no rate headers. */
  setPerMinute(key: string, perMinute: number | undefined): void {
    const quota = this.#quotas.get(key);
    if (quota && perMinute !== undefined) quota.perMinute = perMinute;
  }

  /** What the server last said is left for a key in its window (undefined: it has not said). */
  remainingFor(key: string): number | undefined {
    const quota = this.#quotas.get(key);
    return quota?.remaining === undefined ? undefined : Math.max(0, quota.remaining - quota.sentSinceHeaders);
  }

  /** True when the last answer to this key said X-RateLimit-Remaining: 0 and nothing was sent since. */
  serverSaidExhausted(key: string): boolean {
    const quota = this.#quotas.get(key);
    return quota?.remaining === 0 && quota.sentSinceHeaders === 0;
  }

  spending(): SpendingByCredential[] {
    return [...this.#spentBy].map(([name, requests]) => ({ name, requests }));
  }

  send = (request: ApiRequest): Promise<ApiResponse> => this.sendWith(request);

  async sendWith(request: ApiRequest, options: SendOptions = {}): Promise<ApiResponse> {
    // The cleanup runs after Ctrl-C too, so it answers to its own signal only, never the run's.
    const signal = options.cleanup ? options.signal : (options.signal ?? this.#options.signal);
    const requestSignal = options.signal;
    const token = bearerTokenOf(request);
    const key = token !== undefined && this.#quotas.has(token) ? token : undefined;
    const quota = key === undefined ? undefined : this.#quotas.get(key)!;
    const followUps = options.cleanup ? 0 : (this.followUpCost?.(request) ?? 0);
    if (followUps > 0 && this.left < 1 + followUps) {
      throw new CheckNotRun(
        `the request budget has ${this.left} request(s) left, and ${request.method} ${request.path} needs ${1 + followUps} (it and the cleanup it may need)`,
      );
    }
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      signal?.throwIfAborted();
      if (quota?.blocked) throw new CheckNotRun(quota.blocked);
      if (quota && key && !options.provoke) await this.#waitForRoom(key, quota, signal);
      this.#spend(quota?.name ?? 'no valid key', options);
      const response = await send(this.#options.baseUrl, request, requestSignal).catch((error: unknown) => {
        for (const observer of this.#lostObservers) observer(request, key);
        if (requestSignal?.aborted) throw error;
        throw new NoAnswer(request, error);
      });
      if (quota) this.#record(quota, response);
      for (const observer of this.#observers) observer(response, key);
      if (response.status !== 429 || options.provoke) return response;
      this.unrequested429s += 1;
      await this.#waitOut429(request, response, quota, signal);
    }
    throw new CheckNotRun(
      `the server answered ${request.method} ${request.path} with 429 ${MAX_ATTEMPTS} times in a row, each time after waiting as it asked`,
    );
  }

  /** Waits `ms` for the rate limit, announcing it when it is over a second; Ctrl-C ends the wait. */
  wait(ms: number, why: string): Promise<void> {
    return this.#wait(ms, why, this.#options.signal);
  }

  async #wait(ms: number, why: string, signal: AbortSignal | undefined): Promise<void> {
    if (ms <= 0) return;
    if (ms > ANNOUNCE_AFTER_MS) this.#options.announce(`⏳ Waiting ${describeDuration(ms)}: ${why}`);
    await this.#options.pacing.sleep(ms, signal);
    this.waitedMs += ms;
  }

  /** Refuses (as not run) a wait longer than --max-wait, so a run never hangs on a month's limit. */
  assertWaitAllowed(ms: number, why: string, quota?: { blocked?: string }): void {
    if (ms <= this.#options.maxWaitMs) return;
    const reason = `${why}: that is ${describeDuration(ms)} away, more than --max-wait ${describeDuration(this.#options.maxWaitMs)}`;
    if (quota) quota.blocked = reason;
    throw new CheckNotRun(reason);
  }

  #spend(credential: string, options: SendOptions): void {
    const available = options.cleanup ? this.#options.maxRequests - this.spent : this.left;
    if (available <= 0)
      throw new CheckNotRun(`the request budget is spent (--max-requests ${this.#options.maxRequests})`);
    this.spent += 1;
    this.#spentBy.set(credential, (this.#spentBy.get(credential) ?? 0) + 1);
  }

  async #waitForRoom(key: string, quota: Quota, signal?: AbortSignal): Promise<void> {
    const hook = this.onWindowExhausted;
    if (hook && this.serverSaidExhausted(key)) {
      this.onWindowExhausted = undefined;
      await hook(key);
    }
    const now = this.#options.pacing.now();
    const left = quota.remaining === undefined ? undefined : quota.remaining - quota.sentSinceHeaders;
    if (left !== undefined && left <= 0) {
      const ms = quota.resetAt === undefined ? DEFAULT_WINDOW_MS : Math.max(0, quota.resetAt - now) + WAIT_MARGIN_MS;
      const until =
        quota.resetAt === undefined
          ? 'for a minute (the server did not say when its window ends)'
          : `until ${new Date(quota.resetAt).toISOString()} (X-RateLimit-Reset)`;
      this.assertWaitAllowed(
        ms,
        `${quota.name} has no requests left in the server's rate-limit window (X-RateLimit-Remaining: ${quota.remaining}) ${until}`,
        quota,
      );
      await this.#wait(
        ms,
        `${quota.name} has used the server's rate-limit window (X-RateLimit-Remaining: ${quota.remaining}); waiting ${until}, as the server asks.`,
        signal,
      );
      Object.assign(quota, { remaining: undefined, resetAt: undefined, sentSinceHeaders: 0 });
      return;
    }
    if (left === undefined && quota.perMinute !== undefined) {
      quota.recentSends = quota.recentSends.filter((sentAt) => sentAt > now - 60_000);
      if (quota.recentSends.length >= quota.perMinute) {
        const ms = quota.recentSends[0]! + 60_000 - now + WAIT_MARGIN_MS;
        await this.#wait(
          ms,
          `the server sends no X-RateLimit-Remaining, and ${quota.name}'s plan allows ${quota.perMinute} requests a minute; pacing to stay under it.`,
          signal,
        );
      }
    }
  }

  #record(quota: Quota, response: ApiResponse): void {
    quota.recentSends.push(this.#options.pacing.now());
    const remaining = headerNumber(response, 'x-ratelimit-remaining');
    if (remaining === undefined) {
      // Whether this one counted is unknown; assume it did, so the run errs on the side of waiting.
      quota.sentSinceHeaders += 1;
      return;
    }
    const reset = headerNumber(response, 'x-ratelimit-reset');
    Object.assign(quota, { remaining, resetAt: reset === undefined ? undefined : reset * 1000, sentSinceHeaders: 0 });
  }

  async #waitOut429(
    request: ApiRequest,
    response: ApiResponse,
    quota: Quota | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    const now = this.#options.pacing.now();
    const asked = retryAfterMs(response, now);
    const ms = (asked ?? DEFAULT_WINDOW_MS) + WAIT_MARGIN_MS;
    const source =
      asked === undefined ? 'it gave no Retry-After or retry_after, so a minute' : 'as its Retry-After asks';
    const what = `the server answered ${request.method} ${request.path} with a 429 the run did not ask for`;
    this.assertWaitAllowed(ms, `${what}, and asks to wait`, quota);
    await this.#wait(ms, `${what}; waiting ${source}, then sending it again (not counted as a failure).`, signal);
    if (quota) Object.assign(quota, { remaining: undefined, resetAt: undefined, sentSinceHeaders: 0 });
  }
}
