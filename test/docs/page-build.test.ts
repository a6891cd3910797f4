// The reference page as a file: what `npm run docs` makes, what the page carries (the current
// contract with links to its plain-text versions and the Changes section, telemetry off, a CSP that
// allows no host, no markup that loads from elsewhere, no loopback URL), the local page that offers
// the mock, and the docs server that hands out the page and the plain-text docs on loopback. What
// the page does in a browser is reference-page.test.ts (published) and served-page.test.ts (local).
import { request } from 'node:http';
import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../../scripts/lib/docs-server.mjs';
import { buildDocs, buildPlainTextDocs } from '../../scripts/lib/generate.mjs';
import { inlineJson, loopbackShownBy, markupOf } from '../support/docs-page.js';
import { headingsOf } from '../support/markdown.js';
import { type JsonObject, loadBundledSpec, operations } from '../support/openapi.js';
import { BUNDLED_SPEC_JSON, ROOT } from '../../scripts/lib/paths.mjs';
import { startCommand } from '../support/processes.js';
import { projectCopyForTest } from '../support/project-copy.js';

const BUNDLED_SPEC_YAML = BUNDLED_SPEC_JSON.replace(/\.json$/, '.yaml');
const MOCK_URL = 'http://127.0.0.1:4010';
const spec = loadBundledSpec();
const entries = operations(spec);

/** Every src/href that is not a data: URL in the page's markup (the server-rendered HTML, not the inlined scripts). */
function markupUrls(page: string): string[] {
  return [
    ...markupOf(page).matchAll(
      /<(script|link|img|iframe|source|video|audio|object|embed)\b[^>]*\b(?:src|href|data)="([^"]*)"/gi,
    ),
  ]
    .map((match) => `${match[1]} ${match[2]}`)
    .filter((tagAndUrl) => !tagAndUrl.split(' ')[1]!.startsWith('data:'));
}

/** The releases in CHANGELOG.md, as their headings. */
async function changelogReleases(): Promise<string[]> {
  const changelog = await readFile(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  return [...changelog.matchAll(/^## (\d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\))$/gm)].map((match) => match[1]!);
}

/** The spec's guide cut at its `# ` headings. */
function guideSections(description: string): string[] {
  return description
    .split(/^(?=# )/m)
    .slice(1)
    .map((section) => section.trim());
}

/** An operation of a definition, by operationId. */
function operationIn(definition: JsonObject, operationId: string): JsonObject {
  const found = operations(definition).find((entry) => entry.operation.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId}`);
  return found.operation;
}

/** A raw HTTP request, path sent exactly as given (fetch would normalise it). */
function rawRequest(
  url: string,
  requestPath: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path: requestPath, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A docs folder as the build makes it (page and plain-text docs) in a scratch folder. */
async function buildDocsFolder(dir: string, options: { mockUrl?: string } = {}): Promise<string> {
  await copyFile(BUNDLED_SPEC_JSON, path.join(dir, 'openapi.json'));
  await buildPlainTextDocs(dir);
  return readFile(await buildDocs(dir, BUNDLED_SPEC_YAML, options), 'utf8');
}

describe('the built page', () => {
  let dir: string;
  let page: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-docs-build-'));
    page = await buildDocsFolder(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('documents the bundled spec as it is, but for descriptions that link to the plain-text docs', () => {
    const definition = inlineJson(page, '__redoc_definition');
    const withoutDescriptions = (document: JsonObject) => {
      const copy = structuredClone(document);
      delete copy.info.description;
      for (const { operation } of operations(copy)) delete operation.description;
      return copy;
    };
    expect(withoutDescriptions(definition)).toEqual(withoutDescriptions(spec));
    for (const entry of entries) {
      const file = `operations/${entry.operation.operationId}.md`;
      expect(operationIn(definition, entry.operation.operationId).description, entry.label).toBe(
        `${entry.operation.description.trim()}\n\nThis operation as markdown: [${file}](${file}).\n`,
      );
    }
    expect(definition.info.description).toContain('[llms.txt](llms.txt)');
    expect(definition.info.description).toContain('[llms-full.txt](llms-full.txt)');
  });

  it('shows the whole guide, then a Changes section with every release in CHANGELOG.md, newest first', async () => {
    const description: string = inlineJson(page, '__redoc_definition').info.description;
    const sections = guideSections(spec.info.description);
    expect(sections.length).toBeGreaterThanOrEqual(4);
    for (const section of sections) expect(description).toContain(section);
    const changes = description.slice(description.indexOf('\n# Changes\n'));
    expect(changes.length).toBeLessThan(description.length);
    expect(
      headingsOf(changes)
        .filter((heading) => heading.level === 2)
        .map((heading) => heading.title),
    ).toEqual(await changelogReleases());
  });

  it('names production as its only server, and no loopback URL in what it shows', () => {
    const definition = inlineJson(page, '__redoc_definition');
    expect(definition.servers).toEqual(spec.servers);
    expect(loopbackShownBy(page)).toEqual([]);
  });

  it('has Redoc telemetry off, so readers’ browsers send nothing', () => {
    expect(inlineJson(page, '__redoc_options')).toMatchObject({ disableTelemetry: true });
  });

  it('inlines Redoc and loads no script, style, font or image from anywhere', () => {
    // Booleans, not toMatch: a failing match would print all 2.5 MB of the page.
    expect(page.includes('hydrate(__redoc_definition, __redoc_options'), 'Redoc is hydrated by the inline script').toBe(
      true,
    );
    expect(/(from|import\()\s*["'`]https?:\/\//.test(page), 'no module imported from a URL').toBe(false);
    expect(markupUrls(page)).toEqual([]);
    const styles = [...page.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => match[1]!).join('\n');
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.match(/@import[^;]*|url\((?!\s*['"]?data:)[^)]*\)/g) ?? []).toEqual([]);
  });

  it('carries a Content-Security-Policy that allows no host at all', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1];
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(
      csp!
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    for (const [name, values] of Object.entries(directives)) {
      for (const value of values as string[]) expect(value, name).toMatch(/^('none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it('is served on 127.0.0.1 by the docs server, byte for byte, with the plain-text docs beside it', async () => {
    const server = await serveDocs({ port: 0, docsDir: path.join(dir, 'docs') });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      for (const pagePath of ['', 'index.html']) {
        const response = await fetch(`${server.url}${pagePath}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await response.text()).toBe(page);
      }
      for (const [file, type] of [
        ['llms.txt', 'text/plain; charset=utf-8'],
        ['llms-full.txt', 'text/plain; charset=utf-8'],
        ['changes.md', 'text/markdown; charset=utf-8'],
        ['operations/search.md', 'text/markdown; charset=utf-8'],
        ['guide/authentication.md', 'text/markdown; charset=utf-8'],
      ]) {
        const response = await fetch(`${server.url}${file}`);
        expect(response.status, file).toBe(200);
        expect(response.headers.get('content-type'), file).toBe(type);
        expect(await response.text(), file).toBe(await readFile(path.join(dir, 'docs', file!), 'utf8'));
      }
    } finally {
      await server.close();
    }
  });

  it('the docs server answers every other request plainly and keeps running', async () => {
    await writeFile(path.join(dir, 'secret.txt'), 'outside the docs folder\n');
    const server = await serveDocs({ port: 0, docsDir: path.join(dir, 'docs') });
    try {
      const cases: Array<[string, string, number]> = [
        ['GET', '/../secret.txt', 404],
        ['GET', '/%2e%2e/secret.txt', 404],
        ['GET', '/operations/..%2f..%2fsecret.txt', 404],
        ['GET', '/%', 404],
        ['GET', '/%zz.md', 404],
        ['GET', '/llms.txt%00.md', 404],
        ['GET', '/operations/', 404],
        ['GET', '/operations/nope.md', 404],
        ['GET', '/openapi.json', 404],
        ['GET', 'http://elsewhere.example/llms.txt', 400],
        ['POST', '/llms.txt', 405],
        ['DELETE', '/', 405],
      ];
      for (const [method, requestPath, status] of cases) {
        const response = await rawRequest(server.url, requestPath, method);
        expect(response.status, `${method} ${requestPath}`).toBe(status);
        expect(response.body, `${method} ${requestPath}`).not.toContain('outside the docs folder');
      }
      const head = await rawRequest(server.url, '/llms.txt', 'HEAD');
      expect([head.status, head.body]).toEqual([200, '']);
      expect((await fetch(`${server.url}llms.txt?v=2`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('the local page that npm start serves', () => {
  let dir: string;
  let page: string;
  let definition: JsonObject;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-docs-local-'));
    page = await buildDocsFolder(dir, { mockUrl: MOCK_URL });
    definition = inlineJson(page, '__redoc_definition');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('offers the mock first and production second, and says which is which', () => {
    expect(definition.servers.map((server: JsonObject) => server.url)).toEqual([
      MOCK_URL,
      ...spec.servers.map((server: JsonObject) => server.url),
    ]);
    expect(definition.servers[0].description).toMatch(/^Local mock/);
    expect(definition.info.description).toContain(`The local mock is at \`${MOCK_URL}\``);
    expect(markupOf(page)).toContain(MOCK_URL);
    expect(loopbackShownBy(page).length, 'the loopback check sees the mock').toBeGreaterThan(0);
  });

  it('shows every sample twice: one calling the mock, one calling production exactly as published', () => {
    for (const entry of entries) {
      const published: JsonObject[] = entry.operation['x-codeSamples'];
      const shown: JsonObject[] = operationIn(definition, entry.operation.operationId)['x-codeSamples'];
      expect(
        shown.map((sample) => sample.label),
        entry.label,
      ).toEqual([
        ...published.map((sample) => `Local mock · ${sample.label}`),
        ...published.map((sample) => `Production · ${sample.label}`),
      ]);
      const [local, production] = [shown.slice(0, published.length), shown.slice(published.length)];
      expect(production.map((sample) => sample.source)).toEqual(published.map((sample) => sample.source));
      for (const sample of local) {
        expect(sample.source, sample.label).toContain(MOCK_URL);
        expect(sample.source, sample.label).not.toContain(spec.servers[0].url);
      }
    }
  });

  it('is what the docs server serves at / when given the mock, rebuilt when the build changes the page', async () => {
    const bundle = path.join(dir, 'bundle.yaml');
    await copyFile(BUNDLED_SPEC_YAML, bundle);
    const server = await serveDocs({
      port: 0,
      docsDir: path.join(dir, 'docs'),
      mockUrl: `${MOCK_URL}/`,
      bundlePath: bundle,
    });
    try {
      expect(server.mockUrl).toBe(MOCK_URL);
      expect(await (await fetch(server.url)).text()).toBe(page);
      expect(await (await fetch(`${server.url}llms.txt`)).text()).toBe(
        await readFile(path.join(dir, 'docs', 'llms.txt'), 'utf8'),
      );

      await writeFile(
        bundle,
        (await readFile(bundle, 'utf8')).replace('title: Audioscrape API', 'title: Audioscrape API, rebuilt'),
      );
      const later = new Date(Date.now() + 5_000);
      await utimes(path.join(dir, 'docs', 'index.html'), later, later);
      const rebuilt = await (await fetch(server.url)).text();
      expect(rebuilt).toContain('<title>Audioscrape API, rebuilt</title>');
      expect(rebuilt).toContain(MOCK_URL);
    } finally {
      await server.close();
    }
  });

  it('refuses a mock URL that is not one', async () => {
    await expect(serveDocs({ port: 0, docsDir: path.join(dir, 'docs'), mockUrl: 'not a url' })).rejects.toThrow(
      /The mock URL "not a url" is not a URL/,
    );
  });
});

describe('npm run docs', () => {
  it('bundles, builds the plain-text docs and the page, says where they are and how big, and npm run docs:serve serves them', async (context) => {
    const copy = await projectCopyForTest(context);
    const { code, output } = await copy.run('docs');
    expect(code, output).toBe(0);
    expect(output).toMatch(/✔ bundle: .*\(\d+\.\d\d s\)/);
    expect(output).toMatch(/✔ docs: generated\/docs\/llms\.txt, llms-full\.txt and markdown \(\d+\.\d\d s\)/);
    expect(output).toMatch(/✔ docs: generated\/docs\/index\.html \(\d+\.\d\d s\)/);
    const full = await readFile(path.join(copy.dir, 'generated', 'docs', 'llms-full.txt'));
    expect(output).toContain(`llms-full.txt everything (${(full.length / 1024).toFixed(0)} KiB)`);
    const built = await readFile(path.join(copy.dir, 'generated', 'docs', 'index.html'));
    expect(output).toContain(`Docs page: generated/docs/index.html (${(built.length / 1024).toFixed(0)} KiB`);
    expect(output).toContain('npm run docs:serve');

    // What it prints next: `npm run docs:serve` serves that folder.
    const serve = startCommand(
      process.execPath,
      [path.join(copy.dir, 'scripts', 'serve-docs.mjs'), '--docs-port', '0'],
      { cwd: copy.dir },
    );
    try {
      await serve.waitFor(/Docs: (http:\S+)/);
      const url = /Docs: (http:\S+)/.exec(serve.output())![1]!;
      expect(await (await fetch(url)).text()).toBe(built.toString('utf8'));
      expect(await (await fetch(`${url}llms.txt`)).text()).toBe(
        await readFile(path.join(copy.dir, 'generated', 'docs', 'llms.txt'), 'utf8'),
      );
    } finally {
      serve.child.kill('SIGINT');
      expect(await serve.exited, serve.output()).toBe(0);
    }
    // With --mock-url, the page it serves offers that mock, as `npm start`'s does.
    const local = startCommand(
      process.execPath,
      [path.join(copy.dir, 'scripts', 'serve-docs.mjs'), '--docs-port', '0', '--mock-url', MOCK_URL],
      { cwd: copy.dir },
    );
    try {
      await local.waitFor(/the page offers the mock at http:\S+ beside production/);
      const url = /Docs: (http:\S+)/.exec(local.output())![1]!;
      expect(await (await fetch(url)).text()).toContain(MOCK_URL);
    } finally {
      local.child.kill('SIGINT');
      expect(await local.exited, local.output()).toBe(0);
    }
  });
});
