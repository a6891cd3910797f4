// `npm run dev` in a project folder, as a user runs it (its own process, any free ports), and a way to
// watch a page in the browser until it shows a text: for the dev benchmark and the dev tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { stopProcess } from './steps.mjs';

const URLS = /Docs:\s+(http:\S+)[\s\S]*Mock API:\s+(http:\S+)/;

/**
 * Starts `node scripts/dev.mjs` in `cwd` and resolves once it serves, with its URLs, everything it
 * printed so far (`output()`), `waitFor(pattern, { after })` (resolves when the output after offset
 * `after` matches) and `stop()` (Ctrl-C, as a user stops it; resolves with its exit code).
 * @param {string} cwd
 * @param {{ args?: string[], env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 */
export async function startDevProcess(cwd, { args = [], env = {}, timeoutMs = 180_000 } = {}) {
  const child = spawn(
    process.execPath,
    [path.join(cwd, 'scripts', 'dev.mjs'), '--port', '0', '--docs-port', '0', ...args],
    {
      cwd,
      env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let printed = '';
  child.stdout.on('data', (chunk) => (printed += chunk));
  child.stderr.on('data', (chunk) => (printed += chunk));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));

  const waitFor = (pattern, { after = 0, timeoutMs: wait = 60_000 } = {}) => {
    const deadline = Date.now() + wait;
    return new Promise((resolve, reject) => {
      const poll = () => {
        const match = pattern.exec(printed.slice(after));
        if (match) return resolve(match);
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          return reject(
            new Error(
              `Waited for ${pattern}; npm run dev ${child.exitCode !== null ? `exited (${child.exitCode})` : 'timed out'}. It printed:\n${printed}`,
            ),
          );
        }
        setTimeout(poll, 20);
      };
      poll();
    });
  };

  try {
    const [, docsUrl, mockUrl] = await waitFor(URLS, { timeoutMs });
    await waitFor(/Save a file to rebuild; Ctrl-C stops\./);
    return {
      child,
      docsUrl,
      mockUrl,
      output: () => printed,
      waitFor,
      exited,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        const timer = setTimeout(() => stopProcess(child), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/**
 * Resolves with the milliseconds (on this process's clock, from `since`) at which the Redoc page in
 * `page` shows `text`, through any number of reloads; rejects after `timeoutMs`.
 * @param {import('playwright-core').Page} page
 */
export async function waitForPageText(page, text, { since = performance.now(), timeoutMs = 30_000 } = {}) {
  const deadline = since + timeoutMs;
  for (;;) {
    // Only what Redoc rendered: the definition in the page's script holds the text before it shows.
    const shown = await page
      .evaluate((wanted) => document.getElementById('redoc')?.textContent?.includes(wanted) ?? false, text)
      .catch(() => false); // the page is reloading
    if (shown) return performance.now() - since;
    if (performance.now() > deadline) throw new Error(`The page did not show "${text}" within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
