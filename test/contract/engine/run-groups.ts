// The groups of checks a run of `npm run contract` goes through, in order, one function each (see
// runner.ts for the run around them: the budget, the cleanup, the interruption).
import { type Account, KEY_NAMES, perMinuteByPlan, readAccount } from './account.js';
import {
  AUTH_PROBES,
  checkAuthProbe,
  checkNegativeCase,
  checkUndocumentedMethod,
  checkUnknownPath,
  checkValidInput,
  exchange,
  sampleValidInputs,
  type SuiteContext,
} from './checks.js';
import { checkResponse, type Violation } from './conformance.js';
import { expectStatus } from './expectations.js';
import type { ApiResponse } from './http.js';
import {
  type AlertOperations,
  checkAlertLimit,
  checkWebhookRefused,
  type KeyOnPlan,
  runAlertLifecycle,
} from './lifecycle.js';
import { buildRequest, type OperationCases } from './operation-cases.js';
import type { PacedSender } from './paced-sender.js';
import { coreNegatives, coreProbes, isSafeToRepeat, routingTargets } from './plan.js';
import { provokeRateLimit } from './rate-limit.js';
import { type CheckRecorder, type CheckResult, CheckNotRun } from './results.js';
import type { ContractRunOptions } from './runner.js';
import type { ContractSuite } from './suite.js';

export interface RunState {
  suite: ContractSuite;
  context: SuiteContext;
  alerts: AlertOperations;
  sender: PacedSender;
  recorder: CheckRecorder;
  options: ContractRunOptions;
  marker: string;
  runId: string;
  outcome: { leftOut: number };
  /** Every check's result so far (the recorder's), for the tally after each group. */
  results: CheckResult[];
}

/** Prints `▶ title`; the function it returns prints the group's tally, requests and time. */
function startGroup(state: RunState, group: string, title = group): () => void {
  const { results, options, sender } = state;
  const first = results.length;
  const spentBefore = sender.spent;
  const started = options.pacing.now();
  options.print(`▶ ${title}`);
  return () => {
    const mine = results.slice(first).filter((result) => result.group === group);
    const count = (outcome: CheckResult['outcome']) => mine.filter((result) => result.outcome === outcome).length;
    const [passed, failed, notRun] = [count('passed'), count('failed'), count('not-run')];
    const tally = [
      `${passed} passed`,
      ...(failed ? [`${failed} failed`] : []),
      ...(notRun ? [`${notRun} not run`] : []),
    ].join(', ');
    const seconds = ((options.pacing.now() - started) / 1000).toFixed(2);
    const requests = sender.spent - spentBefore;
    options.print(
      `  ${failed ? '✘' : '✔'} ${group}: ${tally} (${requests} request${requests === 1 ? '' : 's'}, ${seconds} s)`,
    );
  };
}

interface Accounts {
  main: Account | undefined;
  limited: Account | undefined;
}

/** Every group in order; resolves with why the run could not go on, if it could not. */
export async function runChecks(state: RunState): Promise<string | undefined> {
  const getMe = state.suite.operations.find((cases) => cases.entry.operation.operationId === 'getMe')!;
  const accounts = await checkAccounts(state, getMe);
  if (typeof accounts === 'string') return accounts;
  if (state.options.provokeRateLimit) provokeWhenTheWindowRunsOut(state, getMe);
  await checkWithoutState(state);
  await checkAlerts(state, accounts);
  if (state.options.provokeRateLimit && state.sender.onWindowExhausted) await provokeWithABurst(state, getMe, accounts);
  await checkWhatTheBudgetLeaves(state);
  return undefined;
}

/** The status and conformance part of a valid-input check, for an answer already in hand. */
function checkValidInputResponse(context: SuiteContext, cases: OperationCases, response: ApiResponse): Violation[] {
  const statusViolations = expectStatus('valid-input-2xx', cases.entry.label, response, 200, 'a conforming 200');
  return statusViolations.length ? statusViolations : checkResponse(context, cases.entry, response);
}

/** GET /api/me with each key: the key works, and what its plan allows. A string: why the run must stop. */
async function checkAccounts(state: RunState, getMe: OperationCases): Promise<Accounts | string> {
  const done = startGroup(state, 'account');
  try {
    return await readAccounts(state, getMe);
  } finally {
    done();
  }
}

async function readAccounts(state: RunState, getMe: OperationCases): Promise<Accounts | string> {
  const { context, sender, recorder, options } = state;
  const perMinute = perMinuteByPlan(state.suite.context.spec);
  let main: Account | undefined;
  let mainStatus: number | undefined;
  let notRun: string | undefined;
  await recorder.check('account', `${getMe.entry.label}: your key gets a conforming 200 with its plan`, async () => {
    const response = await exchange(
      context,
      buildRequest(getMe.entry, getMe.validInput, { apiKey: options.apiKey }),
    ).catch((error: unknown) => {
      if (error instanceof CheckNotRun) notRun = error.reason;
      throw error;
    });
    mainStatus = response.status;
    main = readAccount(response);
    return checkValidInputResponse(context, getMe, response);
  });
  if (notRun) return `your key could not be checked on GET /api/me: ${notRun}`;
  if (mainStatus === undefined)
    return `the server did not answer GET /api/me (${options.baseUrl}): check the URL, and that the server is up`;
  if (mainStatus === 401 || mainStatus === 403)
    return `the server refused AUDIOSCRAPE_API_KEY on GET /api/me (${mainStatus}); check the key and that it belongs to this server`;
  sender.setPerMinute(options.apiKey, main?.plan ? perMinute.get(main.plan) : undefined);
  let limited: Account | undefined;
  if (options.limitedKey) {
    await recorder.check(
      'account',
      `${getMe.entry.label}: the limited key gets a conforming 200 with its plan`,
      async () => {
        const response = await exchange(
          context,
          buildRequest(getMe.entry, getMe.validInput, { apiKey: options.limitedKey! }),
        );
        if (response.status === 200) limited = readAccount(response);
        return checkValidInputResponse(context, getMe, response);
      },
    );
    sender.setPerMinute(options.limitedKey, limited?.plan ? perMinute.get(limited.plan) : undefined);
  }
  options.print(
    `  your key: plan ${main?.plan ?? 'unknown'}${limited ? `; the limited key: plan ${limited.plan ?? 'unknown'}` : ''}`,
  );
  return { main, limited };
}

/** --provoke-rate-limit at its cheapest: when the server says the window is used up, one request gets the 429. */
function provokeWhenTheWindowRunsOut(state: RunState, getMe: OperationCases): void {
  const { context, sender, recorder, options } = state;
  sender.onWindowExhausted = async (key) => {
    if (key !== options.apiKey) return;
    const done = startGroup(
      state,
      'rate limit',
      'rate limit: the server says your key has no requests left in this window, so provoking the 429 now costs one request',
    );
    await provokeRateLimit(context, getMe, sender, recorder, {
      key,
      maxBurst: 1,
      burstLimit: 'the server had said X-RateLimit-Remaining: 0',
    });
    done();
  };
}

/** The 401s, routing (404, 405), the invalid inputs servers most often fail on, the valid example. */
async function checkWithoutState(state: RunState): Promise<void> {
  const { suite, context, recorder } = state;
  let done = startGroup(state, 'authentication');
  for (const { cases, probe } of coreProbes(suite)) {
    await recorder.check(
      'authentication',
      `${cases.entry.label}: ${probe.name} gets the authentication page's 401`,
      () => checkAuthProbe(context, cases, probe),
    );
  }
  done();
  done = startGroup(state, 'routing');
  await recorder.check('routing', 'an unknown path gets 404', () => checkUnknownPath(context));
  for (const cases of routingTargets(suite)) {
    await recorder.check('routing', `${cases.entry.path}: an undocumented method gets 405 with Allow`, () =>
      checkUndocumentedMethod(context, cases, cases.documentedMethods),
    );
  }
  done();
  done = startGroup(state, 'invalid input');
  for (const { cases, negative } of coreNegatives(suite)) {
    await recorder.check(
      'invalid input',
      `${cases.entry.label}: ${negative.name} gets a documented 4xx`,
      async () => (await checkNegativeCase(context, cases, negative)).violations,
    );
  }
  done();
  done = startGroup(state, 'valid input');
  for (const cases of suite.operations.filter((candidate) => isSafeToRepeat(candidate) && candidate.positive)) {
    await recorder.check('valid input', `${cases.entry.label}: the spec's request example gets a conforming 2xx`, () =>
      checkValidInput(context, cases.entry, cases.validInput),
    );
  }
  done();
}

/** The lifecycle on your key, then the 403s: a webhook on a plan without them, the alert limit. */
async function checkAlerts(state: RunState, { main, limited }: Accounts): Promise<void> {
  const { context, alerts, recorder, options } = state;
  const mainKey: KeyOnPlan = { key: options.apiKey, keyName: KEY_NAMES.main, alertLimit: main?.limits.alertLimit };
  const limitedKey: KeyOnPlan | undefined = options.limitedKey
    ? { key: options.limitedKey, keyName: KEY_NAMES.limited, alertLimit: limited?.limits.alertLimit }
    : undefined;
  let done = startGroup(state, 'lifecycle', `lifecycle (${KEY_NAMES.main})`);
  const { limitChecked } = await runAlertLifecycle(context, alerts, recorder, {
    ...mainKey,
    marker: state.marker,
    missingId: `contract-check-no-such-alert-${state.runId}`,
    checkLimit: typeof mainKey.alertLimit === 'number',
    limitNotChecked: options.limitedKey
      ? undefined
      : mainKey.alertLimit === null
        ? `your key's plan (${main?.plan}) has no alert limit; give a limited key on a plan with one (Free keeps 1) to check it`
        : "your key's plan did not say its alert limit (GET /api/me plan.limits.keyword_alerts)",
  });

  done();
  done = startGroup(state, 'permissions');
  const webhookKey =
    limitedKey && limited?.limits.webhooksEnabled === false
      ? limitedKey
      : main?.limits.webhooksEnabled === false
        ? mainKey
        : undefined;
  const webhookName = `${alerts.create.entry.label}: a webhook alert on a plan without webhooks gets the authentication page's 403`;
  if (webhookKey) {
    await recorder.check('permissions', `${webhookName} (${webhookKey.keyName})`, () =>
      checkWebhookRefused(context, alerts, webhookKey.key, state.marker),
    );
  } else {
    recorder.notRun(
      'permissions',
      webhookName,
      limitedKey
        ? `the limited key's plan (${limited?.plan ?? 'unknown'}) has webhooks too: give a key on a plan without them (Free)`
        : "your key's plan has webhooks: give a key on a plan without them with --limited-key or AUDIOSCRAPE_LIMITED_API_KEY",
    );
  }
  if (limitedKey && !limitChecked) {
    await recorder.check(
      'permissions',
      `${alerts.create.entry.label}: one alert past the limited key's plan limit gets the authentication page's 403`,
      () => checkAlertLimit(context, alerts, { ...limitedKey, marker: state.marker, maxCreates: 2 }),
    );
  }
  done();
}

/** --provoke-rate-limit when the window never ran out: a burst of Remaining + 1 requests, if the budget allows. */
async function provokeWithABurst(state: RunState, getMe: OperationCases, { main }: Accounts): Promise<void> {
  const { context, sender, recorder, options } = state;
  sender.onWindowExhausted = undefined;
  const done = startGroup(state, 'rate limit', 'rate limit (a burst until the 429)');
  const remaining = sender.remainingFor(options.apiKey);
  const needed = (remaining ?? perMinuteByPlan(state.suite.context.spec).get(main?.plan ?? '') ?? sender.left) + 1;
  const affordable = sender.left - 1;
  await provokeRateLimit(context, getMe, sender, recorder, {
    key: options.apiKey,
    maxBurst: Math.max(0, Math.min(needed, affordable)),
    burstLimit:
      needed > affordable
        ? `reaching it needs about ${needed} requests (X-RateLimit-Remaining: ${remaining ?? 'not sent'}) and the budget has ${sender.left} left; raise --max-requests to about ${sender.spent + needed + 1}`
        : `the server said it had ${remaining ?? 'an unknown number of'} requests left`,
  });
  done();
}

function roundRobin<T>(lists: T[][]): T[] {
  const merged: T[] = [];
  for (let index = 0; lists.some((list) => index < list.length); index += 1) {
    for (const list of lists) if (index < list.length) merged.push(list[index]!);
  }
  return merged;
}

/** The rest of the budget, on generated cases in turn: invalid inputs, valid searches, the other 401 probes. */
async function checkWhatTheBudgetLeaves(state: RunState): Promise<void> {
  const { suite, context, sender, recorder } = state;
  const negatives = roundRobin(
    suite.operations.map((cases) =>
      cases.negative.filter((negative) => !negative.core).map((negative) => ({ cases, negative })),
    ),
  );
  const safe = suite.operations.filter((cases) => isSafeToRepeat(cases) && cases.positive);
  const positives = roundRobin(
    safe.map((cases) =>
      sampleValidInputs(cases, { seed: suite.seed, count: 60 })
        .slice(1)
        .map((input) => ({ cases, input })),
    ),
  );
  const probedAlready = new Set(coreProbes(suite).map(({ cases, probe }) => `${cases.entry.label}\n${probe.name}`));
  const probes = suite.operations.flatMap((cases) =>
    AUTH_PROBES.filter((probe) => !probedAlready.has(`${cases.entry.label}\n${probe.name}`)).map((probe) => ({
      cases,
      probe,
    })),
  );
  const queue = roundRobin<() => Promise<unknown>>([
    negatives.map(
      ({ cases, negative }) =>
        () =>
          recorder.check(
            'more cases',
            `${cases.entry.label}: ${negative.name} gets a documented 4xx`,
            async () => (await checkNegativeCase(context, cases, negative)).violations,
          ),
    ),
    positives.map(
      ({ cases, input }, index) =>
        () =>
          recorder.check(
            'more cases',
            `${cases.entry.label}: generated valid input #${index + 1} gets a conforming 2xx`,
            () => checkValidInput(context, cases.entry, input),
          ),
    ),
    probes.map(
      ({ cases, probe }) =>
        () =>
          recorder.check('more cases', `${cases.entry.label}: ${probe.name} gets the authentication page's 401`, () =>
            checkAuthProbe(context, cases, probe),
          ),
    ),
  ]);
  const done = startGroup(
    state,
    'more cases',
    `more cases (${Math.min(sender.left, queue.length)} of ${queue.length}, as the budget allows)`,
  );
  let sent = 0;
  for (const next of queue) {
    if (sender.left <= 0) break;
    await next();
    sent += 1;
  }
  state.outcome.leftOut = queue.length - sent;
  done();
}
