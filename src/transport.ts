// How one call travels: each attempt gets its own timeout (linked to the caller's AbortSignal), a
// non-2xx answer becomes its APIError, a 2xx the contract does not allow an InvalidResponseError, a
// failure to get an answer a ConnectionError, TimeoutError or AbortError, and retry.ts decides
// whether to go again; every wait is announced. Every request passes through guard(), which adds
// the key (only where it may go), caps the body and logs at debug level, redacted.
import { AudioscrapeError, ConnectionError, errorFromResponse, InvalidResponseError, TimeoutError } from './errors.js';
import { numberOptions, type ClientConfig, type FetchFunction, type RequestOptions } from './config.js';
import { checkBody, limitBody } from './responses.js';
import { abortError, withRetries } from './retry.js';
import { loggableHeaders, refusalToSendKey } from './security.js';

/** What openapi-fetch resolves with: `data` for a 2xx, `error` (the parsed body) otherwise. */
export interface Sent {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** One openapi-fetch call, given the attempt's signal. */
export type Send = (signal: AbortSignal) => Promise<Sent>;

/**
 * Sends one request through `fetch`, or through globalThis.fetch with `signal` when `fetch` is
 * undefined. (A custom fetch is called as fetch(request), so its request must carry the signal.)
 */
export type GuardedFetch = (
  request: Request,
  signal: AbortSignal,
  fetch: FetchFunction | undefined,
) => Promise<Response>;

export interface Transport {
  /**
   * Runs `send` with retries. Resolves with its result for a 2xx; throws an AudioscrapeError for
   * anything else. `label` names it (`GET /api/me`); `checked` says whether `data` is parsed JSON.
   */
  call(send: Send, options: RequestOptions, label: string, checked: boolean): Promise<Sent>;
  /** Sends a request so that the key goes only where it may, bodies are capped and requests logged. */
  guard: GuardedFetch;
}

export function createTransport(config: ClientConfig): Transport {
  const { log, redact } = config;
  const authorization = `Bearer ${config.apiKey}`;
  const callDefaults = { timeout: config.timeout, maxRetries: config.maxRetries };

  const guard: GuardedFetch = (request, signal, fetch) => {
    const refusal = request.url.startsWith(`${config.baseUrl}/`) ? undefined : refusalToSendKey(request.url);
    if (refusal) return Promise.reject(new AudioscrapeError(refusal));
    // Checked here, last, so that no per-call header and no middleware can replace it.
    if (request.headers.get('authorization') !== authorization) request.headers.set('authorization', authorization);
    const label = () => `${request.method} ${redact(request.url)}`;
    const started = Date.now();
    log.debug?.(`→ ${label()}`, loggableHeaders(request.headers, redact));
    return (fetch ? fetch(request) : globalThis.fetch(request, { signal })).then((response) => {
      log.debug?.(
        `← ${response.status} ${label()} in ${Date.now() - started} ms`,
        loggableHeaders(response.headers, redact),
      );
      return limitBody(response, config.maxResponseBytes, label);
    });
  };

  /** Turns whatever an attempt threw into one of our errors. */
  const explain = (
    error: unknown,
    attemptSignal: AbortSignal,
    caller: AbortSignal | undefined,
    label: string,
  ): AudioscrapeError => {
    if (error instanceof AudioscrapeError) return error;
    if (caller?.aborted) return abortError(caller);
    if (attemptSignal.reason instanceof TimeoutError) return attemptSignal.reason;
    // Not the parser's message: it quotes the body, which may hold the key.
    if (error instanceof SyntaxError)
      return new InvalidResponseError(`${label} answered with a body that is not valid JSON.`);
    const cause = (error as { cause?: unknown } | null)?.cause;
    return new ConnectionError(
      redact(
        `Could not get an answer from ${config.baseUrl}: ${String((cause as Error | undefined)?.message ?? (error as Error | undefined)?.message ?? error)}`,
      ),
      { cause: error },
    );
  };

  const attempt = async (
    send: Send,
    timeout: number,
    signal: AbortSignal | undefined,
    label: string,
    checked: boolean,
  ): Promise<Sent> => {
    if (signal?.aborted) throw abortError(signal);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TimeoutError(`No answer within the timeout of ${timeout} ms.`)),
      timeout,
    );
    const relayAbort = () => controller.abort();
    signal?.addEventListener('abort', relayAbort);
    try {
      const result = await send(controller.signal);
      const { response } = result;
      if (!response.ok) throw errorFromResponse(response, result.error, redact);
      if (checked) checkBody(label, response.status, result.data);
      return result;
    } catch (error) {
      throw explain(error, controller.signal, signal, label);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', relayAbort);
    }
  };

  // Async, so that a bad option rejects the caller's promise rather than throwing at the call site.
  const call = async (send: Send, options: RequestOptions, label: string, checked: boolean): Promise<Sent> => {
    const { signal } = options;
    const { timeout, maxRetries } = numberOptions(options, callDefaults);
    const announce = (error: AudioscrapeError, delayMs: number, retry: number) => {
      // A wait over a second is a warn line, so that a call never seems to hang in silence.
      (delayMs > 1000 ? log.warn : log.info)?.(
        `${label} failed (${error.message}); retry ${retry} of ${maxRetries} in ${(delayMs / 1000).toFixed(1)} s`,
      );
      config.onRetry?.({ error, retry, maxRetries, delayMs, request: label });
    };
    return withRetries(() => attempt(send, timeout, signal, label, checked), {
      maxRetries,
      maxRetryWait: config.maxRetryWait,
      sleep: config.sleep,
      signal,
      announce,
    });
  };

  return { call, guard };
}
