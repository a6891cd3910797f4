// A JSON Schema (from the bundled spec) in words: its type, its limits, and a row per field, nested
// fields included (`filters.speakers`, `results[].text`), the way a reader scans a request or response.

/** Follows a local `#/...` $ref; returns the target with the referring node's own keywords on top. */
export function resolveRef(spec, node) {
  let current = node;
  let name;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const { $ref, ...siblings } = current;
    if (!$ref.startsWith('#/')) throw new Error(`Only local $refs are expected in the bundled spec, got ${$ref}`);
    if (seen.has($ref)) throw new Error(`Circular $ref ${$ref}`);
    seen.add($ref);
    const target = $ref
      .slice(2)
      .split('/')
      .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((value, token) => value?.[token], spec);
    if (target === undefined) throw new Error(`Unresolvable $ref ${$ref}`);
    if ($ref.startsWith('#/components/schemas/')) name ??= $ref.split('/').at(-1);
    current = { ...target, ...siblings };
  }
  return { value: current, name };
}

const isNullSchema = (schema) => schema?.type === 'null';

/**
 * The schema that carries the value's shape: a `oneOf`/`anyOf` of one schema and `null` is that
 * schema (nullable); anything else is itself.
 */
function nullableParts(spec, schema) {
  const choices = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(choices) && choices.length === 2) {
    const resolved = choices.map((choice) => resolveRef(spec, choice));
    const nonNull = resolved.filter(({ value }) => !isNullSchema(value));
    if (nonNull.length === 1) {
      const { oneOf, anyOf, ...outer } = schema;
      return {
        schema: { ...nonNull[0].value, ...withoutUndefined({ description: outer.description }) },
        name: nonNull[0].name,
        nullable: true,
      };
    }
  }
  return { schema, nullable: false };
}

function withoutUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** The type in a few words: `integer (int32)`, `string or null`, `array of SearchResult`. */
export function typeInWords(spec, node) {
  const { value, name } = resolveRef(spec, node);
  const { schema, name: innerName, nullable } = nullableParts(spec, value);
  const label = name ?? innerName;
  let words;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nonNullTypes = types.filter((type) => type !== 'null');
  if (nonNullTypes.includes('array')) {
    words = `array of ${typeInWords(spec, schema.items ?? {})}`;
  } else if (nonNullTypes.length > 0) {
    words = nonNullTypes.join(' or ');
    if (schema.format) words += ` (${schema.format})`;
  } else if (schema.oneOf || schema.anyOf) {
    words = (schema.oneOf ?? schema.anyOf).map((choice) => typeInWords(spec, choice)).join(' or ');
  } else if (schema.allOf) {
    words = schema.allOf.map((part) => typeInWords(spec, part)).join(' and ');
  } else {
    words = 'any';
  }
  if (label && nonNullTypes.includes('object')) words = `object (${label})`;
  if (nullable || types.includes('null')) words += ' or null';
  return words;
}

const show = (value) => `\`${JSON.stringify(value)}\``;

/** The schema's limits as short sentences: range, length, pattern, allowed values, default. */
export function limitsInWords(spec, node) {
  const { value } = resolveRef(spec, node);
  const { schema } = nullableParts(spec, value);
  const limits = [];
  if (schema.enum) limits.push(`One of ${schema.enum.map(show).join(', ')}.`);
  if (schema.const !== undefined) limits.push(`Always ${show(schema.const)}.`);
  const range = (low, high, unit = '') => {
    if (low !== undefined && low === high) return `exactly ${low}${unit}`;
    if (low !== undefined && high !== undefined) return `${low} to ${high}${unit}`;
    if (low !== undefined) return `at least ${low}${unit}`;
    return `at most ${high}${unit}`;
  };
  if (schema.minimum !== undefined || schema.maximum !== undefined)
    limits.push(`From ${range(schema.minimum, schema.maximum)}.`.replace('From at', 'At'));
  if (schema.exclusiveMinimum !== undefined) limits.push(`Greater than ${schema.exclusiveMinimum}.`);
  if (schema.exclusiveMaximum !== undefined) limits.push(`Less than ${schema.exclusiveMaximum}.`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    limits.push(
      `${range(schema.minLength, schema.maxLength, ' characters')}.`.replace(/^./, (first) => first.toUpperCase()),
    );
  }
  if (schema.pattern) limits.push(`Matches \`${schema.pattern}\`.`);
  if (schema.minItems !== undefined || schema.maxItems !== undefined) {
    limits.push(`${range(schema.minItems, schema.maxItems, ' items')}.`.replace(/^./, (first) => first.toUpperCase()));
  }
  if (schema.uniqueItems) limits.push('No duplicates.');
  if (schema.default !== undefined) limits.push(`Default ${show(schema.default)}.`);
  return limits.join(' ');
}

/** The object schema whose properties describe `node`'s fields, if it has any (nullable objects too). */
function objectShape(spec, node) {
  const { value, name } = resolveRef(spec, node);
  const { schema, name: innerName } = nullableParts(spec, value);
  return schema.properties ? { schema, name: name ?? innerName } : null;
}

function arrayItems(spec, node) {
  const { value } = resolveRef(spec, node);
  const { schema } = nullableParts(spec, value);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('array') && schema.items ? schema.items : null;
}

/**
 * One row per field of an object schema, depth first: {field, type, required, description}. Fields
 * of nested objects and of objects in arrays follow their parent (`meta.total`, `results[].text`).
 */
export function fieldRows(spec, node, { prefix = '', seen = new Set() } = {}) {
  const shape = objectShape(spec, node);
  if (!shape) {
    const items = arrayItems(spec, node);
    return items ? fieldRows(spec, items, { prefix: `${prefix}[]`, seen }) : [];
  }
  if (shape.name && seen.has(shape.name)) return [];
  const inside = shape.name ? new Set([...seen, shape.name]) : seen;
  const required = new Set(shape.schema.required ?? []);
  return Object.entries(shape.schema.properties).flatMap(([property, propertySchema]) => {
    const field = prefix ? `${prefix}.${property}` : property;
    const { value } = resolveRef(spec, propertySchema);
    const description = [value.description?.trim(), limitsInWords(spec, propertySchema)].filter(Boolean).join(' ');
    const row = { field, type: typeInWords(spec, propertySchema), required: required.has(property), description };
    const items = arrayItems(spec, propertySchema);
    const nested = items
      ? fieldRows(spec, items, { prefix: `${field}[]`, seen: inside })
      : fieldRows(spec, propertySchema, { prefix: field, seen: inside });
    return [row, ...nested];
  });
}

/** True when the object schema refuses properties it does not list. */
export function isClosedObject(spec, node) {
  return objectShape(spec, node)?.schema.additionalProperties === false;
}

/** The schema's own description (after following its $ref). */
export function schemaDescription(spec, node) {
  return resolveRef(spec, node).value.description?.trim() ?? '';
}

export function schemaName(spec, node) {
  return resolveRef(spec, node).name;
}
