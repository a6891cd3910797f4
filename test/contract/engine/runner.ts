// One run of the contract against a server, on a request budget: what `npm run contract` does.
// The plan is printed first (plan.ts); then the groups of checks run in order (run-groups.ts): the
// key's account, the 401s, routing, the invalid inputs servers most often fail on, the spec's valid
// example, the alert lifecycle, the permission 403s, the 429 if asked for, and generated cases with
// whatever the budget has left. Every request goes through the PacedSender (budget, rate-limit
// pacing, 429s waited out); every alert the run creates is deleted at the end, also when a check
// fails or the run is interrupted.
import { randomBytes } from 'node:crypto';
import { KEY_NAMES } from './account.js';
import type { SuiteContext } from './checks.js';
import type { Violation } from './conformance.js';
import { type CleanupReport, CreatedAlerts } from './created-alerts.js';
import { findAlertOperations, runMarker } from './lifecycle.js';
import { NoAnswer, PacedSender, type SpendingByCredential } from './paced-sender.js';
import type { Pacing } from './pacing.js';
import { planRun, printPlan } from './plan.js';
import { type CheckRecorder, type CheckResult, CheckNotRun } from './results.js';
import { runChecks } from './run-groups.js';
import { buildContractSuite } from './suite.js';

/** The default --max-requests: what a Free key can afford (see guides/contract-tests.md, "The budget"). */
export const DEFAULT_MAX_REQUESTS = 40;
/** The default --max-wait, in seconds: a minute's window and some, never a month's. */
export const DEFAULT_MAX_WAIT_SECONDS = 120;

export interface ContractRunOptions {
  baseUrl: string;
  apiKey: string;
  limitedKey?: string | undefined;
  maxRequests: number;
  maxWaitSeconds: number;
  provokeRateLimit: boolean;
  seed: number;
  optionalHeaders: 'expect' | 'allow-missing';
  pacing: Pacing;
  /** Where progress lines go (already free of keys: the command redacts them). */
  print: (line: string) => void;
  /** Interrupts the run (Ctrl-C): no new checks, then the cleanup. */
  signal?: AbortSignal | undefined;
  /** Interrupts the cleanup (a second Ctrl-C). */
  cleanupSignal?: AbortSignal | undefined;
  /** Marks the alerts the run creates; random by default. */
  runId?: string;
}

export interface ContractRunResult {
  results: CheckResult[];
  spent: number;
  maxRequests: number;
  spending: SpendingByCredential[];
  waitedMs: number;
  unrequested429s: number;
  cleanup: CleanupReport;
  /** Generated cases the budget had no room for. */
  leftOut: number;
  interrupted: boolean;
  /** Why the run could not go on at all (the key refused, the server unreachable). */
  fatal?: string;
  marker: string;
}

/** Raised through the checks when the run is interrupted (Ctrl-C), so it stops and cleans up. */
class Interrupted extends Error {}

/** Runs the contract against a server within its budget; never throws for what the server does. */
export async function runContract(options: ContractRunOptions): Promise<ContractRunResult> {
  const runId = options.runId ?? randomBytes(3).toString('hex');
  const marker = runMarker(runId);
  const keys = new Map<string, string>([[options.apiKey, KEY_NAMES.main]]);
  if (options.limitedKey) keys.set(options.limitedKey, KEY_NAMES.limited);
  const sender = new PacedSender({
    baseUrl: options.baseUrl,
    maxRequests: options.maxRequests,
    maxWaitMs: options.maxWaitSeconds * 1000,
    pacing: options.pacing,
    keys,
    announce: options.print,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const suite = buildContractSuite(
    {
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      optionalHeaders: options.optionalHeaders,
      optionalHeadersOn401: 'allow-missing',
    },
    { seed: options.seed },
  );
  const context: SuiteContext = { ...suite.context, send: sender.send };
  const alerts = findAlertOperations(suite.operations);
  const ledger = new CreatedAlerts(sender, alerts, keys, marker);
  const plan = planRun(suite, { ...options, runId });
  printPlan(plan, suite, { ...options, runId });

  const results: CheckResult[] = plan.notPlanned.map((item) => ({
    group: item.group,
    name: item.name,
    outcome: 'not-run',
    violations: [],
    reason: item.reason,
    requests: 0,
  }));
  const recorder = runRecorder(results, sender, options);
  const outcome: Pick<ContractRunResult, 'interrupted' | 'fatal' | 'leftOut'> = { interrupted: false, leftOut: 0 };
  let cleanup: CleanupReport;
  try {
    const fatal = await runChecks({
      suite,
      context,
      alerts,
      sender,
      recorder,
      options,
      marker,
      runId,
      outcome,
      results,
    });
    if (fatal) outcome.fatal = fatal;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    outcome.interrupted = true;
  } finally {
    sender.onWindowExhausted = undefined;
    if (ledger.outstanding > 0)
      options.print(`▶ cleanup: deleting the ${ledger.outstanding} alert(s) this run created and did not delete`);
    // After Ctrl-C the run's signal is spent; the cleanup gets its own, which a second Ctrl-C aborts.
    cleanup = await ledger.cleanUp(options.cleanupSignal);
  }
  return {
    results,
    spent: sender.spent,
    maxRequests: options.maxRequests,
    spending: sender.spending(),
    waitedMs: sender.waitedMs,
    unrequested429s: sender.unrequested429s,
    cleanup,
    marker,
    ...outcome,
  };
}

function runRecorder(results: CheckResult[], sender: PacedSender, options: ContractRunOptions): CheckRecorder {
  return {
    async check(group, name, run) {
      if (options.signal?.aborted) throw new Interrupted();
      const before = sender.spent;
      const record = (result: Omit<CheckResult, 'group' | 'name' | 'requests'>) =>
        results.push({ group, name, requests: sender.spent - before, ...result });
      try {
        const violations = await run();
        record({ outcome: violations.length ? 'failed' : 'passed', violations });
        return violations;
      } catch (error) {
        if (options.signal?.aborted) {
          record({ outcome: 'not-run', violations: [], reason: 'the run was interrupted' });
          throw new Interrupted();
        }
        if (error instanceof CheckNotRun) {
          record({ outcome: 'not-run', violations: [], reason: error.reason });
          return undefined;
        }
        if (error instanceof NoAnswer) {
          const found: Violation = {
            operation: `${error.request.method} ${error.request.path}`,
            status: 0,
            where: '(answer)',
            message: `the server gave no answer: ${error.message}`,
            rule: 'no-answer',
            request: error.request,
          };
          record({ outcome: 'failed', violations: [found] });
          return [found];
        }
        throw error;
      }
    },
    notRun(group, name, reason) {
      results.push({ group, name, outcome: 'not-run', violations: [], reason, requests: 0 });
    },
  };
}
