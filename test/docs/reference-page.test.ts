// The reference page in a real browser, with the network unplugged: Debian's Chromium (never a
// downloaded browser) loads the page from file:// and a reader's tour of it must need nothing but
// the file. Every request the page makes is recorded; the guide, every operation with its response
// statuses and request examples, and every code sample must be on the page; the language menu must
// switch samples; the guide's code blocks must fit the width, at 1,280 px and on a phone; the links
// to the plain-text docs must reach the files beside the page; a full-page screenshot of each view
// is saved to .artifacts/docs/.
//
// The docs folder is the run's shared clean build's (support/shared-build.ts: `npm run build --
// --no-cache` in a copy of the project), not the project's own: the page is not committed and a
// manual build may be stale. That build's bundle must be the committed one, so the page renders
// exactly the spec these checks read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATH,
  chromiumMissingReason,
  INSTALL_HINT,
  isLocalRequest,
  launchChromium,
  offlineContext,
  waitForHydration,
} from '../../scripts/lib/browser.mjs';
import { DOCS_PAGE } from '../../scripts/lib/generate.mjs';
import {
  type JsonObject,
  loadBundledSpec,
  namedExamples,
  type OperationEntry,
  operations,
  resolve,
} from '../support/openapi.js';
import { BUNDLED_SPEC_JSON, ROOT } from '../../scripts/lib/paths.mjs';
import { sharedCleanBuild } from '../support/shared-build.js';
import { seedBestPractices, seedErrorBodies, seedKeySteps, seedPlanTableLines } from '../support/seed.js';

const ARTIFACTS_DIR = path.join(ROOT, '.artifacts', 'docs');

const spec = loadBundledSpec();
const entries = operations(spec);
const missing: string | null = chromiumMissingReason();
const requiredHere = process.env.CI === 'true';

if (missing && !requiredHere) {
  console.warn(`\n⚠ ${missing}: the reference-page browser tests are SKIPPED. ${INSTALL_HINT}\n`);
}

/** Letters and digits only, lower-cased, so Markdown punctuation does not matter. */
const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Headings of the guide (`#` to `###` outside code fences), in order. */
function guideHeadings(markdown: string): string[] {
  let inFence = false;
  const headings: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const match = !inFence && /^#{1,3} (.+)$/.exec(line);
    if (match) headings.push(match[1]!.trim());
  }
  return headings;
}

/** The seed's plan table as rows of cells, header row included, separator row left out. */
function seedPlanRows(): string[][] {
  return seedPlanTableLines()
    .filter((line) => !/^\|[-| ]+\|$/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

function tableRows(page: Page): Promise<string[][]> {
  return page
    .locator('#api-content tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())),
    );
}

function requestExampleSummaries(entry: OperationEntry): string[] {
  const mediaType =
    entry.operation.requestBody && resolve(spec, entry.operation.requestBody).content?.['application/json'];
  return mediaType ? namedExamples(spec, mediaType).map(([name, example]) => example.summary ?? name) : [];
}

function codeSamples(entry: OperationEntry): Array<{ label: string; source: string }> {
  return (entry.operation['x-codeSamples'] ?? []).map((sample: JsonObject) => ({
    label: sample.label ?? sample.lang,
    source: sample.source,
  }));
}

/** The operation's block in the rendered page; Redoc ids it `<tag slug>/<operationId lower-cased>`. */
function operationBlock(page: Page, entry: OperationEntry): Locator {
  return page.locator(`[id$="/${String(entry.operation.operationId).toLowerCase()}"]`);
}

/** Opens an operation the way a reader does: its tag in the sidebar, then the operation. */
async function openFromSidebar(page: Page, entry: OperationEntry): Promise<void> {
  const sidebar = page.locator('[data-component-name="Menu/Menu"]');
  const item = sidebar.locator('.menu-item-type-operation').filter({ hasText: entry.operation.summary });
  if (!(await item.isVisible())) await sidebar.getByText(entry.operation.tags[0], { exact: true }).click();
  await item.click();
  await page.waitForURL(new RegExp(`/${String(entry.operation.operationId).toLowerCase()}$`));
}

async function menuItemTexts(page: Page): Promise<string[]> {
  return (await page.locator('[role=menu]:visible [role=menuitem]').allInnerTexts()).map((text) => text.trim());
}

// Full page for the guide; the viewport for an operation, since Redoc renders only the operations
// near the one in view and a full-page shot of that view is mostly blank placeholders.
async function screenshot(page: Page, name: string, { fullPage }: { fullPage: boolean }): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage });
}

describe('Chromium for the browser tests', () => {
  it.skipIf(Boolean(missing) && !requiredHere)(
    !missing
      ? `is at ${CHROMIUM_PATH}`
      : requiredHere
        ? `is at ${CHROMIUM_PATH}, as CI=true requires`
        : `is at ${CHROMIUM_PATH} (SKIPPED: ${missing}; required when CI=true)`,
    () => {
      if (missing)
        throw new Error(`${missing}, and CI=true requires it. ${INSTALL_HINT} (.ci/run installs it with apt-get.)`);
      // A Chromium that runs on this machine, not merely a file at that path.
      const version = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 30_000 });
      expect(version.status, `${CHROMIUM_PATH} --version: ${version.stderr}`).toBe(0);
      expect(version.stdout).toMatch(/^(Chromium|Google Chrome(?: for Testing)?) \d+\.\d+\.\d+\.\d+/m);
    },
  );
});

describe.skipIf(Boolean(missing))(
  missing
    ? `the reference page in Chromium (SKIPPED: ${missing})`
    : 'the reference page in Chromium, offline, from file://',
  () => {
    let pageUrl: string;
    let browser: Browser;
    let page: Page;
    let recorded: Awaited<ReturnType<typeof offlineContext>>;

    beforeAll(async () => {
      const [built, launched] = await Promise.all([sharedCleanBuild(), launchChromium()]);
      browser = launched;
      expect(built.code, built.output).toBe(0);
      const builtBundle = path.join(built.dir, 'generated', 'openapi.json');
      if ((await readFile(builtBundle, 'utf8')) !== (await readFile(BUNDLED_SPEC_JSON, 'utf8'))) {
        throw new Error(
          'generated/openapi.json is not what the build makes from openapi/: run `npm run build` (npm run check:generated names the difference).',
        );
      }
      pageUrl = pathToFileURL(path.join(built.dir, 'generated', DOCS_PAGE)).href;
      recorded = await offlineContext(browser);
      page = await recorded.context.newPage();
      page.setDefaultTimeout(10_000);
      await rm(ARTIFACTS_DIR, { recursive: true, force: true });
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.goto(pageUrl);
      await waitForHydration(page);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('shows the guide: getting a key, using it, the errors table, security best practices, the plan table', async () => {
      const headings = (await page.locator('#api-content h1, #api-content h2, #api-content h3').allInnerTexts()).map(
        (text) => text.trim(),
      );
      const expected = guideHeadings(spec.info.description);
      expect(expected.length).toBeGreaterThanOrEqual(6);
      for (const heading of expected) expect(headings, heading).toContain(heading);

      const rows = await tableRows(page);
      for (const { status, raw } of seedErrorBodies()) {
        expect(
          rows.some((cells) => cells[0]?.startsWith(String(status)) && cells.includes(raw)),
          `errors table row for ${status}`,
        ).toBe(true);
      }
      for (const planRow of seedPlanRows())
        expect(rows, `plan table row ${planRow.join(' | ')}`).toContainEqual(planRow);

      const text = normalize(await page.locator('#api-content').innerText());
      for (const [title, step] of seedKeySteps()) expect(text, title).toContain(normalize(step));
      for (const practice of seedBestPractices()) expect(text).toContain(normalize(practice));
      await screenshot(page, 'overview', { fullPage: true });
    });

    it.each(entries.map((entry) => [entry.label, entry] as const))(
      '%s is in the sidebar and on the page with its summary, a link to its markdown, every response status and request example',
      async (_label, entry) => {
        await openFromSidebar(page, entry);
        const block = operationBlock(page, entry);
        await expect.poll(() => block.count()).toBe(1);
        // Redoc fills the block in after it exists: on a busy machine its heading can still be empty.
        await expect
          .poll(async () => (await block.locator('h2').first().innerText()).trim())
          .toBe(entry.operation.summary);

        const markdownFile = `operations/${entry.operation.operationId}.md`;
        expect(await block.locator(`a[href="${markdownFile}"]`).count(), `links to ${markdownFile}`).toBe(1);
        expect(existsSync(fileURLToPath(new URL(markdownFile, pageUrl))), `${markdownFile} is beside the page`).toBe(
          true,
        );

        const statuses = await block.locator('[id$="/responses"] [role=tab]').allInnerTexts();
        expect(statuses.map((status) => status.trim())).toEqual(Object.keys(entry.operation.responses));

        const examples = requestExampleSummaries(entry);
        if (examples.length > 1) {
          const picker = block
            .locator('.panel-request-samples [data-component-name="Dropdown/Dropdown"]')
            .filter({ hasText: examples[0]! });
          await picker.locator('button').first().click();
          expect(await menuItemTexts(page)).toEqual(examples);
          await picker.locator('button').first().click();
        }
        await screenshot(page, `operation-${entry.operation.operationId}`, { fullPage: false });
      },
    );

    it.each(entries.map((entry) => [entry.label, entry] as const))(
      '%s: the language menu lists every code sample and switching shows each one verbatim',
      async (_label, entry) => {
        await openFromSidebar(page, entry);
        const panel = operationBlock(page, entry).locator('.panel-request-samples');
        const samples = codeSamples(entry);
        const labels = samples.map((sample) => sample.label);
        const languagePicker = panel.locator('[data-component-name="Dropdown/Dropdown"]').filter({
          hasText: new RegExp(
            `^(${[...labels, 'Payload'].map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`,
          ),
        });
        const shown: string[] = [];
        for (const sample of [...samples].reverse()) {
          await languagePicker.locator('button').first().click();
          // The menu opens, and the panel re-renders, a frame or more after the click: wait for them.
          await expect
            .poll(() => menuItemTexts(page), { message: 'the menu lists every sample', timeout: 10_000 })
            .toEqual(expect.arrayContaining(labels));
          // A click event, not a pointer at a point: the menu hangs from the sticky samples panel, and
          // while Redoc is still laying out the operations below, an item can sit below the viewport
          // where no scroll can bring it.
          await page
            .locator('[role=menu]:visible [role=menuitem]')
            .filter({ hasText: new RegExp(`^${sample.label.replace(/[()]/g, '\\$&')}$`) })
            .dispatchEvent('click');
          const code = async () => (await panel.locator('pre').first().innerText()).trim();
          await expect.poll(code, { message: `${sample.label} sample`, timeout: 10_000 }).toBe(sample.source.trim());
          shown.push(await code());
        }
        expect(new Set(shown).size, 'each language shows a different sample').toBe(samples.length);
      },
    );

    it('links to llms.txt and llms-full.txt, and each link reaches a file beside the page', async () => {
      const hrefs = await page
        .locator('#api-content a[href]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
      for (const href of ['llms.txt', 'llms-full.txt']) {
        expect(hrefs, href).toContain(href);
        expect(existsSync(fileURLToPath(new URL(href, pageUrl))), href).toBe(true);
      }
    });

    it('has a Changes section in the sidebar, with the latest release', async () => {
      const sidebar = page.locator('[data-component-name="Menu/Menu"]');
      await sidebar.getByText('Changes', { exact: true }).click();
      const latest = /^## (\d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\))$/m.exec(
        readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'),
      )![1]!;
      await expect.poll(() => page.locator('#api-content h2').allInnerTexts()).toContain(latest);
    });

    // A code block that scrolls sideways hides the end of a command the reader is about to copy.
    describe.each([
      ['at 1,280 px', { width: 1280, height: 800 }],
      ['on a phone', { width: 390, height: 844 }],
    ])('no code block in the guide scrolls sideways %s', (_name, viewport) => {
      let narrow: Page;
      beforeAll(async () => {
        narrow = await recorded.context.newPage();
        await narrow.setViewportSize(viewport);
        await narrow.goto(pageUrl);
        await waitForHydration(narrow);
      });
      afterAll(() => narrow.close());

      const guideCodeBlocks = (target: Page) =>
        target.locator('#api-content [data-component-name="Markdown/Markdown"] pre').evaluateAll((blocks) =>
          blocks.map((block) => ({
            text: (block as HTMLElement).innerText.slice(0, 50),
            scrollWidth: block.scrollWidth,
            clientWidth: block.clientWidth,
          })),
        );

      it('every block fits its column', async () => {
        const blocks = await guideCodeBlocks(narrow);
        expect(blocks.length, 'the guide has code blocks').toBeGreaterThanOrEqual(2);
        expect(blocks.filter((block) => block.scrollWidth > block.clientWidth)).toEqual([]);
        await narrow
          .locator('#api-content [data-component-name="Markdown/Markdown"] pre')
          .last()
          .scrollIntoViewIfNeeded();
        await screenshot(narrow, `guide-${viewport.width}px`, { fullPage: false });
      });

      it('the check sees a block that would scroll (the page without its wrapping rule)', async () => {
        await narrow.addStyleTag({
          content:
            '[data-component-name="Markdown/Markdown"] { --code-wrap: pre; } [data-component-name="Markdown/Markdown"] pre { overflow-wrap: normal; }',
        });
        expect(
          (await guideCodeBlocks(narrow)).filter((block) => block.scrollWidth > block.clientWidth).length,
        ).toBeGreaterThan(0);
      });
    });

    it('finds operations with the search box, offline', async () => {
      const listAlerts = entries.find((entry) => entry.operation.operationId === 'listNotifications')!;
      await page.keyboard.press('Control+k');
      await page.keyboard.type('keyword alerts');
      const results = page.locator('[data-component-name="Search/SearchItem"]');
      await expect
        .poll(() => results.allInnerTexts())
        .toEqual(expect.arrayContaining([expect.stringContaining(listAlerts.operation.summary)]));
      await page.keyboard.press('Escape');
    });

    // Last, so it covers everything the tests above made the page do. A load the page's CSP blocks is
    // not a request but is a console error, so both lists must be empty.
    it('loaded nothing but itself and logged no errors', async () => {
      expect(recorded.requests.length).toBeGreaterThan(0);
      expect(recorded.requests.filter((url) => !isLocalRequest(url, pageUrl))).toEqual([]);
      expect(recorded.consoleErrors).toEqual([]);
      expect(recorded.pageErrors).toEqual([]);
    });

    it('the request recorder sees a page that loads from another host', async () => {
      const probe = await offlineContext(browser);
      try {
        const leaky = await probe.context.newPage();
        await leaky.setContent('<img src="https://cdn.example.invalid/logo.svg">');
        await expect.poll(() => probe.requests).toContain('https://cdn.example.invalid/logo.svg');
        expect(probe.requests.filter((url) => !isLocalRequest(url, pageUrl))).toEqual([
          'https://cdn.example.invalid/logo.svg',
        ]);
      } finally {
        await probe.context.close();
      }
    });
  },
);
