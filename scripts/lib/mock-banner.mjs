// What `npm run mock` and `npm start` print once the mock is up: its URL and mode, the key
// convention with each plan's limits, the Prefer menu (every status and named example per
// operation), the control surface, and a first request to paste.
import { describeMockableResponses } from './mock-server.mjs';

const number = (value) => (value === null ? 'unlimited' : value.toLocaleString('en-US'));

function modeLine(mode, { seed, clock }) {
  if (mode === 'static') return "Prism's examples from the spec (--static)";
  if (mode === 'dynamic') return `data generated from the schemas, seed ${seed} (--dynamic)`;
  return `realistic: plans, rate limits and keyword alerts that remember; clock ${clock ? `stopped at ${clock}` : 'real time'}`;
}

function keyLines(plans) {
  const byName = Object.fromEntries(plans.map((plan) => [plan.name, plan]));
  const describe = (plan) =>
    `${number(plan.requestsPerMinute)}/minute, ${number(plan.requestsPerMonth)}/month, ${number(plan.keywordAlerts)} keyword alert(s), webhooks ${plan.webhooksEnabled ? 'on' : 'off'}`;
  return [
    '  Keys (Authorization: Bearer <key>) decide the plan:',
    `    pro_…          Pro: ${describe(byName.pro)}`,
    `    enterprise_…   Enterprise: ${describe(byName.enterprise)}`,
    '    invalid_…      refused with 401 Unauthorized',
    `    anything else  Free (YOUR_API_KEY too): ${describe(byName.free)}`,
  ];
}

/**
 * @param {string} url
 * @param {{ mode?: string, seed?: string | number, clock?: string, plans?: Array<object> }} options
 */
export async function mockBanner(url, { mode = 'realistic', seed = 1, clock, plans = [] } = {}) {
  const lines = [`Mock API: ${url}  (${modeLine(mode, { seed, clock })})`];
  if (mode === 'realistic') lines.push(...keyLines(plans));
  else lines.push('  Send any non-empty bearer token: Authorization: Bearer anything');
  lines.push('  Ask for a documented answer with Prefer: code=<status> or Prefer: example=<name>:');
  for (const operation of await describeMockableResponses()) {
    lines.push(`    ${operation.method.padEnd(6)} ${operation.path}  (${operation.operationId})`);
    for (const { status, examples } of operation.responses) {
      lines.push(`        ${status}${examples.length ? `  examples: ${examples.join(', ')}` : ''}`);
    }
  }
  if (mode === 'realistic') {
    lines.push(
      '  Control the mock (not part of the API): GET /__mock · POST /__mock/reset · POST /__mock/clock {"advance_seconds": 60} · PUT /__mock/alerts',
      `  Try: curl -X POST ${url}/api/v1/search -H "Authorization: Bearer YOUR_API_KEY" -H "Content-Type: application/json" -d '{"query": "climate change", "limit": 5}'`,
    );
  }
  return lines.join('\n');
}
