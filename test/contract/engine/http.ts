// One HTTP exchange with the server under test, captured whole (status, headers, raw body, and the
// request that got it) so the checks can look at exactly what came back and a report can replay it.

export interface ApiRequest {
  method: string;
  /** Path with parameters already substituted, e.g. /api/notifications/1024. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  rawBody: string;
  /** The request this answers (set by every sender), so a violation can say how to reproduce it. */
  request?: ApiRequest;
}

/** How the checks reach the server: plain `send`, or the command's budgeted, throttled sender. */
export type Sender = (request: ApiRequest) => Promise<ApiResponse>;

const REQUEST_TIMEOUT_MS = 15_000;

/** The request's URL under the base URL, keeping a path the base has (`https://gateway/staging`). */
export function urlFor(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export async function send(baseUrl: string, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const response = await fetch(urlFor(baseUrl, request.path), {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    redirect: 'manual',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  return { status: response.status, headers: response.headers, rawBody: await response.text(), request };
}

/** Secret values (API keys) and the environment variable a replayed request should read each from. */
export type SecretNames = ReadonlyMap<string, string>;

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function headerArgument(name: string, value: string, secrets: SecretNames | undefined): string {
  if (name.toLowerCase() !== 'authorization') return ` -H ${shellQuote(`${name}: ${value}`)}`;
  const [scheme, ...rest] = value.split(' ');
  const token = rest.join(' ');
  const variable = secrets?.get(token);
  if (variable) return ` -H "${name}: ${scheme} $${variable}"`;
  // Without a list of secrets, no credential is printed; with one, only the ones it names are hidden.
  return secrets ? ` -H ${shellQuote(`${name}: ${value}`)}` : ` -H '${name}: ${scheme} …'`;
}

const MAX_BODY_SHOWN = 300;

/**
 * A `curl` command that replays the request, so a failure can be reproduced by hand. API keys never
 * appear: with `secrets`, each becomes the environment variable that holds it (`$AUDIOSCRAPE_API_KEY`);
 * without, every credential is cut to its scheme. `baseUrl` makes the URL absolute.
 */
export function describeRequest(
  request: ApiRequest,
  options: { baseUrl?: string; secrets?: SecretNames } = {},
): string {
  const url = options.baseUrl ? urlFor(options.baseUrl, request.path) : request.path;
  const headers = Object.entries(request.headers)
    .map(([name, value]) => headerArgument(name, value, options.secrets))
    .join('');
  const body =
    request.body === undefined
      ? ''
      : ` -d ${shellQuote(request.body.length > MAX_BODY_SHOWN ? `${request.body.slice(0, MAX_BODY_SHOWN)}…` : request.body)}`;
  return `curl -X ${request.method} ${shellQuote(url)}${headers}${body}`;
}
