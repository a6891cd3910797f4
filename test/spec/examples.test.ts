// Every example in the spec is valid against its schema, by an independent JSON Schema 2020-12
// validator (ajv with formats). The mock serves these examples and the docs show them, so an
// invalid one would mislead both.
import { describe, expect, it } from 'vitest';
import { type JsonObject, loadBundledSpec, namedExamples, operations, resolve } from '../support/openapi.js';
import { createSchemaValidator } from '../support/schema-validator.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);

interface ExampleCase {
  where: string;
  schema: JsonObject;
  value: unknown;
}

function mediaTypeExamples(where: string, content: JsonObject | undefined): ExampleCase[] {
  return Object.entries<JsonObject>(content ?? {}).flatMap(([mediaTypeName, mediaType]) =>
    namedExamples(spec, mediaType).map(([name, example]) => ({
      where: `${where} ${mediaTypeName} example "${name}"`,
      schema: mediaType.schema,
      value: example.value,
    })),
  );
}

function operationExamples(): ExampleCase[] {
  return operations(spec).flatMap(({ label, operation, parameters }) => {
    const requestBody = resolve(spec, operation.requestBody);
    const cases = mediaTypeExamples(`${label} request body`, requestBody?.content);
    for (const [status, rawResponse] of Object.entries<JsonObject>(operation.responses)) {
      const response = resolve(spec, rawResponse);
      cases.push(...mediaTypeExamples(`${label} ${status} response`, response.content));
      for (const [headerName, rawHeader] of Object.entries<JsonObject>(response.headers ?? {})) {
        const header = resolve(spec, rawHeader);
        if ('example' in header) {
          cases.push({
            where: `${label} ${status} header ${headerName} example`,
            schema: header.schema,
            value: header.example,
          });
        }
      }
    }
    for (const parameter of parameters) {
      if ('example' in parameter) {
        cases.push({
          where: `${label} parameter ${parameter.name} example`,
          schema: parameter.schema,
          value: parameter.example,
        });
      }
    }
    return cases;
  });
}

/** `examples` arrays inside component schemas, at any depth. */
function schemaExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const visit = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${where}/${index}`);
      return;
    }
    const schema = node as JsonObject;
    if (Array.isArray(schema.examples)) {
      for (const [index, value] of (schema.examples as unknown[]).entries())
        cases.push({ where: `${where} examples[${index}]`, schema, value });
    }
    for (const [key, child] of Object.entries(schema)) {
      if (key !== 'examples') visit(child, `${where}/${key}`);
    }
  };
  for (const [name, schema] of Object.entries(spec.components.schemas)) visit(schema, `#/components/schemas/${name}`);
  return cases;
}

describe('examples', () => {
  const allCases = [...operationExamples(), ...schemaExamples()];

  it('there are examples to check', () => {
    expect(allCases.length).toBeGreaterThan(20);
  });

  it.each(allCases.map((exampleCase) => [exampleCase.where, exampleCase] as const))(
    '%s is valid against its schema',
    (_where, exampleCase) => {
      expect(validator.errors(exampleCase.schema, exampleCase.value)).toEqual([]);
    },
  );

  it('the validator rejects an example that breaks its schema (the check can fail)', () => {
    const searchResponse = { $ref: '#/components/schemas/SearchResponse' };
    const hits = resolve(spec, spec.components.examples.SearchResponseHits).value;
    const broken = structuredClone(hits);
    broken.meta.took_ms = 'fast';
    broken.results[0].surprise = true;
    expect(validator.errors(searchResponse, hits)).toEqual([]);
    const errors = validator.errors(searchResponse, broken);
    expect(errors).toContain('/meta/took_ms must be integer');
    expect(errors).toContain('/results/0 must NOT have additional properties');
  });
});

describe('named examples', () => {
  it.each(operations(spec).map((entry) => [entry.label, entry] as const))(
    '%s has named examples on its request body and every response with a body',
    (_label, entry) => {
      const bodies: Array<[string, JsonObject | undefined]> = [
        ['request body', resolve(spec, entry.operation.requestBody)?.content],
      ];
      for (const [status, response] of Object.entries<JsonObject>(entry.operation.responses)) {
        bodies.push([`${status} response`, resolve(spec, response).content]);
      }
      for (const [where, content] of bodies) {
        for (const [mediaTypeName, mediaType] of Object.entries<JsonObject>(content ?? {})) {
          expect(Object.keys(mediaType.examples ?? {}), `${where} ${mediaTypeName}`).not.toHaveLength(0);
        }
      }
    },
  );

  it('search shows a typical hit list, an empty result and a page with has_more', () => {
    const search = operations(spec).find((entry) => entry.operation.operationId === 'search')!;
    const values = namedExamples(spec, search.operation.responses['200'].content['application/json']).map(
      ([, example]) => example.value,
    );
    expect(values.some((value) => value.results.length > 1 && value.meta.has_more === false)).toBe(true);
    expect(values.some((value) => value.results.length === 0 && value.meta.total === 0)).toBe(true);
    expect(
      values.some(
        (value) => value.meta.has_more === true && value.meta.total > value.meta.offset + value.results.length,
      ),
    ).toBe(true);
  });
});
