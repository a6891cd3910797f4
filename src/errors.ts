// Every error the client throws. One base class, AudioscrapeError, so `catch` can tell ours from
// anything else; APIError and one subclass per status for answers the server gave; ConnectionError,
// TimeoutError and AbortError for requests that never got an answer; InvalidResponseError for an
// answer the client cannot accept. The key is redacted from everything an error carries.
import type { components } from '../generated/schema.js';
import { parseRateLimit, requestedWaitMs, type RateLimit } from './rate-limit.js';
import { redactDeep, type Redact } from './security.js';

/** The API's error body: `{error, message}`. */
export type ErrorBody = components['schemas']['Error'];
/** The API's 429 body: `{error, message, retry_after}`. */
export type RateLimitErrorBody = components['schemas']['RateLimitError'];

/** The base of every error this client throws, including bad options. */
export class AudioscrapeError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = errorName(new.target);
  }
}

export interface APIErrorDetails {
  status: number;
  headers: Headers;
  body: ErrorBody | undefined;
}

/** The server answered with a status other than 2xx (a redirect included: the client follows none). */
export class APIError extends AudioscrapeError {
  /** The HTTP status code. */
  declare readonly status: number;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The parsed `{error, message}` body, or `undefined` when the body was missing or not in that shape. */
  declare readonly body: ErrorBody | undefined;
  /** The X-RateLimit-* state sent with the error, or `undefined` when there was none. */
  declare readonly rateLimit: RateLimit | undefined;

  constructor(message: string, details: APIErrorDetails) {
    super(message);
    Object.assign(this, details, { rateLimit: parseRateLimit(details.headers) });
  }
}

/** 400: the request broke the schema. */
export class BadRequestError extends APIError {}

/** 401: the API key is missing or invalid. */
export class AuthenticationError extends APIError {}

/** 403: the key is valid but the plan does not allow this call. */
export class PermissionDeniedError extends APIError {}

/** 404: nothing with that id exists on the account. */
export class NotFoundError extends APIError {}

/** 409: the request conflicts with the current state. The API does not document it; proxies may send it. */
export class ConflictError extends APIError {}

/** 422: the request was understood but refused. The API does not document it; proxies may send it. */
export class UnprocessableEntityError extends APIError {}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  /** Seconds to wait before the next request (Retry-After header, else the body's `retry_after`), if the server said. */
  readonly retryAfter: number | undefined;

  constructor(message: string, details: APIErrorDetails) {
    super(message, details);
    const wait = requestedWaitMs(details.headers, details.body);
    this.retryAfter = wait === undefined ? wait : wait / 1000;
  }
}

/** 500 or above: a fault on the server. */
export class InternalServerError extends APIError {}

/** No answer: the server could not be reached or the connection broke. */
export class ConnectionError extends AudioscrapeError {}

/** No answer within the timeout. */
export class TimeoutError extends ConnectionError {}

/** The caller's AbortSignal stopped the request or the wait before a retry. */
export class AbortError extends AudioscrapeError {}

/**
 * An answer the API's contract does not allow: a 2xx body that is empty, not JSON or missing a
 * required field, a body over `maxResponseBytes`, or search pages that do not advance.
 */
export class InvalidResponseError extends AudioscrapeError {}

const ERROR_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

// Every class's name, taken from these keys rather than from the class itself: a bundler that
// minifies the client renames classes, and error.name must still say RateLimitError.
const ERROR_NAMES = new Map<unknown, string>(
  Object.entries({
    AudioscrapeError,
    APIError,
    BadRequestError,
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    ConflictError,
    UnprocessableEntityError,
    RateLimitError,
    InternalServerError,
    ConnectionError,
    TimeoutError,
    AbortError,
    InvalidResponseError,
  }).map(([name, type]) => [type, name]),
);

/** The name of `type`, or of its nearest ancestor here (a subclass of ours without a name of its own). */
function errorName(type: unknown): string {
  for (let ancestor = type; ancestor; ancestor = Object.getPrototypeOf(ancestor)) {
    const name = ERROR_NAMES.get(ancestor);
    if (name) return name;
  }
  return 'AudioscrapeError';
}

function describe(response: Response, body: ErrorBody | undefined, payload: unknown): string {
  const { status, statusText, headers } = response;
  const reason = `${status} ${statusText || 'Error'}`;
  const text = (typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? '')).replace(/\s+/g, ' ').trim();
  // A browser hides where an opaque redirect (status 0) pointed.
  if (status < 400)
    return `${reason} to ${headers.get('location') ?? 'somewhere the browser hides'}, not followed (the API does not redirect: check baseUrl)`;
  if (body) return `${status} ${body.error}: ${body.message}`;
  if (!text) return `${reason} (no response body)`;
  return `${reason} (not the API's error format): ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

/**
 * The error for a non-2xx response. `payload` is the body as openapi-fetch read it (parsed JSON, or
 * the raw text when it was not JSON). The key is redacted from the message, every body field and
 * every header, however the server echoes it.
 */
export function errorFromResponse(response: Response, payload: unknown, redact: Redact): APIError {
  const scrubbed = redactDeep(payload, redact) as Partial<ErrorBody> | undefined;
  const body =
    typeof scrubbed?.error === 'string' && typeof scrubbed.message === 'string' ? (scrubbed as ErrorBody) : undefined;
  const headers = new Headers([...response.headers].map(([name, value]) => [name, redact(value)] as [string, string]));
  const ErrorClass = ERROR_CLASSES[response.status] ?? (response.status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(redact(describe(response, body, scrubbed)), { status: response.status, headers, body });
}
