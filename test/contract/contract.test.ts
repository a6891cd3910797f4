// The contract suite: holds a server to the spec the way Schemathesis does, with every case derived
// from the bundled spec. By default the server is the Prism mock started by the global setup; set
// CONTRACT_BASE_URL (and AUDIOSCRAPE_API_KEY) to check any other deployment. CONTRACT_SEED replays
// the generated inputs of an earlier run.
import { afterAll, describe, expect, it } from 'vitest';
import { contractTarget } from '../support/target.js';
import { AUTH_PROBES, checkAuthProbe, checkNegativeCase, checkPositiveInputs, checkPreferCase, checkUndocumentedMethod, checkUnknownPath } from './engine/checks.js';
import { formatViolation, type Violation } from './engine/conformance.js';
import { buildContractSuite, chooseSeed, countCases } from './engine/suite.js';

const target = contractTarget();
const suite = buildContractSuite(target, { seed: chooseSeed() });
const { context } = suite;
const preferSkipReason = target.isBundledMock ? undefined : `the target (${target.baseUrl}) is not the bundled Prism mock, so it cannot be asked for a status with Prefer`;

let positiveRunsDone = 0;
console.log(
  `Contract suite against ${target.baseUrl}: ${countCases(suite, { withPrefer: target.isBundledMock })} planned cases, ` +
    `${suite.positiveRuns} generated valid inputs per operation that takes input, seed ${suite.seed} (replay: CONTRACT_SEED=${suite.seed}).`,
);
if (preferSkipReason) console.log(`Skipping the Prefer-driven checks: ${preferSkipReason}.`);
afterAll(() => console.log(`Contract suite: ${positiveRunsDone} generated valid inputs sent (seed ${suite.seed}).`));

/** Prism's answer to a body that is not JSON; its shape breaks the spec's Error schema. */
function isPrismInvalidJsonAnswer(rawBody: string): boolean {
  try {
    return JSON.stringify(JSON.parse(rawBody)) === JSON.stringify({ error: { code: 'invalid_json', message: 'Invalid JSON' } });
  } catch {
    return false;
  }
}

function expectNoViolations(violations: Violation[]) {
  expect(violations.map(formatViolation)).toEqual([]);
}

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
    const ordinary = cases.negative.filter((negative) => negative.kind !== 'malformed-json');
    it.each(ordinary.map((negative) => [negative.name, negative] as const))('%s', async (_name, negative) => {
      expectNoViolations((await checkNegativeCase(context, cases, negative)).violations);
    });

    const malformed = cases.negative.find((negative) => negative.kind === 'malformed-json');
    if (malformed) {
      it('body that is malformed JSON (Prism answers it with its own body: a known mock limitation, listed in the README)', async () => {
        const { response, violations } = await checkNegativeCase(context, cases, malformed);
        if (isPrismInvalidJsonAnswer(response.rawBody)) {
          console.log(`${cases.entry.label}: malformed JSON got ${response.status} with Prism's own body, not the Error schema (known mock limitation).`);
          expect(response.status).toBe(400);
          return;
        }
        expect(target.isBundledMock, "Prism 5.14.2 answered malformed JSON with its own body; if it no longer does, this allowance can go").toBe(false);
        expectNoViolations(violations);
      });
    }
  });

  it('an undocumented method on its path gets 405', async () => {
    expectNoViolations(await checkUndocumentedMethod(context, cases, cases.documentedMethods));
  });
});

it('an unknown path gets 404', async () => {
  expectNoViolations(await checkUnknownPath(context));
});
