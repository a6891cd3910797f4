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
    fetch: transport.guard(config.fetch),
    // The key goes last so that defaultHeaders cannot replace it; guard() holds it against the rest.
    headers: { ...config.defaultHeaders, Authorization: `Bearer ${config.apiKey}` },
    // A redirect is answered, not followed: followed, it could carry headers and body to another host.
    redirect: 'manual',
  });
  const send = inner.request as unknown as UntypedRequest;

  function request(method: string, url: string, init: RawInit = {}): Promise<Sent> {
    // `rest` is our own copy: each attempt sets its own signal on it.
    const { signal, timeout, maxRetries, ...rest } = init;
    // A per-call fetch replaces the guarded one openapi-fetch was given, so it gets the guard too.
    if (rest.fetch) rest.fetch = transport.guard(rest.fetch);
    const attempt = (attemptSignal: AbortSignal) => send(method, url, Object.assign(rest, { signal: attemptSignal }));
    return transport.call(attempt, { signal, timeout, maxRetries }, `${method.toUpperCase()} ${url}`, (rest.parseAs ?? 'json') === 'json');
  }

  const client: Record<string, unknown> = { request, use: inner.use, eject: inner.eject };
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']) {
    client[method] = (url: string, init?: RawInit) => request(method, url, init);
  }
  return client as unknown as RawClient;
}
