// An independent JSON Schema 2020-12 validator for the spec's schemas (ajv + ajv-formats): the mock
// server checks its own answers with it, and the tests use it so that they do not take the word of
// the linters, of Prism, or of the mock for what "valid against the schema" means.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const COMPONENTS_ID = 'urn:audioscrape:components';
// OpenAPI's own annotation keywords that may sit inside a Schema Object.
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
// OpenAPI's numeric formats, checked for real rather than ignored.
/** @type {Record<string, (value: number) => boolean>} */
const NUMERIC_FORMATS = {
  int32: (value) => Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1,
  int64: (value) => Number.isSafeInteger(value),
  float: (value) => Number.isFinite(value),
  double: (value) => Number.isFinite(value),
};

/**
 * @typedef {Record<string, any>} JsonObject
 * @typedef {{ path: string, message: string }} SchemaError JSON pointer into the value (`(root)` for
 *   the value itself) and what is wrong there.
 * @typedef {{ errors(schema: JsonObject, value: unknown): string[], details(schema: JsonObject, value: unknown): SchemaError[] }} SchemaValidator
 */

/** Rewrites `#/components/schemas/X` to point into the components schema registered with ajv. */
function retarget(node) {
  if (Array.isArray(node)) return node.map(retarget);
  if (!node || typeof node !== 'object') return node;
  /** @type {JsonObject} */
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`
        : retarget(value);
  }
  return copy;
}

/** @param {import('ajv').ErrorObject[] | null | undefined} errors @returns {SchemaError[]} */
function toSchemaErrors(errors) {
  return (errors ?? []).map((error) => ({
    path: error.instancePath || '(root)',
    message: error.message ?? 'is invalid',
  }));
}

/** @param {import('ajv').ErrorObject[] | null | undefined} errors */
export function formatAjvErrors(errors) {
  return toSchemaErrors(errors).map((error) => `${error.path} ${error.message}`);
}

/** @param {JsonObject} spec @returns {SchemaValidator} */
export function createSchemaValidator(spec) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  /** @type {(ajv: Ajv2020) => Ajv2020} */ (/** @type {unknown} */ (addFormats))(ajv);
  for (const keyword of OPENAPI_SCHEMA_KEYWORDS) ajv.addKeyword(keyword);
  for (const [name, validate] of Object.entries(NUMERIC_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: retarget(spec.components?.schemas ?? {}) });

  /** @type {WeakMap<JsonObject, import('ajv').ValidateFunction>} */
  const compiled = new WeakMap();
  /** @param {JsonObject} schema @param {unknown} value @returns {SchemaError[]} */
  const details = (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(retarget(schema));
      compiled.set(schema, validate);
    }
    return validate(value) ? [] : toSchemaErrors(validate.errors);
  };
  return {
    details,
    errors: (schema, value) => details(schema, value).map((error) => `${error.path} ${error.message}`),
  };
}
