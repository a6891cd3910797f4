// The contract suite: holds a server to the spec the way Schemathesis does, with every case derived
// from the bundled spec. By default it runs against both mocks the global setup starts (the
// realistic one and Prism's static examples); set CONTRACT_BASE_URL (and AUDIOSCRAPE_API_KEY) to
// check any other deployment. CONTRACT_SEED replays the generated inputs of an earlier run. The
// checks are the engine's (test/contract/engine/), which `npm run contract` also runs on a budget.
import { afterAll, describe, expect, it } from 'vitest';
import { contractTargets, limitedKeyFor, type ContractTarget } from '../support/target.js';
import {
  AUTH_PROBES,
  checkAuthProbe,
  checkNegativeCase,
  checkPositiveInputs,
  checkPreferCase,
  checkUndocumentedMethod,
  checkUnknownPath,
  exchange,
  type SuiteContext,
} from './engine/checks.js';
import { formatViolation, type Violation } from './engine/conformance.js';
import { parseJson } from './engine/expectations.js';
import { checkWebhookRefused, findAlertOperations, runAlertLifecycle, runMarker } from './engine/lifecycle.js';
import { type ApiRequest, send } from './engine/http.js';
import { buildRequest } from './engine/operation-cases.js';
import { PacedSender } from './engine/paced-sender.js';
import { type Pacing, realPacing } from './engine/pacing.js';
import { provokeRateLimit } from './engine/rate-limit.js';
import { collectingRecorder, type CheckResult } from './engine/results.js';
import { buildContractSuite, chooseSeed, countCases } from './engine/suite.js';

const seed = chooseSeed();

function expectNoViolations(violations: Violation[]) {
  expect(violations.map(formatViolation)).toEqual([]);
}

/** Steps that failed, as lines; steps that did not run are printed with their reason. */
function failuresOf(results: CheckResult[], label: string): string[] {
  for (const result of results.filter((candidate) => candidate.outcome === 'not-run'))
    console.log(`${label}: not run: ${result.name}: ${result.reason}`);
  return results.flatMap((result) => result.violations.map(formatViolation));
}

/**
 * Time for the rate-limit check: real time on a CONTRACT_BASE_URL server; on the realistic mock, a
 * wait moves the mock's clock (its control surface, which only the test harness uses) instead of
 * sleeping, so the minute passes at once.
 */
function pacingFor(target: ContractTarget): Pacing {
  if (target.mockMode !== 'realistic') return realPacing;
  let advancedMs = 0;
  return {
    now: () => Date.now() + advancedMs,
    sleep: async (ms) => {
      advancedMs += ms;
      const moved = await fetch(`${target.baseUrl}/__mock/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance_seconds: ms / 1000 }),
      });
      if (!moved.ok) throw new Error(`The mock's clock did not move: ${moved.status} ${await moved.text()}`);
    },
  };
}

async function alertLimitOf(
  context: SuiteContext,
  getMe: ReturnType<typeof buildContractSuite>['operations'][number],
  key: string,
): Promise<number | null | undefined> {
  const response = await exchange(context, buildRequest(getMe.entry, getMe.validInput, { apiKey: key }));
  return (parseJson(response.rawBody) as { plan?: { limits?: { keyword_alerts?: number | null } } } | undefined)?.plan
    ?.limits?.keyword_alerts;
}

/**
 * Sends plainly, noting each alert a create answered 201 for (the generated valid inputs create a
 * hundred), so the suite can delete them afterwards on a server that keeps them.
 */
function sendNotingAlerts(
  target: ContractTarget,
  createPath: string,
  created: Array<{ id: string; request: ApiRequest }>,
) {
  return async (request: ApiRequest) => {
    const response = await send(target.baseUrl, request);
    const id = (parseJson(response.rawBody) as { id?: unknown } | undefined)?.id;
    if (request.method === 'POST' && request.path === createPath && response.status === 201 && typeof id === 'string')
      created.push({ id, request });
    return response;
  };
}

describe.each(contractTargets().map((target) => [target.name, target] as const))(
  'against the %s',
  (_name, target: ContractTarget) => {
    const built = buildContractSuite(target, { seed });
    const createPath = findAlertOperations(built.operations).create.entry.path;
    const created: Array<{ id: string; request: ApiRequest }> = [];
    const suite = { ...built, context: { ...built.context, send: sendNotingAlerts(target, createPath, created) } };
    const { context } = suite;
    const preferSkipReason = target.isBundledMock
      ? undefined
      : `the target (${target.baseUrl}) is not the bundled Prism mock, so it cannot be asked for a status with Prefer`;
    const staticSkipReason =
      target.mockMode === 'static'
        ? "Prism's static mock answers every request with a documented example and keeps no state or keys, so it cannot be held to this (its 401, 403, 404 and 429 bodies are checked above, selected with Prefer)"
        : undefined;

    let positiveRunsDone = 0;
    console.log(
      `Contract suite against ${target.name} (${target.baseUrl}): ${countCases(suite, { withPrefer: target.isBundledMock })} planned cases, ` +
        `${suite.positiveRuns} generated valid inputs per operation that takes input, seed ${suite.seed} (replay: CONTRACT_SEED=${suite.seed}).`,
    );
    const provokeSkipReason =
      !target.isBundledMock && !target.provokeRateLimit
        ? "provoking a 429 spends the key's allowance: set CONTRACT_PROVOKE_RATE_LIMIT=1 to run it on this server"
        : undefined;
    const permissionSkipReason =
      !target.isBundledMock && !target.limitedKey
        ? 'no key on a plan without webhooks: set AUDIOSCRAPE_LIMITED_API_KEY to check the 403 on this server'
        : undefined;
    if (preferSkipReason) console.log(`Skipping the Prefer-driven checks: ${preferSkipReason}.`);
    if (staticSkipReason)
      console.log(
        `Skipping the wrong-key probes and the stateful and provoked checks on ${target.name}: ${staticSkipReason}.`,
      );
    if (provokeSkipReason) console.log(`Skipping the 429 check: ${provokeSkipReason}.`);
    if (permissionSkipReason) console.log(`Skipping the 403 check: ${permissionSkipReason}.`);
    afterAll(async () => {
      console.log(
        `Contract suite against ${target.name}: ${positiveRunsDone} generated valid inputs sent (seed ${suite.seed}).`,
      );
      // The static mock keeps nothing (every create answers the same example id); elsewhere, delete what was made.
      if (target.mockMode === 'static') return;
      const deleteEntry = findAlertOperations(suite.operations).remove.entry;
      const left: string[] = [];
      for (const { id, request } of created) {
        const response = await send(
          target.baseUrl,
          buildRequest(deleteEntry, { pathParams: { id } }, { authorization: request.headers.Authorization! }),
        );
        if (response.status !== 204 && response.status !== 404) left.push(`${id} (${response.status})`);
      }
      console.log(
        `Contract suite against ${target.name}: deleted the ${created.length - left.length} alert(s) it created${left.length ? `; could not delete ${left.join(', ')}` : ''}.`,
      );
    });

    describe.each(suite.operations.map((cases) => [cases.entry.label, cases] as const))('%s', (_label, cases) => {
      describe('documented responses, selected with Prefer', () => {
        it.for(
          cases.preferCases.map((preferCase) => ({
            ...preferCase,
            name: `${preferCase.status}${preferCase.example ? ` ${preferCase.example}` : ''}`,
          })),
        )(
          '$name: status, content type, body schema, headers (and the seed body for 401/403/429)',
          async (preferCase, test) => {
            if (preferSkipReason) test.skip(preferSkipReason);
            expectNoViolations(await checkPreferCase(context, cases, preferCase));
          },
        );
      });

      it.for(AUTH_PROBES)('$name gets the documented 401', async (probe, test) => {
        if (probe.needsKeyCheck && staticSkipReason) test.skip(staticSkipReason);
        expectNoViolations(await checkAuthProbe(context, cases, probe));
      });

      const positiveName = cases.positive
        ? `${suite.positiveRuns} valid inputs generated from the request schema each get a conforming 2xx`
        : 'takes no input, so one valid request (nothing to generate) gets a conforming 2xx';
      it(positiveName, async () => {
        const outcome = await checkPositiveInputs(context, cases, { seed: suite.seed, numRuns: suite.positiveRuns });
        positiveRunsDone += outcome.runs;
        if (outcome.counterexample)
          console.log(`${cases.entry.label}: smallest failing input: ${outcome.counterexample}`);
        expectNoViolations(outcome.violations);
      });

      describe.runIf(cases.negative.length > 0)('invalid inputs get a documented 4xx, never a 5xx', () => {
        it.each(cases.negative.map((negative) => [negative.name, negative] as const))('%s', async (_name, negative) => {
          expectNoViolations((await checkNegativeCase(context, cases, negative)).violations);
        });
      });

      it('an undocumented method on its path gets 405', async () => {
        expectNoViolations(await checkUndocumentedMethod(context, cases, cases.documentedMethods));
      });
    });

    it('an unknown path gets 404', async () => {
      expectNoViolations(await checkUnknownPath(context));
    });

    describe('stateful and provoked checks', () => {
      const alerts = findAlertOperations(suite.operations);
      const getMe = suite.operations.find((cases) => cases.entry.operation.operationId === 'getMe')!;
      const marker = runMarker(`vitest-${suite.seed}`);

      it("a keyword alert's life: listed before, created (201, what was sent), listed first, one past the plan's limit 403, deleted (204), gone, deleted again 404, an id never created 404", async (test) => {
        if (staticSkipReason) test.skip(staticSkipReason);
        // On the realistic mock a Free key (one alert) reaches the alert limit too; elsewhere the target's key.
        const key = target.mockMode === 'realistic' ? limitedKeyFor(target, 'contract-lifecycle')! : target.apiKey;
        const alertLimit = await alertLimitOf(context, getMe, key);
        const recorder = collectingRecorder();
        await runAlertLifecycle(context, alerts, recorder, {
          key,
          keyName: 'the key',
          alertLimit,
          marker,
          missingId: `contract-check-no-such-alert-${suite.seed}`,
          checkLimit: typeof alertLimit === 'number',
          limitNotChecked: `the key's plan has no alert limit (keyword_alerts: ${alertLimit})`,
        });
        expect(failuresOf(recorder.results, 'lifecycle')).toEqual([]);
        if (target.mockMode === 'realistic')
          expect(recorder.results.filter((result) => result.outcome !== 'passed')).toEqual([]);
        expect(recorder.results.length).toBeGreaterThanOrEqual(7);
      });

      it("a webhook alert with a key whose plan has no webhooks gets the authentication page's 403", async (test) => {
        if (staticSkipReason) test.skip(staticSkipReason);
        if (permissionSkipReason) test.skip(permissionSkipReason);
        const key = limitedKeyFor(target, 'contract-permissions');
        expectNoViolations(await checkWebhookRefused(context, alerts, key!, marker));
      });

      it("requests until the 429: the page's body, retry_after equal to Retry-After, X-RateLimit-Remaining: 0; after waiting that long, the next gets through", async (test) => {
        if (staticSkipReason) test.skip(staticSkipReason);
        if (provokeSkipReason) test.skip(provokeSkipReason);
        const key = limitedKeyFor(target, 'contract-rate-limit') ?? target.apiKey;
        const sender = new PacedSender({
          baseUrl: target.baseUrl,
          maxRequests: 200,
          maxWaitMs: 120_000,
          pacing: pacingFor(target),
          keys: new Map([[key, 'the key']]),
          announce: (line) => console.log(line),
        });
        const recorder = collectingRecorder();
        await provokeRateLimit({ ...context, send: sender.send }, getMe, sender, recorder, {
          key,
          maxBurst: 150,
          burstLimit: 'the suite sends at most 150',
        });
        expect(failuresOf(recorder.results, 'rate limit')).toEqual([]);
        expect(recorder.results.map((result) => result.outcome)).toEqual(['passed', 'passed']);
      });
    });
  },
);
