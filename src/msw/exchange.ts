// MSW hands the handlers a Fetch `Request` and takes back a `Response`; the behaviour module speaks
// MockRequest and MockAnswer (src/mock/request.ts). This file turns one into the other, reading the
// request as the mock's HTTP server does, so both transports give the behaviour the same input.
import { bodyTooLarge, MAX_BODY_BYTES, type MockAnswer, type MockRequest } from '../mock/index.js';

/** Keeps a leading byte-order mark, as the server's decoding does: `\uFEFF{…}` is not JSON to either. */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

export type ReadRequest = { request: MockRequest } | { refusal: MockAnswer };

/**
 * The request as the behaviour module takes it: the path as sent (still percent-encoded) with the
 * base URL's own path taken off, the query without its `?`, header names in lower case (Headers
 * already are), the body as UTF-8 text; or, for a body past the API's size cap, its 400.
 */
export async function readRequest(request: Request, basePath: string): Promise<ReadRequest> {
  const url = new URL(request.url);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) return { refusal: bodyTooLarge(bytes.byteLength) };
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    request: {
      method: request.method,
      path: url.pathname.slice(basePath.length) || '/',
      query: url.search.slice(1),
      headers,
      body: bytes.byteLength === 0 ? undefined : UTF8.decode(bytes),
    },
  };
}

/**
 * The answer as a Fetch Response: compact JSON, as the server writes it. No body for a 204, nor for
 * any answer to HEAD: HTTP never sends one there (Node's server drops it; a mocked Response would not).
 */
export function toResponse(answer: MockAnswer, method: string): Response {
  const body = answer.body === undefined || method.toUpperCase() === 'HEAD' ? null : JSON.stringify(answer.body);
  return new Response(body, { status: answer.status, headers: answer.headers });
}
