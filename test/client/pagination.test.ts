// searchAll against a local server that pages through a fixed list of hits the way the spec says:
// `limit` hits from `offset`, `meta.has_more` while more follow.
import { describe, expect, it } from 'vitest';
import { AudioscrapeError, InternalServerError, InvalidResponseError, type SearchResult } from '../../src/index.js';
import { MAX_SEARCH_OFFSET } from '../../src/pagination.js';
import { bundledSpec, specExample, localServerAndClient } from '../support/client.js';
import type { RecordedRequest } from '../support/local-server.js';

const SERVER_DEFAULT_LIMIT = 20;
const template = specExample<{ results: SearchResult[] }>('SearchResponseHits').results[0]!;

function hits(count: number): SearchResult[] {
  return Array.from({ length: count }, (_, index) => ({ ...template, segment_id: `hit-${index}` }));
}

/** Answers searches from `all` like the API: a page from offset, limit (default 20), has_more. */
function pagesOf(all: SearchResult[]) {
  return (request: RecordedRequest) => {
    const {
      query,
      limit = SERVER_DEFAULT_LIMIT,
      offset = 0,
    } = JSON.parse(request.body) as { query: string; limit?: number; offset?: number };
    const results = all.slice(offset, offset + limit);
    return {
      body: {
        meta: { query, total: all.length, limit, offset, has_more: offset + limit < all.length, took_ms: 3 },
        results,
      },
    };
  };
}

function pagesAsked(): Array<{ offset: number | undefined; limit: number | undefined }> {
  return local.server.requests.map((request) => {
    const { offset, limit } = JSON.parse(request.body) as { offset?: number; limit?: number };
    return { offset, limit };
  });
}

async function collect(iterator: AsyncIterable<SearchResult>): Promise<string[]> {
  const ids: string[] = [];
  for await (const hit of iterator) ids.push(hit.segment_id);
  return ids;
}

const local = localServerAndClient();

describe('searchAll', () => {
  it('follows offset and has_more across pages and yields every hit once, in order', async () => {
    local.server.respond(pagesOf(hits(45)));
    const ids = await collect(
      local.client.searchAll({ query: 'ai', limit: 20 }, { maxResults: Number.POSITIVE_INFINITY }),
    );
    expect(ids).toEqual(hits(45).map((hit) => hit.segment_id));
    expect(pagesAsked()).toEqual([
      { offset: 0, limit: 20 },
      { offset: 20, limit: 20 },
      { offset: 40, limit: 20 },
    ]);
    expect(local.server.requests.every((request) => JSON.parse(request.body).query === 'ai')).toBe(true);
  });

  it('stops at maxResults, asking the last page for no more than it needs', async () => {
    local.server.respond(pagesOf(hits(100)));
    const ids = await collect(local.client.searchAll({ query: 'ai', limit: 20 }, { maxResults: 25 }));
    expect(ids).toEqual(hits(25).map((hit) => hit.segment_id));
    expect(pagesAsked()).toEqual([
      { offset: 0, limit: 20 },
      { offset: 20, limit: 5 },
    ]);
  });

  it('starts from the caller’s offset, and learns the page size from meta.limit when none was given', async () => {
    local.server.respond(pagesOf(hits(50)));
    const ids = await collect(local.client.searchAll({ query: 'ai', offset: 10 }, { maxResults: 35 }));
    expect(ids).toEqual(
      hits(45)
        .slice(10)
        .map((hit) => hit.segment_id),
    );
    expect(pagesAsked()).toEqual([
      { offset: 10, limit: undefined },
      { offset: 30, limit: 15 },
    ]);
  });

  it('sends no request more once the caller stops iterating', async () => {
    local.server.respond(pagesOf(hits(100)));
    for await (const hit of local.client.searchAll({ query: 'ai', limit: 10 }, { maxResults: 100 })) {
      if (hit.segment_id === 'hit-12') break;
    }
    expect(local.server.requests).toHaveLength(2);
  });

  it('stops on an empty page even if has_more says otherwise', async () => {
    local.server.respond((request) => ({
      body: {
        meta: {
          query: 'ai',
          total: 99,
          limit: 20,
          offset: JSON.parse(request.body).offset ?? 0,
          has_more: true,
          took_ms: 1,
        },
        results: [],
      },
    }));
    expect(await collect(local.client.searchAll({ query: 'ai' }, { maxResults: 1000 }))).toEqual([]);
    expect(local.server.requests).toHaveLength(1);
  });

  it('never asks for an offset past the spec’s maximum', async () => {
    const maximum = bundledSpec().components.schemas.SearchRequest.properties.offset.maximum;
    expect(MAX_SEARCH_OFFSET).toBe(maximum);
    local.server.respond(pagesOf(hits(maximum + 100)));
    const ids = await collect(
      local.client.searchAll({ query: 'ai', limit: 100, offset: maximum - 150 }, { maxResults: 10_000 }),
    );
    expect(pagesAsked().map((page) => page.offset)).toEqual([maximum - 150, maximum - 50]);
    expect(ids).toHaveLength(200);
  });

  it('retries a failed page and throws when it keeps failing', async () => {
    local.server.reply({ status: 503, body: 'busy' }, { status: 503, body: 'busy' }, { status: 503, body: 'busy' });
    const iterator = local.client.searchAll({ query: 'ai' }, { maxResults: 10 });
    await expect(collect(iterator)).rejects.toBeInstanceOf(InternalServerError);
    expect(local.server.requests).toHaveLength(3);
  });

  it('stops with InvalidResponseError when the server ignores the offset, instead of asking forever', async () => {
    local.server.respond((request) => {
      const { limit = 20 } = JSON.parse(request.body) as { limit?: number };
      return {
        body: {
          meta: { query: 'ai', total: 1000, limit, offset: 0, has_more: true, took_ms: 1 },
          results: hits(limit),
        },
      };
    });
    const ids: string[] = [];
    const error = await (async () => {
      for await (const hit of local.client.searchAll(
        { query: 'ai', limit: 10 },
        { maxResults: Number.POSITIVE_INFINITY },
      ))
        ids.push(hit.segment_id);
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(
      'POST /api/v1/search answered offset 0 to a request for offset 10; searchAll stopped rather than loop.',
    );
    expect(ids).toHaveLength(10);
    expect(local.server.requests).toHaveLength(2);
  });

  it('without the options argument: a clear error at the call, not a TypeError', () => {
    const searchAll = local.client.searchAll.bind(local.client) as (body: { query: string }) => unknown;
    expect(() => searchAll({ query: 'ai' })).toThrow(AudioscrapeError);
    expect(() => searchAll({ query: 'ai' })).toThrow(
      'maxResults must be a whole number from 0 to 9007199254740991, not undefined.',
    );
    expect(local.server.requests).toHaveLength(0);
  });

  it.each([[undefined], [-1], [2.5], [Number.NaN], ['10']])(
    'refuses maxResults = %o at the call, not at the first page',
    (maxResults) => {
      expect(() => local.client.searchAll({ query: 'ai' }, { maxResults: maxResults as number })).toThrow(
        AudioscrapeError,
      );
      expect(() => local.client.searchAll({ query: 'ai' }, { maxResults: maxResults as number })).toThrow(
        /maxResults must be a whole number/,
      );
      expect(local.server.requests).toHaveLength(0);
    },
  );
});
