// The Audioscrape client: one typed method per operation, each resolving with the parsed data, the
// rate-limit state and the raw Response; `searchAll` for every hit of a search; `raw` for anything
// else. Options, retries, errors and security rules live in their own files (see index.ts).
import { resolveConfig, type ClientOptions, type RequestOptions } from './config.js';
import { AudioscrapeError } from './errors.js';
import { paginateSearch, type SearchAllOptions } from './pagination.js';
import { parseRateLimit } from './rate-limit.js';
import { createRawClient, type RawCallOptions } from './raw-client.js';
import { createTransport } from './transport.js';
import type {
  Account,
  ApiResult,
  CreateKeywordAlertRequest,
  KeywordAlert,
  KeywordAlertId,
  KeywordAlertList,
  RawClient,
  SearchRequest,
  SearchResponse,
  SearchResult,
} from './types.js';

function toResult<T>({ data, response }: { data?: T; response: Response }): ApiResult<T> {
  return { data: data as T, rateLimit: parseRateLimit(response.headers), response };
}

/**
 * The Audioscrape API client. `new Audioscrape()` reads the key from AUDIOSCRAPE_API_KEY; see
 * ClientOptions for the rest. Every method throws an AudioscrapeError subclass on failure.
 */
export class Audioscrape {
  declare readonly baseUrl: string;
  declare readonly maxRetries: number;
  /** Milliseconds per attempt. */
  declare readonly timeout: number;
  /**
   * The low-level typed client (openapi-fetch) with the same authentication, retries and errors:
   * a non-2xx answer throws, so `data` is always set. Takes `timeout` and `maxRetries` per call.
   */
  declare readonly raw: RawClient;
  /** Keyword alerts: standing searches that deliver new matches by webhook or email. */
  declare readonly notifications: {
    list(options?: RequestOptions): Promise<ApiResult<KeywordAlertList>>;
    create(body: CreateKeywordAlertRequest, options?: RequestOptions): Promise<ApiResult<KeywordAlert>>;
    delete(id: KeywordAlertId, options?: RequestOptions): Promise<ApiResult<undefined>>;
  };

  constructor(options: ClientOptions = {}) {
    const config = resolveConfig(options);
    const raw = createRawClient(config, createTransport(config));
    const { baseUrl, maxRetries, timeout } = config;
    Object.assign(this, { baseUrl, maxRetries, timeout, raw });
    this.notifications = {
      list: (options = {}) => raw.GET('/api/notifications', options as RawCallOptions).then(toResult),
      create: (body, options = {}) => raw.POST('/api/notifications', { ...(options as RawCallOptions), body }).then(toResult),
      delete: async (id, options = {}) => {
        if (typeof id !== 'string' || id === '') throw new AudioscrapeError('notifications.delete needs the alert id, a non-empty string.');
        return toResult<undefined>(await raw.DELETE('/api/notifications/{id}', { ...(options as RawCallOptions), params: { path: { id } } }));
      },
    };
  }

  /** One page of hits. See `searchAll` to go through every page. */
  search(body: SearchRequest, options: RequestOptions = {}): Promise<ApiResult<SearchResponse>> {
    return this.raw.POST('/api/v1/search', { ...(options as RawCallOptions), body }).then(toResult);
  }

  /**
   * Every hit of the search, page by page, following `meta.has_more`: `for await (const hit of …)`.
   * `maxResults` caps the hits (and so the requests, each of which counts against your plan).
   */
  searchAll(body: SearchRequest, options: SearchAllOptions): AsyncGenerator<SearchResult, void, undefined> {
    return paginateSearch((page, pageOptions) => this.search(page, pageOptions), body, options);
  }

  /** Your account, plan and limits. */
  me(options: RequestOptions = {}): Promise<ApiResult<Account>> {
    return this.raw.GET('/api/me', options as RawCallOptions).then(toResult);
  }
}
