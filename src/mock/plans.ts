// The plans, read from the contract itself: the request limits from the rate-limit table in the
// spec's guide (the authentication page's table: Free 100 a month and 10 a minute, Pro 10,000 and
// 100, Enterprise unlimited and custom), and everything else a plan allows (keyword alerts,
// webhooks, ...) from the `GET /api/me` examples, one per plan. Which plan a key is on follows a
// convention a UI developer can type: see planNameForKey.
import { documentedResponse, type JsonObject, listOperations, namedExamples } from './spec.js';

export type PlanName = 'free' | 'pro' | 'enterprise';

export interface Plan {
  name: PlanName;
  requestsPerMinute: number;
  /** `null`: unlimited. */
  requestsPerMonth: number | null;
  /** `GET /api/me`'s body for an account on this plan (its example in the spec). */
  account: JsonObject;
  /** How many keyword alerts an account may keep; `null`: unlimited. */
  keywordAlerts: number | null;
  webhooksEnabled: boolean;
}

/** "Custom" in the table: Enterprise limits are negotiated. The mock stands in with this. */
export const ENTERPRISE_REQUESTS_PER_MINUTE = 10_000;

const KEY_PREFIXES: Array<[prefix: string, plan: PlanName]> = [
  ['pro_', 'pro'],
  ['enterprise_', 'enterprise'],
];
/** Keys starting with this are refused with the API's 401, as a revoked or mistyped key would be. */
export const INVALID_KEY_PREFIX = 'invalid_';

/** `pro_…` is on Pro, `enterprise_…` on Enterprise, any other key (YOUR_API_KEY too) on Free. */
export function planNameForKey(key: string): PlanName {
  return KEY_PREFIXES.find(([prefix]) => key.startsWith(prefix))?.[1] ?? 'free';
}

const TABLE_ROW =
  /^\|\s*(Free|Pro|Enterprise)\s*\|\s*([\d,]+|Unlimited)\s*\|\s*(?:(\d[\d,]*)\/minute|Custom)\s*\|\s*$/gim;

function parseCount(text: string): number {
  return Number(text.replace(/,/g, ''));
}

function readRateTable(spec: JsonObject): Map<PlanName, { perMinute: number; perMonth: number | null }> {
  const description = String(spec.info?.description ?? '');
  const rows = new Map<PlanName, { perMinute: number; perMonth: number | null }>();
  for (const match of description.matchAll(TABLE_ROW)) {
    const name = match[1]!.toLowerCase() as PlanName;
    rows.set(name, {
      perMonth: match[2]!.toLowerCase() === 'unlimited' ? null : parseCount(match[2]!),
      perMinute: match[3] === undefined ? ENTERPRISE_REQUESTS_PER_MINUTE : parseCount(match[3]),
    });
  }
  return rows;
}

function readAccountExamples(spec: JsonObject): Map<string, JsonObject> {
  const getMe = listOperations(spec).find((operation) => operation.operationId === 'getMe');
  const examples = getMe ? namedExamples(spec, documentedResponse(spec, getMe, 200)) : [];
  return new Map(examples.map(([, value]) => [String((value as JsonObject)?.plan?.name), value as JsonObject]));
}

/** The three plans, or an error naming what the spec is missing. */
export function readPlans(spec: JsonObject): Map<PlanName, Plan> {
  const rates = readRateTable(spec);
  const accounts = readAccountExamples(spec);
  const plans = new Map<PlanName, Plan>();
  for (const name of ['free', 'pro', 'enterprise'] as const) {
    const rate = rates.get(name);
    if (!rate)
      throw new Error(
        `The spec's rate-limit table (info.description) has no row for ${name}, like "| Free | 100 | 10/minute |".`,
      );
    const account = accounts.get(name);
    if (!account)
      throw new Error(`GET /api/me has no 200 example for an account on the ${name} plan (plan.name: ${name}).`);
    const limits: JsonObject = account.plan.limits;
    plans.set(name, {
      name,
      requestsPerMinute: rate.perMinute,
      requestsPerMonth: rate.perMonth,
      account,
      keywordAlerts: limits.keyword_alerts ?? null,
      webhooksEnabled: limits.webhooks_enabled === true,
    });
  }
  return plans;
}
