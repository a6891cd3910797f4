// Every error the client throws. One base class, AudioscrapeError, so `catch` can tell ours from
// anything else; APIError and one subclass per status for answers the server gave; ConnectionError,
// TimeoutError and AbortError for requests that never got an answer.
import type { components } from '../generated/schema.js';
import { parseRateLimit, retryAfterMs, type RateLimit } from './rate-limit.js';
import { redactSecret } from './security.js';

/** The API's error body: `{error, message}`. */
export type ErrorBody = components['schemas']['Error'];
/** The API's 429 body: `{error, message, retry_after}`. */
export type RateLimitErrorBody = components['schemas']['RateLimitError'];

/** The base of every error this client throws, including bad options. */
export class AudioscrapeError extends Error {
  override name = 'AudioscrapeError';
}

export interface APIErrorDetails {
  status: number;
  headers: Headers;
  body: ErrorBody | undefined;
}

/** The server answered with a status other than 2xx. */
export class APIError extends AudioscrapeError {
  override name = 'APIError';
  /** The HTTP status code. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The parsed `{error, message}` body, or `undefined` when the body was missing or not in that shape. */
  readonly body: ErrorBody | undefined;
  /** The X-RateLimit-* state sent with the error, or `undefined` when there was none. */
  readonly rateLimit: RateLimit | undefined;

  constructor(message: string, { status, headers, body }: APIErrorDetails) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.rateLimit = parseRateLimit(headers);
  }
}

/** 400: the request broke the schema. */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

/** 401: the API key is missing or invalid. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** 403: the key is valid but the plan does not allow this call. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}

/** 404: nothing with that id exists on the account. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/** 409: the request conflicts with the current state. The API does not document it; proxies may send it. */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}

/** 422: the request was understood but refused. The API does not document it; proxies may send it. */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** Seconds to wait before the next request (Retry-After header, else the body's `retry_after`), if the server said. */
  readonly retryAfter: number | undefined;

  constructor(message: string, details: APIErrorDetails) {
    super(message, details);
    const fromHeaders = retryAfterMs(details.headers);
    this.retryAfter = fromHeaders === undefined ? readRetryAfter(details.body) : fromHeaders / 1000;
  }
}

/** 500 or above: a fault on the server. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** No answer: the server could not be reached or the connection broke. */
export class ConnectionError extends AudioscrapeError {
  override name = 'ConnectionError';
}

/** No answer within the timeout. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

/** The caller's AbortSignal stopped the request or the wait before a retry. */
export class AbortError extends AudioscrapeError {
  override name = 'AbortError';
}

const ERROR_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

const SNIPPET_LENGTH = 200;

function readRetryAfter(body: ErrorBody | undefined): number | undefined {
  const value = (body as Partial<RateLimitErrorBody> | undefined)?.retry_after;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

function asErrorBody(payload: unknown, secret: string): ErrorBody | undefined {
  const candidate = payload as Partial<ErrorBody> | null | undefined;
  if (typeof candidate?.error !== 'string' || typeof candidate.message !== 'string') return undefined;
  return { ...candidate, error: redactSecret(candidate.error, secret), message: redactSecret(candidate.message, secret) };
}

function snippet(payload: unknown): string {
  const text = (typeof payload === 'string' ? payload : JSON.stringify(payload) ?? '').replace(/\s+/g, ' ').trim();
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

function describe(response: Response, body: ErrorBody | undefined, payload: unknown): string {
  if (body) return `${response.status} ${body.error}: ${body.message}`;
  const reason = `${response.status} ${response.statusText || 'Error'}`;
  const text = snippet(payload);
  return text ? `${reason} (not the API's error format): ${text}` : `${reason} (no response body)`;
}

/**
 * The error for a non-2xx response. `payload` is the body as openapi-fetch read it (parsed JSON, or
 * the raw text when it was not JSON). `secret` is removed from the message and body in case the
 * server echoes it.
 */
export function errorFromResponse(response: Response, payload: unknown, secret: string): APIError {
  const body = asErrorBody(payload, secret);
  const ErrorClass = ERROR_CLASSES[response.status] ?? (response.status >= 500 ? InternalServerError : APIError);
  const message = redactSecret(describe(response, body, payload), secret);
  return new ErrorClass(message, { status: response.status, headers: response.headers, body });
}
