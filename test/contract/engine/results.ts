// What a run of the contract checks found, check by check: passed, failed (with the violations), or
// not run (with the reason, so nothing passes silently). Shared by the command, its report and the
// vitest suite.
import type { Violation } from './conformance.js';

export type Outcome = 'passed' | 'failed' | 'not-run';

export interface CheckResult {
  /** `authentication`, `invalid input`, `lifecycle`, …: how the plan, summary and JUnit report group checks. */
  group: string;
  /** What the check proves, e.g. `POST /api/v1/search (search): no Authorization header gets the 401`. */
  name: string;
  outcome: Outcome;
  violations: Violation[];
  /** Why the check did not run (outcome `not-run`). */
  reason?: string;
  /** Requests the check sent. */
  requests: number;
}

/** Thrown by a check (or the sender under it) that cannot go on; the check is recorded as not run. */
export class CheckNotRun extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CheckNotRun';
  }
}

/** Runs checks and keeps their results: the one way stateful checks report their steps. */
export interface CheckRecorder {
  /** Runs one check; returns its violations, or undefined when it did not run. */
  check(group: string, name: string, run: () => Promise<Violation[]>): Promise<Violation[] | undefined>;
  /** Records a check that cannot run, and why. */
  notRun(group: string, name: string, reason: string): void;
}

/** A recorder that runs each check straight away and only collects results (the vitest suite's). */
export function collectingRecorder(): CheckRecorder & { results: CheckResult[] } {
  const results: CheckResult[] = [];
  return {
    results,
    async check(group, name, run) {
      try {
        const violations = await run();
        results.push({ group, name, outcome: violations.length ? 'failed' : 'passed', violations, requests: 0 });
        return violations;
      } catch (error) {
        if (!(error instanceof CheckNotRun)) throw error;
        results.push({ group, name, outcome: 'not-run', violations: [], reason: error.reason, requests: 0 });
        return undefined;
      }
    },
    notRun(group, name, reason) {
      results.push({ group, name, outcome: 'not-run', violations: [], reason, requests: 0 });
    },
  };
}
