// The handlers in a real browser: Debian's Chromium (never a downloaded browser) loads a small page
// that starts MSW's worker with audioscrape-api/msw, then calls the API with the package's client at
// its default base URL and shows the answers. The page is bundled here with esbuild, as a frontend
// bundler would (the spec arrives through the handlers' JSON import); the worker script is what
// `msw init` writes, from the installed msw, into the folder the page is served from. Chromium
// resolves no host name but 127.0.0.1, so an answer can only have come from the worker.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumMissingReason, INSTALL_HINT, launchChromium } from '../../scripts/lib/browser.mjs';
import { installedPackageDir } from '../../scripts/lib/tool-commands.mjs';
import { createMockApi } from '../../src/mock/index.js';
import { loadBundledSpec } from '../support/openapi.js';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { seedPerMinute } from '../support/seed.js';

const run = promisify(execFile);
const PAGE_DIR = path.join(ROOT, 'test', 'msw', 'browser-page');
const START = '2026-11-27T10:00:00Z';
const API = 'https://www.audioscrape.com';
const missing: string | null = chromiumMissingReason();
const requiredHere = process.env.CI === 'true';
if (missing && !requiredHere) console.warn(`\n⚠ ${missing}: the MSW browser test is SKIPPED. ${INSTALL_HINT}\n`);

const perMinute = seedPerMinute;

/** What the behaviour module itself answers to the page's search, for comparison with the page. */
function expectedSearch(): { segments: string[]; remaining: string } {
  const api = createMockApi({ spec: loadBundledSpec(), clock: START });
  const answer = api.handle({
    method: 'POST',
    path: '/api/v1/search',
    headers: { authorization: 'Bearer pro_browser', 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'climate change', limit: 3 }),
  });
  const body = answer.body as { results: Array<{ segment_id: string }> };
  return { segments: body.results.map((hit) => hit.segment_id), remaining: answer.headers['X-RateLimit-Remaining']! };
}

interface StaticSite {
  url: string;
  served: string[];
  server: Server;
}

/** Serves the page, its bundle and the worker script from one folder on 127.0.0.1; 404 for anything else. */
async function serve(dir: string): Promise<StaticSite> {
  const types: Record<string, string> = {
    '/': 'text/html',
    '/app.js': 'text/javascript',
    '/mockServiceWorker.js': 'text/javascript',
  };
  const served: string[] = [];
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    served.push(pathname);
    const type = types[pathname];
    if (!type) return void response.writeHead(404).end();
    readFile(path.join(dir, pathname === '/' ? 'index.html' : pathname)).then(
      (content) => response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(content),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served, server };
}

describe('Chromium', () => {
  it.skipIf(Boolean(missing) && !requiredHere)(
    !missing ? `is at ${CHROMIUM_PATH}` : `is at ${CHROMIUM_PATH} (SKIPPED: ${missing}; required when CI=true)`,
    () => {
      if (missing)
        throw new Error(`${missing}, and CI=true requires it. ${INSTALL_HINT} (.ci/run installs it with apt-get.)`);
    },
  );
});

describe.skipIf(Boolean(missing))(
  missing ? `the handlers in Chromium (SKIPPED: ${missing})` : 'the handlers in Chromium, through setupWorker',
  () => {
    let siteDir: string;
    let site: StaticSite;
    let browser: Browser;
    let page: Page;
    const apiCalls: Array<{ url: string; status: number; fromServiceWorker: boolean }> = [];
    const otherRequests: string[] = [];

    beforeAll(async () => {
      siteDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-msw-page-'));
      // What a frontend runs once: msw's own CLI copies its worker script into the public folder.
      const cli = path.join(installedPackageDir('msw')!, 'cli', 'index.js');
      await run(process.execPath, [cli, 'init', siteDir, '--no-save'], { cwd: ROOT });
      await build({
        entryPoints: [path.join(PAGE_DIR, 'app.ts')],
        outfile: path.join(siteDir, 'app.js'),
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        logLevel: 'silent',
      });
      await copyFile(path.join(PAGE_DIR, 'index.html'), path.join(siteDir, 'index.html'));
      site = await serve(siteDir);
      // No host name resolves but the page's own: nothing can leave the machine, and an answer from
      // the API's host can only be the worker's.
      browser = await launchChromium({ extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
      const context = await browser.newContext({ serviceWorkers: 'allow' });
      page = await context.newPage();
      page.on('response', (response) => {
        if (response.url().startsWith(`${API}/`))
          apiCalls.push({
            url: response.url(),
            status: response.status(),
            fromServiceWorker: response.fromServiceWorker(),
          });
      });
      page.on('request', (request) => {
        if (!request.url().startsWith(`${API}/`) && !request.url().startsWith(`${site.url}/`))
          otherRequests.push(request.url());
      });
      await page.goto(`${site.url}/?clock=${START}`);
      await page.locator('#status').filter({ hasNotText: 'loading' }).waitFor({ timeout: 60_000 });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => site?.server.close(resolve));
      if (siteDir) await rm(siteDir, { recursive: true, force: true });
    });

    it('runs the page’s calls to the end', async () => {
      expect(await page.locator('#status').textContent()).toBe('done');
    });

    it('shows the search hits the mock finds, with the Pro plan’s rate limit counting down', async () => {
      const expected = expectedSearch();
      expect(expected.segments.length).toBeGreaterThan(0);
      expect(
        await page
          .locator('#results li')
          .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.segment)),
      ).toEqual(expected.segments);
      expect(await page.locator('#remaining').textContent()).toBe(
        `${expected.remaining} of ${perMinute('Pro')} left this minute`,
      );
    });

    it('shows the Free plan’s refusal one call past its limit, with the wait the minute window leaves', async () => {
      expect(await page.locator('#rate-limit').textContent()).toBe(`call ${perMinute('Free') + 1}: 429, retry in 60 s`);
    });

    it('shows an alert created, listed, deleted, and a 404 for deleting it again', async () => {
      expect(await page.locator('#alerts').textContent()).toBe(
        `created 2000 at ${START}, listed [2000], deleted, then 404`,
      );
    });

    it('got every API answer from the service worker, and loaded nothing but the page, its script and the worker', () => {
      expect(apiCalls.length).toBe(1 + perMinute('Free') + 1 + 4);
      expect(apiCalls.filter((call) => !call.fromServiceWorker)).toEqual([]);
      expect(otherRequests).toEqual([]);
      // Chromium asks for /favicon.ico on its own (answered 404).
      expect([...new Set(site.served)].filter((served) => served !== '/favicon.ico').sort()).toEqual([
        '/',
        '/app.js',
        '/mockServiceWorker.js',
      ]);
    });
  },
);
