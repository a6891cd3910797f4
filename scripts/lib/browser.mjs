// Headless Chromium for the docs page: Debian's `chromium` package driven by playwright-core (never a
// downloaded browser), with the network unplugged and every request the page makes recorded.
// Shared by the browser test, `npm run docs -- --screenshot` and `npm run bench -- docs`.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Quiet on a closed network: no component updates, sync, first-run or background fetches.
// playwright-core adds --headless and a fresh, empty --user-data-dir for every launch.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const INSTALL_HINT =
  "Install Debian's chromium: `sudo apt-get install -y --no-install-recommends chromium` (or set CHROMIUM_PATH).";

/** Why Chromium cannot run here, or null if it can. */
export function chromiumMissingReason() {
  return existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH}`;
}

/** @param {{ extraArgs?: string[] }} [options] more Chromium flags, after the quiet ones */
export function launchChromium({ extraArgs = [] } = {}) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** What a page may load without leaving the machine: itself, and what it makes in memory. */
export function isLocalRequest(url, pageUrl) {
  const { protocol } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return url.split('#')[0] === pageUrl.split('#')[0];
}

/**
 * A browser context with the network unplugged (`offline`, and every http(s)/ws request aborted)
 * that records every request any page in it makes, every console error and every uncaught error.
 */
export async function offlineContext(browser, { viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, offline: true, serviceWorkers: 'block' });
  const requests = [];
  const consoleErrors = [];
  const pageErrors = [];
  context.on('request', (request) => requests.push(request.url()));
  await context.route(/^(https?|wss?):/, (route) => route.abort('internetdisconnected'));
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  return { context, requests, consoleErrors, pageErrors };
}

/**
 * Resolves once React has hydrated the server-rendered page (its root node carries a fiber), with
 * the page's own clock at that frame: milliseconds since navigation start.
 */
export async function waitForHydration(page, { timeout = 30_000 } = {}) {
  const handle = await page.waitForFunction(
    () => {
      const root = document.querySelector('#redoc > *');
      const hydrated = Boolean(root && Object.keys(root).some((key) => key.startsWith('__reactFiber')));
      return hydrated && performance.now();
    },
    undefined,
    { timeout, polling: 'raf' },
  );
  return handle.jsonValue();
}
