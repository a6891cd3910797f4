// Reading the bundled OpenAPI document (generated/openapi.json) the way the mock needs it: local
// $refs followed, operations listed with their path templates, and named examples looked up. The
// mock takes every rule it can from here, so an edit to the spec changes the mock with it.

/** A JSON object from the spec. The spec is data the mock reads, so its shape is checked where used. */
export type JsonObject = Record<string, any>;

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/api/notifications/{id}`. */
  path: string;
  operation: JsonObject;
  /** Path-level and operation-level parameters, $refs followed. */
  parameters: JsonObject[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Follows a local `#/...` $ref, repeatedly; any other value is returned as it is. */
export function resolveRef<T = JsonObject>(spec: JsonObject, value: unknown): T {
  let current = value as JsonObject | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops += 1) {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/') || hops > 32) throw new Error(`The mock cannot follow the $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<JsonObject | undefined>((node, token) => node?.[token], spec);
    if (current === undefined) throw new Error(`The $ref ${ref} points at nothing in the spec`);
  }
  return current as T;
}

export function listOperations(spec: JsonObject): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries<JsonObject>(spec.paths ?? {})) {
    const item = resolveRef(spec, rawItem);
    for (const method of METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (!operation) continue;
      if (typeof operation.operationId !== 'string')
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        resolveRef(spec, parameter),
      );
      found.push({ operationId: operation.operationId, method: method.toUpperCase(), path, operation, parameters });
    }
  }
  return found;
}

/** The documented response for a status code, $ref followed, or undefined. */
export function documentedResponse(spec: JsonObject, operation: SpecOperation, status: number): JsonObject | undefined {
  const raw = operation.operation.responses?.[String(status)];
  return raw === undefined ? undefined : resolveRef(spec, raw);
}

/** The named examples of a response's (or request body's) JSON content, in spec order. */
export function namedExamples(
  spec: JsonObject,
  responseOrBody: JsonObject | undefined,
): Array<[name: string, value: unknown]> {
  const media = responseOrBody?.content?.['application/json'] as JsonObject | undefined;
  return Object.entries<JsonObject>(media?.examples ?? {}).map(([name, example]) => [
    name,
    resolveRef(spec, example).value,
  ]);
}

/** The first example body of an operation's documented response for `status`. */
export function exampleBody(spec: JsonObject, operation: SpecOperation, status: number): unknown {
  const first = namedExamples(spec, documentedResponse(spec, operation, status))[0];
  if (!first) throw new Error(`${operation.operationId} documents no example for ${status}`);
  return first[1];
}
