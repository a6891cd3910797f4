// One HTTP exchange with the server under test, captured whole (status, headers, raw body) so the
// checks can look at exactly what came back.

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
}

export async function send(baseUrl: string, request: ApiRequest): Promise<ApiResponse> {
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, headers: response.headers, rawBody: await response.text() };
}

/** `curl`-like one-liner for failure messages, so a failing case can be replayed by hand. */
export function describeRequest(request: ApiRequest): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => ` -H '${name}: ${name.toLowerCase() === 'authorization' ? value.replace(/ .+/, ' …') : value}'`)
    .join('');
  const body = request.body === undefined ? '' : ` -d '${request.body.length > 300 ? `${request.body.slice(0, 300)}…` : request.body}'`;
  return `curl -X ${request.method} '${request.path}'${headers}${body}`;
}
