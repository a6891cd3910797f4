// What the mock is given for one HTTP request, whichever transport delivered it (a Node server,
// Prism's engine, MSW), and what it answers. Bodies stay text until the mock reads them, so a
// malformed body is the mock's to judge, not the transport's to crash on.

export interface MockRequest {
  method: string;
  /** The path as sent, still percent-encoded, without the query string: `/api/notifications/1024`. */
  path: string;
  /** The query string without its `?` (may be empty). */
  query?: string | undefined;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The body as text; undefined (or empty) when the request had none. */
  body?: string | undefined;
}

/** For the console: what the answer was about, not sent to the client. */
export interface AnswerNote {
  operationId?: string | undefined;
  /** The plan of the key that made the call; `none`/`invalid` when it was refused for its key. */
  plan?: string | undefined;
  /** Why a request was refused, in the same words as the error message. */
  problem?: string | undefined;
}

/** The Content-Type of every JSON answer the mock gives. */
export const JSON_TYPE = { 'Content-Type': 'application/json' };

export interface MockAnswer {
  status: number;
  headers: Record<string, string>;
  /** A JSON value; undefined for an answer without a body (204). */
  body?: unknown;
  note: AnswerNote;
}

/** Bodies past this are refused with 400: the largest valid request is about 14 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The API's 400 for a body of `size` bytes, past MAX_BODY_BYTES. A transport checks the size as
 * it reads the body (a server stops keeping it there), so this is the transport's to call.
 */
export function bodyTooLarge(size: number): MockAnswer {
  const message = `The request body is ${size} bytes; the most the API accepts is ${MAX_BODY_BYTES}.`;
  return {
    status: 400,
    headers: { 'Content-Type': 'application/json' },
    body: { error: 'Bad Request', message },
    note: { problem: message },
  };
}

/** A request body as the mock reads it. */
export type ReadBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'not-json'; reason: string }
  | { kind: 'wrong-type'; contentType: string };

export function readBody(request: MockRequest): ReadBody {
  if (request.body === undefined || request.body === '') return { kind: 'none' };
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') return { kind: 'wrong-type', contentType: contentType || '(none)' };
  try {
    return { kind: 'json', value: JSON.parse(request.body) };
  } catch (error) {
    return { kind: 'not-json', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The bearer token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer ([\x21-\x7e]+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/** What `Prefer` asks for; `code` is the text sent (checked against the documented statuses later). */
export interface Preference {
  code?: string;
  example?: string;
}

/** `Prefer: code=429, example=RateLimited` (or `?__code=429&__example=…`), as Prism reads it. */
export function readPrefer(request: MockRequest): Preference {
  const wanted: Preference = {};
  const pairs = (request.headers.prefer ?? '').split(',').map((part) => part.split('=').map((text) => text.trim()));
  const query = new URLSearchParams(request.query ?? '');
  const code = pairs.find(([name]) => name === 'code')?.[1] ?? query.get('__code') ?? undefined;
  const example = pairs.find(([name]) => name === 'example')?.[1] ?? query.get('__example') ?? undefined;
  if (code !== undefined && code !== '') wanted.code = code;
  if (example !== undefined && example !== '') wanted.example = example;
  return wanted;
}
