// What `npm run mock` and `npm start` print once the mock is up: its URL and, per operation, every
// status and named example a frontend can ask for with the Prefer header.
import { describeMockableResponses } from './mock-server.mjs';

export async function mockBanner(url, { dynamic, seed }) {
  const lines = [
    `Mock API: ${url}  (${dynamic ? `dynamic data, seed ${seed}` : 'examples from the spec'})`,
    '  Send any non-empty bearer token: Authorization: Bearer anything',
    '  Pick a response with Prefer: code=<status> or Prefer: example=<name>',
  ];
  for (const operation of await describeMockableResponses()) {
    lines.push(`  ${operation.method.padEnd(6)} ${operation.path}  (${operation.operationId})`);
    for (const { status, examples } of operation.responses) {
      lines.push(`      ${status}${examples.length ? `  examples: ${examples.join(', ')}` : ''}`);
    }
  }
  return lines.join('\n');
}
