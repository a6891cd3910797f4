// What GET /api/me says about a key, as far as the command needs it: the plan's name, how many
// keyword alerts it keeps, whether it has webhooks; and each plan's requests per minute from the
// spec's own rate-limit table, to pace a server that sends no rate headers.
import type { JsonObject } from '../../support/openapi.js';
import { parseJson } from './expectations.js';
import type { ApiResponse } from './http.js';

/** How the output names each key (never by its value). */
export const KEY_NAMES = { main: 'your key', limited: 'the limited key' } as const;

export interface Account {
  plan?: string;
  limits: { alertLimit: number | null | undefined; webhooksEnabled: boolean | undefined };
}

export function readAccount(response: ApiResponse): Account {
  const body = parseJson(response.rawBody) as JsonObject | undefined;
  const limits = body?.plan?.limits ?? {};
  return {
    plan: typeof body?.plan?.name === 'string' ? body.plan.name : undefined,
    limits: {
      alertLimit:
        limits.keyword_alerts === null
          ? null
          : typeof limits.keyword_alerts === 'number'
            ? limits.keyword_alerts
            : undefined,
      webhooksEnabled: typeof limits.webhooks_enabled === 'boolean' ? limits.webhooks_enabled : undefined,
    },
  };
}

/** Each plan's requests per minute from the spec's rate-limit table (`| Free | 100 | 10/minute |`). */
export function perMinuteByPlan(spec: JsonObject): Map<string, number> {
  const rows = String(spec.info?.description ?? '').matchAll(
    /^\|\s*([A-Za-z]+)\s*\|[^|\n]*\|\s*(\d[\d,]*)\/minute\s*\|\s*$/gm,
  );
  return new Map([...rows].map((match) => [match[1]!.toLowerCase(), Number(match[2]!.replace(/,/g, ''))]));
}
