// The types the client's methods take and return, all taken from generated/schema.d.ts (and
// openapi-fetch's reading of it), so a change to the spec reaches the client without a hand edit.
import type { Client, MethodResponse } from 'openapi-fetch';
import type { components, operations, paths } from '../generated/schema.js';
import type { RateLimit } from './rate-limit.js';

export type { components, operations, paths };

/** The low-level typed client: openapi-fetch over the spec's paths. */
export type RawClient = Client<paths>;

type JsonRequestBody<Id extends keyof operations> = NonNullable<
  operations[Id]['requestBody']
>['content']['application/json'];

export type SearchRequest = JsonRequestBody<'search'>;
export type SearchResponse = MethodResponse<RawClient, 'post', '/api/v1/search'>;
/** One hit: a transcript segment that matched. */
export type SearchResult = SearchResponse['results'][number];
export type Account = MethodResponse<RawClient, 'get', '/api/me'>;
export type KeywordAlertList = MethodResponse<RawClient, 'get', '/api/notifications'>;
export type CreateKeywordAlertRequest = JsonRequestBody<'createNotification'>;
export type KeywordAlert = MethodResponse<RawClient, 'post', '/api/notifications'>;
export type KeywordAlertId = operations['deleteNotification']['parameters']['path']['id'];

/** What every high-level method resolves with. */
export interface ApiResult<T> {
  /** The parsed response body. */
  data: T;
  /** The X-RateLimit-* state, or `undefined` when the server sent none of those headers. */
  rateLimit: RateLimit | undefined;
  /** The raw response (its body already read). */
  response: Response;
}
