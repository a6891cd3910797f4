// Checks a value against a JSON Schema from the spec and says, in words, what is wrong: "`limit`
// must be at most 100". It understands exactly the keywords the spec's request schemas use and
// refuses to start on any other, so a schema it cannot judge is never waved through. (The project's
// tests hold it to ajv, a full JSON Schema 2020-12 validator, on generated valid and invalid inputs.)
import { type JsonObject, resolveRef } from './spec.js';

export interface SchemaIssue {
  /** Where, e.g. `limit`, `filters.podcast_ids[0]`, or `` for the value itself. */
  at: string;
  /** What is wrong, e.g. `must be at most 100`. */
  problem: string;
}

const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
]);
const CHECKED = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
  'const',
  'oneOf',
  'anyOf',
]);

// The formats the spec uses. email and uri follow ajv-formats' "full" definitions, date-time and
// date RFC 3339; int32/int64 are OpenAPI's.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const URI =
  /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(?:[Zz]|[+-]\d{2}:\d{2})$/;

function isValidDate(text: string): boolean {
  const match = DATE.exec(text.slice(0, 10));
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return month >= 1 && month <= 12 && day >= 1 && day <= (days[month - 1] ?? 0);
}

const FORMATS: Record<
  string,
  { applies: (value: unknown) => boolean; valid: (value: never) => boolean; says: string }
> = {
  email: {
    applies: (value) => typeof value === 'string',
    valid: (value: string) => EMAIL.test(value),
    says: 'must be an email address',
  },
  uri: {
    applies: (value) => typeof value === 'string',
    valid: (value: string) => URI.test(value),
    says: 'must be an absolute URI',
  },
  'uri-reference': { applies: () => false, valid: () => true, says: '' },
  date: {
    applies: (value) => typeof value === 'string',
    valid: (value: string) => DATE.test(value) && isValidDate(value),
    says: 'must be a date (YYYY-MM-DD)',
  },
  'date-time': {
    applies: (value) => typeof value === 'string',
    valid: (value: string) => {
      const match = DATE_TIME.exec(value);
      return !!match && isValidDate(value) && Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6]) < 61;
    },
    says: 'must be a date and time (RFC 3339, e.g. 2026-11-27T10:00:00Z)',
  },
  int32: {
    applies: (value) => typeof value === 'number',
    valid: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1,
    says: 'must be a 32-bit integer',
  },
  int64: {
    applies: (value) => typeof value === 'number',
    valid: (value: number) => Number.isSafeInteger(value),
    says: 'must be a 64-bit integer',
  },
  double: { applies: () => false, valid: () => true, says: '' },
  float: { applies: () => false, valid: () => true, says: '' },
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const ARTICLE: Record<string, string> = { integer: 'an integer', object: 'an object', array: 'an array', null: 'null' };
const describeType = (type: string) => ARTICLE[type] ?? `a ${type}`;

function join(at: string, key: string | number): string {
  if (typeof key === 'number') return `${at}[${key}]`;
  return at ? `${at}.${key}` : key;
}

function describePattern(pattern: string): string {
  return pattern === '\\S' ? 'must not be blank' : `must match the pattern ${pattern}`;
}

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

/** Length in code points, as JSON Schema counts it (not UTF-16 code units). */
function lengthOf(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export class SchemaChecker {
  readonly #spec: JsonObject;
  readonly #patterns = new Map<string, RegExp>();

  /** Reads every schema reachable from `roots` now, so an unsupported keyword fails at start-up. */
  constructor(spec: JsonObject, roots: unknown[]) {
    this.#spec = spec;
    const seen = new Set<unknown>();
    for (const root of roots) this.#vet(root, seen);
  }

  check(schema: unknown, value: unknown, at = ''): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    this.#check(resolveRef(this.#spec, schema), value, at, issues);
    return issues;
  }

  #vet(raw: unknown, seen: Set<unknown>): void {
    if (seen.has(raw)) return;
    seen.add(raw);
    const schema = resolveRef(this.#spec, raw);
    if (seen.has(schema) && schema !== raw) return;
    seen.add(schema);
    for (const keyword of Object.keys(schema)) {
      if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) {
        throw new Error(
          `The mock's request checker does not know the JSON Schema keyword "${keyword}"; teach src/mock/schema-check.ts before using it in a request schema.`,
        );
      }
    }
    if (schema.format !== undefined && !Object.hasOwn(FORMATS, schema.format)) {
      throw new Error(
        `The mock's request checker does not know the format "${schema.format}"; add it to src/mock/schema-check.ts.`,
      );
    }
    if (typeof schema.pattern === 'string') this.#patterns.set(schema.pattern, new RegExp(schema.pattern, 'u'));
    for (const child of Object.values<unknown>(schema.properties ?? {})) this.#vet(child, seen);
    for (const child of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) this.#vet(child, seen);
    if (schema.items && typeof schema.items === 'object') this.#vet(schema.items, seen);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
      this.#vet(schema.additionalProperties, seen);
  }

  #check(schema: JsonObject, value: unknown, at: string, issues: SchemaIssue[]): void {
    const fail = (problem: string): void => void issues.push({ at, problem });
    if (schema.oneOf || schema.anyOf) {
      this.#checkAlternatives(schema, value, at, issues);
      return;
    }
    const types: string[] = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length > 0 && !types.some((type) => matchesType(value, type))) {
      fail(`must be ${types.map(describeType).join(' or ')}`);
      return;
    }
    if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) {
      fail(`must be ${JSON.stringify(schema.const)}`);
      return;
    }
    if (
      Array.isArray(schema.enum) &&
      !schema.enum.some((allowed: unknown) => JSON.stringify(allowed) === JSON.stringify(value))
    ) {
      fail(`must be one of ${schema.enum.map((allowed: unknown) => JSON.stringify(allowed)).join(', ')}`);
      return;
    }
    if (typeof value === 'string') this.#checkString(schema, value, fail);
    else if (typeof value === 'number') this.#checkNumber(schema, value, fail);
    else if (Array.isArray(value)) this.#checkArray(schema, value, at, issues, fail);
    else if (value !== null && typeof value === 'object') this.#checkObject(schema, value as JsonObject, at, issues);
  }

  #checkAlternatives(schema: JsonObject, value: unknown, at: string, issues: SchemaIssue[]): void {
    const options: unknown[] = schema.oneOf ?? schema.anyOf;
    const outcomes = options.map((option) => this.check(option, value, at));
    const passing = outcomes.filter((outcome) => outcome.length === 0).length;
    if (schema.oneOf ? passing === 1 : passing >= 1) return;
    if (passing > 1) {
      issues.push({ at, problem: 'matches more than one of the allowed shapes' });
      return;
    }
    // Report the alternative that came closest (fewest issues): usually the non-null one.
    const closest = outcomes.reduce((best, outcome) => (outcome.length < best.length ? outcome : best));
    issues.push(...closest);
  }

  #checkString(schema: JsonObject, value: string, fail: (problem: string) => void): void {
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? lengthOf(value) : 0;
    if (schema.minLength !== undefined && length < schema.minLength) {
      fail(schema.minLength === 1 ? 'must not be empty' : `must be at least ${characters(schema.minLength)} long`);
    } else if (schema.maxLength !== undefined && length > schema.maxLength)
      fail(`must be at most ${characters(schema.maxLength)} long`);
    else if (typeof schema.pattern === 'string' && !this.#patterns.get(schema.pattern)?.test(value))
      fail(describePattern(schema.pattern));
    else this.#checkFormat(schema, value, fail);
  }

  #checkNumber(schema: JsonObject, value: number, fail: (problem: string) => void): void {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must be at least ${schema.minimum}`);
    else if (schema.maximum !== undefined && value > schema.maximum) fail(`must be at most ${schema.maximum}`);
    else if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail(`must be more than ${schema.exclusiveMinimum}`);
    else if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail(`must be less than ${schema.exclusiveMaximum}`);
    else this.#checkFormat(schema, value, fail);
  }

  #checkFormat(schema: JsonObject, value: unknown, fail: (problem: string) => void): void {
    const format =
      schema.format !== undefined && Object.hasOwn(FORMATS, schema.format) ? FORMATS[schema.format] : undefined;
    if (format?.applies(value) && !format.valid(value as never)) fail(format.says);
  }

  #checkArray(
    schema: JsonObject,
    value: unknown[],
    at: string,
    issues: SchemaIssue[],
    fail: (problem: string) => void,
  ): void {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      fail(`must have at least ${schema.minItems} item(s)`);
      return;
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      fail(`must have at most ${schema.maxItems} items`);
      return;
    }
    if (schema.uniqueItems) {
      const seen = new Set<string>();
      for (const item of value) {
        const key = JSON.stringify(item);
        if (seen.has(key)) {
          fail(`must not repeat an item (${key} is there twice)`);
          return;
        }
        seen.add(key);
      }
    }
    if (schema.items) {
      for (const [index, item] of value.entries())
        this.#check(resolveRef(this.#spec, schema.items), item, join(at, index), issues);
    }
  }

  #checkObject(schema: JsonObject, value: JsonObject, at: string, issues: SchemaIssue[]): void {
    const properties: JsonObject = schema.properties ?? {};
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(value, name)) issues.push({ at: join(at, name), problem: 'is required' });
    }
    for (const [name, property] of Object.entries(value)) {
      if (Object.hasOwn(properties, name))
        this.#check(resolveRef(this.#spec, properties[name]), property, join(at, name), issues);
      else if (schema.additionalProperties === false) {
        issues.push({
          at: join(at, name),
          problem: `is not a field of this object (known fields: ${Object.keys(properties).join(', ')})`,
        });
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        this.#check(resolveRef(this.#spec, schema.additionalProperties), property, join(at, name), issues);
      }
    }
  }
}
