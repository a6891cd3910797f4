// The reference docs: the page's size (bytes, and gzipped as a web server would send it) and how
// fast it renders in headless Chromium, opened from file:// with the network unplugged; and beside
// it the plain-text versions a coding assistant or a script reads instead (llms-full.txt, llms.txt).
//   first render: navigation start → first contentful paint (the browser's own Paint Timing entry).
//     The page is server-rendered, so this is when the reader sees the guide and the sidebar.
//   interactive: navigation start → React has hydrated the page (menus, samples and search respond).
// Each is the median of RUNS loads, each in a fresh browser context. The docs are built from the
// committed bundle into a scratch folder first, so the figures are for the current source.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  chromiumMissingReason,
  INSTALL_HINT,
  launchChromium,
  offlineContext,
  waitForHydration,
} from '../scripts/lib/browser.mjs';
import { LLMS_FULL, LLMS_INDEX } from '../scripts/lib/docs/plain-text-docs.mjs';
import { buildDocs, buildPlainTextDocs, DOCS_DIR } from '../scripts/lib/generate.mjs';
import { GENERATED_DIR } from '../scripts/lib/paths.mjs';
import { median } from './lib/measure.mjs';

export const name = 'docs';
export const description = 'reference page and llms-full.txt sizes, and first render in headless Chromium';

const BUNDLED_SPEC = path.join(GENERATED_DIR, 'openapi.yaml');

const RUNS = 5;
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB (${bytes} bytes)`;
const ms = (value) => `${Math.round(value)} ms`;

async function timeOneLoad(browser, url) {
  const { context } = await offlineContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    const interactive = await waitForHydration(page);
    const firstRender = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );
    return { firstRender, interactive };
  } finally {
    await context.close();
  }
}

async function timeLoads(url) {
  const browser = await launchChromium();
  try {
    const loads = [];
    for (let run = 0; run < RUNS; run += 1) loads.push(await timeOneLoad(browser, url));
    return loads;
  } finally {
    await browser.close();
  }
}

export async function run() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-bench-docs-'));
  try {
    const file = await buildDocs(dir, BUNDLED_SPEC);
    await copyFile(path.join(GENERATED_DIR, 'openapi.json'), path.join(dir, 'openapi.json'));
    await buildPlainTextDocs(dir);
    const page = await readFile(file);
    const full = await readFile(path.join(dir, DOCS_DIR, LLMS_FULL));
    const index = await readFile(path.join(dir, DOCS_DIR, LLMS_INDEX));
    const rows = [
      { metric: 'page size', value: kib(page.length), target: '< 3 MiB' },
      { metric: 'page size, gzipped (level 6)', value: kib(gzipSync(page).length), target: '< 1 MiB' },
      // What an assistant reads instead of the page: the whole reference, in a context window's budget.
      { metric: `${LLMS_FULL} size (the whole reference as markdown)`, value: kib(full.length), target: '< 128 KiB' },
      { metric: `${LLMS_FULL} size, gzipped (level 6)`, value: kib(gzipSync(full).length) },
      { metric: `${LLMS_FULL} / page`, value: `${((full.length / page.length) * 100).toFixed(1)} %` },
      { metric: `${LLMS_INDEX} size (the index)`, value: kib(index.length), target: '< 8 KiB' },
    ];
    const missing = chromiumMissingReason();
    if (missing) {
      return [...rows, { metric: 'first render / interactive', value: `not measured: ${missing}. ${INSTALL_HINT}` }];
    }
    const loads = await timeLoads(pathToFileURL(file).href);
    return [
      ...rows,
      {
        metric: `first render: first contentful paint (median of ${RUNS})`,
        value: ms(median(loads.map((load) => load.firstRender))),
        target: '< 1000 ms',
      },
      {
        metric: `interactive: hydrated (median of ${RUNS})`,
        value: ms(median(loads.map((load) => load.interactive))),
        target: '< 3000 ms',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
