// The realistic mock's behaviour module (src/mock), without a server: its request checker judges
// exactly as ajv (a full JSON Schema 2020-12 validator) does, the plans it reads from the spec are
// the authentication page's, and its memory stays bounded whatever keys clients invent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMockApi, type MockRequest } from '../../src/mock/index.js';
import { SchemaChecker } from '../../src/mock/schema-check.js';
import { arbitraryFromSchema } from '../contract/engine/arbitraries.js';
import { negativeCases } from '../contract/engine/negative-cases.js';
import { loadBundledSpec, namedExamples, operations, resolve } from '../support/openapi.js';
import { createSchemaValidator } from '../support/schema-validator.js';
import { seedPlanRows } from '../support/seed.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);

/** Every request body schema and path parameter schema of the spec, with where it comes from. */
const requestSchemas = operations(spec).flatMap((entry) => {
  const body = resolve(spec, entry.operation.requestBody)?.content?.['application/json'];
  return [
    ...(body
      ? [
          {
            label: `${entry.label} body`,
            schema: body.schema,
            examples: namedExamples(spec, body).map(([, example]) => example.value),
            isBody: true,
          },
        ]
      : []),
    ...entry.parameters.map((parameter) => ({
      label: `${entry.label} ${parameter.name}`,
      schema: parameter.schema,
      examples: [parameter.example],
      isBody: false,
    })),
  ];
});
const checker = new SchemaChecker(
  spec,
  requestSchemas.map(({ schema }) => schema),
);

describe('the request checker agrees with ajv', () => {
  it.each(requestSchemas.map((entry) => [entry.label, entry] as const))(
    '%s: on the examples, every negative case, and generated values',
    (_label, { schema, examples, isBody }) => {
      const verdicts = (value: unknown) => [
        checker.check(schema, value).length === 0,
        validator.errors(schema, value).length === 0,
      ];
      for (const example of examples) expect(verdicts(example)).toEqual([true, true]);
      if (isBody) {
        const [valid] = [...examples].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length);
        for (const broken of negativeCases({
          requestSchema: schema,
          parameters: [],
          validInput: { pathParams: {}, body: valid },
          spec,
        })) {
          if (broken.kind !== 'schema' || broken.input.body === undefined) continue;
          expect(verdicts(broken.input.body), broken.name).toEqual([false, false]);
        }
      }
      // Values generated from the schema, and values that are merely close to it (anything JSON).
      const nearby = fc.oneof(
        arbitraryFromSchema(schema, spec),
        fc.json().map((text) => JSON.parse(text)),
      );
      fc.assert(
        fc.property(nearby, (value) => {
          const [ours, ajv] = verdicts(value);
          expect(
            ours,
            `${JSON.stringify(value)}: ${JSON.stringify(checker.check(schema, value))} vs ${JSON.stringify(validator.errors(schema, value))}`,
          ).toBe(ajv);
        }),
        { numRuns: 300, seed: 3 },
      );
    },
  );

  it('refuses to start on a keyword it does not know, rather than waving values through', () => {
    expect(() => new SchemaChecker(spec, [{ type: 'object', unevaluatedProperties: false }])).toThrow(
      /does not know the JSON Schema keyword "unevaluatedProperties"/,
    );
    expect(() => new SchemaChecker(spec, [{ type: 'string', format: 'ipv6' }])).toThrow(
      /does not know the format "ipv6"/,
    );
  });

  it('does not take a field named like an Object method for a known one', () => {
    const search = requestSchemas.find((entry) => entry.label.startsWith('POST /api/v1/search'))!;
    for (const name of ['constructor', '__proto__', 'toString']) {
      const value = JSON.parse(`{"query": "x", "${name}": 1}`);
      expect(checker.check(search.schema, value).map((issue) => issue.at)).toEqual([name]);
      expect(validator.errors(search.schema, value)).not.toEqual([]);
    }
  });
});

describe('the plans the mock reads from the spec', () => {
  it("are the authentication page's table: requests per month and per minute", () => {
    const api = createMockApi({ spec });
    const seedRows = seedPlanRows();
    const byName = Object.fromEntries(api.describePlans().map((plan) => [plan.name, plan]));
    for (const [plan, month, minute] of seedRows) {
      const mock = byName[plan!.toLowerCase()]!;
      expect(mock.requestsPerMonth === null ? 'Unlimited' : mock.requestsPerMonth.toLocaleString('en-US')).toBe(month);
      if (minute === 'Custom') expect(mock.requestsPerMinute).toBeGreaterThan(0);
      else expect(`${mock.requestsPerMinute}/minute`).toBe(minute);
    }
  });

  it('fail loudly when the spec loses its plan table', () => {
    const withoutTable = { ...spec, info: { ...spec.info, description: 'No table here.' } };
    expect(() => createMockApi({ spec: withoutTable })).toThrow(
      /rate-limit table \(info.description\) has no row for free/,
    );
  });
});

describe('memory stays bounded', () => {
  const request = (key: string): MockRequest => ({
    method: 'GET',
    path: '/api/notifications',
    headers: { authorization: `Bearer ${key}` },
  });

  it('forgets the least recently used keys past 1,000', () => {
    const api = createMockApi({ spec, clock: '2026-11-27T10:00:00Z' });
    for (let index = 0; index < 1500; index += 1) expect(api.handle(request(`pro_key-${index}`)).status).toBe(200);
    expect(api.trackedKeys).toBe(1000);
  });

  it('keeps at most 20,000 alerts across all keys', () => {
    const api = createMockApi({ spec, clock: '2026-11-27T10:00:00Z' });
    const create = (key: string) =>
      api.handle({
        method: 'POST',
        path: '/api/notifications',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: '{"search_term": "x"}',
      });
    for (let key = 0; key < 25; key += 1) {
      for (let alert = 0; alert < 1000; alert += 1) create(`enterprise_bulk-${key}`);
      api.moveClock({ advanceSeconds: 60 }); // a fresh minute: the point here is memory, not rate limits
    }
    expect(api.storedAlerts).toBeLessThanOrEqual(20_000);
    expect(api.handle(request('enterprise_bulk-24')).body).toMatchObject({ notifications: expect.any(Array) });
    expect(create('enterprise_bulk-24').status).toBe(403);
  });
});
