// The handlers' types come from the spec's generated `paths`: these checks fail `npm run typecheck`
// (which compiles test/) when a typed override or an option stops matching the spec, and vitest
// runs the same file so each `@ts-expect-error` line is known to be reached.
import { HttpResponse } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createMockHandlers,
  type KeywordAlert,
  type PathFor,
  type PathParamsOf,
  type RequestBodyOf,
} from '../../src/msw/index.js';
import type { components, paths } from '../../generated/schema.js';

const mock = createMockHandlers();

describe('typed overrides', () => {
  it('take only the paths the spec documents for each method', () => {
    expectTypeOf<PathFor<'get'>>().toEqualTypeOf<'/api/me' | '/api/notifications'>();
    expectTypeOf<PathFor<'post'>>().toEqualTypeOf<'/api/v1/search' | '/api/notifications'>();
    expectTypeOf<PathFor<'delete'>>().toEqualTypeOf<'/api/notifications/{id}'>();
    expectTypeOf<PathFor<'put'>>().toEqualTypeOf<never>();
    // @ts-expect-error: the API has no GET /api/v1/search
    expect(mock.http.get('/api/v1/search', () => undefined)).toBeDefined();
    // @ts-expect-error: nor any path outside the spec
    expect(mock.http.post('/api/v2/search', () => undefined)).toBeDefined();
  });

  it('type path parameters and request bodies from the operation', () => {
    expectTypeOf<PathParamsOf<'/api/notifications/{id}', 'delete'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<RequestBodyOf<'/api/v1/search', 'post'>>().toEqualTypeOf<components['schemas']['SearchRequest']>();
    expectTypeOf<RequestBodyOf<'/api/me', 'get'>>().toEqualTypeOf<never>();
  });

  it('take only documented response bodies', () => {
    const account: paths['/api/me']['get']['responses'][200]['content']['application/json'] | undefined = undefined;
    expect(mock.http.get('/api/me', () => HttpResponse.json(account!))).toBeDefined();
    expect(
      mock.http.get('/api/me', () =>
        HttpResponse.json({ error: 'Internal Server Error', message: 'Down.' }, { status: 500 }),
      ),
    ).toBeDefined();
    // @ts-expect-error: not a body GET /api/me documents
    expect(mock.http.get('/api/me', () => HttpResponse.json({ plan: 'free' }))).toBeDefined();
  });
});

describe('options', () => {
  it('type seeded alerts as the spec’s KeywordAlert', () => {
    expectTypeOf<KeywordAlert>().toEqualTypeOf<components['schemas']['KeywordAlert']>();
    // @ts-expect-error: an alert needs its id, created_at and delivery_stats
    expect(() => createMockHandlers({ alerts: { pro_x: [{ search_term: 'climate' }] } })).toThrow(/key #1/);
  });
});
