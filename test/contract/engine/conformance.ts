// Does a response conform to the spec? Status documented, content type documented, body valid
// against its schema, documented headers present and valid. Every finding names the operation,
// the status and where (a JSON path in the body, or a header).
import type { JsonObject, OperationEntry } from '../../support/openapi.js';
import { resolve } from '../../support/openapi.js';
import type { SchemaValidator } from '../../support/schema-validator.js';
import type { ApiRequest, ApiResponse } from './http.js';

export interface Violation {
  operation: string;
  status: number;
  /** `(status)`, `(content type)`, `body /results/0/score`, `header X-RateLimit-Limit`, … */
  where: string;
  message: string;
  /** Which rule of the contract was broken (`response-schema`, `auth-401`, …): how a report groups defects. */
  rule?: string;
  /** The request that got the offending answer, to replay it. */
  request?: ApiRequest;
}

/** The rule a conformance finding breaks, named after where it was found. */
export function conformanceRule(where: string): string {
  if (where === '(status)') return 'documented-status';
  if (where === '(content type)') return 'content-type';
  if (where.startsWith('header ')) return 'response-header';
  return 'response-schema';
}

export function formatViolation(violation: Violation): string {
  return `${violation.operation} → ${violation.status} at ${violation.where}: ${violation.message}`;
}

export interface ConformanceContext {
  spec: JsonObject;
  validator: SchemaValidator;
  /** 'expect': optional documented headers must be present too; 'allow-missing': checked only when sent. */
  optionalHeaders: 'expect' | 'allow-missing';
  /** The same for 401 answers (no valid key, so no quota to report); default: as `optionalHeaders`. */
  optionalHeadersOn401?: 'expect' | 'allow-missing';
}

/** The documented response for a status: exact code, then `4XX`-style range, then `default`. */
export function documentedResponse(spec: JsonObject, entry: OperationEntry, status: number): JsonObject | undefined {
  const responses = entry.operation.responses ?? {};
  const match = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return match ? resolve(spec, match) : undefined;
}

function mediaTypeOf(response: ApiResponse): string | undefined {
  return response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
}

/** Header values are strings on the wire; turn them into what the header's schema describes. */
function headerValue(raw: string, schema: JsonObject): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function checkBody(
  context: ConformanceContext,
  response: ApiResponse,
  documented: JsonObject,
  at: (where: string, message: string) => Violation,
): Violation[] {
  const content: JsonObject | undefined = documented.content;
  if (!content || Object.keys(content).length === 0) {
    return response.rawBody.length === 0
      ? []
      : [at('body', `has ${response.rawBody.length} bytes, but this response documents no body`)];
  }
  const mediaType = mediaTypeOf(response);
  if (!mediaType || !(mediaType in content)) {
    return [
      at('(content type)', `${mediaType ?? 'none'} is not documented (documented: ${Object.keys(content).join(', ')})`),
    ];
  }
  let body: unknown;
  try {
    body = JSON.parse(response.rawBody);
  } catch {
    return [at('body', `is not valid JSON: ${JSON.stringify(response.rawBody.slice(0, 80))}`)];
  }
  return context.validator
    .details(content[mediaType].schema, body)
    .map((error) => at(`body ${error.path}`, error.message));
}

function checkHeaders(
  context: ConformanceContext,
  response: ApiResponse,
  documented: JsonObject,
  at: (where: string, message: string) => Violation,
): Violation[] {
  const violations: Violation[] = [];
  const optional =
    response.status === 401 ? (context.optionalHeadersOn401 ?? context.optionalHeaders) : context.optionalHeaders;
  for (const [name, rawHeader] of Object.entries<JsonObject>(documented.headers ?? {})) {
    const header = resolve(context.spec, rawHeader);
    const raw = response.headers.get(name);
    if (raw === null) {
      if (header.required || optional === 'expect') violations.push(at(`header ${name}`, 'is missing'));
      continue;
    }
    for (const error of context.validator.details(header.schema, headerValue(raw, header.schema))) {
      violations.push(at(`header ${name}`, `${JSON.stringify(raw)} ${error.message}`));
    }
  }
  return violations;
}

export function checkResponse(context: ConformanceContext, entry: OperationEntry, response: ApiResponse): Violation[] {
  const at = (where: string, message: string): Violation => ({
    operation: entry.label,
    status: response.status,
    where,
    message,
    rule: conformanceRule(where),
    ...(response.request ? { request: response.request } : {}),
  });
  const documented = documentedResponse(context.spec, entry, response.status);
  if (!documented) {
    const known = Object.keys(entry.operation.responses ?? {}).join(', ');
    return [at('(status)', `status ${response.status} is not documented for this operation (documented: ${known})`)];
  }
  return [...checkBody(context, response, documented, at), ...checkHeaders(context, response, documented, at)];
}
