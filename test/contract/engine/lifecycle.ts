// The stateful checks, as Schemathesis follows links: a keyword alert's whole life on one key.
// Listed before; created (201, echoing what was sent); listed with what was sent, newest first; one
// past the plan's alert limit refused with the authentication page's 403; deleted (204); gone from
// the list; a second delete 404; an id that was never created 404. Every alert goes under a marker
// search term unique to the run, so a leftover is easy to recognise (and matches no transcript).
import type { JsonObject } from '../../support/openapi.js';
import { type SuiteContext, documentedStatuses, exchange } from './checks.js';
import { checkResponse, type Violation } from './conformance.js';
import { compareJson, expectSeedBody, expectStatus, parseJson, violation } from './expectations.js';
import type { ApiResponse } from './http.js';
import { type OperationCases, buildRequest } from './operation-cases.js';
import { CheckNotRun, type CheckRecorder } from './results.js';

export interface AlertOperations {
  list: OperationCases;
  create: OperationCases;
  remove: OperationCases;
}

export function findAlertOperations(operations: OperationCases[]): AlertOperations {
  const byId = (operationId: string) => {
    const found = operations.find((cases) => cases.entry.operation.operationId === operationId);
    if (!found) throw new Error(`The spec has no ${operationId} operation, which the lifecycle checks need.`);
    return found;
  };
  return { list: byId('listNotifications'), create: byId('createNotification'), remove: byId('deleteNotification') };
}

export const GROUP = 'lifecycle';
export const EMAIL_RECIPIENT = 'audioscrape-contract-check@example.org';
export const WEBHOOK_URL = 'https://example.org/audioscrape-contract-check';

/** The search term every alert of a run carries: `audioscrape contract check 3f9c1a`. */
export function runMarker(runId: string): string {
  return `audioscrape contract check ${runId}`;
}

export interface KeyOnPlan {
  key: string;
  /** How the report names it: `your key`, `the limited key`. */
  keyName: string;
  /** The plan's `keyword_alerts` (null: unlimited; undefined: not known). */
  alertLimit: number | null | undefined;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

function alertsIn(response: ApiResponse): JsonObject[] | undefined {
  const body = parseJson(response.rawBody) as JsonObject | undefined;
  const list = body && Object.values(body).find(Array.isArray);
  return list as JsonObject[] | undefined;
}

async function listAlerts(
  context: SuiteContext,
  alerts: AlertOperations,
  key: string,
): Promise<{ response: ApiResponse; items: JsonObject[] | undefined; violations: Violation[] }> {
  const { entry } = alerts.list;
  const response = await exchange(context, buildRequest(entry, { pathParams: {} }, { apiKey: key }));
  const statusViolations = expectStatus(
    'lifecycle-list',
    entry.label,
    response,
    isSuccess,
    `a documented 2xx (${documentedStatuses(entry, isSuccess)}) listing the alerts`,
  );
  if (statusViolations.length) return { response, items: undefined, violations: statusViolations };
  return { response, items: alertsIn(response), violations: checkResponse(context, entry, response) };
}

function createAlert(
  context: SuiteContext,
  alerts: AlertOperations,
  key: string,
  body: JsonObject,
): Promise<ApiResponse> {
  return exchange(context, buildRequest(alerts.create.entry, { pathParams: {}, body }, { apiKey: key }));
}

function deleteAlert(context: SuiteContext, alerts: AlertOperations, key: string, id: string): Promise<ApiResponse> {
  return exchange(context, buildRequest(alerts.remove.entry, { pathParams: { id } }, { apiKey: key }));
}

/** The alert the run creates: email delivery (every plan has it), under the run's marker. */
export function lifecycleAlert(marker: string): JsonObject {
  return { search_term: marker, email_recipient: EMAIL_RECIPIENT };
}

/** What an alert must show of what was sent: each field as sent, the delivery not sent as null. */
function expectEcho(
  rule: string,
  label: string,
  response: ApiResponse,
  sent: JsonObject,
  shown: JsonObject,
  path: string,
): Violation[] {
  const expected = {
    search_term: sent.search_term,
    webhook_url: sent.webhook_url ?? null,
    email_recipient: sent.email_recipient ?? null,
  };
  const actual = {
    search_term: shown.search_term,
    webhook_url: shown.webhook_url,
    email_recipient: shown.email_recipient,
  };
  return compareJson(rule, label, response, expected, actual, path);
}

/** One alert past the plan's limit must get 403 with the authentication page's body. */
export async function expectAlertRefused(
  context: SuiteContext,
  alerts: AlertOperations,
  key: string,
  body: JsonObject,
  why: string,
): Promise<Violation[]> {
  const { entry } = alerts.create;
  const response = await createAlert(context, alerts, key, body);
  const statusViolations = expectStatus(
    why === 'webhook' ? 'permission-403' : 'alert-limit-403',
    entry.label,
    response,
    403,
    `403 for ${why === 'webhook' ? 'a webhook on a plan without webhooks' : "an alert past the plan's limit"}`,
  );
  if (statusViolations.length) return statusViolations;
  return [...checkResponse(context, entry, response), ...expectSeedBody(entry.label, response, 403)];
}

export interface LifecycleOptions extends KeyOnPlan {
  marker: string;
  /** Whether to check the alert limit here (false when another key checks it, or it cannot be reached). */
  checkLimit: boolean;
  /** Why the limit is not checked here, when it is not (nothing is recorded without one: another key checks it). */
  limitNotChecked?: string | undefined;
  /** An id no alert has: `contract-check-no-such-alert-3f9c1a`. */
  missingId: string;
}

/** The whole lifecycle on one key, one recorded check per step. */
export async function runAlertLifecycle(
  context: SuiteContext,
  alerts: AlertOperations,
  recorder: CheckRecorder,
  options: LifecycleOptions,
): Promise<{ limitChecked: boolean }> {
  const { key, keyName, marker } = options;
  const { list, create, remove } = alerts;
  const sent = lifecycleAlert(marker);
  let existing: JsonObject[] | undefined;
  let createdId: string | undefined;
  let blocked: string | undefined;
  let limitChecked = false;
  /** Deletes alert `id`; checks the status is `status` and then, if it is, the response against the spec. */
  const deleteExpecting = async (
    id: string,
    rule: string,
    status: number,
    expectation: string,
  ): Promise<Violation[]> => {
    const response = await deleteAlert(context, alerts, key, id);
    const statusViolations = expectStatus(rule, remove.entry.label, response, status, expectation);
    return statusViolations.length ? statusViolations : checkResponse(context, remove.entry, response);
  };
  /** Runs a step unless an earlier one makes it impossible; true when it ran. */
  const step = async (name: string, run: () => Promise<Violation[]>): Promise<boolean> => {
    if (blocked) {
      recorder.notRun(GROUP, name, blocked);
      return false;
    }
    return (await recorder.check(GROUP, name, run)) !== undefined;
  };

  await step(`${list.entry.label}: ${keyName}'s alerts are listed (a conforming 2xx)`, async () => {
    const listed = await listAlerts(context, alerts, key);
    existing = listed.items;
    if (!existing) blocked = 'listing the alerts did not answer a list, so the lifecycle cannot follow it';
    return listed.violations;
  });

  const limitReached =
    existing !== undefined && typeof options.alertLimit === 'number' && existing.length >= options.alertLimit;
  if (limitReached) {
    limitChecked = await step(
      `${create.entry.label}: an alert past the plan's limit (${options.alertLimit}) gets the authentication page's 403`,
      () => expectAlertRefused(context, alerts, key, sent, 'limit'),
    );
    blocked = `${keyName}'s plan keeps ${options.alertLimit} alert(s) and the account already has ${existing!.length}, so the run cannot create one; delete one, or use a key with room`;
  }

  await step(`${create.entry.label}: a new alert gets 201 and shows what was sent`, async () => {
    const response = await createAlert(context, alerts, key, sent);
    const statusViolations = expectStatus(
      'lifecycle-create',
      create.entry.label,
      response,
      201,
      `201 (documented: ${documentedStatuses(create.entry, isSuccess)}) for a new alert`,
    );
    const body = parseJson(response.rawBody) as JsonObject | undefined;
    if (typeof body?.id === 'string') createdId = body.id;
    if (statusViolations.length || !createdId) {
      blocked = 'creating an alert did not answer 201 with an id, so the lifecycle cannot follow it';
      return statusViolations.length
        ? statusViolations
        : [
            violation(
              'lifecycle-create',
              create.entry.label,
              response,
              'body /id',
              'is missing: the new alert has no id',
            ),
          ];
    }
    if (existing?.some((alert) => alert.id === createdId)) {
      return [
        violation(
          'lifecycle-create',
          create.entry.label,
          response,
          'body /id',
          `${JSON.stringify(createdId)} is the id of an alert that was already there`,
        ),
      ];
    }
    return [
      ...checkResponse(context, create.entry, response),
      ...expectEcho('lifecycle-create', create.entry.label, response, sent, body!, ''),
    ];
  });

  await step(`${list.entry.label}: the new alert is listed first (newest first), with what was sent`, async () => {
    const listed = await listAlerts(context, alerts, key);
    if (!listed.items) return listed.violations;
    const index = listed.items.findIndex((alert) => alert.id === createdId);
    if (index < 0)
      return [
        ...listed.violations,
        violation(
          'lifecycle-listed',
          list.entry.label,
          listed.response,
          'body',
          `the alert just created (id ${JSON.stringify(createdId)}) is not listed`,
        ),
      ];
    const order =
      index === 0
        ? []
        : [
            violation(
              'lifecycle-listed',
              list.entry.label,
              listed.response,
              `body /${index}`,
              `the newest alert (id ${JSON.stringify(createdId)}) is at position ${index}, not first`,
            ),
          ];
    return [
      ...listed.violations,
      ...order,
      ...expectEcho('lifecycle-listed', list.entry.label, listed.response, sent, listed.items[index]!, `/${index}`),
    ];
  });

  const limitName = `${create.entry.label}: one alert past ${keyName}'s plan limit gets the authentication page's 403`;
  if (!options.checkLimit) {
    if (!limitReached && options.limitNotChecked) recorder.notRun(GROUP, limitName, options.limitNotChecked);
  } else if (!limitReached) {
    limitChecked = await step(limitName, async () => {
      if (options.alertLimit !== (existing?.length ?? 0) + 1) {
        throw new CheckNotRun(
          `${keyName}'s plan keeps ${options.alertLimit ?? 'unlimited'} alerts and the account has ${(existing?.length ?? 0) + 1}: not at its limit`,
        );
      }
      return expectAlertRefused(context, alerts, key, { ...sent, search_term: `${marker} over the limit` }, 'limit');
    });
  }

  await step(`${remove.entry.label}: deleting the alert gets 204 with no body`, () =>
    deleteExpecting(createdId!, 'lifecycle-delete', 204, '204 for deleting an alert that exists'),
  );

  await step(`${list.entry.label}: the deleted alert is no longer listed`, async () => {
    const listed = await listAlerts(context, alerts, key);
    if (!listed.items) return listed.violations;
    const still = listed.items.findIndex((alert) => alert.id === createdId);
    return still < 0
      ? listed.violations
      : [
          ...listed.violations,
          violation(
            'lifecycle-gone',
            list.entry.label,
            listed.response,
            `body /${still}`,
            `the deleted alert (id ${JSON.stringify(createdId)}) is still listed`,
          ),
        ];
  });

  await step(`${remove.entry.label}: deleting it again gets 404`, () =>
    deleteExpecting(createdId!, 'lifecycle-delete-again', 404, '404 for an alert already deleted'),
  );

  blocked = undefined;
  await step(`${remove.entry.label}: an id that was never created gets 404`, () =>
    deleteExpecting(options.missingId, 'missing-id-404', 404, `404 for an id no alert has (${options.missingId})`),
  );
  return { limitChecked };
}

/**
 * A plan's alert limit on a key the lifecycle did not use (the limited key): fill the account to its
 * limit, ask for one more (403 with the page's body), and delete what was made. Costs a list, the
 * creates, the refused one and the deletes; run only when that fits.
 */
export async function checkAlertLimit(
  context: SuiteContext,
  alerts: AlertOperations,
  options: KeyOnPlan & { marker: string; maxCreates: number },
): Promise<Violation[]> {
  const { key, keyName, alertLimit } = options;
  if (typeof alertLimit !== 'number') throw new CheckNotRun(`${keyName}'s plan has no alert limit to reach`);
  const listed = await listAlerts(context, alerts, key);
  if (!listed.items)
    return listed.violations.length
      ? listed.violations
      : [violation('lifecycle-list', alerts.list.entry.label, listed.response, 'body', 'is not a list of alerts')];
  const toCreate = Math.max(0, alertLimit - listed.items.length);
  if (toCreate > options.maxCreates) {
    throw new CheckNotRun(
      `reaching ${keyName}'s plan limit (${alertLimit} alerts, ${listed.items.length} there) needs ${toCreate} creates, more than this run can afford`,
    );
  }
  const made: string[] = [];
  const violations: Violation[] = [];
  try {
    for (let index = 0; index < toCreate; index += 1) {
      const response = await createAlert(context, alerts, key, lifecycleAlert(`${options.marker} filler ${index + 1}`));
      const id = (parseJson(response.rawBody) as JsonObject | undefined)?.id;
      if (response.status !== 201 || typeof id !== 'string') {
        return [
          ...expectStatus(
            'alert-limit-403',
            alerts.create.entry.label,
            response,
            201,
            `201 while ${keyName}'s account is under its limit (${alertLimit})`,
          ),
        ];
      }
      made.push(id);
    }
    violations.push(
      ...(await expectAlertRefused(context, alerts, key, lifecycleAlert(`${options.marker} over the limit`), 'limit')),
    );
  } finally {
    // What cannot be deleted here (the budget ran out, say) is left to the run's cleanup.
    for (const id of made) await deleteAlert(context, alerts, key, id).catch(() => undefined);
  }
  return violations;
}

/** A webhook alert on a plan without webhooks must get 403 with the authentication page's body. */
export function checkWebhookRefused(
  context: SuiteContext,
  alerts: AlertOperations,
  key: string,
  marker: string,
): Promise<Violation[]> {
  return expectAlertRefused(
    context,
    alerts,
    key,
    { search_term: `${marker} webhook`, webhook_url: WEBHOOK_URL },
    'webhook',
  );
}
