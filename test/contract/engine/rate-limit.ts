// The 429, provoked on request (--provoke-rate-limit) and never by accident: requests with the key
// until the server answers 429, which must carry the authentication page's body, a `retry_after`
// equal to Retry-After, and X-RateLimit-Remaining: 0; then the run waits as long as the server said
// and the next request must get through. The cheapest moment to provoke is when the server has just
// said X-RateLimit-Remaining: 0 (one request), so the command does it then if it can.
import type { SuiteContext } from './checks.js';
import { checkResponse, type Violation } from './conformance.js';
import { expectSeedBody, expectStatus, parseJson, violation } from './expectations.js';
import type { ApiResponse } from './http.js';
import type { OperationCases } from './operation-cases.js';
import { buildRequest } from './operation-cases.js';
import { type PacedSender, retryAfterMs } from './paced-sender.js';
import { CheckNotRun, type CheckRecorder } from './results.js';

export const GROUP = 'rate limit';

function check429(context: SuiteContext, cases: OperationCases, response: ApiResponse): Violation[] {
  const { label } = cases.entry;
  // A missing Retry-After is this check's finding, whatever rule found it.
  const conformance = checkResponse(context, cases.entry, response).map((found) =>
    found.where === 'header Retry-After' ? { ...found, rule: 'rate-limit-429' } : found,
  );
  const violations = [...conformance, ...expectSeedBody(label, response, 429)];
  const header = response.headers.get('retry-after');
  const bodyRetryAfter = (parseJson(response.rawBody) as { retry_after?: unknown } | undefined)?.retry_after;
  if (header === null && context.optionalHeaders === 'allow-missing' && !Number.isInteger(bodyRetryAfter)) {
    violations.push(
      violation(
        'rate-limit-429',
        label,
        response,
        'header Retry-After',
        'is missing, and the body has no retry_after either: nothing says how long to wait',
      ),
    );
  }
  if (header !== null && Number.isInteger(bodyRetryAfter) && String(bodyRetryAfter) !== header.trim()) {
    violations.push(
      violation(
        'rate-limit-429',
        label,
        response,
        'body /retry_after',
        `is ${bodyRetryAfter}, but Retry-After says ${JSON.stringify(header)}: they must be the same number`,
      ),
    );
  }
  const remaining = response.headers.get('x-ratelimit-remaining');
  if (remaining !== null && remaining.trim() !== '0') {
    violations.push(
      violation(
        'rate-limit-429',
        label,
        response,
        'header X-RateLimit-Remaining',
        `is ${JSON.stringify(remaining)} on a 429; it must be 0`,
      ),
    );
  }
  return violations;
}

export interface ProvokeOptions {
  key: string;
  /** The most requests the burst may send looking for the 429. */
  maxBurst: number;
  /** Why the burst may not be longer, for the report when no 429 came. */
  burstLimit: string;
}

/**
 * Sends GET-like requests (an operation without input or side effects) until the 429, checks it,
 * waits it out and checks that the server lets the next request through. Two recorded checks.
 */
export async function provokeRateLimit(
  context: SuiteContext,
  cases: OperationCases,
  sender: PacedSender,
  recorder: CheckRecorder,
  options: ProvokeOptions,
): Promise<void> {
  const request = buildRequest(cases.entry, cases.validInput, { apiKey: options.key });
  const { label } = cases.entry;
  let refused: ApiResponse | undefined;
  await recorder.check(
    GROUP,
    `${label}: requests until the server answers 429 get the authentication page's 429 body, retry_after equal to Retry-After, and X-RateLimit-Remaining: 0`,
    async () => {
      const violations: Violation[] = [];
      for (let sent = 0; sent < options.maxBurst; sent += 1) {
        const saidExhausted = sender.serverSaidExhausted(options.key);
        const response = await sender.sendWith(request, { provoke: true });
        if (response.status === 429) {
          refused = response;
          return [...violations, ...check429(context, cases, response)];
        }
        if (saidExhausted) {
          return [
            violation(
              'rate-limit-remaining',
              label,
              response,
              'header X-RateLimit-Remaining',
              `was 0 on the answer before, which promises a 429 to the next request, but it got ${response.status}`,
            ),
          ];
        }
        violations.push(
          ...expectStatus(
            'valid-input-2xx',
            label,
            response,
            (status) => status >= 200 && status < 300,
            'a 2xx or the 429',
          ),
          ...checkResponse(context, cases.entry, response),
        );
        if (violations.length) return violations;
      }
      throw new CheckNotRun(`no 429 came after ${options.maxBurst} request(s): ${options.burstLimit}`);
    },
  );

  const recoveryName = `${label}: after waiting as long as the 429 says, the next request gets through`;
  if (!refused) return recorder.notRun(GROUP, recoveryName, 'there was no 429 to wait out');
  const wait = retryAfterMs(refused, sender.now());
  if (wait === undefined)
    return recorder.notRun(
      GROUP,
      recoveryName,
      'the 429 said neither in Retry-After nor in retry_after how long to wait',
    );
  await recorder.check(GROUP, recoveryName, async () => {
    sender.assertWaitAllowed(wait, `the provoked 429 asks to wait (Retry-After ${Math.round(wait / 1000)} s)`);
    await sender.wait(
      wait + 500,
      `waiting out the 429 this run provoked, as long as it says (Retry-After: ${Math.round(wait / 1000)} s), to check the server lets the next request through.`,
    );
    const response = await sender.sendWith(request, { provoke: true });
    const statusViolations = expectStatus(
      'rate-limit-recovery',
      label,
      response,
      (status) => status >= 200 && status < 300,
      `a 2xx after waiting the ${Math.round(wait / 1000)} s the 429 asked for`,
    );
    return statusViolations.length ? statusViolations : checkResponse(context, cases.entry, response);
  });
}
