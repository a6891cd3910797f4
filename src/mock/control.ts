// The control surface: requests under /__mock/ that drive the mock itself, for tests and demos. It
// is not part of the API, so it is not in the spec or the published docs.
//   GET  /__mock          what the mock does with keys, and these routes
//   POST /__mock/reset    forget every key's counters and alerts and put the clock back
//                         (with Authorization: Bearer KEY, only that key's)
//   GET  /__mock/clock    the mock's time
//   POST /__mock/clock    {"advance_seconds": 60} or {"now": "2026-12-01T00:00:00Z"}: move it forward
//   PUT  /__mock/alerts   {"notifications": [...]}: set the alerts of the key in Authorization
import type { MockApi } from './api.js';
import { INVALID_KEY_PREFIX } from './plans.js';
import { bearerToken, JSON_TYPE, type MockAnswer, type MockRequest, readBody } from './request.js';

export const CONTROL_PREFIX = '/__mock';

const ROUTES: Record<string, string> = {
  'GET /__mock': 'this description',
  'POST /__mock/reset': 'forget all state and put the clock back; with Authorization: Bearer KEY, only that key',
  'GET /__mock/clock': "the mock's time",
  'POST /__mock/clock': 'move the clock forward: {"advance_seconds": 60} or {"now": "2026-12-01T00:00:00Z"}',
  'PUT /__mock/alerts': 'set the keyword alerts of the key in Authorization: {"notifications": [...]}',
};

export const KEY_CONVENTION = {
  'pro_…': 'Pro plan',
  'enterprise_…': 'Enterprise plan',
  [`${INVALID_KEY_PREFIX}…`]: 'refused with 401, as an invalid key',
  'any other key (YOUR_API_KEY too)': 'Free plan',
};

export function isControlRequest(request: MockRequest): boolean {
  return request.path === CONTROL_PREFIX || request.path.startsWith(`${CONTROL_PREFIX}/`);
}

function answer(status: number, body?: unknown, problem?: string): MockAnswer {
  const note = { operationId: 'mock control', ...(problem ? { problem } : {}) };
  return body === undefined ? { status, headers: {}, note } : { status, headers: { ...JSON_TYPE }, body, note };
}

function refuse(status: number, title: string, message: string): MockAnswer {
  return answer(status, { error: title, message }, message);
}

function jsonBody(request: MockRequest): { value?: Record<string, unknown>; problem?: string } {
  const body = readBody(request);
  if (body.kind === 'json' && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value)) {
    return { value: body.value as Record<string, unknown> };
  }
  return { problem: 'Send a JSON object with Content-Type: application/json.' };
}

function moveClock(api: MockApi, request: MockRequest): MockAnswer {
  const { value, problem } = jsonBody(request);
  if (!value) return refuse(400, 'Bad Request', problem!);
  const { advance_seconds: seconds, now } = value;
  const valid =
    (typeof seconds === 'number' &&
      Number.isFinite(seconds) &&
      seconds >= 0 &&
      seconds <= 400 * 86_400 &&
      now === undefined) ||
    (typeof now === 'string' && seconds === undefined);
  if (!valid)
    return refuse(400, 'Bad Request', 'Send {"advance_seconds": <0 to 34560000>} or {"now": "<ISO date-time>"}.');
  try {
    api.moveClock(typeof now === 'string' ? { to: now } : { advanceSeconds: seconds as number });
  } catch (error) {
    return refuse(400, 'Bad Request', (error as Error).message);
  }
  return answer(200, { now: api.nowIso() });
}

function seedAlerts(api: MockApi, request: MockRequest): MockAnswer {
  const key = bearerToken(request.headers.authorization);
  if (key === undefined) return refuse(400, 'Bad Request', 'Say whose alerts to set with Authorization: Bearer KEY.');
  const { value, problem } = jsonBody(request);
  if (!value) return refuse(400, 'Bad Request', problem!);
  try {
    return answer(200, { notifications: api.seedAlerts(key, value) });
  } catch (error) {
    return refuse(400, 'Bad Request', (error as Error).message);
  }
}

/** Answers a request under /__mock/. */
export function handleControl(api: MockApi, request: MockRequest): MockAnswer {
  const route = `${request.method.toUpperCase()} ${request.path.replace(/\/+$/, '') || CONTROL_PREFIX}`;
  switch (route) {
    case 'GET /__mock':
      return answer(200, { keys: KEY_CONVENTION, routes: ROUTES, now: api.nowIso() });
    case 'POST /__mock/reset':
      api.reset(bearerToken(request.headers.authorization));
      return answer(204);
    case 'GET /__mock/clock':
      return answer(200, { now: api.nowIso() });
    case 'POST /__mock/clock':
      return moveClock(api, request);
    case 'PUT /__mock/alerts':
      return seedAlerts(api, request);
    default: {
      const known = Object.keys(ROUTES).filter((entry) => entry.endsWith(` ${request.path}`));
      if (known.length > 0)
        return {
          ...refuse(405, 'Method Not Allowed', `Use ${known.join(' or ')}.`),
          headers: { ...JSON_TYPE, Allow: known.map((entry) => entry.split(' ')[0]).join(', ') },
        };
      return refuse(404, 'Not Found', `No control route ${route}. Routes: ${Object.keys(ROUTES).join('; ')}.`);
    }
  }
}
