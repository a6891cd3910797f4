// The realistic mock's behaviour, with no server in it: give it a request, get the answer the API
// would give. Plans come from the key, rate limits are counted per key, keyword alerts are
// remembered per key, search answers the question asked, and every refusal is in the API's own
// error shape. Transports (the Prism-based `npm run mock`, the MSW handlers) only carry requests
// in and answers out.
//
// The order a request goes through: route (404, 405) → key (401) → rate limit (429) → the request
// checked against the spec (400) → `Prefer` (a documented example, if asked for) → the operation.
import { Accounts, type KeyState } from './accounts.js';
import { alertLimitProblem, MAX_ALERTS_PER_KEY } from './alerts.js';
import { isoSeconds, MockClock, toTime } from './clock.js';
import { handleControl, isControlRequest } from './control.js';
import { type ErrorBodies, METHOD_NOT_ALLOWED_TITLE, NOT_FOUND_TITLE, readErrorBodies } from './errors.js';
import { INVALID_KEY_PREFIX, type Plan, type PlanName, planNameForKey, readPlans } from './plans.js';
import { consumeRequest, forcedRefusalHeaders } from './rate-limits.js';
import {
  bearerToken,
  JSON_TYPE,
  type MockAnswer,
  type MockRequest,
  type Preference,
  readBody,
  readPrefer,
} from './request.js';
import { type RouteMatch, Router } from './routes.js';
import { SchemaChecker, type SchemaIssue } from './schema-check.js';
import { type SearchInput, searchCorpus } from './search.js';
import {
  documentedResponse,
  type JsonObject,
  listOperations,
  namedExamples,
  resolveRef,
  type SpecOperation,
} from './spec.js';

export interface MockApiOptions {
  /** The bundled OpenAPI document (generated/openapi.json). */
  spec: JsonObject;
  /** Start the clock at this instant and keep it still (it moves only when told to); default: real time. */
  clock?: string | number | Date | undefined;
  /** Keyword alerts each key starts with (and goes back to on reset), by API key. */
  alerts?: Record<string, JsonObject[]> | undefined;
}

/** Where a request was refused for what it sent, and why. */
export interface RequestIssue {
  /** `body`, or `path parameter id`. */
  in: string;
  at: string;
  problem: string;
}

const MAX_MESSAGE_LENGTH = 1000;
const ISSUES_SHOWN = 3;

function describeIssue(issue: RequestIssue): string {
  const where =
    issue.in === 'body' ? (issue.at ? issue.at : 'the request body') : `${issue.in}${issue.at ? `.${issue.at}` : ''}`;
  return `${where} ${issue.problem}`;
}

/** "Invalid request: limit must be at most 100; query must not be blank." */
export function describeIssues(issues: RequestIssue[]): string {
  const shown = issues.slice(0, ISSUES_SHOWN).map(describeIssue).join('; ');
  const more = issues.length > ISSUES_SHOWN ? `; and ${issues.length - ISSUES_SHOWN} more` : '';
  const message = `Invalid request: ${shown}${more}.`;
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/** A short, stable id for a key (never the key itself): FNV-1a, base 36. */
function keyId(key: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193) >>> 0;
  return `key_${hash.toString(36)}`;
}

export class MockApi {
  readonly clock: MockClock;
  readonly #spec: JsonObject;
  readonly #router: Router;
  readonly #plans: Map<PlanName, Plan>;
  readonly #errors: ErrorBodies;
  readonly #checker: SchemaChecker;
  readonly #accounts: Accounts;
  readonly #alertListSchema: JsonObject;

  constructor(options: MockApiOptions) {
    this.#spec = options.spec;
    const operations = listOperations(options.spec);
    this.#router = new Router(operations);
    this.#plans = readPlans(options.spec);
    this.#errors = readErrorBodies(options.spec);
    this.#alertListSchema = { $ref: '#/components/schemas/KeywordAlertList' };
    this.#checker = new SchemaChecker(options.spec, [
      ...operations
        .flatMap((operation) => [
          ...operation.parameters.map((parameter) => parameter.schema),
          resolveRef(options.spec, operation.operation.requestBody)?.content?.['application/json']?.schema,
        ])
        .filter(Boolean),
      this.#alertListSchema,
    ]);
    this.clock = new MockClock(options.clock);
    this.#accounts = new Accounts(options.alerts ?? {});
  }

  /** The whole pipeline for one request, control surface included: what the MSW handlers call. */
  handle(request: MockRequest): MockAnswer {
    if (isControlRequest(request)) return handleControl(this, request);
    const match = this.route(request);
    if (match.kind !== 'operation') return this.routeFailure(request, match);
    return this.respond(request, match, this.checkRequest(request, match));
  }

  route(request: MockRequest): RouteMatch {
    return this.#router.match(request.method, request.path);
  }

  /** 404 for a path the spec does not have, 405 (with Allow) for a method it does not document there. */
  routeFailure(request: MockRequest, match: Exclude<RouteMatch, { kind: 'operation' }>): MockAnswer {
    const method = request.method.toUpperCase();
    if (match.kind === 'no-path') {
      const message = `There is no ${method} ${request.path} in the API. See the API reference for the paths that exist.`;
      return this.#error(404, { error: NOT_FOUND_TITLE, message }, {}, { problem: message });
    }
    const message = `${method} is not allowed on ${request.path}; it accepts ${match.allow.join(', ')}.`;
    return this.#error(
      405,
      { error: METHOD_NOT_ALLOWED_TITLE, message },
      { Allow: match.allow.join(', ') },
      { problem: message },
    );
  }

  /** What is wrong with the request's parameters and body, by the spec's schemas; [] when nothing. */
  checkRequest(request: MockRequest, match: Extract<RouteMatch, { kind: 'operation' }>): RequestIssue[] {
    const issues: RequestIssue[] = [];
    for (const parameter of match.operation.parameters.filter((candidate) => candidate.in === 'path')) {
      const value = match.params[parameter.name] ?? '';
      for (const issue of this.#checker.check(parameter.schema, value))
        issues.push({ in: `path parameter ${parameter.name}`, ...issue });
    }
    const requestBody = resolveRef(this.#spec, match.operation.operation.requestBody) as JsonObject | undefined;
    if (!requestBody) return issues;
    const body = readBody(request);
    const fail = (problem: string) => issues.push({ in: 'body', at: '', problem });
    if (body.kind === 'none') {
      if (requestBody.required) fail('is missing: send a JSON object');
    } else if (body.kind === 'wrong-type') fail(`must be sent as application/json, not ${body.contentType}`);
    else if (body.kind === 'not-json') fail(`is not valid JSON (${body.reason})`);
    else {
      const schema = requestBody.content?.['application/json']?.schema;
      issues.push(...this.#checker.check(schema, body.value).map((issue: SchemaIssue) => ({ in: 'body', ...issue })));
    }
    return issues;
  }

  /** The answer for a routed request whose problems (if any) `checkRequest` found. */
  respond(request: MockRequest, match: Extract<RouteMatch, { kind: 'operation' }>, issues: RequestIssue[]): MockAnswer {
    const { operation } = match;
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || token.startsWith(INVALID_KEY_PREFIX)) {
      return this.#error(
        401,
        this.#errors.unauthorized,
        {},
        { operationId: operation.operationId, plan: token === undefined ? 'none' : 'invalid' },
      );
    }
    const plan = this.#plans.get(planNameForKey(token))!;
    const now = this.clock.now();
    const state = this.#accounts.get(token, now);
    const note = { operationId: operation.operationId, plan: plan.name };
    const decision = consumeRequest(state.counts, plan, now);
    if (!decision.allowed) {
      return this.#error(429, { ...this.#errors.rateLimited, retry_after: decision.retryAfter }, decision.headers, {
        ...note,
        problem: 'rate limit reached',
      });
    }
    const rateHeaders = decision.headers;
    if (issues.length > 0) {
      const message = describeIssues(issues);
      return this.#error(400, { error: this.#errors.badRequestTitle, message }, rateHeaders, {
        ...note,
        problem: message,
      });
    }
    const prefer = readPrefer(request);
    if (prefer.code !== undefined || prefer.example !== undefined)
      return this.#preferred(operation, prefer, plan, rateHeaders, note);
    const context = { request, match, plan, state, rateHeaders, note };
    switch (operation.operationId) {
      case 'search':
        return this.#json(200, searchCorpus((readBody(request) as { value: SearchInput }).value), rateHeaders, note);
      case 'getMe':
        return this.#json(200, this.#account(plan, token), rateHeaders, note);
      case 'listNotifications':
        return this.#json(200, { notifications: state.alerts }, rateHeaders, note);
      case 'createNotification':
        return this.#createAlert(context);
      case 'deleteNotification':
        return this.#deleteAlert(context);
      default:
        // An operation the mock has no behaviour for yet answers with its first documented example.
        return this.#preferred(operation, {}, plan, rateHeaders, note);
    }
  }

  /** Forgets every key's counters and alerts (or one key's) and puts the clock back. */
  reset(key?: string): void {
    this.#accounts.forget(key);
    if (key === undefined) this.clock.reset();
  }

  /** Replaces a key's alerts (the control surface's seeding); throws with the reason if they break the schema. */
  seedAlerts(key: string, list: unknown): JsonObject[] {
    const issues = this.#checker.check(this.#alertListSchema, list);
    if (issues.length > 0) throw new Error(describeIssues(issues.map((issue) => ({ in: 'body', ...issue }))));
    const alerts = (list as { notifications: JsonObject[] }).notifications;
    if (alerts.length > MAX_ALERTS_PER_KEY)
      throw new Error(`The mock keeps at most ${MAX_ALERTS_PER_KEY} alerts per key.`);
    this.#accounts.get(key, this.clock.now()).alerts = structuredClone(alerts);
    return alerts;
  }

  /** Moves the clock forward by seconds, or to an instant (never backwards). Returns the new time. */
  moveClock(change: { advanceSeconds?: number; to?: string }): number {
    const now = this.clock.now();
    const target = change.to !== undefined ? toTime(change.to, 'now') : now + (change.advanceSeconds ?? 0) * 1000;
    if (!(target >= now)) throw new Error('The mock clock only moves forward.');
    this.clock.setTo(target);
    return this.clock.now();
  }

  #account(plan: Plan, token: string): JsonObject {
    const account = structuredClone(plan.account);
    const id = keyId(token);
    account.api_key = {
      id,
      key_name: `Mock ${plan.name} key ${id}`,
      pinned_version: account.api_key?.pinned_version ?? account.api_version,
    };
    return account;
  }

  #createAlert({ request, plan, state, rateHeaders, note }: AlertContext): MockAnswer {
    const body = (readBody(request) as { value: JsonObject }).value;
    const refusal = alertLimitProblem(body, plan, state);
    if (refusal) return this.#error(403, this.#errors.forbidden, rateHeaders, { ...note, problem: refusal });
    return this.#json(201, this.#accounts.addAlert(state, body, this.clock.now()), rateHeaders, note);
  }

  #deleteAlert({ match, state, rateHeaders, note }: AlertContext): MockAnswer {
    const id = match.params.id;
    if (!this.#accounts.removeAlert(state, id)) {
      return this.#error(404, this.#errors.notFound, rateHeaders, {
        ...note,
        problem: `no keyword alert ${id} on this key`,
      });
    }
    return { status: 204, headers: { ...rateHeaders }, note };
  }

  /** A documented example, as `Prefer: code=… / example=…` asks; the rate headers stay true. */
  #preferred(
    operation: SpecOperation,
    prefer: Preference,
    plan: Plan,
    rateHeaders: Record<string, string>,
    note: MockAnswer['note'],
  ): MockAnswer {
    const statuses = Object.keys(operation.operation.responses ?? {});
    const chosenStatus =
      prefer.code ??
      statuses.find((code) =>
        prefer.example === undefined ? /^2\d\d$/.test(code) : this.#hasExample(operation, Number(code), prefer.example),
      );
    const status = /^\d{3}$/.test(chosenStatus ?? '') ? Number(chosenStatus) : Number.NaN;
    const response = Number.isInteger(status) ? documentedResponse(this.#spec, operation, status) : undefined;
    if (!response) {
      const asked = prefer.code !== undefined ? `code=${prefer.code}` : `example=${prefer.example}`;
      const message = `Prefer: ${asked} matches no documented response of ${operation.operationId} (documented: ${statuses.join(', ')}).`;
      return this.#error(400, { error: this.#errors.badRequestTitle, message }, rateHeaders, {
        ...note,
        problem: message,
      });
    }
    const examples = namedExamples(this.#spec, response);
    const chosen = prefer.example === undefined ? examples[0] : examples.find(([name]) => name === prefer.example);
    if (prefer.example !== undefined && !chosen) {
      const message = `Prefer: example=${prefer.example} is not an example of ${operation.operationId}'s ${status} response (examples: ${examples.map(([name]) => name).join(', ') || 'none'}).`;
      return this.#error(400, { error: this.#errors.badRequestTitle, message }, rateHeaders, {
        ...note,
        problem: message,
      });
    }
    const body = chosen === undefined ? undefined : structuredClone(chosen[1]);
    if (status === 429) {
      const retryAfter = Number((body as JsonObject | undefined)?.retry_after ?? 60);
      return this.#error(
        429,
        body as JsonObject,
        { ...forcedRefusalHeaders(plan, this.clock.now(), retryAfter), 'Retry-After': String(retryAfter) },
        note,
      );
    }
    return body === undefined
      ? { status, headers: { ...rateHeaders }, note }
      : this.#json(status, body, rateHeaders, note);
  }

  #hasExample(operation: SpecOperation, status: number, name: string | undefined): boolean {
    return namedExamples(this.#spec, documentedResponse(this.#spec, operation, status)).some(
      ([candidate]) => candidate === name,
    );
  }

  #json(status: number, body: unknown, headers: Record<string, string>, note: MockAnswer['note']): MockAnswer {
    return { status, headers: { ...headers, ...JSON_TYPE }, body, note };
  }

  #error(status: number, body: JsonObject, headers: Record<string, string>, note: MockAnswer['note']): MockAnswer {
    return this.#json(status, body, headers, note);
  }

  /** Each plan's request limits, keyword alerts and webhooks, for banners and docs. */
  describePlans(): Array<
    Pick<Plan, 'name' | 'requestsPerMinute' | 'requestsPerMonth' | 'keywordAlerts' | 'webhooksEnabled'>
  > {
    return [...this.#plans.values()].map(
      ({ name, requestsPerMinute, requestsPerMonth, keywordAlerts, webhooksEnabled }) => ({
        name,
        requestsPerMinute,
        requestsPerMonth,
        keywordAlerts,
        webhooksEnabled,
      }),
    );
  }

  /** How many keys the mock remembers now (at most MAX_KEYS). */
  get trackedKeys(): number {
    return this.#accounts.size;
  }

  /** How many keyword alerts the mock keeps now, across all keys (at most MAX_ALERTS). */
  get storedAlerts(): number {
    return this.#accounts.alertCount;
  }

  /** The time the mock's clock says, as the API writes times. */
  nowIso(): string {
    return isoSeconds(this.clock.now());
  }
}

interface AlertContext {
  request: MockRequest;
  match: Extract<RouteMatch, { kind: 'operation' }>;
  plan: Plan;
  state: KeyState;
  rateHeaders: Record<string, string>;
  note: MockAnswer['note'];
}

export function createMockApi(options: MockApiOptions): MockApi {
  return new MockApi(options);
}
