// Invalid inputs derived from the request schemas: the "negative" half of the contract suite.
// Each case starts from a valid input and breaks exactly one rule the schema states (a required
// field missing, a wrong type, a bound crossed, an unknown field, …), or breaks the request itself
// (wrong content type, malformed JSON, a path id that breaks its pattern). The server must reject
// every one with a documented 4xx, never a 5xx.
import { type JsonObject, resolve } from '../../support/openapi.js';

export interface RequestInput {
  pathParams: Record<string, string>;
  /** The JSON body as a value (undefined: no body). */
  body?: unknown;
  /** Raw body text, when the case needs bytes that are not JSON.stringify of a value. */
  rawBody?: string;
  contentType?: string;
}

export interface NegativeCase {
  /** What the case breaks, e.g. `body.limit above maximum (101)`. */
  name: string;
  input: RequestInput;
  /** What kind of rule it breaks: the body's schema, the JSON syntax, the media type, or a path parameter. */
  kind: 'schema' | 'malformed-json' | 'content-type' | 'path';
  /**
   * The cases a run on a small request budget always sends: a required top-level field missing,
   * empty or blank (the inputs servers most often answer with a 500), and a path id that breaks its
   * pattern. The rest are sent as the budget allows.
   */
  core?: boolean;
}

/** A sample value of each JSON type, to put where the schema wants another type. */
const VALUE_OF_TYPE: Record<string, unknown> = {
  string: 'twelve',
  integer: 12345,
  boolean: true,
  array: ['an', 'array'],
  object: { an: 'object' },
};

/** Spaces only: what a form sends when someone types nothing but the space bar. */
const BLANK = '   ';

function types(schema: JsonObject): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

function tooLongString(schema: JsonObject): string {
  const length = schema.maxLength + 1;
  if (schema.format === 'email') return `${'a'.repeat(length)}@example.org`;
  if (schema.format === 'uri') return `https://example.org/${'a'.repeat(length)}`;
  return 'a'.repeat(length);
}

function setAt(value: unknown, path: string[], replacement: unknown, remove = false): unknown {
  const copy = structuredClone(value) as JsonObject;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

/** Every way to break one rule of `schema` at `path` inside `validBody`. */
function breakSchema(
  schema: JsonObject,
  spec: JsonObject,
  validBody: unknown,
  path: string[],
): Array<{ name: string; body: unknown }> {
  const resolved = resolve(spec, schema);
  const label = ['body', ...path].join('.');
  const cases: Array<{ name: string; body: unknown }> = [];
  const put = (name: string, replacement: unknown) =>
    cases.push({ name: `${label} ${name}`, body: path.length ? setAt(validBody, path, replacement) : replacement });
  const kinds = types(resolved);

  const wrongType = Object.entries(VALUE_OF_TYPE).find(
    ([type]) => !kinds.includes(type) && !(type === 'integer' && kinds.includes('number')),
  );
  if (kinds.length && wrongType)
    put(`of the wrong type (${wrongType[0]} ${JSON.stringify(wrongType[1])})`, wrongType[1]);
  if (!kinds.includes('null') && path.length) put('null', null);
  if (Array.isArray(resolved.enum)) put('not one of the enum values', 'not-a-listed-value');
  if (resolved.maxLength !== undefined) put(`longer than maxLength ${resolved.maxLength}`, tooLongString(resolved));
  if (
    kinds.includes('string') &&
    (resolved.minLength > 0 || (resolved.pattern && !new RegExp(resolved.pattern, 'u').test('')))
  ) {
    put(
      `empty ("")${resolved.minLength > 0 ? `, shorter than minLength ${resolved.minLength}` : `, breaking its pattern ${resolved.pattern}`}`,
      '',
    );
  }
  if (resolved.pattern && new RegExp(resolved.pattern, 'u').test(BLANK) === false)
    put(`blank (${JSON.stringify(BLANK)}), breaking its pattern ${resolved.pattern}`, BLANK);
  if (resolved.format === 'email') put('not an email address', 'not-an-email');
  if (resolved.format === 'uri') put('not a URI', 'not a uri');
  if (resolved.maximum !== undefined) put(`above maximum (${resolved.maximum + 1})`, resolved.maximum + 1);
  if (resolved.minimum !== undefined) put(`below minimum (${resolved.minimum - 1})`, resolved.minimum - 1);
  if (kinds.includes('integer')) put('not an integer (1.5)', 1.5);
  if (resolved.maxItems !== undefined)
    put(
      `with more than maxItems ${resolved.maxItems} items`,
      Array.from({ length: resolved.maxItems + 1 }, (_, index) => `item-${index}`),
    );

  const current = (path.length ? path.reduce((node: any, key) => node?.[key], validBody) : validBody) as any;
  if (kinds.includes('array') && Array.isArray(current) && current.length > 0) {
    if (resolved.uniqueItems) put('with a duplicate item', [current[0], current[0]]);
    if (resolved.items) cases.push(...breakSchema(resolved.items, spec, validBody, [...path, '0']));
  }
  if (kinds.includes('object')) {
    if (current && resolved.additionalProperties === false) {
      put('with an unknown property', { ...current, not_in_the_schema: true });
    }
    for (const required of resolved.required ?? []) {
      cases.push({
        name: `${label} without required ${required}`,
        body: setAt(validBody, [...path, required], undefined, true),
      });
    }
    for (const [name, property] of Object.entries<JsonObject>(resolved.properties ?? {})) {
      if (current && name in current) cases.push(...breakSchema(property, spec, validBody, [...path, name]));
    }
  }
  return cases;
}

/**
 * A required top-level field missing, empty or blank (see NegativeCase.core), sent in the smallest
 * body that shows it: the valid body cut to its required fields, so `{"query": ""}` is what a report
 * tells you to replay. Undefined for any other case.
 */
function coreSchemaBody(
  name: string,
  requestSchema: JsonObject,
  spec: JsonObject,
  validBody: unknown,
): { body: unknown } | undefined {
  const required: string[] = resolve(spec, requestSchema).required ?? [];
  if (!validBody || typeof validBody !== 'object' || Array.isArray(validBody)) return undefined;
  const minimal = Object.fromEntries(
    required.filter((field) => field in validBody).map((field) => [field, (validBody as JsonObject)[field]]),
  );
  for (const field of required) {
    if (name === `body without required ${field}`)
      return { body: Object.fromEntries(Object.entries(minimal).filter(([key]) => key !== field)) };
    if (name.startsWith(`body.${field} empty ("")`)) return { body: { ...minimal, [field]: '' } };
    if (name.startsWith(`body.${field} blank (`)) return { body: { ...minimal, [field]: BLANK } };
  }
  return undefined;
}

function pathParameterCases(parameters: JsonObject[], validInput: RequestInput, spec: JsonObject): NegativeCase[] {
  const cases: NegativeCase[] = [];
  for (const parameter of parameters.filter((candidate) => candidate.in === 'path')) {
    const schema = resolve(spec, parameter.schema);
    const withValue = (value: string) => ({
      ...validInput,
      pathParams: { ...validInput.pathParams, [parameter.name]: value },
    });
    if (schema.pattern)
      cases.push({
        name: `path ${parameter.name} breaking its pattern ("bad id!")`,
        input: withValue('bad id!'),
        kind: 'path',
        core: true,
      });
    if (schema.maxLength !== undefined) {
      cases.push({
        name: `path ${parameter.name} longer than maxLength ${schema.maxLength}`,
        input: withValue('a'.repeat(schema.maxLength + 1)),
        kind: 'path',
      });
    }
  }
  return cases;
}

/**
 * All negative cases for one operation, derived from `validInput` (an input the schema accepts) and
 * the operation's request body schema and parameters.
 */
export function negativeCases(args: {
  requestSchema?: JsonObject;
  parameters: JsonObject[];
  validInput: RequestInput;
  spec: JsonObject;
}): NegativeCase[] {
  const { requestSchema, parameters, validInput, spec } = args;
  const cases = pathParameterCases(parameters, validInput, spec);
  if (requestSchema) {
    for (const broken of breakSchema(requestSchema, spec, validInput.body, [])) {
      const core = coreSchemaBody(broken.name, requestSchema, spec, validInput.body);
      cases.push({
        name: broken.name,
        input: { ...validInput, body: core ? core.body : broken.body },
        kind: 'schema',
        ...(core ? { core: true } : {}),
      });
    }
    cases.push({
      name: 'body that is malformed JSON',
      input: { ...validInput, body: undefined, rawBody: '{"query": ' },
      kind: 'malformed-json',
    });
    cases.push({
      name: 'body sent as text/plain',
      input: { ...validInput, rawBody: JSON.stringify(validInput.body), contentType: 'text/plain' },
      kind: 'content-type',
    });
    cases.push({ name: 'no body at all', input: { ...validInput, body: undefined }, kind: 'schema' });
  }
  return cases;
}
