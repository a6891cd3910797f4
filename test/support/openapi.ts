// Reading the bundled spec (generated/openapi.json) the way the tests need it: typed just enough,
// with $ref resolution and a walk over every operation.
import { readFileSync } from 'node:fs';
import { BUNDLED_SPEC_JSON } from '../../scripts/lib/paths.mjs';
import { type JsonObject, listOperations, resolveRef } from '../../src/mock/spec.js';

export type { JsonObject };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operation: JsonObject;
  /** Path-level and operation-level parameters together, $refs resolved. */
  parameters: JsonObject[];
  /** `POST /api/v1/search (search)`: how messages name the operation. */
  label: string;
}

export function loadBundledSpec(file = BUNDLED_SPEC_JSON): JsonObject {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Follows a local `#/...` $ref (repeatedly) and returns the target; other values pass through. The
 * mock's own reader, so the tests and the mock cannot disagree on what a $ref points at.
 */
export const resolve = resolveRef;

/** Every operation of the spec, as the mock lists them (src/mock/spec.ts), named for messages. */
export function operations(spec: JsonObject): OperationEntry[] {
  return listOperations(spec).map(({ method, path, operation, parameters }) => ({
    path,
    method: method.toLowerCase() as HttpMethod,
    operation,
    parameters,
    label: `${method} ${path} (${operation.operationId})`,
  }));
}

export function takesInput(entry: OperationEntry): boolean {
  return entry.parameters.length > 0 || entry.operation.requestBody !== undefined;
}

/** Named examples of a media type object, resolved to Example Objects. */
export function namedExamples(spec: JsonObject, mediaType: JsonObject): Array<[string, JsonObject]> {
  return Object.entries<JsonObject>(mediaType.examples ?? {}).map(([name, example]) => [name, resolve(spec, example)]);
}
