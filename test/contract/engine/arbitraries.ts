// Valid inputs generated from a JSON Schema with fast-check: the "positive" half of the contract
// suite. Covers what this spec uses (objects, arrays, strings with pattern/format/length, bounded
// integers and numbers, enums, nullable unions, oneOf, $ref); anything else fails loudly rather
// than generating something the schema does not describe.
import fc from 'fast-check';
import { type JsonObject, resolve } from '../../support/openapi.js';
import type { SchemaValidator } from '../../support/schema-validator.js';

const MAX_GENERATED_ITEMS = 5;

function stringForFormat(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true });
    case 'uri-reference':
      return fc.webPath().map((path) => (path.startsWith('/') ? path : `/${path}`));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    default:
      return undefined;
  }
}

/** JSON Schema lengths count code points, not UTF-16 units. */
const codePointLength = (value: string) => [...value].length;

function stringArbitrary(schema: JsonObject): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? 1000;
  const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  const base =
    (schema.format && stringForFormat(schema.format)) ??
    (pattern?.source.startsWith('^')
      ? fc.stringMatching(pattern)
      : fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 200) }));
  if (schema.format && !stringForFormat(schema.format))
    throw new Error(`No generator for string format "${schema.format}"`);
  return base.filter((value: string) => {
    const length = codePointLength(value);
    return length >= minLength && length <= maxLength && (!pattern || pattern.test(value));
  });
}

function integerArbitrary(schema: JsonObject): fc.Arbitrary<number> {
  const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -(2 ** 31));
  const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : (schema.maximum ?? 2 ** 31 - 1);
  return fc.integer({ min, max });
}

function numberArbitrary(schema: JsonObject): fc.Arbitrary<number> {
  return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

function arrayArbitrary(schema: JsonObject, spec: JsonObject): fc.Arbitrary<unknown[]> {
  const items = arbitraryFromSchema(schema.items ?? {}, spec);
  const constraints = {
    minLength: schema.minItems ?? 0,
    maxLength: Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
  };
  return schema.uniqueItems
    ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
    : fc.array(items, constraints);
}

function objectArbitrary(schema: JsonObject, spec: JsonObject): fc.Arbitrary<JsonObject> {
  const properties: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries<JsonObject>(schema.properties ?? {}))
    properties[name] = arbitraryFromSchema(property, spec);
  return fc.record(properties, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<JsonObject>;
}

function arbitraryForType(type: string, schema: JsonObject, spec: JsonObject): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object':
      return objectArbitrary(schema, spec);
    case 'array':
      return arrayArbitrary(schema, spec);
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`No generator for schema type "${type}"`);
  }
}

/** An arbitrary for values valid against `schema` (a Schema Object of the bundled spec). */
export function arbitraryFromSchema(rawSchema: JsonObject, spec: JsonObject): fc.Arbitrary<unknown> {
  const schema = resolve(spec, rawSchema);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives))
    return fc.oneof(...alternatives.map((alternative: JsonObject) => arbitraryFromSchema(alternative, spec)));
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type: string) => arbitraryForType(type, schema, spec)));
  if (typeof schema.type === 'string') return arbitraryForType(schema.type, schema, spec);
  throw new Error(`No generator for schema ${JSON.stringify(schema).slice(0, 120)}`);
}

/**
 * The same, with every value double-checked by the independent validator: a generator bug then
 * shows up as fast-check failing to find values, never as a "valid" input the schema rejects.
 */
export function validArbitrary(
  schema: JsonObject,
  spec: JsonObject,
  validator: SchemaValidator,
): fc.Arbitrary<unknown> {
  return arbitraryFromSchema(schema, spec).filter((value) => validator.errors(schema, value).length === 0);
}
