// Everything the contract suite sends to one operation, derived from the spec alone: a valid input,
// the Prefer-selected responses, the auth probes, the positive arbitrary and the negative cases.
import fc from 'fast-check';
import { type JsonObject, type OperationEntry, namedExamples, resolve } from '../../support/openapi.js';
import type { SchemaValidator } from '../../support/schema-validator.js';
import { validArbitrary } from './arbitraries.js';
import type { ApiRequest } from './http.js';
import { type NegativeCase, type RequestInput, negativeCases } from './negative-cases.js';

export interface PreferCase {
  status: number;
  /** Named example to ask for; undefined for a response without a body (204). */
  example?: string;
  expectedBody?: unknown;
}

export interface OperationCases {
  entry: OperationEntry;
  validInput: RequestInput;
  preferCases: PreferCase[];
  /** Valid inputs; undefined when the operation takes no input at all. */
  positive: fc.Arbitrary<RequestInput> | undefined;
  negative: NegativeCase[];
}

function requestSchema(spec: JsonObject, entry: OperationEntry): JsonObject | undefined {
  return resolve(spec, entry.operation.requestBody)?.content?.['application/json']?.schema;
}

/** The request example with the most fields, so negative cases can break nested ones too. */
function richestRequestExample(spec: JsonObject, entry: OperationEntry): unknown {
  const mediaType = resolve(spec, entry.operation.requestBody)?.content?.['application/json'];
  if (!mediaType) return undefined;
  const values = namedExamples(spec, mediaType).map(([, example]) => example.value);
  if (values.length === 0) throw new Error(`${entry.label} has a request body but no named example to start from`);
  return values.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
}

function validPathParams(entry: OperationEntry): Record<string, string> {
  const params: Record<string, string> = {};
  for (const parameter of entry.parameters.filter((candidate) => candidate.in === 'path')) {
    if (parameter.example === undefined)
      throw new Error(`${entry.label}: path parameter ${parameter.name} needs an example`);
    params[parameter.name] = String(parameter.example);
  }
  return params;
}

function preferCases(spec: JsonObject, entry: OperationEntry): PreferCase[] {
  const cases: PreferCase[] = [];
  for (const [status, rawResponse] of Object.entries<JsonObject>(entry.operation.responses)) {
    const mediaType = resolve(spec, rawResponse).content?.['application/json'];
    const examples = mediaType ? namedExamples(spec, mediaType) : [];
    if (examples.length === 0) cases.push({ status: Number(status) });
    for (const [name, example] of examples)
      cases.push({ status: Number(status), example: name, expectedBody: example.value });
  }
  return cases;
}

function positiveArbitrary(
  spec: JsonObject,
  entry: OperationEntry,
  validator: SchemaValidator,
): fc.Arbitrary<RequestInput> | undefined {
  const pathParameters = entry.parameters.filter((parameter) => parameter.in === 'path');
  const bodySchema = requestSchema(spec, entry);
  if (pathParameters.length === 0 && !bodySchema) return undefined;
  const params: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of pathParameters) params[parameter.name] = validArbitrary(parameter.schema, spec, validator);
  return fc.record({
    pathParams: fc.record(params) as fc.Arbitrary<Record<string, string>>,
    body: bodySchema ? validArbitrary(bodySchema, spec, validator) : fc.constant(undefined),
  });
}

export function operationCases(spec: JsonObject, entry: OperationEntry, validator: SchemaValidator): OperationCases {
  const body = richestRequestExample(spec, entry);
  const validInput: RequestInput = { pathParams: validPathParams(entry), ...(body === undefined ? {} : { body }) };
  const schema = requestSchema(spec, entry);
  return {
    entry,
    validInput,
    preferCases: preferCases(spec, entry),
    positive: positiveArbitrary(spec, entry, validator),
    negative: negativeCases({
      ...(schema ? { requestSchema: schema } : {}),
      parameters: entry.parameters,
      validInput,
      spec,
    }),
  };
}

/** The HTTP request for an input: path parameters substituted, JSON body, bearer key. */
export function buildRequest(
  entry: OperationEntry,
  input: RequestInput,
  options: { apiKey?: string; authorization?: string; prefer?: string },
): ApiRequest {
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(input.pathParams[name] ?? ''),
  );
  const headers: Record<string, string> = { Accept: 'application/json' };
  const authorization =
    options.authorization ?? (options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`);
  if (authorization !== undefined) headers.Authorization = authorization;
  if (options.prefer) headers.Prefer = options.prefer;
  const rawBody = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
  if (rawBody !== undefined) headers['Content-Type'] = input.contentType ?? 'application/json';
  return { method: entry.method.toUpperCase(), path, headers, ...(rawBody === undefined ? {} : { body: rawBody }) };
}
