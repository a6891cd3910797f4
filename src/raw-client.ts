// The low-level typed client: openapi-fetch's own `Client<paths>`, with every method sent through
// the Transport, so it authenticates, retries and throws exactly as the high-level methods do.
// Besides openapi-fetch's options, each call takes `timeout` and `maxRetries`.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import type { ClientConfig, FetchFunction, RequestOptions } from './config.js';
import type { Sent, Transport } from './transport.js';
import type { RawClient } from './types.js';

type RawInit = RequestOptions & { fetch?: FetchFunction; parseAs?: string; [option: string]: unknown };
type UntypedRequest = (method: string, url: string, init: Record<string, unknown>) => Promise<Sent>;

/**
 * RequestOptions as openapi-fetch's type-checker wants them: it types `signal` as
 * `AbortSignal | null`, which exactOptionalPropertyTypes will not match with `AbortSignal | undefined`.
 * At run time request() below treats an `undefined` option as absent.
 */
export type RawCallOptions = { signal?: AbortSignal; timeout?: number; maxRetries?: number; headers?: Record<string, string> };

export function createRawClient(config: ClientConfig, transport: Transport): RawClient {
  const inner = createClient<paths>({
    baseUrl: config.baseUrl,
    // The key goes last so that defaultHeaders cannot replace it; guard() holds it against the rest.
    headers: { ...config.defaultHeaders, Authorization: `Bearer ${config.apiKey}` },
    // A redirect is answered, not followed: followed, it could carry headers and body to another host.
    redirect: 'manual',
  });
  const send = inner.request as unknown as UntypedRequest;

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
    return transport.call(attempt, { signal, timeout, maxRetries }, `${method.toUpperCase()} ${url}`, (rest.parseAs ?? 'json') === 'json');
  }

  const client: Record<string, unknown> = { request, use: inner.use, eject: inner.eject };
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']) {
    client[method] = (url: string, init?: RawInit) => request(method, url, init);
  }
  return client as unknown as RawClient;
}
