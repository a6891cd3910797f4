// The contract suite: holds a server to the spec the way Schemathesis does, with every case derived
// from the bundled spec. By default it runs against both mocks the global setup starts (the
// realistic one and Prism's static examples); set CONTRACT_BASE_URL (and AUDIOSCRAPE_API_KEY) to
// check any other deployment. CONTRACT_SEED replays the generated inputs of an earlier run.
import { afterAll, describe, expect, it } from 'vitest';
import { contractTargets, type ContractTarget } from '../support/target.js';
import { AUTH_PROBES, checkAuthProbe, checkNegativeCase, checkPositiveInputs, checkPreferCase, checkUndocumentedMethod, checkUnknownPath } from './engine/checks.js';
import { formatViolation, type Violation } from './engine/conformance.js';
import { buildContractSuite, chooseSeed, countCases } from './engine/suite.js';

const seed = chooseSeed();

function expectNoViolations(violations: Violation[]) {
  expect(violations.map(formatViolation)).toEqual([]);
}

describe.each(contractTargets().map((target) => [target.name, target] as const))('against the %s', (_name, target: ContractTarget) => {
  const suite = buildContractSuite(target, { seed });
  const { context } = suite;
  const preferSkipReason = target.isBundledMock ? undefined : `the target (${target.baseUrl}) is not the bundled Prism mock, so it cannot be asked for a status with Prefer`;

  let positiveRunsDone = 0;
  console.log(
    `Contract suite against ${target.name} (${target.baseUrl}): ${countCases(suite, { withPrefer: target.isBundledMock })} planned cases, ` +
      `${suite.positiveRuns} generated valid inputs per operation that takes input, seed ${suite.seed} (replay: CONTRACT_SEED=${suite.seed}).`,
  );
  if (preferSkipReason) console.log(`Skipping the Prefer-driven checks: ${preferSkipReason}.`);
  afterAll(() => console.log(`Contract suite against ${target.name}: ${positiveRunsDone} generated valid inputs sent (seed ${suite.seed}).`));

  describe.each(suite.operations.map((cases) => [cases.entry.label, cases] as const))('%s', (_label, cases) => {
    describe('documented responses, selected with Prefer', () => {
      it.for(cases.preferCases.map((preferCase) => ({ ...preferCase, name: `${preferCase.status}${preferCase.example ? ` ${preferCase.example}` : ''}` })))(
        '$name: status, content type, body schema, headers (and the seed body for 401/403/429)',
        async (preferCase, test) => {
          if (preferSkipReason) test.skip(preferSkipReason);
          expectNoViolations(await checkPreferCase(context, cases, preferCase));
        },
      );
    });

    it.each(AUTH_PROBES.map((probe) => [probe.name, probe] as const))('%s gets the documented 401', async (_name, probe) => {
      expectNoViolations(await checkAuthProbe(context, cases, probe));
    });

    const positiveName = cases.positive
      ? `${suite.positiveRuns} valid inputs generated from the request schema each get a conforming 2xx`
      : 'takes no input, so one valid request (nothing to generate) gets a conforming 2xx';
    it(positiveName, async () => {
      const outcome = await checkPositiveInputs(context, cases, { seed: suite.seed, numRuns: suite.positiveRuns });
      positiveRunsDone += outcome.runs;
      if (outcome.counterexample) console.log(`${cases.entry.label}: smallest failing input: ${outcome.counterexample}`);
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
});
