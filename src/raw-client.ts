// The low-level typed client: openapi-fetch's own `Client<paths>`, with every method sent through
// the Transport, so it authenticates, retries and throws exactly as the high-level methods do.
// Besides openapi-fetch's options, each call takes `timeout` and `maxRetries`. Also what every
// resource method shares: RequestOptions handed to the raw client, its answer made an ApiResult.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import type { ClientConfig, FetchFunction, RequestOptions } from './config.js';
import { parseRateLimit } from './rate-limit.js';
import type { Sent, Transport } from './transport.js';
import type { ApiResult, RawClient } from './types.js';

/**
 * RequestOptions as openapi-fetch's types want them: they type `signal` as `AbortSignal | null`, which
 * exactOptionalPropertyTypes will not match with our `AbortSignal | undefined` (nor `headers`).
 */
type RawCallOptions = { signal?: AbortSignal; timeout?: number; maxRetries?: number; headers?: Record<string, string> };

/**
 * The caller's options, typed for the raw client. Only the type changes: request() below treats an
 * `undefined` option as absent.
 */
export function callOptions(options: RequestOptions): RawCallOptions {
  return options as RawCallOptions;
}

/** What a resource method resolves with, from the raw client's `{ data, response }`. */
export function toResult<T>({ data, response }: { data?: T; response: Response }): ApiResult<T> {
  return { data: data as T, rateLimit: parseRateLimit(response.headers), response };
}

type AnyRequest = (method: string, url: string, init: Record<string, unknown>) => Promise<Sent>;
type RawInit = RequestOptions & { fetch?: FetchFunction; parseAs?: string; [option: string]: unknown };

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

export function createRawClient(config: ClientConfig, transport: Transport): RawClient {
  const inner = createClient<paths>({
    baseUrl: config.baseUrl,
    // The key goes last so that defaultHeaders cannot replace it; guard() holds it against the rest.
    headers: { ...config.defaultHeaders, Authorization: `Bearer ${config.apiKey}` },
    // A redirect is answered, not followed: followed, it could carry headers and body to another host.
    redirect: 'manual',
  });

  // Untyped inside, since request() serves every path and method; the typed face is openapi-fetch's own.
  const send = inner.request as AnyRequest;

  function request(method: string, url: string, init: RawInit = {}): Promise<Sent> {
    const { signal, timeout, maxRetries, fetch = config.fetch, ...rest } = init;
    // globalThis.fetch gets the attempt's signal beside the request, not inside it: a Request that
    // follows a signal costs some 20 µs to make, and fetch makes one of its own anyway. A custom
    // fetch, called as fetch(request), needs it inside.
    const custom = fetch === globalThis.fetch ? undefined : fetch;
    const attempt = (attemptSignal: AbortSignal) =>
      send(method, url, {
        ...rest,
        ...(custom && { signal: attemptSignal }),
        fetch: (request: Request) => transport.guard(request, attemptSignal, custom),
      });
    return transport.call(
      attempt,
      { signal, timeout, maxRetries },
      `${method.toUpperCase()} ${url}`,
      (rest.parseAs ?? 'json') === 'json',
    );
  }

  // openapi-fetch's client (use, eject), with request() under each method name.
  const methods = METHODS.map((method) => [method, (url: string, init?: RawInit) => request(method, url, init)]);
  return { ...inner, ...Object.fromEntries(methods), request } as RawClient;
}
