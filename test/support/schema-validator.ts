// An independent JSON Schema 2020-12 validator for the spec's schemas (ajv + ajv-formats), so the
// tests do not take the word of the linters or of Prism for what "valid against the schema" means.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonObject } from './openapi.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const COMPONENTS_ID = 'urn:audioscrape:components';
// OpenAPI's own annotation keywords that may sit inside a Schema Object.
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
// OpenAPI's numeric formats, checked for real rather than ignored.
const NUMERIC_FORMATS: Record<string, (value: number) => boolean> = {
  int32: (value) => Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1,
  int64: (value) => Number.isSafeInteger(value),
  float: (value) => Number.isFinite(value),
  double: (value) => Number.isFinite(value),
};

/** Rewrites `#/components/schemas/X` to point into the components schema registered with ajv. */
function retarget(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(retarget);
  if (!node || typeof node !== 'object') return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`
        : retarget(value);
  }
  return copy;
}

export interface SchemaError {
  /** JSON pointer into the value, `(root)` for the value itself. */
  path: string;
  message: string;
}

export interface SchemaValidator {
  /** Validates `value` against a schema from the spec (inline or `$ref`); returns readable errors. */
  errors(schema: JsonObject, value: unknown): string[];
  /** The same errors, with the JSON path and the message apart. */
  details(schema: JsonObject, value: unknown): SchemaError[];
}

function toSchemaErrors(errors: ErrorObject[] | null | undefined): SchemaError[] {
  return (errors ?? []).map((error) => ({ path: error.instancePath || '(root)', message: error.message ?? 'is invalid' }));
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined): string[] {
  return toSchemaErrors(errors).map((error) => `${error.path} ${error.message}`);
}

export function createSchemaValidator(spec: JsonObject): SchemaValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const keyword of OPENAPI_SCHEMA_KEYWORDS) ajv.addKeyword(keyword);
  for (const [name, validate] of Object.entries(NUMERIC_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: retarget(spec.components?.schemas ?? {}) as JsonObject });

  const compiled = new WeakMap<JsonObject, ValidateFunction>();
  const details = (schema: JsonObject, value: unknown): SchemaError[] => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(retarget(schema) as JsonObject);
      compiled.set(schema, validate);
    }
    return validate(value) ? [] : toSchemaErrors(validate.errors);
  };
  return {
    details,
    errors: (schema, value) => details(schema, value).map((error) => `${error.path} ${error.message}`),
  };
}
