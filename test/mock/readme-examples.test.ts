// The mock guide's curl lines for frontend teams (guides/mock.md) run as printed (only the mock's URL
// is substituted) against a freshly started mock, and do what the comments above them say.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';

const GUIDE = readFileSync(path.join(ROOT, 'guides', 'mock.md'), 'utf8');
const DOCUMENTED_URL = 'http://127.0.0.1:4010';

/** The first ```sh block under the guide's "The mock server" heading. */
function frontendCurlBlock(): string {
  const section = GUIDE.slice(GUIDE.indexOf('## The mock server'));
  const match = /```sh\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('guides/mock.md has no ```sh block under "## The mock server"');
  return match[1]!;
}

let mock: Awaited<ReturnType<typeof startMockServer>>;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, quiet: true, clock: '2026-11-27T10:00:00Z' });
});
afterAll(() => mock.stop());

function bash(script: string): Promise<{ code: number | null; output: string }> {
  // runProcess gives bash no stdin: with a socket there, Debian's bash reads /etc/bash.bashrc, whose
  // $PS1 check fails under -u and prints an error before the script's output.
  return runProcess('bash', ['-euo', 'pipefail', '-c', script], {
    env: { ...process.env, NO_PROXY: '127.0.0.1' },
  }).then(({ code, output }) => ({ code, output }));
}

it("the mock guide's curl lines run and show a search, the 429 reached by hand, and an alert's life", async () => {
  const block = frontendCurlBlock();
  expect(block).toContain(DOCUMENTED_URL);
  const { code, output } = await bash(block.replaceAll(DOCUMENTED_URL, mock.url));
  expect(code, output).toBe(0);
  const lines = output.split('\n');
  expect(JSON.parse(lines[0]!).meta).toMatchObject({ query: 'climate change', limit: 5, offset: 0 });
  // Ten more searches on the same Free key (10 a minute, the first search counted): nine answered, then 429.
  expect(lines[1]!.trim()).toBe(`${'200 '.repeat(9)}429`);
  expect(output).toMatch(/HTTP\/1\.1 429 Too Many Requests/);
  expect(output).toMatch(/^Retry-After: \d+\r?$/m);
  expect(output).toMatch(/^X-RateLimit-Remaining: 0\r?$/m);
  expect(output).toContain('{"now":"2026-11-27T10:01:00Z"}');
  expect(output).toContain('"id":"2000","search_term":"climate","webhook_url":"https://hooks.example.org/a"');
  expect(output).toContain('{"notifications":[{"id":"2000"');
  expect(output).toMatch(/HTTP\/1\.1 204 No Content/);
  expect(output.trimEnd().endsWith(JSON.stringify({ error: 'Not Found', message: 'Keyword alert not found' }))).toBe(
    true,
  );
});
