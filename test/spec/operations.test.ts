// Every operation follows the contract's house rules: bearer security, the shared error responses
// referenced (never restated), the rate-limit header family on every 2xx and 4xx, code samples in
// every language, and a 429 body whose `retry_after` survives into the generated types.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JsonObject, loadBundledSpec, operations, resolve, takesInput } from '../support/openapi.js';
import { GENERATED_DIR } from '../../scripts/lib/paths.mjs';

const spec = loadBundledSpec();
const entries = operations(spec).map((entry) => [entry.label, entry] as const);

const RATE_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
const SAMPLE_LABELS = [/curl/i, /javascript/i, /python/i];

function requiredStatuses(entry: (typeof entries)[number][1]): string[] {
  const statuses = ['401', '403', '429', '500'];
  if (takesInput(entry)) statuses.push('400');
  if (entry.path.includes('{')) statuses.push('404');
  return statuses;
}

describe('operations', () => {
  it('there are the five documented operations, each with a stable operationId and a tag', () => {
    const ids = operations(spec).map((entry) => entry.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['createNotification', 'deleteNotification', 'getMe', 'listNotifications', 'search']);
    for (const [label, entry] of entries) {
      expect(entry.operation.tags?.length, label).toBe(1);
      expect(
        spec.tags.map((tag: JsonObject) => tag.name),
        label,
      ).toContain(entry.operation.tags[0]);
    }
  });

  it.each(entries)('%s references the shared error responses', (_label, entry) => {
    for (const status of requiredStatuses(entry)) {
      const response = entry.operation.responses[status];
      expect(response, `${status} is documented`).toBeDefined();
      expect(response.$ref, `${status} is a $ref to components/responses`).toMatch(
        /^#\/components\/responses\/[A-Za-z]+$/,
      );
    }
  });

  it.each(entries)('%s: errors use the Error schema, and 429 the RateLimitError schema', (_label, entry) => {
    for (const [status, rawResponse] of Object.entries<JsonObject>(entry.operation.responses)) {
      if (!/^[45]/.test(status)) continue;
      const schema = resolve(spec, rawResponse).content['application/json'].schema;
      expect(schema.$ref, status).toBe(
        status === '429' ? '#/components/schemas/RateLimitError' : '#/components/schemas/Error',
      );
    }
  });

  it.each(entries)('%s: every 2xx and 4xx response carries the rate-limit headers, declared once', (_label, entry) => {
    for (const [status, rawResponse] of Object.entries<JsonObject>(entry.operation.responses)) {
      if (!/^[24]/.test(status)) continue;
      const headers = resolve(spec, rawResponse).headers ?? {};
      const expected = status === '429' ? [...RATE_HEADERS, 'Retry-After'] : RATE_HEADERS;
      for (const name of expected) {
        expect(headers[name]?.$ref, `${status} ${name}`).toBe(`#/components/headers/${name.replace(/-/g, '')}`);
      }
    }
  });

  it.each(entries)('%s has curl, JavaScript and Python samples', (_label, entry) => {
    const samples: JsonObject[] = entry.operation['x-codeSamples'] ?? [];
    for (const label of SAMPLE_LABELS) {
      const sample = samples.find((candidate) => label.test(candidate.label));
      expect(sample, String(label)).toBeDefined();
      expect(sample!.source.length, String(label)).toBeGreaterThan(40);
      const concretePath = entry.path.replace(/\{[^}]+\}/g, '');
      expect(sample!.source, String(label)).toContain(`https://www.audioscrape.com${concretePath}`);
    }
  });
});

describe('rate-limit headers', () => {
  it.each(RATE_HEADERS.concat('Retry-After').map((name) => [name] as const))(
    '%s is optional and says so, with the plan limits',
    (name) => {
      const header = spec.components.headers[name.replace(/-/g, '')];
      expect(header.required).toBe(false);
      expect(header.description).toMatch(/optional/i);
      expect(header.description).toMatch(/does not\s+promise/);
      expect(header.schema).toMatchObject({ type: 'integer' });
    },
  );

  it('X-RateLimit-Limit states the per-minute limit of each plan on the seed page', () => {
    const description: string = spec.components.headers.XRateLimitLimit.description;
    expect(description).toMatch(/10 on Free/);
    expect(description).toMatch(/100 on Pro/);
    expect(description).toMatch(/custom number on\s+Enterprise/);
  });
});

describe('the 429 body', () => {
  const rateLimitError = spec.components.schemas.RateLimitError;

  it('is its own schema with a required retry_after (not allOf, which loses `required` in the types)', () => {
    expect(rateLimitError.allOf).toBeUndefined();
    expect(rateLimitError.required).toEqual(expect.arrayContaining(['error', 'message', 'retry_after']));
  });

  it('keeps retry_after required in generated/schema.d.ts', () => {
    const types = readFileSync(path.join(GENERATED_DIR, 'schema.d.ts'), 'utf8');
    const block = /RateLimitError: \{([\s\S]*?)\n {8}\};/.exec(types)?.[1];
    expect(block, 'RateLimitError in schema.d.ts').toBeDefined();
    expect(block).toMatch(/\n\s+retry_after: number;/);
  });
});
