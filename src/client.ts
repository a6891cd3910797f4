// The Audioscrape client: one typed method per operation, each resolving with the parsed data, the
// rate-limit state and the raw Response; `searchAll` for every hit of a search; `raw` for anything
// else. Each resource other than these top-level calls has its own module (notifications.ts); options,
// retries, errors and security rules live in their own files too (see index.ts).
import { resolveConfig, type ClientOptions, type RequestOptions } from './config.js';
import { createNotifications, type Notifications } from './notifications.js';
import { paginateSearch, type SearchAllOptions } from './pagination.js';
import { callOptions, createRawClient, toResult } from './raw-client.js';
import { createTransport } from './transport.js';
import type { Account, ApiResult, RawClient, SearchRequest, SearchResponse, SearchResult } from './types.js';

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
  declare readonly notifications: Notifications;

  constructor(options: ClientOptions = {}) {
    const config = resolveConfig(options);
    const raw = createRawClient(config, createTransport(config));
    const { baseUrl, maxRetries, timeout } = config;
    Object.assign(this, { baseUrl, maxRetries, timeout, raw, notifications: createNotifications(raw) });
  }

  /** One page of hits. See `searchAll` to go through every page. */
  search(body: SearchRequest, options: RequestOptions = {}): Promise<ApiResult<SearchResponse>> {
    return this.raw.POST('/api/v1/search', { ...callOptions(options), body }).then(toResult);
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
    return this.raw.GET('/api/me', callOptions(options)).then(toResult);
  }
}
