// audioscrape-api/msw as a frontend team meets it: the packed tarball installed into a fresh
// project with msw and vitest, the mock guide's vitest file and a longer one run there against the
// handlers, and the project type-checked against the package's ./msw types with the pinned tsc. A
// project that installs the package without msw gets no msw: it is an optional peer dependency.
// The tarball is packed from a copy of the project, so its build (prepack) never races the client's
// package test, which packs this checkout.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProjectToTemp } from '../../scripts/lib/project-copy.mjs';
import { npmCommand, toolCommand } from '../../scripts/lib/tool-commands.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';

const run = promisify(execFile);
const npm = (...args: string[]) => npmCommand(args);
const TSC = toolCommand('tsc');
const MANIFEST = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
/** The versions this repository pins, so the fresh project is what the tests here ran with. */
const MSW_VERSION: string = MANIFEST.devDependencies.msw;
const VITEST_VERSION: string = MANIFEST.devDependencies.vitest;

/** The mock guide's vitest file for the handlers: the first ```ts block under "In your own tests and browser". */
async function guideVitestFile(): Promise<string> {
  const guide = await readFile(path.join(ROOT, 'guides', 'mock.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## In your own tests and browser: MSW handlers'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block)
    throw new Error('guides/mock.md has no ```ts block under "## In your own tests and browser: MSW handlers"');
  return block;
}

/** A longer file: the Free plan's 11th call, an alert's life, reset, seeded alerts and a typed override. */
const LIFECYCLE_TEST = `
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Audioscrape, NotFoundError, RateLimitError } from 'audioscrape-api';
import { createMockHandlers, type KeywordAlert } from 'audioscrape-api/msw';

const seeded: KeywordAlert = {
  id: '1024', search_term: 'climate', webhook_url: null, email_recipient: 'alerts@example.org', created_at: '2026-11-01T09:00:00Z',
  delivery_stats: { total_deliveries: 0, successful_deliveries: 0, failed_deliveries: 0, last_delivery: null },
};
const mock = createMockHandlers({ clock: '2026-11-27T10:00:00Z', alerts: { pro_seeded: [seeded] } });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.reset();
  server.resetHandlers();
});
afterAll(() => server.close());

const client = (apiKey: string) => new Audioscrape({ apiKey, maxRetries: 0, logLevel: 'off' });

it('refuses the 11th call of a Free key in a minute', async () => {
  const free = client('free_key');
  for (let call = 0; call < 10; call += 1) await free.search({ query: 'ai' });
  const error = await free.search({ query: 'ai' }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RateLimitError);
  expect((error as RateLimitError).retryAfter).toBe(60);
});

it('keeps an alert until it is deleted, then answers 404', async () => {
  const pro = client('pro_key');
  const { data: alert } = await pro.notifications.create({ search_term: 'climate', webhook_url: 'https://hooks.example.org/a' });
  expect((await pro.notifications.list()).data.notifications).toEqual([alert]);
  await pro.notifications.delete(alert.id);
  expect(await pro.notifications.delete(alert.id).catch((caught: unknown) => caught)).toBeInstanceOf(NotFoundError);
});

it('goes back to the seeded alerts on reset', async () => {
  const pro = client('pro_seeded');
  await pro.notifications.delete('1024');
  expect((await pro.notifications.list()).data.notifications).toEqual([]);
  mock.reset();
  expect((await pro.notifications.list()).data.notifications).toEqual([seeded]);
});

it('takes a typed override', async () => {
  server.use(mock.http.get('/api/me', () => HttpResponse.json({ error: 'Internal Server Error', message: 'Down.' }, { status: 500 })));
  const error = await client('pro_key').me().catch((caught: unknown) => caught);
  expect((error as { status: number }).status).toBe(500);
});
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    // Declaration files are checked too: the package's own .d.ts must compile in a strict consumer.
    skipLibCheck: false,
    noEmit: true,
  },
  include: ['*.test.ts'],
};

let workDir: string;
let copyDir: string;
let frontend: string;
let tarball: string;

async function freshProject(name: string): Promise<string> {
  const dir = path.join(workDir, name);
  await mkdir(dir);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  return dir;
}

async function install(dir: string, ...packages: string[]) {
  const command = npm('install', ...packages, '--no-audit', '--no-fund', '--prefer-offline');
  await run(command.command, command.args, { cwd: dir });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-msw-package-'));
  copyDir = await copyProjectToTemp({ prefix: 'audioscrape-msw-pack-' });
  const pack = npm('pack', '--pack-destination', workDir);
  const packed = await run(pack.command, pack.args, { cwd: copyDir });
  tarball = path.join(workDir, packed.stdout.trim().split('\n').pop()!);

  frontend = await freshProject('frontend');
  await install(frontend, tarball, `msw@${MSW_VERSION}`, `vitest@${VITEST_VERSION}`);
  await writeFile(path.join(frontend, 'readme.test.ts'), await guideVitestFile());
  await writeFile(path.join(frontend, 'lifecycle.test.ts'), LIFECYCLE_TEST);
  await writeFile(path.join(frontend, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
}, 300_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  if (copyDir) await rm(copyDir, { recursive: true, force: true });
});

describe('the packed package in a fresh frontend project with msw', () => {
  it('exports ./msw with its types', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(frontend, 'node_modules', 'audioscrape-api', 'package.json'), 'utf8'),
    );
    expect(manifest.exports['./msw']).toEqual({ types: './dist/msw/index.d.ts', default: './dist/msw/index.js' });
    expect(manifest.peerDependencies).toEqual({ msw: expect.any(String) });
    expect(manifest.peerDependenciesMeta).toEqual({ msw: { optional: true } });
  });

  it('runs the mock guide’s vitest file and a longer one against the handlers, with vitest', async () => {
    const vitest = toolCommand('vitest', ['run', '--reporter=json'], frontend);
    const { stdout } = await run(vitest.command, vitest.args, {
      cwd: frontend,
      env: { PATH: process.env.PATH ?? '', CI: 'true' },
    }).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`vitest failed in the fresh project:\n${error.stdout}\n${error.stderr}`);
    });
    const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
    const passed = report.testResults.flatMap((file: { assertionResults: Array<{ title: string; status: string }> }) =>
      file.assertionResults.filter((test) => test.status === 'passed').map((test) => test.title),
    );
    expect(report.numFailedTests).toBe(0);
    expect(passed.sort()).toEqual([
      'goes back to the seeded alerts on reset',
      'keeps an alert until it is deleted, then answers 404',
      'refuses the 11th call of a Free key in a minute',
      'shows the hits',
      'takes a typed override',
    ]);
  });

  it('type-checks both files against the package’s types with the pinned tsc, strict', async () => {
    const result = await run(TSC.command, [...TSC.args, '-p', 'tsconfig.json'], { cwd: frontend }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });
});

describe('the packed package without msw', () => {
  it('installs no msw: it is an optional peer dependency', async () => {
    const plain = await freshProject('client-only');
    await install(plain, tarball);
    expect(existsSync(path.join(plain, 'node_modules', 'audioscrape-api', 'dist', 'msw', 'index.js'))).toBe(true);
    expect(existsSync(path.join(plain, 'node_modules', 'msw'))).toBe(false);
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { Audioscrape } = await import('audioscrape-api'); console.log(typeof Audioscrape);",
      ],
      { cwd: plain },
    );
    expect(stdout.trim()).toBe('function');
  });
});
