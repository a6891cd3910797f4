// Prism's HTTP engine, driven in-process the way Prism's own CLI drives it (prism-cli's
// createServer: getHttpOperationsFromSpec → createInstance(config, components) → prism.request),
// with three ways to answer:
//   realistic  Prism's engine with its router, input check and mocker swapped for the behaviour
//              module (src/mock: plans, rate limits, alerts that remember, search), and its output
//              check for ajv's (draft 2020-12, and ~2× faster than Prism's draft-07 check);
//   static     Prism unchanged: the spec's examples (`--static`), or data generated from the
//              schemas (`--dynamic`);
//   proxy      Prism's validation proxy in front of a real server.
// Each engine turns one MockRequest (src/mock/request.ts) into one MockAnswer; the HTTP server in
// front of it (mock-http.mjs) does the rest.
import { createRequire } from 'node:module';
import path from 'node:path';
import { importTypeScript } from './typescript-module.mjs';
import { createSchemaValidator } from './schema-validator.mjs';
import { ROOT } from './paths.mjs';
import { apiError } from './mock-http.mjs';

const require = createRequire(import.meta.url);
const { createLogger, factory: prismEngine } = require('@stoplight/prism-core');
const { getHttpOperationsFromSpec } = require('@stoplight/prism-http/dist/utils/operations');
// Prism's own copies, so Either values are the instances its engine uses.
const prismRequire = createRequire(require.resolve('@stoplight/prism-http'));
const E = prismRequire('fp-ts/Either');
// Prism's mocker and validators load its faker (seconds of start-up): only the static, dynamic and
// proxy engines need them, so they are loaded there and nowhere else.
const loadPrismHttp = () => require('@stoplight/prism-http');

export const MOCK_BEHAVIOUR_ENTRY = path.join(ROOT, 'src', 'mock', 'index.ts');

/** Prism logs through pino; the mock prints its own one line per request instead. */
const silentPrismLogger = () => createLogger('PRISM', { level: 'silent' });

/** Loads the behaviour module from src/mock (no build needed). */
export function loadMockBehaviour() {
  return importTypeScript(MOCK_BEHAVIOUR_ENTRY);
}

/**
 * The behaviour module's size cap for request bodies, which the HTTP front applies as it reads.
 * @param {typeof import('../../src/mock/index.js')} mockBehaviour
 */
function bodyLimitOf(mockBehaviour) {
  return { maxBytes: mockBehaviour.MAX_BODY_BYTES, refuse: mockBehaviour.bodyTooLarge };
}

function queryRecord(query) {
  const record = {};
  for (const [name, value] of new URLSearchParams(query ?? '')) {
    record[name] = name in record ? [].concat(record[name], value) : value;
  }
  return record;
}

/**
 * The request as Prism's engine takes it. The realistic engine reads the body itself (text, so a
 * malformed one is its to judge); Prism's own validators want JSON bodies parsed, as its server
 * does, and get text only when it is not JSON (which they then refuse with the spec's 400).
 */
function prismInput(request, mockBehaviour, { parseJson = false } = {}) {
  const body = mockBehaviour.readBody(request);
  return {
    method: request.method.toLowerCase(),
    // Prism's router decodes paths with decodeURIComponent and crashes on a bad escape.
    url: { path: mockBehaviour.escapeUndecodableSegments(request.path), query: queryRecord(request.query) },
    headers: { ...request.headers },
    body: body.kind === 'none' ? undefined : parseJson && body.kind === 'json' ? body.value : request.body,
  };
}

function headersOf(output) {
  const headers = {};
  for (const [name, value] of Object.entries(output.headers ?? {}))
    if (value !== undefined && value !== null) headers[name] = String(value);
  return headers;
}

function outputViolations(validations) {
  return (validations?.output ?? []).map(
    (diagnostic) => `${['response', ...(diagnostic.path ?? [])].join('.')} ${diagnostic.message}`,
  );
}

/** ajv's verdict on an answer: is its status documented, and does its body match the schema? */
function answerChecker(spec, mockBehaviour) {
  const validator = createSchemaValidator(spec);
  const schemas = new Map();
  for (const operation of mockBehaviour.listOperations(spec)) {
    for (const [status, response] of Object.entries(operation.operation.responses ?? {})) {
      const schema = mockBehaviour.resolveRef(spec, response).content?.['application/json']?.schema ?? null;
      // Compiled now, at start-up, rather than on the first request that needs it.
      if (schema) validator.details(schema, undefined);
      schemas.set(`${operation.operationId} ${status}`, schema);
    }
  }
  return (operationId, status, body) => {
    const key = `${operationId} ${status}`;
    if (!schemas.has(key)) return [`status ${status} is not documented for ${operationId}`];
    const schema = schemas.get(key);
    if (!schema) return body === undefined ? [] : [`${status} is documented without a body, but one was sent`];
    return validator.details(schema, body).map((error) => `body ${error.path} ${error.message}`);
  };
}

/**
 * The realistic engine: Prism's engine with the behaviour module as its router, input check and
 * mocker, and ajv as its output check.
 * @param {{ spec: Record<string, any>, clock?: string }} options
 */
export async function createRealisticEngine({ spec, clock }) {
  const mockBehaviour = await loadMockBehaviour();
  const api = mockBehaviour.createMockApi({ spec, clock });
  const operations = await getHttpOperationsFromSpec(spec);
  const checkAnswer = answerChecker(spec, mockBehaviour);
  /** @type {any} Prism's IPrismConfig, whose mock options the realistic engine does not use */
  const config = {
    checkSecurity: false,
    validateRequest: true,
    validateResponse: true,
    errors: false,
    isProxy: false,
    mock: {},
  };
  const unused = () => {
    throw new Error('The realistic mock neither checks security through Prism nor forwards requests.');
  };

  // prism-core's engine is what prism-http's createInstance wraps; every component is given here.
  const prism = prismEngine(config, {
    logger: silentPrismLogger(),
    validateSecurity: unused,
    forward: unused,
    route: ({ resources, input }) => {
      const match = api.route(input.mockRequest);
      if (match.kind !== 'operation') {
        return E.left(Object.assign(new Error(match.kind), { answer: api.routeFailure(input.mockRequest, match) }));
      }
      input.match = match;
      return E.right(resources.find((resource) => resource.iid === match.operation.operationId));
    },
    validateInput: ({ element }) => {
      element.issues = api.checkRequest(element.mockRequest, element.match);
      return E.right(element);
    },
    // As Prism's own mocker: a function of the logger that returns an Either.
    mock:
      ({ input }) =>
      () => {
        const answer = api.respond(input.data.mockRequest, input.data.match, input.data.issues);
        return E.right({ statusCode: answer.status, headers: answer.headers, body: answer.body, answer });
      },
    validateOutput: ({ resource, element }) => {
      const problems = checkAnswer(resource.iid, element.statusCode, element.body);
      return problems.length === 0 ? E.right(element) : E.left(problems.map((message) => ({ message, path: [] })));
    },
  });

  return {
    api,
    bodyLimit: bodyLimitOf(mockBehaviour),
    async answer(request) {
      if (mockBehaviour.isControlRequest(request)) return api.handle(request);
      const input = { ...prismInput(request, mockBehaviour), mockRequest: request };
      const result = await prism.request(input, operations, config)();
      if (result._tag === 'Left') {
        const failure = /** @type {Error & { answer?: object }} */ (result.left);
        if (failure.answer) return failure.answer;
        throw result.left;
      }
      const { output, validations } = result.right;
      const violations = outputViolations(validations);
      return violations.length === 0
        ? output.answer
        : { ...output.answer, note: { ...output.answer.note, violations } };
    },
  };
}

/**
 * Prism unchanged (its router, security check, validators and example or generated answers),
 * with its own errors put into the API's error shape.
 * @param {{ spec: Record<string, any>, dynamic?: boolean, seed?: string | number }} options
 */
export async function createStaticEngine({ spec, dynamic = false, seed = 1 }) {
  const mockBehaviour = await loadMockBehaviour();
  // Only for routing errors in the API's shape and for the control surface's 404.
  const api = mockBehaviour.createMockApi({ spec });
  const prismHttp = loadPrismHttp();
  const { getHttpConfigFromRequest } = createRequire(require.resolve('@stoplight/prism-http-server'))(
    './getHttpConfigFromRequest',
  );
  const { JSONSchemaFaker } = prismRequire('json-schema-faker');
  const operations = await getHttpOperationsFromSpec(spec);
  // Fields with `examples` in the spec (api_version, took_ms, retry_after, …) take them, not noise.
  JSONSchemaFaker.option('useExamplesValue', true);
  const config = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: false,
    isProxy: false,
    mock: { dynamic, seed: String(seed) },
  };
  const prism = prismHttp.createInstance(config, { logger: silentPrismLogger() });

  return {
    api,
    bodyLimit: bodyLimitOf(mockBehaviour),
    async answer(request) {
      const input = prismInput(request, mockBehaviour, { parseJson: true });
      if (mockBehaviour.isControlRequest(request)) {
        return apiError(
          404,
          'Not Found',
          'The control surface (/__mock/…) exists only in the realistic mode; drop --static or --dynamic.',
        );
      }
      const preferences = getHttpConfigFromRequest(input);
      if (preferences._tag === 'Left') return apiError(400, 'Bad Request', `Prefer: ${preferences.left.detail}`);
      const requestConfig = { ...config, mock: { ...config.mock, ...withoutUndefined(preferences.right) } };
      const result = await prism.request(input, operations, requestConfig)();
      if (result._tag === 'Left') return prismErrorAnswer(api, request, result.left);
      const { output, validations } = result.right;
      const body =
        dynamic && output.statusCode >= 400
          ? documentedErrorBody(api, mockBehaviour, spec, request, output)
          : output.body;
      const answer = {
        status: output.statusCode,
        headers: headersOf(output),
        body: body ?? undefined,
        note: { plan: 'any key' },
      };
      const requestProblems = (validations.input ?? []).map(
        (diagnostic) => `${['request', ...(diagnostic.path ?? [])].join('.')} ${diagnostic.message}`,
      );
      return withConsistent429({
        ...answer,
        note: {
          ...answer.note,
          ...(requestProblems.length ? { problem: requestProblems.join('; ') } : {}),
          violations: outputViolations(validations),
        },
      });
    },
  };
}

/**
 * Prism's validation proxy: every request goes on to `upstream`; answers come back as they are,
 * with what broke the contract in `note.violations`.
 * @param {{ spec: Record<string, any>, upstream: string }} options
 */
export async function createProxyEngine({ spec, upstream }) {
  const mockBehaviour = await loadMockBehaviour();
  const prismHttp = loadPrismHttp();
  const operations = await getHttpOperationsFromSpec(spec);
  const config = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: false,
    isProxy: true,
    upstream: new URL(upstream),
    mock: {},
  };
  const prism = prismHttp.createInstance(config, { logger: silentPrismLogger() });
  return {
    bodyLimit: bodyLimitOf(mockBehaviour),
    async answer(request) {
      const result = await prism.request(prismInput(request, mockBehaviour, { parseJson: true }), operations, config)();
      if (result._tag === 'Left') {
        const error = result.left;
        return apiError(
          error.status ?? 502,
          error.status === 404 ? 'Not Found' : 'Bad Gateway',
          `${error.message}${error.detail ? `: ${error.detail}` : ''}`,
        );
      }
      const { output, validations } = result.right;
      const violations = [
        ...(validations.input ?? []).map(
          (diagnostic) => `request ${(diagnostic.path ?? []).join('.')} ${diagnostic.message}`,
        ),
        ...outputViolations(validations),
      ];
      return {
        status: output.statusCode,
        headers: headersOf(output),
        body: output.body ?? undefined,
        raw: true,
        note: { violations },
      };
    },
  };
}

/**
 * Generated error bodies mix the fields' examples into nonsense (a 429 titled "Unauthorized"), so a
 * dynamic error answers with the status's documented example instead.
 */
function documentedErrorBody(api, mockBehaviour, spec, request, output) {
  const match = api.route(request);
  if (match.kind !== 'operation') return output.body;
  const [first] = mockBehaviour.namedExamples(
    spec,
    mockBehaviour.documentedResponse(spec, match.operation, output.statusCode),
  );
  return first ? first[1] : output.body;
}

function withoutUndefined(record) {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Prism's own errors (problem+json) as the API's: routing via the behaviour module's words. */
function prismErrorAnswer(api, request, error) {
  const match = api.route(request);
  if (match.kind !== 'operation') return api.routeFailure(request, match);
  const title = error.status === 404 ? 'Not Found' : error.status >= 500 ? 'Internal Server Error' : 'Bad Request';
  const status = error.status >= 500 ? 500 : 400;
  return apiError(status, title, `${error.message}${error.detail ? `: ${error.detail}` : ''}`);
}

/** A 429 whose Retry-After and body disagree (generated data) is made to agree, with nothing left. */
function withConsistent429(answer) {
  if (answer.status !== 429 || typeof answer.body?.retry_after !== 'number') return answer;
  const headers = { ...answer.headers, 'Retry-After': String(answer.body.retry_after), 'X-RateLimit-Remaining': '0' };
  return { ...answer, headers };
}
