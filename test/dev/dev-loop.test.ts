// `npm run dev`, as a spec author uses it, in a copy of the project: it serves the mock and the docs;
// a saved edit shows in the page open in Chromium (which reloads itself) and in the mock; a lint
// finding is printed with its file and line and the rebuild goes on; a spec that does not bundle, or
// that the mock cannot follow, keeps the last good page and mock served and says why; a fix brings it
// back; Ctrl-C stops it and frees both ports. The steps run in order in one session.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium, waitForHydration } from '../../scripts/lib/browser.mjs';
import { startDevProcess, waitForPageText } from '../../scripts/lib/dev-process.mjs';
import { assertPortFree } from '../../scripts/lib/ports.mjs';
import { copyProjectToTemp } from '../../scripts/lib/project-copy.mjs';

const missing: string | null = chromiumMissingReason();
const requiredHere = process.env.CI === 'true';
if (missing && requiredHere)
  throw new Error(
    `${missing}, and CI=true requires it for the npm run dev test. (.ci/run installs Debian's chromium.)`,
  );

const GUIDE = 'openapi/info-description.md';
const FIRST_SENTENCE = 'The Audioscrape API gives your application';
const RATE_TABLE_ROW = '| Free | 100 | 10/minute |';
const SEARCH_TERM = 'openapi/components/schemas/SearchTerm.yaml';
const ROUND_DONE = /(Rebuilt in [\d.]+ s[^\n]*|Still serving the last good build[^\n]*)/;

type DevProcess = Awaited<ReturnType<typeof startDevProcess>>;

describe.skipIf(Boolean(missing))(
  missing ? `npm run dev (SKIPPED: ${missing}; required when CI=true)` : 'npm run dev',
  () => {
    let dir: string;
    let dev: DevProcess;
    let browser: Browser;
    let page: Page;
    const files = new Map<string, string>();

    /** Saves `file` with `search` replaced, and resolves with what the round printed once it is done. */
    async function save(file: string, search: string, replacement: string): Promise<string> {
      const target = path.join(dir, file);
      const before = files.get(file) ?? (await readFile(target, 'utf8'));
      files.set(file, before);
      const after = (await readFile(target, 'utf8')).replace(search, replacement);
      if (!after.includes(replacement)) throw new Error(`${file} does not contain ${search}`);
      const printedBefore = dev.output().length;
      await writeFile(target, after);
      await dev.waitFor(ROUND_DONE, { after: printedBefore, timeoutMs: 120_000 });
      return dev.output().slice(printedBefore);
    }

    /** Puts `file` back as it was before this test's saves. */
    async function restore(file: string): Promise<string> {
      const printedBefore = dev.output().length;
      await writeFile(path.join(dir, file), files.get(file)!);
      await dev.waitFor(ROUND_DONE, { after: printedBefore, timeoutMs: 120_000 });
      return dev.output().slice(printedBefore);
    }

    const freeLimit = async () =>
      (
        await fetch(`${dev.mockUrl}/api/me`, { headers: { Authorization: `Bearer free-${Math.random()}` } })
      ).headers.get('x-ratelimit-limit');

    beforeAll(async () => {
      dir = await copyProjectToTemp({ prefix: 'audioscrape-dev-' });
      dev = await startDevProcess(dir);
      browser = await launchChromium();
      page = await (await browser.newContext()).newPage();
      await page.goto(dev.docsUrl);
      await waitForHydration(page);
    }, 240_000);

    afterAll(async () => {
      await dev?.stop();
      await browser?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('serves the docs page with its live-reload script, and the mock', async () => {
      const served = await (await fetch(dev.docsUrl)).text();
      expect(served).toContain('<title>Audioscrape API</title>');
      expect(served).toContain('/__live-reload');
      expect(served).toContain("connect-src 'self'");
      // Redoc comes from the server, cached for good, so reloads reuse the compiled script.
      const redocUrl = /from'(\/__live-reload\/redoc-[0-9a-f]{16}\.js)'/.exec(served)?.[1];
      expect(redocUrl).toBeDefined();
      const redoc = await fetch(new URL(redocUrl!, dev.docsUrl));
      expect(redoc.headers.get('content-type')).toContain('text/javascript');
      expect(redoc.headers.get('cache-control')).toContain('immutable');
      expect(await redoc.text()).toContain('export{RedocStandalone,hydrate,init};');
      expect(await freeLimit()).toBe('10');
      // The published page, which npm run dev also keeps up to date, never carries the script.
      const published = await readFile(path.join(dir, 'generated', 'docs', 'index.html'), 'utf8');
      expect(published).not.toContain('__live-reload');
      expect(published).toContain("connect-src 'none'");
      expect(published).toContain('export{RedocStandalone,hydrate,init};');
    });

    it('a saved description shows in the open page, which reloads itself, and lands in generated/', async () => {
      const word = `Reworded${Date.now().toString(36)}`;
      const printed = await save(GUIDE, FIRST_SENTENCE, `${FIRST_SENTENCE} ${word}`);
      await waitForPageText(page, word, { timeoutMs: 30_000 });
      expect(printed).toMatch(/↻ openapi\/info-description\.md changed/);
      expect(printed).toMatch(/↻ docs: the page reloads with the spec as saved \(1 open, [\d.]+ s after the save\)/);
      expect(printed).toMatch(/Rebuilt in [\d.]+ s: wrote [^\n]*generated\/openapi\.json/);
      expect(await readFile(path.join(dir, 'generated', 'openapi.json'), 'utf8')).toContain(word);
      expect(await readFile(path.join(dir, 'generated', 'docs', 'index.html'), 'utf8')).toContain(word);
    });

    it('the mock answers from the saved spec', async () => {
      const printed = await save(GUIDE, RATE_TABLE_ROW, '| Free | 100 | 12/minute |');
      expect(printed).toContain('↻ mock: answering from the new spec');
      expect(await freeLimit()).toBe('12');
    });

    it('a lint finding is printed with its file and line, and the rebuild goes on', async () => {
      const printed = await save(SEARCH_TERM, 'maxLength: 200\n', '');
      expect(printed).toMatch(/SearchTerm\.yaml\n\s+\d+:\d+\s+error\s+owasp:api4:2023-string-limit/);
      expect(printed).toContain('npm run dev goes on');
      expect(printed).toMatch(/Rebuilt in [\d.]+ s/);
      await restore(SEARCH_TERM);
    });

    it('a spec that does not bundle keeps the last good page and mock served, and says why', async () => {
      const pageBefore = await (await fetch(dev.docsUrl)).text();
      const printed = await save(
        'openapi/paths/api_me.yaml',
        '$ref: ../components/responses/Unauthorized.yaml',
        '$ref: ../components/responses/NoSuchResponse.yaml',
      );
      expect(printed).toMatch(/NoSuchResponse\.yaml/);
      expect(printed).toContain('Still serving the last good build');
      expect(await (await fetch(dev.docsUrl)).text()).toBe(pageBefore);
      expect(await freeLimit()).toBe('12');
      expect(await readFile(path.join(dir, 'generated', 'openapi.json'), 'utf8')).not.toContain('NoSuchResponse');
      expect(await restore('openapi/paths/api_me.yaml')).toMatch(/Rebuilt in [\d.]+ s/);
    });

    it('a spec the mock cannot follow keeps the mock answering as before, and says why', async () => {
      const printed = await save(GUIDE, '| Free | 100 | 12/minute |\n', '');
      expect(printed).toMatch(/The mock could not read what it needs from the spec: [^\n]*no row for free/);
      expect(printed).toContain('The mock goes on answering from the previous spec.');
      expect(await freeLimit()).toBe('12');
      await restore(GUIDE);
      expect(await freeLimit()).toBe('10');
    });

    it('a saved config (.spectral.yaml) relints without a page reload', async () => {
      // Unique, so no earlier run's cache entry can stand in for the lint.
      const printed = await save('.spectral.yaml', 'rules:\n', `# A comment saved at ${Date.now()}.\nrules:\n`);
      expect(printed).toContain('↻ .spectral.yaml changed');
      expect(printed).toMatch(/✔ lint: Spectral[^\n]*\n/);
      expect(printed).not.toContain('↻ docs: the page reloads');
      expect(printed).toMatch(/Rebuilt in [\d.]+ s: nothing to write/);
    });

    it('stops on Ctrl-C and frees both ports', async () => {
      const docsPort = Number(new URL(dev.docsUrl).port);
      const mockPort = Number(new URL(dev.mockUrl).port);
      expect(await dev.stop()).toBe(0);
      await expect(assertPortFree(mockPort, '127.0.0.1', { what: 'mock', flag: '--port' })).resolves.toBeUndefined();
      await expect(
        assertPortFree(docsPort, '127.0.0.1', { what: 'docs', flag: '--docs-port' }),
      ).resolves.toBeUndefined();
    });
  },
);
