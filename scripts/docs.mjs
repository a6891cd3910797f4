// npm run docs [-- --screenshot]
// Builds the reference docs alone: bundle the spec, then the plain-text docs (generated/docs/llms.txt,
// llms-full.txt, changes.md, guide/*.md, operations/*.md) and the page, generated/docs/index.html
// (Redoc inlined, telemetry off, nothing loaded from another host). With --screenshot it also
// renders the page in headless Chromium and refreshes the README's screenshots in scripts/docs/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  chromiumMissingReason,
  INSTALL_HINT,
  launchChromium,
  offlineContext,
  waitForHydration,
} from './lib/browser.mjs';
import { buildDocs, buildPlainTextDocs, bundleSpec, DOCS_ASSETS_DIR, DOCS_DIR, DOCS_PAGE } from './lib/generate.mjs';
import { LLMS_FULL, LLMS_INDEX } from './lib/docs/plain-text-docs.mjs';
import { exitWithFailure, parseOptions, step, StepFailure } from './lib/steps.mjs';
import { ROOT, GENERATED_DIR } from './lib/paths.mjs';

const { values } = parseOptions({ screenshot: { type: 'boolean', default: false } }, 'npm run docs -- [--screenshot]');

const README_SCREENSHOTS = {
  guide: path.join(DOCS_ASSETS_DIR, 'screenshot-guide.png'),
  operation: path.join(DOCS_ASSETS_DIR, 'screenshot-operation.png'),
};

function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

/** The whole guide page, and the search operation showing its JavaScript sample. */
async function takeReadmeScreenshots(pageFile) {
  const missing = chromiumMissingReason();
  if (missing) throw new StepFailure(`${missing}, so no screenshot can be taken.`, { hint: INSTALL_HINT });
  const browser = await launchChromium();
  try {
    const { context } = await offlineContext(browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(pageFile).href);
    await waitForHydration(page);
    await page.getByText('Loading...', { exact: true }).waitFor({ state: 'detached' });
    await page.screenshot({ path: README_SCREENSHOTS.guide, fullPage: true });
    await page.locator('[data-component-name="Menu/Menu"]').getByText('Search', { exact: true }).click();
    await page.locator('.menu-item-type-operation').first().click();
    const panel = page.locator('.panel-request-samples').first();
    await panel
      .locator('[data-component-name="Dropdown/Dropdown"]')
      .filter({ hasText: /^curl$/ })
      .locator('button')
      .click();
    await page
      .locator('[role=menu]:visible [role=menuitem]')
      .filter({ hasText: /^JavaScript/ })
      .click();
    await page.screenshot({ path: README_SCREENSHOTS.operation });
  } finally {
    await browser.close();
  }
}

try {
  await step('bundle: generated/openapi.yaml, generated/openapi.json', () => bundleSpec());
  const { result: plainTextFiles } = await step('docs: generated/docs/llms.txt, llms-full.txt and markdown', () =>
    buildPlainTextDocs(),
  );
  const { result: pageFile } = await step(`docs: ${path.join('generated', DOCS_PAGE)}`, () => buildDocs());
  if (values.screenshot) {
    await step(
      `screenshots: ${Object.values(README_SCREENSHOTS)
        .map((file) => path.relative(ROOT, file))
        .join(', ')}`,
      () => takeReadmeScreenshots(pageFile),
    );
  }
  const page = await readFile(pageFile);
  const docsDir = path.join(GENERATED_DIR, DOCS_DIR);
  const full = await readFile(path.join(docsDir, LLMS_FULL));
  console.log(
    `\nDocs page: ${path.relative(ROOT, path.join(GENERATED_DIR, DOCS_PAGE))} (${kilobytes(page.length)}, ${kilobytes(gzipSync(page).length)} gzipped)\n` +
      `  open ${pathToFileURL(pageFile).href}\n` +
      '  or serve it on 127.0.0.1: npm run docs:serve\n' +
      `Plain text: ${plainTextFiles.length} files beside it in ${path.relative(ROOT, docsDir)}/, ` +
      `${LLMS_INDEX} the index, ${LLMS_FULL} everything (${kilobytes(full.length)})`,
  );
} catch (error) {
  exitWithFailure(error);
}
