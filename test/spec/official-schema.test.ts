// The bundled spec is valid OpenAPI 3.1 by the OpenAPI Initiative's own JSON Schema, checked with
// ajv rather than with the linters that the build already runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadBundledSpec } from '../support/openapi.js';
import { formatAjvErrors } from '../support/schema-validator.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const require = createRequire(import.meta.url);
const schemaPackageDir = path.dirname(require.resolve('@seriousme/openapi-schema-validator/package.json'));
const officialSchema = JSON.parse(readFileSync(path.join(schemaPackageDir, 'schemas', 'v3.1', 'schema.json'), 'utf8'));

function validateAgainstOfficialSchema(document: unknown): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The official schema uses this format for media type keys (RFC 9110 media ranges).
  ajv.addFormat('media-range', /^[\w!#$&^.+*-]+\/[\w!#$&^.+*-]+(\s*;.*)?$/);
  const validate = ajv.compile(officialSchema);
  return validate(document) ? [] : formatAjvErrors(validate.errors);
}

describe('the bundled spec (generated/openapi.json)', () => {
  it(`validates against the official OpenAPI 3.1 schema (${officialSchema.$id})`, () => {
    expect(validateAgainstOfficialSchema(loadBundledSpec())).toEqual([]);
  });

  it('is OpenAPI 3.1.0', () => {
    expect(loadBundledSpec().openapi).toBe('3.1.0');
  });

  it('would be rejected by that schema if it were broken (the check can fail)', () => {
    const broken = loadBundledSpec();
    delete broken.info.title;
    broken.paths['/api/me'].get.responses = 'none';
    const errors = validateAgainstOfficialSchema(broken);
    expect(errors.join('\n')).toMatch(/title/);
    expect(errors.join('\n')).toMatch(/\/paths\/~1api~1me\/get\/responses/);
  });
});
