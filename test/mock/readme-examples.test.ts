// The README's curl lines for frontend teams run as printed (only the mock's URL is substituted)
// against a freshly started mock, and do what the comments above them say.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { ROOT } from '../support/paths.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const DOCUMENTED_URL = 'http://127.0.0.1:4010';

/** The first ```sh block after the frontend section's heading. */
function frontendCurlBlock(): string {
  const section = README.slice(README.indexOf('## For frontend teams'));
  const match = /```sh\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('The README has no ```sh block under "For frontend teams"');
  return match[1]!;
}

let mock: Awaited<ReturnType<typeof startMockServer>>;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, quiet: true, clock: '2026-11-27T10:00:00Z' });
});
afterAll(() => mock.stop());

function bash(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // stdin is not a socket: Debian's bash then reads /etc/bash.bashrc (when SHLVL < 2), whose $PS1
    // check fails under -u and prints an error before the script's output.
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, NO_PROXY: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

it("the README's frontend curl lines run and show a search, the 429 reached by hand, and an alert's life", async () => {
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
  expect(output.trimEnd().endsWith(JSON.stringify({ error: 'Not Found', message: 'Keyword alert not found' }))).toBe(true);
});
