// The whole contract suite for one server, built from the bundled spec: per operation, the cases
// and which checks apply to the target. Adding an operation to the spec adds its checks here with
// no test edits.
import { loadBundledSpec, operations } from '../../support/openapi.js';
import { createSchemaValidator } from '../../support/schema-validator.js';
import type { ContractTarget } from '../../support/target.js';
import { AUTH_PROBES, type SuiteContext } from './checks.js';
import { type OperationCases, operationCases } from './operation-cases.js';

export const DEFAULT_POSITIVE_RUNS = 100;

export interface ContractSuite {
  context: SuiteContext;
  operations: Array<OperationCases & { documentedMethods: string[] }>;
  seed: number;
  positiveRuns: number;
}

/** CONTRACT_SEED replays a run; otherwise each run explores new inputs (and prints its seed). */
export function chooseSeed(env = process.env): number {
  if (env.CONTRACT_SEED === undefined) return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(env.CONTRACT_SEED);
  if (!Number.isInteger(seed)) throw new Error(`CONTRACT_SEED must be an integer, not "${env.CONTRACT_SEED}"`);
  return seed;
}

export function buildContractSuite(
  target: Pick<ContractTarget, 'baseUrl' | 'apiKey' | 'optionalHeaders'> &
    Partial<Pick<ContractTarget, 'optionalHeadersOn401'>>,
  options: { seed: number; positiveRuns?: number },
): ContractSuite {
  const spec = loadBundledSpec();
  const validator = createSchemaValidator(spec);
  const context: SuiteContext = {
    spec,
    validator,
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    optionalHeaders: target.optionalHeaders,
    optionalHeadersOn401: target.optionalHeadersOn401 ?? target.optionalHeaders,
  };
  const entries = operations(spec);
  return {
    context,
    seed: options.seed,
    positiveRuns: options.positiveRuns ?? DEFAULT_POSITIVE_RUNS,
    operations: entries.map((entry) => ({
      ...operationCases(spec, entry, validator),
      documentedMethods: entries.filter((other) => other.path === entry.path).map((other) => other.method),
    })),
  };
}

/** How many requests the suite's cases amount to (positive runs counted at their planned number). */
export function countCases(suite: ContractSuite, { withPrefer }: { withPrefer: boolean }): number {
  return suite.operations.reduce(
    (total, cases) =>
      total +
      (withPrefer ? cases.preferCases.length : 0) +
      AUTH_PROBES.length +
      (cases.positive ? suite.positiveRuns : 1) +
      cases.negative.length +
      1,
    1,
  );
}
