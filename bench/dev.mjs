// `npm run dev`, save to reload: in a scratch copy of the project, `npm run dev` runs as a user runs
// it; headless Chromium has the docs page open. Each round edits one line of the spec (a word added to
// the guide's first sentence, openapi/info-description.md) and measures from the save to the moment
// the page in the browser shows the new word. Then it waits for the whole rebuild to finish, so each
// round starts from rest. Also: how long `npm run dev` takes to serve (its first build mostly comes
// from the build cache).
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumMissingReason, INSTALL_HINT, launchChromium, waitForHydration } from '../scripts/lib/browser.mjs';
import { startDevProcess, waitForPageText } from '../scripts/lib/dev-process.mjs';
import { copyProjectToTemp } from '../scripts/lib/project-copy.mjs';
import { median } from './lib/measure.mjs';

export const name = 'dev';
export const description = 'npm run dev: a saved edit shown in the browser';

const ROUNDS = 5;
const EDITED_FILE = path.join('openapi', 'info-description.md');
const FIRST_SENTENCE = 'The Audioscrape API gives your application';
const ms = (value) => `${Math.round(value)} ms`;

export async function run() {
  const missing = chromiumMissingReason();
  if (missing)
    return [
      { metric: 'save → page shows the edit', value: `not measured: ${missing}. ${INSTALL_HINT}`, target: '≤ 1500 ms' },
    ];
  const dir = await copyProjectToTemp({ prefix: 'audioscrape-bench-dev-' });
  const browser = await launchChromium();
  let dev;
  try {
    const started = performance.now();
    dev = await startDevProcess(dir);
    const ready = performance.now() - started;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(dev.docsUrl);
    await waitForHydration(page);

    const file = path.join(dir, EDITED_FILE);
    const original = await readFile(file, 'utf8');
    if (!original.includes(FIRST_SENTENCE))
      throw new Error(`${EDITED_FILE} no longer starts "${FIRST_SENTENCE}": update bench/dev.mjs.`);
    const shown = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const word = `Benchround${round}x${Date.now().toString(36)}`;
      const printedBefore = dev.output().length;
      const saved = performance.now();
      await writeFile(file, original.replace(FIRST_SENTENCE, `${FIRST_SENTENCE} ${word}`));
      shown.push(await waitForPageText(page, word, { since: saved }));
      await dev.waitFor(/(Rebuilt in [\d.]+ s|Still serving the last good build)/, {
        after: printedBefore,
        timeoutMs: 120_000,
      });
    }
    return [
      {
        metric: 'machine load (1-minute average) after the rounds',
        value: `${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
      },
      { metric: 'npm run dev: start → serving', value: ms(ready) },
      { metric: `save → page shows the edit (median of ${ROUNDS})`, value: ms(median(shown)), target: '≤ 1500 ms' },
      {
        metric: `save → page shows the edit (slowest of ${ROUNDS})`,
        value: ms(Math.max(...shown)),
        target: '≤ 1500 ms',
      },
    ];
  } finally {
    await dev?.stop();
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
