// audioscrape-api: the typed client for the Audioscrape API.
//   client.ts      the Audioscrape class: search, searchAll, me, and the resources below
//   notifications.ts  client.notifications: keyword alerts
//   config.ts      options, defaults, environment variables
//   errors.ts      every error class
//   retry.ts       when and how long to wait before a retry
//   transport.ts   one call: timeouts, aborts, errors, retries
//   raw-client.ts  the low-level openapi-fetch client, and what resources share
//   pagination.ts  searchAll's page-by-page iterator
//   responses.ts   the size ceiling and the fields a 2xx body must have
//   rate-limit.ts  X-RateLimit-* and Retry-After parsing
//   security.ts    where the key may go; redaction
//   logging.ts     log levels and the logger
//   types.ts       request and response types from the spec
export { Audioscrape } from './client.js';
export type { ClientOptions, FetchFunction, RequestOptions } from './config.js';
export {
  AbortError,
  APIError,
  AudioscrapeError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors.js';
export type { APIErrorDetails, ErrorBody, RateLimitErrorBody } from './errors.js';
export type { Logger, LogLevel } from './logging.js';
export type { SearchAllOptions } from './pagination.js';
export type { RateLimit } from './rate-limit.js';
export type { RetryEvent } from './retry.js';
export type * from './types.js';
