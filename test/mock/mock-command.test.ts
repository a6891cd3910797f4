// `npm run mock`: Prism on the bundled spec, with a start-up banner listing what a frontend can
// ask for, static examples by default and repeatable generated data with --dynamic --seed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { checkResponse } from '../contract/engine/conformance.js';
import { namedExamples, loadBundledSpec, operations, resolve } from '../support/openapi.js';
import { ROOT } from '../support/paths.js';
import { startCommand, type RunningCommand } from '../support/processes.js';
import { createSchemaValidator } from '../support/schema-validator.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);
const getMe = operations(spec).find((entry) => entry.operation.operationId === 'getMe')!;

async function startMock(...args: string[]): Promise<{ mock: RunningCommand; url: string }> {
  const port = await findFreePort();
  const mock = startCommand(process.execPath, [path.join(ROOT, 'scripts', 'mock.mjs'), '--port', String(port), ...args], { cwd: ROOT });
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

describe('npm run mock', () => {
  it('prints its URL and, per operation, every status and named example; serves them; stops on SIGTERM', async () => {
    const { mock, url } = await startMock();
    try {
      const banner = mock.output();
      expect(banner).toContain(`Mock API: ${url}  (examples from the spec)`);
      for (const entry of operations(spec)) {
        expect(banner).toContain(`(${entry.operation.operationId})`);
        for (const [status, response] of Object.entries<any>(entry.operation.responses)) {
          const names = Object.values<any>(resolve(spec, response).content ?? {}).flatMap((mediaType) => namedExamples(spec, mediaType).map(([name]) => name));
          expect(banner).toContain(`      ${status}${names.length ? `  examples: ${names.join(', ')}` : ''}`);
        }
      }
      const [exampleName, example] = namedExamples(spec, getMe.operation.responses['200'].content['application/json'])[1]!;
      const response = await fetch(`${url}/api/me`, { headers: { Authorization: 'Bearer any-token', Prefer: `example=${exampleName}` } });
      expect(await response.json()).toEqual(example.value);
    } finally {
      expect(await stop(mock)).toBe(0);
    }
  });

  it('--dynamic --seed generates data that conforms to the spec, the same for the same seed', async () => {
    const [first, second, other] = await Promise.all([startMock('--dynamic', '--seed', '7'), startMock('--dynamic', '--seed', '7'), startMock('--dynamic', '--seed', '8')]);
    try {
      expect(first.mock.output()).toContain('(dynamic data, seed 7)');
      const [a, b, c] = await Promise.all([getAccount(first.url), getAccount(second.url), getAccount(other.url)]);
      for (const response of [a, b, c]) {
        expect(checkResponse({ spec, validator, optionalHeaders: 'expect' }, getMe, response)).toEqual([]);
      }
      expect(b.rawBody).toBe(a.rawBody);
      expect(c.rawBody).not.toBe(a.rawBody);
    } finally {
      await Promise.all([first, second, other].map(({ mock }) => stop(mock)));
    }
  });

  it('fails with a clear message when the port is taken', async () => {
    const { mock, url } = await startMock();
    try {
      const port = new URL(url).port;
      const second = startCommand(process.execPath, [path.join(ROOT, 'scripts', 'mock.mjs'), '--port', port], { cwd: ROOT });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`Port ${port} on 127.0.0.1 is already in use, so the mock server cannot start there.`);
      expect(second.output()).toContain('pick another port with --port <port>');
    } finally {
      await stop(mock);
    }
  });
});
