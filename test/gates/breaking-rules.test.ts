// The breaking-change gate's own rules (scripts/lib/breaking-rules.mjs), on oasdiff's change records
// as it prints them: a request field made required with a default, and a property removed from a
// closed request object, are raised to breaking; the same removal from an open object, and changes
// oasdiff already rates right, are left alone. Runs without oasdiff (the fixture pairs in
// breaking-changes.test.ts prove the same through the real tool).
import { describe, expect, it } from 'vitest';
import { applyBreakingRules, owningRequestSchema } from '../../scripts/lib/breaking-rules.mjs';
import { loadBundledSpec } from '../support/openapi.js';

const spec = loadBundledSpec();
const search = { operation: 'POST', operationId: 'search', path: '/api/v1/search', section: 'paths' };

function removed(property: string) {
  return { ...search, id: 'request-property-removed', text: `removed the request property \`${property}\``, level: 2 };
}

/** The bundled spec with one request object opened (`additionalProperties` dropped). */
function withOpenSchema(name: string) {
  const copy = structuredClone(spec);
  delete copy.components.schemas[name].additionalProperties;
  return copy;
}

describe('the breaking-change rules oasdiff does not apply', () => {
  it('raise a defaulted request field made required (or added as required) to breaking, saying why', () => {
    const changes = [
      {
        ...search,
        id: 'request-property-became-required-with-default',
        text: 'the request property `limit` with a default value became required',
        level: 1,
      },
      {
        ...search,
        id: 'new-required-request-property-with-default',
        text: 'added the new required request property `language` with a default value',
        level: 1,
      },
    ];
    for (const change of applyBreakingRules(changes, spec)) {
      expect(change.level).toBe(3);
      expect(change.text).toMatch(/gets 400, default or not/);
    }
  });

  it('raise a property removed from a closed request object to breaking, at the top and nested', () => {
    const [top, nested] = applyBreakingRules([removed('sort'), removed('filters/speakers')], spec);
    expect(top.level).toBe(3);
    expect(top.text).toContain('additionalProperties: false');
    expect(nested.level).toBe(3);
    expect(owningRequestSchema(spec, removed('filters/speakers'))).toBe(spec.components.schemas.SearchFilters);
  });

  it('leave the same removal from an open object potentially breaking: a server may ignore what it does not know', () => {
    expect(applyBreakingRules([removed('sort')], withOpenSchema('SearchRequest'))[0]).toEqual(removed('sort'));
    expect(applyBreakingRules([removed('filters/speakers')], withOpenSchema('SearchFilters'))[0]).toEqual(
      removed('filters/speakers'),
    );
  });

  it('leave changes alone that oasdiff rates right, or that it cannot place', () => {
    const others = [
      {
        ...search,
        id: 'request-property-became-required',
        text: 'the request property `sort` became required',
        level: 3,
      },
      {
        ...search,
        id: 'new-optional-request-property',
        text: 'added the new optional request property `label`',
        level: 1,
      },
      { ...search, id: 'request-property-removed', text: 'removed the request property `no/such/path`', level: 2 },
    ];
    expect(applyBreakingRules(others, spec)).toEqual(others);
  });
});
