// Keyword alerts as the create-alert description states them: a new alert gets an id and echoes
// what was sent; a plan's `keyword_alerts` caps how many an account keeps and `webhooks_enabled`
// decides whether one may deliver to a webhook; past either, 403.
import { isoSeconds } from './clock.js';
import type { KeyState } from './accounts.js';
import type { Plan } from './plans.js';
import type { JsonObject } from './spec.js';

/** The most one list can return (the spec's maxItems), so also the most the mock keeps per key. */
export const MAX_ALERTS_PER_KEY = 1000;

/** Why the plan refuses this new alert (a 403), or undefined when it may be created. */
export function alertLimitProblem(body: JsonObject, plan: Plan, state: KeyState): string | undefined {
  if (typeof body.webhook_url === 'string' && !plan.webhooksEnabled)
    return `webhooks are not enabled on the ${plan.name} plan`;
  const limit = Math.min(plan.keywordAlerts ?? Number.POSITIVE_INFINITY, MAX_ALERTS_PER_KEY);
  if (state.alerts.length >= limit)
    return `the ${plan.name} plan keeps at most ${limit} keyword alert${limit === 1 ? '' : 's'}`;
  return undefined;
}

export function newAlert(body: JsonObject, id: string, now: number): JsonObject {
  return {
    id,
    search_term: body.search_term,
    webhook_url: body.webhook_url ?? null,
    email_recipient: body.email_recipient ?? null,
    created_at: isoSeconds(now),
    delivery_stats: { total_deliveries: 0, successful_deliveries: 0, failed_deliveries: 0, last_delivery: null },
  };
}
