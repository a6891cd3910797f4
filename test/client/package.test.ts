// How a user meets the package: `npm pack`, install the tarball into a fresh project, type-check a
// consumer with the pinned tsc, and run it (Node, ESM) against a local server. The spec's TypeScript
// code samples are compiled and run the same way, each against the same server.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_HEADERS, RATE_LIMIT, specExample, TEST_KEY } from '../support/client.js';
import { startLocalServer, type LocalServer, type RecordedRequest, type Reply } from '../support/local-server.js';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { seedErrorBodies } from '../support/seed.js';
import { npmCommand, toolCommand } from '../../scripts/lib/tool-commands.mjs';

const run = promisify(execFile);
/** The pinned tsc and npm, started through node (no .bin shim, no shell), so this runs on Windows too. */
const TSC = toolCommand('tsc');
// The package's .d.ts files are emitted by TypeScript 7; most consumers still compile with 5.x.
const TSC_5 = toolCommand('tsc-5');
const npm = (...args: string[]) => npmCommand(args);
const SAMPLES_DIR = path.join(ROOT, 'openapi', 'code_samples', 'typescript');
const UNAUTHORIZED = seedErrorBodies().find((seed) => seed.status === 401)!;
const RATE_LIMITED = seedErrorBodies().find((seed) => seed.status === 429)!;
/** A key the fake API answers with 429 and a Retry-After past the client's cap, so it throws at once. */
const RATE_LIMITED_KEY = 'key-over-its-limit';

/** The first example: the install-and-key ```sh block and the first ```ts block after `from`. */
function firstExample(markdown: string, from = 0): { shell: string | undefined; ts: string } {
  if (from < 0) throw new Error('the section the example should be in is missing');
  const text = markdown.slice(from);
  const shell = /```sh\n(npm install audioscrape-api\nexport AUDIOSCRAPE_API_KEY=[^\n]+\n)```/.exec(text)?.[1];
  const ts = /```ts\n([\s\S]*?)```/.exec(text)?.[1];
  if (!ts) throw new Error('no ```ts block in the README');
  return { shell, ts };
}

/** The repository README's section for application developers. */
const PROJECT_README_CLIENT_SECTION = '## Application developers: the client';

/** The first example of the repository README's client section, and of the client guide. */
async function repositoryExamples() {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const guide = await readFile(path.join(ROOT, 'guides', 'client.md'), 'utf8');
  return { readme: firstExample(readme, readme.indexOf(PROJECT_README_CLIENT_SECTION)), guide: firstExample(guide) };
}

/** The API as far as the consumer and the samples use it, answering with the spec's examples. */
function fakeApi(request: RecordedRequest): Reply {
  if (request.headers.authorization === `Bearer ${RATE_LIMITED_KEY}`) {
    return {
      status: 429,
      body: RATE_LIMITED.raw,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '3600' },
    };
  }
  if (request.headers.authorization !== `Bearer ${TEST_KEY}`)
    return { status: 401, body: UNAUTHORIZED.raw, headers: { 'Content-Type': 'application/json' } };
  const route = `${request.method} ${request.url}`;
  if (route === 'POST /api/v1/search') return { body: specExample('SearchResponseHits'), headers: RATE_HEADERS };
  if (route === 'GET /api/me') return { body: specExample('AccountFreePlan'), headers: RATE_HEADERS };
  if (route === 'GET /api/notifications') return { body: specExample('KeywordAlertListTwo') };
  if (route === 'POST /api/notifications') return { status: 201, body: specExample('KeywordAlertCreated') };
  if (route === 'DELETE /api/notifications/1024') return { status: 204 };
  return { status: 404, body: { error: 'Not Found', message: `No route ${route}` } };
}

const CONSUMER = `
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Audioscrape, AuthenticationError, type SearchResult } from 'audioscrape-api';
import type { paths } from 'audioscrape-api/schema';

const client = new Audioscrape();
const page = await client.search({ query: 'artificial intelligence', limit: 2 });
const first: SearchResult | undefined = page.data.results[0];
console.log(JSON.stringify({ step: 'search', segment: first?.segment_id, total: page.data.meta.total, remaining: page.rateLimit?.remaining }));

try {
  await new Audioscrape({ apiKey: 'not-the-key' }).me();
} catch (error) {
  if (!(error instanceof AuthenticationError)) throw error;
  console.log(JSON.stringify({ step: 'error', name: error.name, status: error.status, message: error.message }));
}

const require = createRequire(import.meta.url);
const spec = JSON.parse(await readFile(require.resolve('audioscrape-api/openapi.json'), 'utf8'));
const searchPath: keyof paths = '/api/v1/search';
console.log(JSON.stringify({ step: 'spec', title: spec.info.title, hasSearch: searchPath in spec.paths, yaml: path(require.resolve('audioscrape-api/openapi.yaml')) }));

function path(file: string): string {
  return file.split(/[\\\\/]/).slice(-2).join('/');
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    // A Node project without the DOM library: fetch, Response and AbortSignal come from @types/node.
    lib: ['ES2022'],
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    outDir: 'out',
    rootDir: '.',
  },
  include: ['*.ts', 'samples/**/*.ts'],
};

let workDir: string;
let project: string;
let tarball: string;
let server: LocalServer;
/** What `npm pack --json` printed, parsed. */
let packed: { filename: string; files: Array<{ path: string }> };
let projectReadmeBefore: Buffer;
/** The README inside the tarball, as npm shows it. */
let packageReadme: string;

async function listTarball(file: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', file]);
  return stdout
    .trim()
    .split('\n')
    .map((entry) => entry.replace(/^package\//, ''))
    .sort();
}

async function runNode(file: string, env: Record<string, string> = {}) {
  return run(process.execPath, [file], {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', AUDIOSCRAPE_API_KEY: TEST_KEY, AUDIOSCRAPE_BASE_URL: server.url, ...env },
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-package-'));
  project = path.join(workDir, 'consumer');
  server = await startLocalServer();
  server.respond(fakeApi);

  projectReadmeBefore = await readFile(path.join(ROOT, 'README.md'));
  const pack = npm('pack', '--json', '--pack-destination', workDir);
  const { stdout } = await run(pack.command, pack.args, { cwd: ROOT });
  [packed] = JSON.parse(stdout) as [typeof packed];
  tarball = path.join(workDir, packed.filename);

  await mkdir(project);
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const install = npm('install', tarball, '--no-audit', '--no-fund', '--prefer-offline');
  await run(install.command, install.args, { cwd: project });
  await writeFile(path.join(project, 'consumer.ts'), CONSUMER);
  packageReadme = await readFile(path.join(project, 'node_modules', 'audioscrape-api', 'README.md'), 'utf8');
  await writeFile(path.join(project, 'readme-example.ts'), firstExample(packageReadme).ts);
  await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  await cp(SAMPLES_DIR, path.join(project, 'samples'), { recursive: true });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('contains only what consumers need: dist, the generated types and spec, its README and LICENSE', async () => {
    const files = await listTarball(tarball);
    const outside = files.filter(
      (file) =>
        !/^(dist\/((mock|msw)\/)?[\w-]+\.(js|d\.ts)|generated\/(schema\.d\.ts|openapi\.json|openapi\.yaml)|package\.json|README\.md|LICENSE)$/.test(
          file,
        ),
    );
    expect(outside).toEqual([]);
    for (const needed of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/msw/index.js',
      'dist/msw/index.d.ts',
      'generated/schema.d.ts',
      'generated/openapi.json',
      'generated/openapi.yaml',
      'LICENSE',
      'README.md',
    ]) {
      expect(files).toContain(needed);
    }
    expect(packed.files.map((file) => file.path).sort(), 'npm pack --json lists the same files').toEqual(
      files.filter((file) => !file.endsWith('/')),
    );
  });

  it('carries the short package README, not the repository’s, and leaves the repository’s in place', async () => {
    expect(packageReadme).toBe(await readFile(path.join(ROOT, 'package', 'README.md'), 'utf8'));
    expect(packageReadme.length).toBeLessThan(5_000);
    expect(packageReadme).toContain('https://www.audioscrape.com/docs/api');
    expect(await readFile(path.join(ROOT, 'README.md'))).toEqual(projectReadmeBefore);
    expect(projectReadmeBefore.toString()).toContain(PROJECT_README_CLIENT_SECTION);
  });

  it('carries the MIT LICENSE that package.json names', async () => {
    const license = await readFile(path.join(project, 'node_modules', 'audioscrape-api', 'LICENSE'), 'utf8');
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(manifest.license).toBe('MIT');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('type-checks a consumer and the code samples with the pinned tsc, strict, with the library types checked too', async () => {
    const result = await run(TSC.command, [...TSC.args, '-p', 'tsconfig.json'], { cwd: project }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });

  it('type-checks the same consumer with TypeScript 5.9, the compiler most users have', async () => {
    // The consumer's code against the package's .d.ts (which 5.9 must parse and understand); checking
    // every library's own declarations again (DOM, Node, msw) is the test above's job, and takes 5.9
    // nine CPU-seconds.
    const result = await run(TSC_5.command, [...TSC_5.args, '--noEmit', '--skipLibCheck', '-p', 'tsconfig.json'], {
      cwd: project,
    }).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });

  it('runs the consumer against a local server: a search, an error handled, the spec files', async () => {
    const { stdout } = await runNode('out/consumer.js');
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const hits = specExample<{ results: Array<{ segment_id: string }>; meta: { total: number } }>('SearchResponseHits');
    expect(lines).toEqual([
      { step: 'search', segment: hits.results[0]!.segment_id, total: hits.meta.total, remaining: RATE_LIMIT.remaining },
      {
        step: 'error',
        name: 'AuthenticationError',
        status: 401,
        message: `401 ${String(UNAUTHORIZED.body.error)}: ${String(UNAUTHORIZED.body.message)}`,
      },
      { step: 'spec', title: 'Audioscrape API', hasSearch: true, yaml: 'generated/openapi.yaml' },
    ]);
  });

  it('fails the consumer with the clear missing-key error when AUDIOSCRAPE_API_KEY is unset', async () => {
    const failure = await runNode('out/consumer.js', { AUDIOSCRAPE_API_KEY: '' }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/AudioscrapeError: Missing API key: pass \{ apiKey \} or set AUDIOSCRAPE_API_KEY/);
  });
});

describe('the README’s first example', () => {
  it('starts with the install and the key in the environment', () => {
    expect(firstExample(packageReadme).shell, 'the install and key lines').toBeDefined();
  });

  it('is the same in the package README, the repository README’s client section and the client guide', async () => {
    const { readme, guide } = await repositoryExamples();
    expect(readme).toEqual(firstExample(packageReadme));
    expect(guide).toEqual(firstExample(packageReadme));
  });

  it('searches and prints the hits', async () => {
    const { stdout } = await runNode('out/readme-example.js');
    expect(stdout).toContain(
      specExample<{ results: Array<{ segment_id: string }> }>('SearchResponseHits').results[0]!.segment_id,
    );
  });

  it('handles the rate limit error it shows', async () => {
    const { stdout } = await runNode('out/readme-example.js', { AUDIOSCRAPE_API_KEY: RATE_LIMITED_KEY });
    expect(stdout.trim()).toBe('Try again in 3600 s');
  });
});

describe('the TypeScript code samples', () => {
  const expectedOutput: Record<string, () => unknown> = {
    'api_v1_search/post': () => specExample('SearchResponseHits'),
    'api_me/get': () => specExample('AccountFreePlan'),
    'api_notifications/get': () => specExample('KeywordAlertListTwo'),
    'api_notifications/post': () => specExample('KeywordAlertCreated'),
  };

  it('are one per operation', async () => {
    const found: string[] = [];
    for (const dir of await readdir(SAMPLES_DIR))
      for (const file of await readdir(path.join(SAMPLES_DIR, dir))) found.push(`${dir}/${file}`);
    expect(found.sort()).toEqual([
      'api_me/get.ts',
      'api_notifications/get.ts',
      'api_notifications/post.ts',
      'api_notifications_{id}/delete.ts',
      'api_v1_search/post.ts',
    ]);
  });

  it.each(Object.keys(expectedOutput))('%s runs and prints the response data as JSON', async (sample) => {
    const { stdout } = await runNode(`out/samples/${sample}.js`);
    expect(JSON.parse(stdout)).toEqual(expectedOutput[sample]!());
  });

  it('api_notifications_{id}/delete runs and says the alert was deleted', async () => {
    const before = server.requests.length;
    const { stdout } = await runNode('out/samples/api_notifications_{id}/delete.js');
    expect(stdout.trim()).toBe('Deleted keyword alert 1024');
    expect(server.requests.slice(before).map((request) => `${request.method} ${request.url}`)).toEqual([
      'DELETE /api/notifications/1024',
    ]);
  });
});
