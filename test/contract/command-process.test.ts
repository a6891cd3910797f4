// `npm run contract` as a process (node scripts/contract.mjs, which loads the TypeScript engine
// itself): its exit codes, its JUnit report, that no key ever reaches its output or the report,
// what it says to a wrong invocation, and Ctrl-C (stop, delete the alert it created, exit 130).
// The servers are the realistic mock on real time, with a Pro or Enterprise key a run cannot exhaust.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';
import { type SplicingProxy, startSplicingProxy } from './support/splicing-proxy.js';

interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runScript(
  args: string[],
  env: Record<string, string>,
  options: { onSpawn?: (child: ChildProcess) => void } = {},
): Promise<ProcessRun> {
  const baseEnv = { ...process.env };
  for (const name of [
    'AUDIOSCRAPE_API_KEY',
    'AUDIOSCRAPE_LIMITED_API_KEY',
    'CONTRACT_BASE_URL',
    'CONTRACT_SEED',
    'CONTRACT_OPTIONAL_HEADERS',
  ])
    delete baseEnv[name];
  const run = runProcess(process.execPath, [path.join(ROOT, 'scripts', 'contract.mjs'), ...args], {
    cwd: ROOT,
    env: { ...baseEnv, ...env },
    ...options,
  });
  return run.then(({ code, signal, stdout, stderr }) => ({ code, signal, stdout, stderr }));
}

const ENTERPRISE_KEY = 'enterprise_process-test-7f3a91';
// One limited (Free) key per test: 10 requests a minute would otherwise make the second test wait.
const LIMITED_KEY = 'free-process-test-limited-c4d2';
const SECOND_LIMITED_KEY = 'free-process-test-limited-9e1b';

let mock: Awaited<ReturnType<typeof startMockServer>>;
let scratch: string;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, quiet: true, print: () => {} });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-contract-command-'));
});
afterAll(async () => {
  await mock.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function alertsOf(key: string): Promise<unknown[]> {
  const response = await fetch(`${mock.url}/api/notifications`, { headers: { Authorization: `Bearer ${key}` } });
  return ((await response.json()) as { notifications: unknown[] }).notifications;
}

describe('npm run contract (the process)', () => {
  it('exits 0 against a correct server, prints the plan first, writes a JUnit report, and never prints a key', async () => {
    const junit = path.join(scratch, 'reports', 'pass.xml');
    const run = await runScript(['--base-url', mock.url, '--report', `junit=${junit}`, '--max-requests', '60'], {
      AUDIOSCRAPE_API_KEY: ENTERPRISE_KEY,
      AUDIOSCRAPE_LIMITED_API_KEY: LIMITED_KEY,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.indexOf('Plan: at most 60 requests')).toBeLessThan(run.stdout.indexOf('▶ account'));
    expect(run.stdout).toContain(`JUnit report: ${junit}`);
    const report = await readFile(junit, 'utf8');
    const checks = Number(/^ {2}(\d+) checks:/m.exec(run.stdout)![1]);
    expect(report).toMatch(
      new RegExp(`<testsuites name="[^"]*" tests="${checks}" failures="0" skipped="\\d+" errors="0">`),
    );
    expect(report).toContain('<testsuite name="lifecycle"');
    expect(report).toContain('<skipped message="only the bundled mock understands Prefer');
    for (const text of [run.stdout, run.stderr, report]) {
      expect(text).not.toContain(ENTERPRISE_KEY);
      expect(text).not.toContain(LIMITED_KEY);
    }
    expect(await alertsOf(ENTERPRISE_KEY)).toEqual([]);
  });

  describe('against a server that crashes on an empty query and echoes the key it was called with', () => {
    let proxy: SplicingProxy;
    beforeAll(async () => {
      proxy = await startSplicingProxy(mock.url, async (request, forward) => {
        if (request.path === '/api/v1/search' && request.body.includes('"query":""')) {
          return {
            status: 500,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              error: 'Internal Server Error',
              message: `crashed serving ${request.headers.authorization}`,
            }),
          };
        }
        const answer = await forward();
        if (answer.status !== 403) return answer;
        return {
          ...answer,
          body: JSON.stringify({ error: 'Forbidden', message: `${request.headers.authorization} may not do that` }),
        };
      });
    });
    afterAll(() => proxy.close());

    it('exits 1, names the defects, reproduces them with the key as $AUDIOSCRAPE_API_KEY, and masks the echoed keys', async () => {
      const junit = path.join(scratch, 'fail.xml');
      const run = await runScript(['--base-url', proxy.url, '--report', `junit=${junit}`], {
        AUDIOSCRAPE_API_KEY: ENTERPRISE_KEY,
        AUDIOSCRAPE_LIMITED_API_KEY: SECOND_LIMITED_KEY,
      });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/✘ invalid-input-4xx · POST \/api\/v1\/search \(search\) · \(status\) · 1 time\(s\)/);
      expect(run.stdout).toMatch(
        /reproduce: curl -X POST '[^']+\/api\/v1\/search' -H 'Accept: application\/json' -H "Authorization: Bearer \$AUDIOSCRAPE_API_KEY" -H 'Content-Type: application\/json' -d '\{"query":""\}'/,
      );
      expect(run.stdout).toMatch(/✘ seed-body-403 · .* got "Bearer \[redacted key\] may not do that"/s);
      const report = await readFile(junit, 'utf8');
      expect(report).toMatch(/<failure message="[^"]*" type="invalid-input-4xx">/);
      expect(report).toContain('Bearer [redacted key] may not do that');
      for (const text of [run.stdout, run.stderr, report]) {
        expect(text).not.toContain(ENTERPRISE_KEY);
        expect(text).not.toContain(SECOND_LIMITED_KEY);
      }
    });
  });

  it.for([
    {
      name: 'no key',
      args: ['--base-url', 'https://staging.example.com'],
      env: {},
      says: 'AUDIOSCRAPE_API_KEY is not set',
    },
    { name: 'no server', args: [], env: { AUDIOSCRAPE_API_KEY: 'k-123456' }, says: 'Which server? Give --base-url' },
    {
      name: 'plain http to another host',
      args: ['--base-url', 'http://staging.example.com'],
      env: { AUDIOSCRAPE_API_KEY: 'k-123456' },
      says: 'is plain http: the key would cross the network unencrypted',
    },
    {
      name: 'a budget that is not a number',
      args: ['--base-url', 'https://staging.example.com', '--max-requests', 'lots'],
      env: { AUDIOSCRAPE_API_KEY: 'k-123456' },
      says: '--max-requests must be a whole number of at least 1, not "lots"',
    },
    {
      name: 'an unknown report format',
      args: ['--base-url', 'https://staging.example.com', '--report', 'html=x'],
      env: { AUDIOSCRAPE_API_KEY: 'k-123456' },
      says: '--report takes junit=FILE, not "html=x"',
    },
  ])('refuses $name with exit 2 and says what to do, before sending anything', async ({ args, env, says }) => {
    const run = await runScript(args, env);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toContain(says);
    expect(run.stdout).toContain('→ ');
    expect(run.stdout).not.toContain('Plan:');
  });

  it('prints its usage with --help and exits 0', async () => {
    const run = await runScript(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run contract -- --base-url <URL> [options]');
    expect(run.stdout).toContain('--limited-key KEY');
  });

  it('stops when the mock is not there, exit 2, saying so', async () => {
    const run = await runScript(['--base-url', 'http://127.0.0.1:9'], { AUDIOSCRAPE_API_KEY: 'k-123456' });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toContain(
      '✘ The run could not go on: the server did not answer GET /api/me (http://127.0.0.1:9): check the URL, and that the server is up.',
    );
  });

  it.skipIf(process.platform === 'win32')(
    process.platform === 'win32'
      ? 'on Ctrl-C … (SKIPPED: Windows has no SIGINT to send a child; the in-process interrupt test covers it)'
      : 'on Ctrl-C finishes the request in flight, deletes the alert it created, and exits 130',
    async () => {
      const key = 'enterprise_process-test-interrupted';
      let child: ChildProcess | undefined;
      let created = false;
      let interrupted = false;
      const proxy = await startSplicingProxy(mock.url, async (request, forward) => {
        const answer = await forward();
        if (request.method === 'POST' && request.path === '/api/notifications' && answer.status === 201) created = true;
        else if (created && !interrupted && request.method === 'GET' && request.path === '/api/notifications') {
          // Ctrl-C while the list after the create is in flight; it answers a moment later.
          interrupted = true;
          child?.kill('SIGINT');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        return answer;
      });
      try {
        const run = await runScript(
          ['--base-url', proxy.url],
          { AUDIOSCRAPE_API_KEY: key },
          { onSpawn: (spawned) => (child = spawned) },
        );
        expect(interrupted).toBe(true);
        expect(run.code, run.stdout + run.stderr).toBe(130);
        expect(run.stderr).toContain('Interrupted: no new checks; deleting the alerts this run created first');
        expect(run.stdout).toContain('Alerts: 1 created, 1 deleted, none left behind.');
        expect(await alertsOf(key)).toEqual([]);
      } finally {
        await proxy.close();
      }
    },
  );
});
