// `npm run contract` against the realistic mock, the first server it must pass on, with the keys an
// API team would have: a Free key (10 requests a minute, 100 a month, one alert, no webhooks) on the
// default budget. The mock's clock stands still and each wait the command makes moves it (see
// support/command-run.ts), so the minute windows a Free run must wait out pass at once; what the run
// spent is counted by the mock, not taken from the run's own report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REQUESTS } from './engine/runner.js';
import { type MockWithTimeline, runCommandInProcess, startMockWithTimeline } from './support/command-run.js';
import { startSplicingProxy } from './support/splicing-proxy.js';

const FREE_KEY = 'YOUR_API_KEY';

let target: MockWithTimeline;
beforeEach(async () => {
  target = await startMockWithTimeline();
});
afterEach(() => target.mock.stop());

function run(
  args: string[],
  env: Record<string, string> = {},
  options: { signal?: AbortSignal; baseUrl?: string } = {},
) {
  return runCommandInProcess(['--base-url', options.baseUrl ?? target.mock.url, '--seed', '11', ...args], {
    env: { AUDIOSCRAPE_API_KEY: FREE_KEY, ...env },
    pacing: target.pacing,
    timeline: target.timeline,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** The key's alerts, asked afresh after the key's minute window has passed. */
async function alertsOf(key: string): Promise<unknown[]> {
  target.mock.api.moveClock({ advanceSeconds: 61 });
  const response = await fetch(`${target.mock.url}/api/notifications`, { headers: { Authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { notifications: unknown[] }).notifications;
}

function summaryLine(output: string, pattern: RegExp): string {
  const line = output.split('\n').find((candidate) => pattern.test(candidate));
  if (!line) throw new Error(`No line matching ${pattern} in:\n${output}`);
  return line;
}

describe('npm run contract against the realistic mock with a Free key', () => {
  it('passes a full run on the default budget: no more requests than the budget, waits announced, no unrequested 429, no alert left behind', async () => {
    const { code, output } = await run([]);
    expect(code, output).toBe(0);
    expect(output).toContain('✔ Passed');
    // Not run: the Prefer examples (the bundled mock's alone) and the 429 (not asked for).
    expect(summaryLine(output, /^ {2}\d+ checks:/)).toMatch(/ 0 failed, 2 not run\.$/);

    const answered = target.requestsAnswered();
    expect(answered).toBeLessThanOrEqual(DEFAULT_MAX_REQUESTS);
    expect(summaryLine(output, /^ {2}Requests:/)).toContain(
      `Requests: ${answered} sent of a budget of ${DEFAULT_MAX_REQUESTS}`,
    );
    // A Free key's 10 a minute is less than the run: it had to wait for the window, and said so.
    expect(target.waits.length).toBeGreaterThan(0);
    expect(output).toMatch(
      /⏳ Waiting \d+ s: your key has used the server's rate-limit window \(X-RateLimit-Remaining: 0\)/,
    );
    expect(target.timeline.filter((line) => / → 429 /.test(line))).toEqual([]);
    expect(output).toContain('no 429 the run did not ask for');
    expect(summaryLine(output, /^ {2}Alerts:/)).toBe('  Alerts: 1 created, 1 deleted, none left behind.');
    expect(await alertsOf(FREE_KEY)).toEqual([]);
  });

  it('prints its plan and budget before the first request', async () => {
    await run([]);
    const firstRequest = target.timeline.findIndex((line) => line.startsWith('request: '));
    const plan = target.timeline.findIndex((line) =>
      line.startsWith(`out: Plan: at most ${DEFAULT_MAX_REQUESTS} requests`),
    );
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(plan).toBeLessThan(firstRequest);
    expect(target.timeline.slice(0, firstRequest).join('\n')).toMatch(
      /not run {2}rate limit {6}not asked for: add --provoke-rate-limit/,
    );
  });

  it("with --provoke-rate-limit reaches the mock's 429, checks it and waits it out, and passes within the default budget", async () => {
    const { code, output } = await run(['--provoke-rate-limit']);
    expect(code, output).toBe(0);
    const refused = target.timeline.filter((line) => / → 429 /.test(line));
    expect(refused).toHaveLength(1);
    expect(output).toMatch(/⏳ Waiting 6\d s: waiting out the 429 this run provoked/);
    expect(target.requestsAnswered()).toBeLessThanOrEqual(DEFAULT_MAX_REQUESTS);
    expect(summaryLine(output, /^ {2}\d+ checks:/)).toMatch(/ 0 failed, 1 not run\.$/);
    expect(await alertsOf(FREE_KEY)).toEqual([]);
  });

  it('checks the webhook 403 and the alert limit with a limited key, and deletes what it made on that key too', async () => {
    const { code, output } = await run(['--max-requests', '60'], {
      AUDIOSCRAPE_API_KEY: 'pro_team-key',
      AUDIOSCRAPE_LIMITED_API_KEY: 'free-limited-key',
    });
    expect(code, output).toBe(0);
    expect(output).toContain('your key: plan pro; the limited key: plan free');
    expect(summaryLine(output, /^ {2}Requests:/)).toMatch(/with the limited key/);
    expect(output).not.toMatch(/Not run \(\d+\)[\s\S]*\[permissions\]/);
    expect(await alertsOf('pro_team-key')).toEqual([]);
    expect(await alertsOf('free-limited-key')).toEqual([]);
  });

  it('shrinks to a small budget: exactly that many requests, and every check it could not afford says why', async () => {
    const { code, output } = await run(['--max-requests', '12']);
    expect(code, output).toBe(0);
    expect(target.requestsAnswered()).toBe(12);
    expect(output).toMatch(/– \[invalid input\] .*: the request budget is spent \(--max-requests 12\)/);
    expect(output).toMatch(/– \[lifecycle\] .*: the request budget is spent \(--max-requests 12\)/);
  });

  it('on a key whose month is used up, stops before the first check, saying the wait is longer than --max-wait', async () => {
    for (let minute = 0; minute < 10; minute += 1) {
      for (let request = 0; request < 10; request += 1)
        await fetch(`${target.mock.url}/api/me`, { headers: { Authorization: 'Bearer spent-key' } });
      target.mock.api.moveClock({ advanceSeconds: 61 });
    }
    const { code, output } = await run([], { AUDIOSCRAPE_API_KEY: 'spent-key' });
    expect(code, output).toBe(2);
    expect(output).toMatch(
      /The run could not go on: your key could not be checked on GET \/api\/me: .*more than --max-wait 2 min/,
    );
    expect(target.timeline.filter((line) => / → 429 /.test(line)).length).toBe(1);
  });

  it('waits out a 429 it did not ask for (Retry-After), sends the request again, and does not count it as a failure', async () => {
    let refusedOnce = false;
    const proxy = await startSplicingProxy(target.mock.url, async (request, forward) => {
      if (
        !refusedOnce &&
        request.path === '/api/v1/search' &&
        request.body.includes('"query"') &&
        request.headers.authorization === `Bearer ${FREE_KEY}`
      ) {
        refusedOnce = true;
        return {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '7' },
          body: '{"error":"Rate Limited","message":"Too many requests","retry_after":7}',
        };
      }
      return forward();
    });
    try {
      const { code, output } = await run([], {}, { baseUrl: proxy.url });
      expect(code, output).toBe(0);
      expect(output).toMatch(
        /⏳ Waiting 8 s: the server answered POST \/api\/v1\/search with a 429 the run did not ask for; waiting as its Retry-After asks, then sending it again \(not counted as a failure\)/,
      );
      expect(output).toContain('1 429(s) the run did not ask for, each waited out and sent again (not failures)');
      expect(proxy.requests.length).toBeLessThanOrEqual(DEFAULT_MAX_REQUESTS);
    } finally {
      await proxy.close();
    }
  });

  it('deletes the alert it created when interrupted mid-lifecycle, and exits 130', async () => {
    const interrupt = new AbortController();
    const proxy = await startSplicingProxy(target.mock.url, async (request, forward) => {
      const answer = await forward();
      // Ctrl-C right after the alert was created, before the run deletes it itself.
      if (request.method === 'POST' && request.path === '/api/notifications' && answer.status === 201)
        interrupt.abort();
      return answer;
    });
    try {
      const { code, output } = await run([], {}, { baseUrl: proxy.url, signal: interrupt.signal });
      expect(code, output).toBe(130);
      expect(output).toContain('▶ cleanup: deleting the 1 alert(s) this run created and did not delete');
      expect(summaryLine(output, /^ {2}Alerts:/)).toBe('  Alerts: 1 created, 1 deleted, none left behind.');
      expect(output).toContain('✘ Interrupted');
      expect(await alertsOf(FREE_KEY)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
