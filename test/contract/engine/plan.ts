// What a run of `npm run contract` will send, decided and printed before its first request: the
// core checks in order with their request counts, what goes to generated cases (the rest of the
// budget), and what will not run and why.
import { AUTH_PROBES, type AuthProbe } from './checks.js';
import { runMarker } from './lifecycle.js';
import type { NegativeCase } from './negative-cases.js';
import type { OperationCases } from './operation-cases.js';
import { describeDuration } from './pacing.js';
import type { ContractRunOptions } from './runner.js';
import type { ContractSuite } from './suite.js';

/** A query, not a create: an operation whose only documented success is 200 (search, the reads). */
export function isSafeToRepeat(cases: OperationCases): boolean {
  const successes = Object.keys(cases.entry.operation.responses ?? {}).filter((status) => /^2\d\d$/.test(status));
  return (
    successes.length === 1 &&
    successes[0] === '200' &&
    !cases.entry.parameters.some((parameter) => parameter.in === 'path')
  );
}

/** What the run will send, before it sends anything: the core checks and where the rest goes. */
export interface RunPlan {
  lines: Array<{ count: string; group: string; what: string }>;
  core: number;
  notPlanned: Array<{ group: string; name: string; reason: string }>;
}

export function coreProbes(suite: ContractSuite): Array<{ cases: OperationCases; probe: AuthProbe }> {
  const first = AUTH_PROBES[0]!;
  const everyOperation = suite.operations.map((cases) => ({ cases, probe: first }));
  const others = AUTH_PROBES.slice(1).map((probe, index) => ({
    cases: suite.operations[(index + 1) % suite.operations.length]!,
    probe,
  }));
  return [...everyOperation, ...others];
}

export function routingTargets(suite: ContractSuite): ContractSuite['operations'] {
  const seen = new Set<string>();
  return suite.operations.filter((cases) => !seen.has(cases.entry.path) && Boolean(seen.add(cases.entry.path)));
}

export function coreNegatives(suite: ContractSuite): Array<{ cases: OperationCases; negative: NegativeCase }> {
  return suite.operations.flatMap((cases) =>
    cases.negative.filter((negative) => negative.core).map((negative) => ({ cases, negative })),
  );
}

export function planRun(suite: ContractSuite, options: ContractRunOptions): RunPlan {
  const lifecycleSteps = 8;
  const safeWithInput = suite.operations.filter((cases) => isSafeToRepeat(cases) && cases.positive);
  const operationsCount = suite.operations.length;
  const lines: RunPlan['lines'] = [
    {
      count: options.limitedKey ? '2' : '1',
      group: 'account',
      what: `GET /api/me with your key${options.limitedKey ? ' and with the limited key' : ''}: a conforming 200, and the plan (alert limit, webhooks) the checks below rely on`,
    },
    {
      count: String(coreProbes(suite).length),
      group: 'authentication',
      what: `no key on each of ${operationsCount} operations, then a Basic credential, Bearer with no token and a wrong key: the authentication page's exact 401 body`,
    },
    {
      count: String(routingTargets(suite).length + 1),
      group: 'routing',
      what: `an unknown path: 404; an undocumented method on each of ${routingTargets(suite).length} paths: 405 with Allow naming the documented methods`,
    },
    {
      count: String(coreNegatives(suite).length),
      group: 'invalid input',
      what: 'a required field missing, empty ("") and blank ("   "), and an id breaking its pattern: a documented 4xx, never a 5xx',
    },
    {
      count: String(safeWithInput.length),
      group: 'valid input',
      what: `the spec's own request example for ${safeWithInput.map((cases) => cases.entry.operation.operationId).join(', ')}: a conforming 2xx`,
    },
    {
      count: String(lifecycleSteps),
      group: 'lifecycle',
      what: "list; create (201, shows what was sent); listed first with what was sent; one past the plan's alert limit: 403; delete (204); gone from the list; delete again: 404; an id never created: 404",
    },
    {
      count: options.limitedKey ? '1-5' : '0-1',
      group: 'permissions',
      what: `a webhook alert on a plan without webhooks: the page's 403 body (your key's plan, or the limited key's)${options.limitedKey ? "; the limited key's alert limit, if your key's cannot be reached" : ''}`,
    },
  ];
  if (options.provokeRateLimit) {
    lines.push({
      count: '2+',
      group: 'rate limit',
      what: "when the server says X-RateLimit-Remaining: 0, one more request for the 429 (the page's body, retry_after = Retry-After, Remaining 0), then wait as it says and one request that must get through; if that never happens, a burst (Remaining + 1 requests) if the budget allows",
    });
  }
  const core = lines.reduce((total, line) => total + Number(line.count.split(/[-+]/)[0]), 0);
  lines.push({
    count: 'rest',
    group: 'more cases',
    what: 'what the budget has left: more invalid inputs, generated valid searches, the other 401 probes, in turn',
  });
  const notPlanned: RunPlan['notPlanned'] = [
    {
      group: 'documented examples',
      name: 'each documented status and named example, selected with Prefer',
      reason: 'only the bundled mock understands Prefer; `npm test` runs these against it',
    },
  ];
  if (!options.provokeRateLimit) {
    notPlanned.push({
      group: 'rate limit',
      name: "the 429: the authentication page's body, Retry-After, retry_after, X-RateLimit-Remaining: 0, and the wait",
      reason:
        'not asked for: add --provoke-rate-limit (it sends requests until the server answers 429, then waits as long as the 429 says)',
    });
  }
  return { lines, core, notPlanned };
}

export function printPlan(plan: RunPlan, suite: ContractSuite, options: ContractRunOptions): void {
  const { print } = options;
  print(
    `Contract check of ${options.baseUrl} against ${suite.context.spec.info?.title} ${suite.context.spec.info?.version} (${suite.operations.length} operations).`,
  );
  print(
    `Keys: AUDIOSCRAPE_API_KEY (never shown)${options.limitedKey ? '; a limited key (never shown)' : '; no limited key'}. Seed ${suite.seed} (replay: --seed ${suite.seed}). Alerts created carry "${runMarker(options.runId ?? '…')}".`,
  );
  print('');
  print(
    `Plan: at most ${options.maxRequests} requests (--max-requests ${options.maxRequests}), ${plan.core}+ of them on these checks:`,
  );
  for (const line of plan.lines) print(`  ${line.count.padStart(4)}  ${line.group.padEnd(15)} ${line.what}`);
  if (plan.core > options.maxRequests) {
    print(
      `  ⚠ The checks above need about ${plan.core} requests; with --max-requests ${options.maxRequests} the last of them will not run (each says so).`,
    );
  }
  for (const skipped of plan.notPlanned) print(`  not run  ${skipped.group.padEnd(15)} ${skipped.reason}`);
  print(
    `Pacing: by the server's X-RateLimit-Remaining/-Reset, and a 429 the run did not ask for is waited out (Retry-After), never counted as a failure. ` +
      `Waits over a second are announced; none longer than --max-wait ${describeDuration(options.maxWaitSeconds * 1000)}. A Free key (10 a minute) takes about 2 minutes.`,
  );
  print('');
}
