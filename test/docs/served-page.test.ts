// The page `npm start` serves, in a real browser: Debian's Chromium, allowed to reach the docs server
// and nothing else, opens the docs URL that `npm start` printed in a copy of the project. The page
// must lead a frontend developer to the mock: its URL offered (and named as the mock) beside
// production, in the server list and in a sample that, copied from the page and run, gets an answer
// from the mock; and it must link to llms.txt, served beside it. After all that, the docs folder a
// static host would publish must still name no loopback URL.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium, waitForHydration } from '../../scripts/lib/browser.mjs';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { loopbackShownBy, LOOPBACK } from '../support/docs-page.js';
import { loadBundledSpec, operations } from '../support/openapi.js';
import { copyProject, type ProjectCopy } from '../support/project-copy.js';
import { type RunningCommand, startCommand } from '../support/processes.js';

const missing: string | null = chromiumMissingReason();
const spec = loadBundledSpec();
const production: string = spec.servers[0].url;
const getMe = operations(spec).find((entry) => entry.operation.operationId === 'getMe')!;

/** A URL `npm start` printed after `label`, without a trailing slash. */
function printedUrl(output: string, label: string): string {
  const url = new RegExp(`${label}:\\s+(https?://[^\\s)]+)`).exec(output)?.[1];
  if (!url) throw new Error(`npm start printed no "${label}:" URL:\n${output}`);
  return url.replace(/\/$/, '');
}

async function openGetMe(page: Page) {
  const sidebar = page.locator('[data-component-name="Menu/Menu"]');
  const item = sidebar.locator('.menu-item-type-operation').filter({ hasText: getMe.operation.summary });
  if (!(await item.isVisible())) await sidebar.getByText(getMe.operation.tags[0], { exact: true }).click();
  await item.click();
  return page.locator('[id$="/getme"]').locator('.panel-request-samples').first();
}

describe.skipIf(Boolean(missing))(
  missing
    ? `the page npm start serves (SKIPPED: ${missing}; reference-page.test.ts fails for it when CI=true)`
    : 'the page npm start serves, in Chromium',
  () => {
    let copy: ProjectCopy;
    let start: RunningCommand;
    let docsUrl: string;
    let mockUrl: string;
    let browser: Browser;
    let page: Page;
    const elsewhere: string[] = [];
    const errors: string[] = [];

    beforeAll(async () => {
      copy = await copyProject();
      const [mockPort, docsPort] = [await findFreePort(), await findFreePort()];
      start = startCommand(
        process.execPath,
        [path.join(copy.dir, 'scripts', 'start.mjs'), '--port', String(mockPort), '--docs-port', String(docsPort)],
        { cwd: copy.dir },
      );
      await start.waitFor(/Serving both until Ctrl-C/, 150_000);
      docsUrl = `${printedUrl(start.output(), 'Docs')}/`;
      mockUrl = printedUrl(start.output(), 'Mock API');

      browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
      const docsOrigin = new URL(docsUrl).origin;
      await context.route(/^(https?|wss?):/, (route) => {
        if (new URL(route.request().url()).origin === docsOrigin) return route.continue();
        elsewhere.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(docsUrl);
      await waitForHydration(page);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      if (start && start.child.exitCode === null) {
        start.child.kill('SIGINT');
        await start.exited;
      }
      await copy?.remove();
    });

    it('says the mock is at its URL, and which samples call it and which call production', async () => {
      const text = await page.locator('#api-content').innerText();
      expect(text).toContain(`The local mock is at ${mockUrl}`);
      expect(text).toMatch(
        /labelled Local mock calls the mock, the one labelled Production calls https:\/\/www\.audioscrape\.com/,
      );
    });

    it('offers the mock first and production second in the server list above a sample', async () => {
      const panel = await openGetMe(page);
      await panel.getByRole('button', { name: `GET ${getMe.path}` }).click();
      const offered = await page.getByTestId('dropdown-menu').innerText();
      expect(offered.indexOf(`${mockUrl}${getMe.path}`)).toBeGreaterThanOrEqual(0);
      expect(offered.indexOf(`${production}${getMe.path}`)).toBeGreaterThan(offered.indexOf(`${mockUrl}${getMe.path}`));
      await page.keyboard.press('Escape');
    });

    it('shows each sample twice, the mock’s first, and the mock’s curl sample gets an answer from the mock', async () => {
      const panel = await openGetMe(page);
      const picker = panel
        .locator('[data-component-name="Dropdown/Dropdown"]')
        .filter({ hasText: /^(Local mock|Production) · / });
      await picker.locator('button').first().click();
      const menu = (await page.locator('[role=menu]:visible [role=menuitem]').allInnerTexts()).map((item) =>
        item.trim(),
      );
      for (const sample of getMe.operation['x-codeSamples']) {
        expect(menu).toContain(`Local mock · ${sample.label}`);
        expect(menu).toContain(`Production · ${sample.label}`);
      }
      await page
        .locator('[role=menu]:visible [role=menuitem]')
        .filter({ hasText: /^Local mock · curl$/ })
        .click();
      const shown = (await panel.locator('pre').first().innerText()).trim();
      expect(shown).toContain(`${mockUrl}${getMe.path}`);

      // As a reader would: copy the sample off the page and run it.
      const run = spawnSync('bash', ['-c', shown], {
        env: { ...process.env, AUDIOSCRAPE_API_KEY: 'test-key' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveProperty('plan');
    });

    it('links to llms.txt, which the docs server serves beside it', async () => {
      const href = await page.locator('#api-content a[href="llms.txt"]').first().getAttribute('href');
      const response = await fetch(new URL(href!, docsUrl));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe(await readFile(path.join(copy.dir, 'generated', 'docs', 'llms.txt'), 'utf8'));
    });

    it('loaded nothing from anywhere but the docs server, and logged no errors', () => {
      expect(elsewhere).toEqual([]);
      expect(errors).toEqual([]);
    });

    it('left the folder a static host publishes naming no loopback URL', async () => {
      const docsDir = path.join(copy.dir, 'generated', 'docs');
      const files = (await readdir(docsDir, { recursive: true, withFileTypes: true })).filter((entry) =>
        entry.isFile(),
      );
      expect(files.map((entry) => entry.name)).toContain('index.html');
      for (const entry of files) {
        const content = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
        const shown =
          entry.name === 'index.html'
            ? loopbackShownBy(content)
            : [...content.matchAll(new RegExp(LOOPBACK.source, 'g'))].map((match) => match[0]);
        expect(shown, entry.name).toEqual([]);
      }
    });
  },
);
