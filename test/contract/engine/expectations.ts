// The small assertions every check is made of: a status, a body compared field by field, the
// authentication page's exact error bodies. Each returns violations (empty: as expected), naming
// the operation, the status, where, the rule broken and the request that got the answer.
import type { JsonObject } from '../../support/openapi.js';
import { seedErrorBodies } from '../../support/seed.js';
import type { Violation } from './conformance.js';
import type { ApiResponse } from './http.js';

/** `label` names the operation (or the probe) in the report, e.g. `GET /api/me (getMe)`. */
export function violation(
  rule: string,
  label: string,
  response: ApiResponse,
  where: string,
  message: string,
): Violation {
  return {
    operation: label,
    status: response.status,
    where,
    message,
    rule,
    ...(response.request ? { request: response.request } : {}),
  };
}

export function expectStatus(
  rule: string,
  label: string,
  response: ApiResponse,
  expected: number | ((status: number) => boolean),
  description: string,
): Violation[] {
  const ok = typeof expected === 'number' ? response.status === expected : expected(response.status);
  return ok ? [] : [violation(rule, label, response, '(status)', `expected ${description}, got ${response.status}`)];
}

/** Field-by-field comparison, so a wrong body is reported at the JSON path that differs. */
export function compareJson(
  rule: string,
  label: string,
  response: ApiResponse,
  expected: unknown,
  actual: unknown,
  path = '',
): Violation[] {
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(expected)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) =>
      compareJson(rule, label, response, (expected as JsonObject)[key], (actual as JsonObject)[key], `${path}/${key}`),
    );
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [
        violation(
          rule,
          label,
          response,
          `body ${path || '(root)'}`,
          `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
        ),
      ];
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The authentication page's body for a status (401, 403, 429), compared byte for byte with its
 * compact JSON. A 429's `retry_after` is the server's to choose, so it is taken from the answer
 * (it must be an integer) and the rest must match.
 */
export function expectSeedBody(label: string, response: ApiResponse, status: number): Violation[] {
  const seed = seedErrorBodies().find((body) => body.status === status);
  if (!seed) return [];
  const rule = `seed-body-${status}`;
  const actual = parseJson(response.rawBody);
  if (actual === undefined) {
    return [
      violation(
        rule,
        label,
        response,
        'body',
        `expected the documented ${status} body ${JSON.stringify(seed.body)}, got ${JSON.stringify(response.rawBody.slice(0, 120))}`,
      ),
    ];
  }
  const expected = { ...seed.body };
  if (
    'retry_after' in expected &&
    actual &&
    typeof actual === 'object' &&
    Number.isInteger((actual as JsonObject).retry_after)
  ) {
    expected.retry_after = (actual as JsonObject).retry_after;
  }
  const canonical = JSON.stringify(expected);
  if (response.rawBody === canonical) return [];
  const differences = compareJson(rule, label, response, expected, actual);
  return differences.length
    ? differences
    : [
        violation(
          rule,
          label,
          response,
          'body',
          `same fields as the documented ${status} body but not the same bytes: ${response.rawBody}`,
        ),
      ];
}
