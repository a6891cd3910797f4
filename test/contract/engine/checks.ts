// The contract checks, one function per kind, each returning the violations it found (an empty
// list means the server passed). The vitest suite turns each into a test; the wrong-server test
// runs them all against a deliberately broken server and reads the violations.
import fc from 'fast-check';
import type { JsonObject, OperationEntry } from '../../support/openapi.js';
import type { SchemaValidator } from '../../support/schema-validator.js';
import { seedErrorBodies } from '../../support/seed.js';
import { type ConformanceContext, type Violation, checkResponse, documentedResponse } from './conformance.js';
import { type ApiRequest, type ApiResponse, describeRequest, send } from './http.js';
import type { NegativeCase, RequestInput } from './negative-cases.js';
import { type OperationCases, type PreferCase, buildRequest } from './operation-cases.js';

export interface SuiteContext extends ConformanceContext {
  spec: JsonObject;
  validator: SchemaValidator;
  baseUrl: string;
  apiKey: string;
}

export const AUTH_PROBES: Array<{ name: string; authorization?: string }> = [
  { name: 'no Authorization header' },
  { name: 'a Basic credential', authorization: 'Basic dXNlcjpwYXNz' },
  { name: 'Bearer with no token', authorization: 'Bearer ' },
];

/** `label` names the operation (or the probe) in the report, e.g. `GET /api/me (getMe)`. */
function violation(label: string, response: ApiResponse, where: string, message: string): Violation {
  return { operation: label, status: response.status, where, message };
}

function expectStatus(label: string, response: ApiResponse, expected: number | ((status: number) => boolean), description: string): Violation[] {
  const ok = typeof expected === 'number' ? response.status === expected : expected(response.status);
  return ok ? [] : [violation(label, response, '(status)', `expected ${description}, got ${response.status}`)];
}

/** Field-by-field comparison, so a wrong body is reported at the JSON path that differs. */
function compareJson(label: string, response: ApiResponse, expected: unknown, actual: unknown, path = ''): Violation[] {
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(expected)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => compareJson(label, response, (expected as JsonObject)[key], (actual as JsonObject)[key], `${path}/${key}`));
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [violation(label, response, `body ${path || '(root)'}`, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)];
}

/** The seed page's body for a status, compared byte for byte with its canonical JSON serialization. */
function expectSeedBody(label: string, response: ApiResponse, status: number): Violation[] {
  const seed = seedErrorBodies().find((body) => body.status === status);
  if (!seed) return [];
  const canonical = JSON.stringify(seed.body);
  if (response.rawBody === canonical) return [];
  let actual: unknown;
  try {
    actual = JSON.parse(response.rawBody);
  } catch {
    return [violation(label, response, 'body', `expected the documented ${status} body ${canonical}, got ${JSON.stringify(response.rawBody.slice(0, 120))}`)];
  }
  const differences = compareJson(label, response, seed.body, actual);
  return differences.length
    ? differences
    : [violation(label, response, 'body', `same fields as the documented ${status} body but not the same bytes: ${response.rawBody}`)];
}

async function exchange(context: SuiteContext, request: ApiRequest): Promise<ApiResponse> {
  return send(context.baseUrl, request);
}

/** Prism's `Prefer` header selects a documented status and named example; the answer must match it. */
export async function checkPreferCase(context: SuiteContext, cases: OperationCases, preferCase: PreferCase): Promise<Violation[]> {
  const { entry, validInput } = cases;
  const prefer = `code=${preferCase.status}${preferCase.example ? `, example=${preferCase.example}` : ''}`;
  const response = await exchange(context, buildRequest(entry, validInput, { apiKey: context.apiKey, prefer }));
  const violations = [...expectStatus(entry.label, response, preferCase.status, String(preferCase.status)), ...checkResponse(context, entry, response)];
  if (preferCase.expectedBody !== undefined && response.status === preferCase.status) {
    violations.push(...expectSeedBody(entry.label, response, preferCase.status));
    try {
      violations.push(...compareJson(entry.label, response, preferCase.expectedBody, JSON.parse(response.rawBody)));
    } catch {
      // Already reported by checkResponse as invalid JSON.
    }
  }
  if (preferCase.status === 429 && response.status === 429 && response.headers.get('retry-after') === null) {
    violations.push(violation(entry.label, response, 'header Retry-After', 'is missing on a 429'));
  }
  return violations;
}

export async function checkAuthProbe(context: SuiteContext, cases: OperationCases, probe: (typeof AUTH_PROBES)[number]): Promise<Violation[]> {
  const request = buildRequest(cases.entry, cases.validInput, probe.authorization === undefined ? {} : { authorization: probe.authorization });
  const response = await exchange(context, request);
  const violations = expectStatus(cases.entry.label, response, 401, '401 for a request with ' + probe.name);
  if (violations.length) return violations;
  return [...checkResponse(context, cases.entry, response), ...expectSeedBody(cases.entry.label, response, 401)];
}

export interface NegativeOutcome {
  violations: Violation[];
  response: ApiResponse;
}

/** An invalid input must get a documented 4xx (never a 5xx) whose body follows the spec. */
export async function checkNegativeCase(context: SuiteContext, cases: OperationCases, negative: NegativeCase): Promise<NegativeOutcome> {
  const { entry } = cases;
  const response = await exchange(context, buildRequest(entry, negative.input, { apiKey: context.apiKey }));
  const isDocumented4xx = (status: number) => status >= 400 && status < 500 && documentedResponse(context.spec, entry, status) !== undefined;
  const statusViolations = expectStatus(entry.label, response, isDocumented4xx, 'a documented 4xx');
  return { response, violations: statusViolations.length ? statusViolations : checkResponse(context, entry, response) };
}

/** Does the operation name a resource in its path (`/api/notifications/{id}`)? */
function namesAResource(entry: OperationEntry): boolean {
  return entry.parameters.some((parameter) => parameter.in === 'path');
}

async function checkPositiveInput(context: SuiteContext, entry: OperationEntry, input: RequestInput): Promise<Violation[]> {
  const response = await exchange(context, buildRequest(entry, input, { apiKey: context.apiKey }));
  const documented = (status: number) => documentedResponse(context.spec, entry, status) !== undefined;
  // A generated id names nothing the server has (unless it happens to), so the documented 404 is as
  // right an answer as a 2xx; that an id the server did create gets its 2xx is the lifecycle's to check.
  const accepted = (status: number) => (status >= 200 && status < 300 && documented(status)) || (status === 404 && namesAResource(entry) && documented(404));
  const expected = namesAResource(entry) ? 'a documented 2xx (or 404 for an id that does not exist) for a valid input' : 'a documented 2xx for a valid input';
  const statusViolations = expectStatus(entry.label, response, accepted, expected);
  return statusViolations.length ? statusViolations : checkResponse(context, entry, response);
}

export interface PositiveOutcome {
  runs: number;
  violations: Violation[];
  /** The smallest failing input fast-check found, and how to replay the run. */
  counterexample?: string;
}

class ViolationsFound extends Error {
  constructor(readonly violations: Violation[]) {
    super(`${violations.length} violation(s)`);
  }
}

/** `numRuns` valid inputs generated from the request schema (seeded), each must get a conforming 2xx. */
export async function checkPositiveInputs(context: SuiteContext, cases: OperationCases, options: { seed: number; numRuns: number }): Promise<PositiveOutcome> {
  if (!cases.positive) {
    return { runs: 1, violations: await checkPositiveInput(context, cases.entry, cases.validInput) };
  }
  const property = fc.asyncProperty(cases.positive, async (input) => {
    const violations = await checkPositiveInput(context, cases.entry, input);
    if (violations.length) throw new ViolationsFound(violations);
  });
  const result = await fc.check(property, { seed: options.seed, numRuns: options.numRuns });
  if (!result.failed) return { runs: result.numRuns, violations: [] };
  const error = result.errorInstance;
  const violations = error instanceof ViolationsFound ? error.violations : [{ operation: cases.entry.label, status: 0, where: '(request)', message: String(error) }];
  const input = result.counterexample?.[0];
  return {
    runs: result.numRuns,
    violations,
    counterexample: `${input ? describeRequest(buildRequest(cases.entry, input, { apiKey: '<key>' })) : '(none)'} — replay with CONTRACT_SEED=${options.seed} (path ${result.counterexamplePath})`,
  };
}

const PROBE_METHODS = ['put', 'patch', 'delete', 'post', 'get'];

/** A method the path does not document must get 405. */
export async function checkUndocumentedMethod(context: SuiteContext, cases: OperationCases, documentedMethods: string[]): Promise<Violation[]> {
  const method = PROBE_METHODS.find((candidate) => !documentedMethods.includes(candidate));
  if (!method) return [];
  const request = buildRequest(cases.entry, { pathParams: cases.validInput.pathParams }, { apiKey: context.apiKey });
  const response = await exchange(context, { ...request, method: method.toUpperCase() });
  const label = `${method.toUpperCase()} ${cases.entry.path} (undocumented method)`;
  const statusViolations = expectStatus(label, response, 405, '405');
  if (statusViolations.length) return statusViolations;
  // RFC 9110: a 405 must say which methods the path does accept.
  const allowed = (response.headers.get('allow') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean).sort();
  const documented = [...documentedMethods].sort();
  return JSON.stringify(allowed) === JSON.stringify(documented)
    ? []
    : [violation(label, response, 'header Allow', `expected ${documented.map((name) => name.toUpperCase()).join(', ')}, got ${JSON.stringify(response.headers.get('allow'))}`)];
}

export async function checkUnknownPath(context: SuiteContext): Promise<Violation[]> {
  const path = '/api/this-path-is-not-in-the-spec';
  const response = await exchange(context, { method: 'GET', path, headers: { Authorization: `Bearer ${context.apiKey}`, Accept: 'application/json' } });
  return expectStatus(`GET ${path} (unknown path)`, response, 404, '404');
}
