// `npm run mock` as a command: the banner (mode, keys and plans, the Prefer menu, the control
// surface), the realistic mock by default, Prism's examples with --static and repeatable generated
// data with --dynamic --seed, the console's one line per request, and a clear failure on a taken
// port. What the realistic mock does is tested in realistic-mock.test.ts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { checkResponse } from '../contract/engine/conformance.js';
import { namedExamples, loadBundledSpec, operations, resolve } from '../support/openapi.js';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { startCommand, type RunningCommand } from '../support/processes.js';
import { createSchemaValidator } from '../support/schema-validator.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);
const getMe = operations(spec).find((entry) => entry.operation.operationId === 'getMe')!;

async function startMock(...args: string[]): Promise<{ mock: RunningCommand; url: string }> {
  const port = await findFreePort();
  const mock = startCommand(
    process.execPath,
    [path.join(ROOT, 'scripts', 'mock.mjs'), '--port', String(port), ...args],
    { cwd: ROOT },
  );
  await mock.waitFor(/Serving until Ctrl-C/);
  return { mock, url: `http://127.0.0.1:${port}` };
}

async function stop(mock: RunningCommand) {
  mock.child.kill('SIGTERM');
  return mock.exited;
}

async function getAccount(url: string) {
  const response = await fetch(`${url}/api/me`, { headers: { Authorization: 'Bearer any-token' } });
  return { status: response.status, headers: response.headers, rawBody: await response.text() };
}

function expectPreferMenu(banner: string) {
  for (const entry of operations(spec)) {
    expect(banner).toContain(`(${entry.operation.operationId})`);
    for (const [status, response] of Object.entries<any>(entry.operation.responses)) {
      const names = Object.values<any>(resolve(spec, response).content ?? {}).flatMap((mediaType) =>
        namedExamples(spec, mediaType).map(([name]) => name),
      );
      expect(banner).toContain(`        ${status}${names.length ? `  examples: ${names.join(', ')}` : ''}`);
    }
  }
}

describe('npm run mock', () => {
  it('serves the realistic mock by default: banner with keys, plans, Prefer menu and control surface; one console line per request', async () => {
    const { mock, url } = await startMock();
    try {
      const banner = mock.output();
      expect(banner).toContain(
        `Mock API: ${url}  (realistic: plans, rate limits and keyword alerts that remember; clock real time)`,
      );
      // The plan figures come from the spec's own table (10/minute and 100/month on Free, ...).
      expect(banner).toMatch(/pro_… +Pro: 100\/minute, 10,000\/month, 25 keyword alert\(s\), webhooks on/);
      expect(banner).toMatch(
        /enterprise_… +Enterprise: 10,000\/minute, unlimited\/month, unlimited keyword alert\(s\), webhooks on/,
      );
      expect(banner).toMatch(/invalid_… +refused with 401 Unauthorized/);
      expect(banner).toMatch(
        /anything else +Free \(YOUR_API_KEY too\): 10\/minute, 100\/month, 1 keyword alert\(s\), webhooks off/,
      );
      expect(banner).toContain('POST /__mock/reset');
      expectPreferMenu(banner);

      const [exampleName, example] = namedExamples(
        spec,
        getMe.operation.responses['200'].content['application/json'],
      )[1]!;
      const preferred = await fetch(`${url}/api/me`, {
        headers: { Authorization: 'Bearer any-token', Prefer: `example=${exampleName}` },
      });
      expect(await preferred.json()).toEqual(example.value);
      const valid = await fetch(`${url}/api/notifications/no-such-alert`, {
        method: 'DELETE',
        headers: { Authorization: 'Bearer pro_console' },
      });
      expect(valid.status).toBe(404);
      const malformed = await fetch(`${url}/api/v1/search`, {
        method: 'POST',
        headers: { Authorization: 'Bearer pro_console', 'Content-Type': 'application/json' },
        body: '{"query": ',
      });
      expect(malformed.status).toBe(400);
      await mock.waitFor(/POST \/api\/v1\/search → 400/);

      const lines = mock.output().split('\n');
      const line = (pattern: RegExp) => lines.filter((candidate) => pattern.test(candidate));
      expect(line(/GET \/api\/me → 200 {2}free {2}\d+\.\d ms$/)).toHaveLength(1);
      expect(
        line(
          /DELETE \/api\/notifications\/no-such-alert → 404 {2}pro {2}\d+\.\d ms {2}· no keyword alert no-such-alert on this key$/,
        ),
      ).toHaveLength(1);
      expect(
        line(
          /POST \/api\/v1\/search → 400 {2}pro {2}\d+\.\d ms {2}· Invalid request: the request body is not valid JSON/,
        ),
      ).toHaveLength(1);
      // The reason is printed once, on the request's own line, and nothing warns about anything else.
      expect(mock.output().match(/not valid JSON/g)).toHaveLength(1);
      expect(mock.output()).not.toMatch(/broke the contract|warn/i);
    } finally {
      expect(await stop(mock)).toBe(0);
    }
  });

  it("--static serves Prism's examples, --quiet prints no request lines", async () => {
    const { mock, url } = await startMock('--static', '--quiet');
    try {
      expect(mock.output()).toContain(`Mock API: ${url}  (Prism's examples from the spec (--static))`);
      expectPreferMenu(mock.output());
      const response = await fetch(`${url}/api/me`, { headers: { Authorization: 'Bearer any-token' } });
      const [, firstExample] = namedExamples(spec, getMe.operation.responses['200'].content['application/json'])[0]!;
      expect(await response.json()).toEqual(firstExample.value);
      const badEscape = await fetch(`${url}/api/notifications/%zz`, {
        method: 'DELETE',
        headers: { Authorization: 'Bearer any-token' },
      });
      expect(badEscape.status).toBe(400);
      expect(Object.keys(await badEscape.json()).sort()).toEqual(['error', 'message']);
      expect(mock.output()).not.toMatch(/GET \/api\/me →/);
    } finally {
      expect(await stop(mock)).toBe(0);
    }
  });

  it('--clock starts the clock at that instant and keeps it still', async () => {
    const { mock, url } = await startMock('--clock', '2026-11-27T10:00:00Z', '--quiet');
    try {
      const clock = async () => ((await (await fetch(`${url}/__mock/clock`)).json()) as { now: string }).now;
      expect(await clock()).toBe('2026-11-27T10:00:00Z');
      const me = await fetch(`${url}/api/me`, { headers: { Authorization: 'Bearer pro_clock' } });
      expect(me.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2026-11-27T10:01:00Z') / 1000));
      expect(await clock()).toBe('2026-11-27T10:00:00Z');
    } finally {
      expect(await stop(mock)).toBe(0);
    }
  });

  it('--dynamic --seed generates data that conforms to the spec, the same for the same seed', async () => {
    const [first, second, other] = await Promise.all([
      startMock('--dynamic', '--seed', '7'),
      startMock('--dynamic', '--seed', '7'),
      startMock('--dynamic', '--seed', '8'),
    ]);
    try {
      expect(first.mock.output()).toContain('(data generated from the schemas, seed 7 (--dynamic))');
      const [a, b, c] = await Promise.all([getAccount(first.url), getAccount(second.url), getAccount(other.url)]);
      for (const response of [a, b, c]) {
        expect(checkResponse({ spec, validator, optionalHeaders: 'expect' }, getMe, response)).toEqual([]);
      }
      expect(b.rawBody).toBe(a.rawBody);
      expect(c.rawBody).not.toBe(a.rawBody);
      // Generated, but not nonsense: a field with examples in the spec takes one, and a 429 is the
      // documented body whose retry_after agrees with Retry-After.
      const apiVersionExamples = resolve(spec, spec.components.schemas.ApiVersion).examples;
      expect(apiVersionExamples).toContain(JSON.parse(a.rawBody).api_version);
      const limited = await fetch(`${first.url}/api/me`, {
        headers: { Authorization: 'Bearer any-token', Prefer: 'code=429' },
      });
      const limitedBody = await limited.json();
      expect(limitedBody).toEqual(
        namedExamples(spec, resolve(spec, getMe.operation.responses['429']).content['application/json'])[0]![1].value,
      );
      expect(limited.headers.get('retry-after')).toBe(String(limitedBody.retry_after));
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await Promise.all([first, second, other].map(({ mock }) => stop(mock)));
    }
  });

  it('refuses --static with --dynamic, and a --clock that is not a time, saying why', async () => {
    const both = startCommand(process.execPath, [path.join(ROOT, 'scripts', 'mock.mjs'), '--static', '--dynamic'], {
      cwd: ROOT,
    });
    expect(await both.exited).toBe(1);
    expect(both.output()).toContain('Choose --static or --dynamic, not both.');
    const badClock = startCommand(process.execPath, [path.join(ROOT, 'scripts', 'mock.mjs'), '--clock', 'tomorrow'], {
      cwd: ROOT,
    });
    expect(await badClock.exited).toBe(1);
    expect(badClock.output()).toContain(
      '--clock must be a date and time such as 2026-11-27T10:00:00Z, not "tomorrow".',
    );
  });

  it('fails with a clear message when the port is taken', async () => {
    const { mock, url } = await startMock();
    try {
      const port = new URL(url).port;
      const second = startCommand(process.execPath, [path.join(ROOT, 'scripts', 'mock.mjs'), '--port', port], {
        cwd: ROOT,
      });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        `Port ${port} on 127.0.0.1 is already in use, so the mock server cannot start there.`,
      );
      expect(second.output()).toContain('pick another port with --port <port>');
    } finally {
      await stop(mock);
    }
  });
});
