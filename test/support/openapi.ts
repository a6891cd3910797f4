// Reading the bundled spec (generated/openapi.json) the way the tests need it: typed just enough,
// with $ref resolution and a walk over every operation.
import { readFileSync } from 'node:fs';
import { BUNDLED_SPEC_JSON } from '../../scripts/lib/paths.mjs';

export type JsonObject = Record<string, any>;

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

/** Follows a local `#/...` $ref (repeatedly) and returns the target; other values pass through. */
export function resolve<T = JsonObject>(spec: JsonObject, value: any): T {
  let current = value;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are expected in the bundle, got ${ref}`);
    if (seen.has(ref)) throw new Error(`Circular $ref ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: any, token) => node?.[token], spec);
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return current as T;
}

export function operations(spec: JsonObject): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, rawPathItem] of Object.entries<JsonObject>(spec.paths ?? {})) {
    const pathItem = resolve(spec, rawPathItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        resolve(spec, parameter),
      );
      entries.push({
        path,
        method,
        operation,
        parameters,
        label: `${method.toUpperCase()} ${path} (${operation.operationId})`,
      });
    }
  }
  return entries;
}

export function takesInput(entry: OperationEntry): boolean {
  return entry.parameters.length > 0 || entry.operation.requestBody !== undefined;
}

/** Named examples of a media type object, resolved to Example Objects. */
export function namedExamples(spec: JsonObject, mediaType: JsonObject): Array<[string, JsonObject]> {
  return Object.entries<JsonObject>(mediaType.examples ?? {}).map(([name, example]) => [name, resolve(spec, example)]);
}
