// The contract checks that need no state, one function per kind, each returning the violations it
// found (an empty list means the server passed). The vitest suite turns each into a test; the
// `npm run contract` command runs them within its request budget; the wrong-server tests read what
// they report. Stateful and provoked checks live beside them (lifecycle.ts, permissions.ts,
// rate-limit.ts).
import fc from 'fast-check';
import type { JsonObject, OperationEntry } from '../../support/openapi.js';
import type { SchemaValidator } from '../../support/schema-validator.js';
import { type ConformanceContext, type Violation, checkResponse, documentedResponse } from './conformance.js';
import { compareJson, expectSeedBody, expectStatus, parseJson, violation } from './expectations.js';
import { type ApiRequest, type ApiResponse, type Sender, describeRequest, send } from './http.js';
import type { NegativeCase, RequestInput } from './negative-cases.js';
import { type OperationCases, type PreferCase, buildRequest } from './operation-cases.js';

export interface SuiteContext extends ConformanceContext {
  spec: JsonObject;
  validator: SchemaValidator;
  baseUrl: string;
  apiKey: string;
  /** How requests reach the server; default: one plain `fetch` each. */
  send?: Sender;
}

/**
 * A key no server has issued. The realistic mock refuses keys that start with `invalid_` (it takes
 * any other key for a Free one); a real server refuses it because it does not exist.
 */
export const WRONG_KEY = 'invalid_audioscrape-contract-check-no-such-key';

export interface AuthProbe {
  name: string;
  authorization?: string;
  /** True when only a server that knows its keys can refuse it (Prism's static mock cannot). */
  needsKeyCheck?: boolean;
}

export const AUTH_PROBES: AuthProbe[] = [
  { name: 'no Authorization header' },
  { name: 'a Basic credential', authorization: 'Basic dXNlcjpwYXNz' },
  { name: 'Bearer with no token', authorization: 'Bearer ' },
  { name: 'a wrong key', authorization: `Bearer ${WRONG_KEY}`, needsKeyCheck: true },
];

export async function exchange(context: SuiteContext, request: ApiRequest): Promise<ApiResponse> {
  return context.send ? context.send(request) : send(context.baseUrl, request);
}

/** The statuses an operation documents that `accept` lets through, as a report lists them: `201`. */
export function documentedStatuses(entry: OperationEntry, accept: (status: number) => boolean): string {
  return Object.keys(entry.operation.responses ?? {})
    .filter((status) => /^\d{3}$/.test(status) && accept(Number(status)))
    .join(', ');
}

const isSuccess = (status: number) => status >= 200 && status < 300;
const isClientError = (status: number) => status >= 400 && status < 500;

/** Prism's `Prefer` header selects a documented status and named example; the answer must match it. */
export async function checkPreferCase(
  context: SuiteContext,
  cases: OperationCases,
  preferCase: PreferCase,
): Promise<Violation[]> {
  const { entry, validInput } = cases;
  const prefer = `code=${preferCase.status}${preferCase.example ? `, example=${preferCase.example}` : ''}`;
  const response = await exchange(context, buildRequest(entry, validInput, { apiKey: context.apiKey, prefer }));
  const violations = [
    ...expectStatus('prefer-status', entry.label, response, preferCase.status, String(preferCase.status)),
    ...checkResponse(context, entry, response),
  ];
  if (preferCase.expectedBody !== undefined && response.status === preferCase.status) {
    violations.push(...expectSeedBody(entry.label, response, preferCase.status));
    const body = parseJson(response.rawBody);
    // A body that is not JSON is already reported by checkResponse.
    if (body !== undefined)
      violations.push(...compareJson('prefer-example', entry.label, response, preferCase.expectedBody, body));
  }
  if (preferCase.status === 429 && response.status === 429 && response.headers.get('retry-after') === null) {
    violations.push(violation('rate-limit-429', entry.label, response, 'header Retry-After', 'is missing on a 429'));
  }
  return violations;
}

/** A request without a valid credential must get the documented 401, with the authentication page's body. */
export async function checkAuthProbe(
  context: SuiteContext,
  cases: OperationCases,
  probe: AuthProbe,
): Promise<Violation[]> {
  const request = buildRequest(
    cases.entry,
    cases.validInput,
    probe.authorization === undefined ? {} : { authorization: probe.authorization },
  );
  const response = await exchange(context, request);
  const violations = expectStatus('auth-401', cases.entry.label, response, 401, `401 for a request with ${probe.name}`);
  if (violations.length) return violations;
  return [...checkResponse(context, cases.entry, response), ...expectSeedBody(cases.entry.label, response, 401)];
}

export interface NegativeOutcome {
  violations: Violation[];
  response: ApiResponse;
}

/** An invalid input must get a documented 4xx (never a 5xx) whose body follows the spec. */
export async function checkNegativeCase(
  context: SuiteContext,
  cases: OperationCases,
  negative: NegativeCase,
): Promise<NegativeOutcome> {
  const { entry } = cases;
  const response = await exchange(context, buildRequest(entry, negative.input, { apiKey: context.apiKey }));
  const isDocumented4xx = (status: number) =>
    isClientError(status) && documentedResponse(context.spec, entry, status) !== undefined;
  const expected = `a documented 4xx (${documentedStatuses(entry, isClientError)}) for an invalid input (${negative.name})`;
  const statusViolations = expectStatus('invalid-input-4xx', entry.label, response, isDocumented4xx, expected);
  return { response, violations: statusViolations.length ? statusViolations : checkResponse(context, entry, response) };
}

/** Does the operation name a resource in its path (`/api/notifications/{id}`)? */
export function namesAResource(entry: OperationEntry): boolean {
  return entry.parameters.some((parameter) => parameter.in === 'path');
}

/** One valid input must get a documented 2xx that conforms. */
export async function checkValidInput(
  context: SuiteContext,
  entry: OperationEntry,
  input: RequestInput,
): Promise<Violation[]> {
  const response = await exchange(context, buildRequest(entry, input, { apiKey: context.apiKey }));
  const documented = (status: number) => documentedResponse(context.spec, entry, status) !== undefined;
  // A generated id names nothing the server has (unless it happens to), so the documented 404 is as
  // right an answer as a 2xx; that an id the server did create gets its 2xx is the lifecycle's to check.
  const accepted = (status: number) =>
    (isSuccess(status) && documented(status)) || (status === 404 && namesAResource(entry) && documented(404));
  const successes = documentedStatuses(entry, isSuccess);
  const expected = namesAResource(entry)
    ? `a documented 2xx (${successes}), or 404 for an id that does not exist, for a valid input`
    : `a documented 2xx (${successes}) for a valid input`;
  const statusViolations = expectStatus('valid-input-2xx', entry.label, response, accepted, expected);
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

/**
 * `numRuns` valid inputs generated from the request schema (seeded), each must get a conforming 2xx;
 * on a failure fast-check shrinks it to the smallest failing input (more requests: for servers
 * without a request budget, such as the bundled mocks).
 */
export async function checkPositiveInputs(
  context: SuiteContext,
  cases: OperationCases,
  options: { seed: number; numRuns: number },
): Promise<PositiveOutcome> {
  if (!cases.positive) {
    return { runs: 1, violations: await checkValidInput(context, cases.entry, cases.validInput) };
  }
  const property = fc.asyncProperty(cases.positive, async (input) => {
    const violations = await checkValidInput(context, cases.entry, input);
    if (violations.length) throw new ViolationsFound(violations);
  });
  const result = await fc.check(property, { seed: options.seed, numRuns: options.numRuns });
  if (!result.failed) return { runs: result.numRuns, violations: [] };
  const error = result.errorInstance;
  const violations =
    error instanceof ViolationsFound
      ? error.violations
      : [{ operation: cases.entry.label, status: 0, where: '(request)', message: String(error) }];
  const input = result.counterexample?.[0];
  return {
    runs: result.numRuns,
    violations,
    counterexample: `${input ? describeRequest(buildRequest(cases.entry, input, { apiKey: '<key>' })) : '(none)'} — replay with CONTRACT_SEED=${options.seed} (path ${result.counterexamplePath})`,
  };
}

/**
 * `count` valid inputs for an operation, for a run on a request budget: the spec's own example
 * first, then inputs generated from the request schema (seeded). Each is sent once, never shrunk.
 */
export function sampleValidInputs(cases: OperationCases, options: { seed: number; count: number }): RequestInput[] {
  if (options.count <= 0) return [];
  if (!cases.positive) return [cases.validInput];
  const generated =
    options.count > 1 ? fc.sample(cases.positive, { seed: options.seed, numRuns: options.count - 1 }) : [];
  return [cases.validInput, ...generated];
}

const PROBE_METHODS = ['put', 'patch', 'delete', 'post', 'get'];

/** A method the path does not document must get 405, with `Allow` naming exactly the documented ones. */
export async function checkUndocumentedMethod(
  context: SuiteContext,
  cases: OperationCases,
  documentedMethods: string[],
): Promise<Violation[]> {
  const method = PROBE_METHODS.find((candidate) => !documentedMethods.includes(candidate));
  if (!method) return [];
  const request = buildRequest(cases.entry, { pathParams: cases.validInput.pathParams }, { apiKey: context.apiKey });
  const response = await exchange(context, { ...request, method: method.toUpperCase() });
  const label = `${method.toUpperCase()} ${cases.entry.path} (undocumented method)`;
  const statusViolations = expectStatus('method-405', label, response, 405, '405');
  if (statusViolations.length) return statusViolations;
  // RFC 9110: a 405 must say which methods the path does accept.
  const allowed = (response.headers.get('allow') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .sort();
  const documented = [...documentedMethods].sort();
  return JSON.stringify(allowed) === JSON.stringify(documented)
    ? []
    : [
        violation(
          'method-405',
          label,
          response,
          'header Allow',
          `expected ${documented.map((name) => name.toUpperCase()).join(', ')}, got ${JSON.stringify(response.headers.get('allow'))}`,
        ),
      ];
}

export const UNKNOWN_PATH = '/api/this-path-is-not-in-the-spec';

export async function checkUnknownPath(context: SuiteContext): Promise<Violation[]> {
  const response = await exchange(context, {
    method: 'GET',
    path: UNKNOWN_PATH,
    headers: { Authorization: `Bearer ${context.apiKey}`, Accept: 'application/json' },
  });
  return expectStatus('unknown-path-404', `GET ${UNKNOWN_PATH} (unknown path)`, response, 404, '404');
}
