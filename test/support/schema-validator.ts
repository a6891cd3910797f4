// The tests' JSON Schema 2020-12 validator is the one the mock server checks its answers with
// (scripts/lib/schema-validator.mjs): ajv + ajv-formats, independent of the linters and of Prism.
export { createSchemaValidator, formatAjvErrors } from '../../scripts/lib/schema-validator.mjs';
export type { SchemaError, SchemaValidator } from '../../scripts/lib/schema-validator.mjs';
