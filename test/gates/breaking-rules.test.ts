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

/** One of oasdiff's change records for the search operation. */
function searchChange(id: string, text: string, level: number) {
  return { ...search, id, text, level };
}

function removed(property: string) {
  return searchChange('request-property-removed', `removed the request property \`${property}\``, 2);
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
      searchChange(
        'request-property-became-required-with-default',
        'the request property `limit` with a default value became required',
        1,
      ),
      searchChange(
        'new-required-request-property-with-default',
        'added the new required request property `language` with a default value',
        1,
      ),
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
      searchChange('request-property-became-required', 'the request property `sort` became required', 3),
      searchChange('new-optional-request-property', 'added the new optional request property `label`', 1),
      removed('no/such/path'),
    ];
    expect(applyBreakingRules(others, spec)).toEqual(others);
  });
});
