// How one call travels: each attempt gets its own timeout (linked to the caller's AbortSignal), a
// non-2xx answer becomes its APIError, a failure to get an answer becomes ConnectionError,
// TimeoutError or AbortError, and retry.ts decides whether to go again. Every request passes
// through guard(), which keeps the key off plain http:// and logs (redacted) at debug level.
import { AudioscrapeError, ConnectionError, errorFromResponse, TimeoutError } from './errors.js';
import { checkWholeNumber, type ClientConfig, type FetchFunction, type RequestOptions } from './config.js';
import { abortError, withRetries, type RetryPolicy } from './retry.js';
import { redactHeaders, refusalToSendKey } from './security.js';

/** What openapi-fetch resolves with: `data` for a 2xx, `error` (the parsed body) otherwise. */
export interface Sent {
  data?: unknown;
  error?: unknown;
  response: Response;
}

async function logged(fetch: FetchFunction, request: Request, debug: (message: string, ...details: unknown[]) => void): Promise<Response> {
  const started = Date.now();
  debug(`→ ${request.method} ${request.url}`, redactHeaders(request.headers));
  const response = await fetch(request);
  debug(`← ${response.status} ${request.method} ${request.url} in ${Date.now() - started} ms`, redactHeaders(response.headers));
  return response;
}

export class Transport {
  /** The fetch handed to openapi-fetch. */
  readonly fetch: FetchFunction;
  readonly #config: ClientConfig;
  readonly #trustedPrefix: string;

  constructor(config: ClientConfig) {
    this.#config = config;
    this.#trustedPrefix = `${config.baseUrl}/`;
    this.fetch = this.guard(config.fetch);
  }

  /**
   * Runs `send` (one openapi-fetch call, given the attempt's signal) with retries. Resolves with its
   * result for a 2xx; throws an AudioscrapeError for anything else. `label` names the call in logs.
   */
  call<R extends Sent>(send: (signal: AbortSignal) => Promise<R>, options: RequestOptions, label: () => string): Promise<R> {
    const { signal } = options;
    let timeout: number;
    let maxRetries: number;
    try {
      timeout = options.timeout === undefined ? this.#config.timeout : checkWholeNumber(options.timeout, 'timeout', 1);
      maxRetries = options.maxRetries === undefined ? this.#config.maxRetries : checkWholeNumber(options.maxRetries, 'maxRetries', 0, 10);
    } catch (error) {
      // The caller holds a promise: a bad option rejects it rather than throwing at the call site.
      return Promise.reject(error);
    }
    const info = this.#config.log.info;
    const policy: RetryPolicy = {
      maxRetries,
      maxRetryWait: this.#config.maxRetryWait,
      sleep: this.#config.sleep,
      onRetry: info && ((error, delay, retry) => info(`${label()} failed (${error.message}); retry ${retry} of ${maxRetries} in ${Math.round(delay)} ms`)),
    };
    return withRetries(() => this.#attempt(send, timeout, signal), policy, signal);
  }

  /** `fetch` wrapped so that the key never goes to plain http:// and requests are logged, redacted. */
  guard(fetch: FetchFunction): FetchFunction {
    const debug = this.#config.log.debug;
    return (request) => {
      if (!request.url.startsWith(this.#trustedPrefix)) {
        const refusal = refusalToSendKey(request.url);
        if (refusal && request.headers.has('authorization')) return Promise.reject(new AudioscrapeError(refusal));
      }
      return debug ? logged(fetch, request, debug) : fetch(request);
    };
  }

  async #attempt<R extends Sent>(send: (signal: AbortSignal) => Promise<R>, timeout: number, signal: AbortSignal | undefined): Promise<R> {
    if (signal?.aborted) throw abortError(signal);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(`No answer within the timeout of ${timeout} ms.`)), timeout);
    const relayAbort = signal && (() => controller.abort(signal.reason));
    if (relayAbort) signal.addEventListener('abort', relayAbort);
    try {
      const result = await send(controller.signal);
      if (!result.response.ok) throw errorFromResponse(result.response, result.error, this.#config.apiKey);
      return result;
    } catch (error) {
      throw this.#explain(error, controller.signal, signal);
    } finally {
      clearTimeout(timer);
      if (relayAbort) signal.removeEventListener('abort', relayAbort);
    }
  }

  /** Turns whatever an attempt threw into one of our errors. */
  #explain(error: unknown, attempt: AbortSignal, caller: AbortSignal | undefined): AudioscrapeError {
    if (error instanceof AudioscrapeError) return error;
    if (caller?.aborted) return abortError(caller);
    if (attempt.reason instanceof TimeoutError) return attempt.reason;
    if (error instanceof SyntaxError) {
      return new AudioscrapeError(`The API answered with a body that is not valid JSON (${error.message}).`, { cause: error });
    }
    const cause = (error as { cause?: unknown } | null)?.cause;
    const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    return new ConnectionError(`Could not get an answer from ${this.#config.baseUrl}: ${reason}`, { cause: error });
  }
}
