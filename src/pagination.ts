// Every hit of a search, page after page: follows offset/limit/meta.has_more and stops at the
// caller's cap. Each page is one search request, and counts against the plan's monthly allowance.
import { checkNumber, type RequestOptions } from './config.js';
import { InvalidResponseError } from './errors.js';
import type { ApiResult, SearchRequest, SearchResponse, SearchResult } from './types.js';

/** The highest `offset` the API accepts (SearchRequest.offset's maximum in the spec). */
export const MAX_SEARCH_OFFSET = 10_000;

export interface SearchAllOptions extends RequestOptions {
  /** Stop after this many hits (a whole number, or Infinity). Required: every page costs a request. */
  maxResults: number;
}

type Search = (body: SearchRequest, options: RequestOptions) => Promise<ApiResult<SearchResponse>>;

/** The hits of `body`'s search, from `body.offset` on, at most `maxResults` of them. */
export function paginateSearch(
  search: Search,
  body: SearchRequest,
  options: SearchAllOptions | undefined,
): AsyncGenerator<SearchResult, void, undefined> {
  // Checked here, at the call, rather than at the first page; also when the options are missing.
  const { maxResults, ...requestOptions } = options ?? ({} as SearchAllOptions);
  if (maxResults !== Number.POSITIVE_INFINITY) checkNumber('maxResults', maxResults);
  return hits(search, body, maxResults, requestOptions);
}

async function* hits(
  search: Search,
  body: SearchRequest,
  maxResults: number,
  options: RequestOptions,
): AsyncGenerator<SearchResult, void, undefined> {
  let offset = body.offset ?? 0;
  // Unknown until the first page when the caller leaves `limit` to the API's default.
  let pageSize = body.limit;
  let yielded = 0;
  while (yielded < maxResults && offset <= MAX_SEARCH_OFFSET) {
    const remaining = maxResults - yielded;
    const page: SearchRequest = { ...body, offset };
    if (pageSize !== undefined) page.limit = Math.min(pageSize, remaining);
    const { data } = await search(page, options);
    // A server that ignores the offset would send the same page forever.
    if (data.meta.offset !== offset) {
      throw new InvalidResponseError(
        `POST /api/v1/search answered offset ${data.meta.offset} to a request for offset ${offset}; searchAll stopped rather than loop.`,
      );
    }
    for (const hit of data.results.slice(0, remaining)) {
      yield hit;
      yielded += 1;
    }
    if (!data.meta.has_more || data.results.length === 0) return;
    pageSize ??= data.meta.limit;
    offset += data.results.length;
  }
}
