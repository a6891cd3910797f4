// A small static server for the built docs folder (generated/docs/), loopback only: the reference
// page at `/`, and beside it the plain-text docs (/llms.txt, /llms-full.txt, /changes.md,
// /guide/*.md, /operations/*.md). Given the local mock's URL (npm start), it serves a local build of
// the page that offers the mock beside production; the published files are never changed.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { step, StepFailure } from './steps.mjs';
import { buildDocs, DOCS_DIR, DOCS_PAGE } from './generate.mjs';
import { GENERATED_DIR } from './paths.mjs';

export const DEFAULT_DOCS_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

/** What the server hands out besides the page, by extension. */
const CONTENT_TYPES = { '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8' };
const PAGE_PATHS = new Set(['/', '/index.html']);
const NOT_FOUND = 'Not found. The docs are at /, their plain-text versions at /llms.txt and /llms-full.txt.\n';

async function readDocsPage(docsFile) {
  try {
    return await readFile(docsFile);
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new StepFailure(`No docs page at ${docsFile}.`, { hint: 'Run `npm run build` (or `npm run docs`) first.' });
    }
    throw error;
  }
}

async function modifiedAt(file) {
  return (await stat(file).catch(() => null))?.mtimeMs ?? 0;
}

/** A URL of the local mock, checked, without a trailing slash. */
function checkedMockUrl(mockUrl) {
  let url;
  try {
    url = new URL(mockUrl);
  } catch {
    throw new StepFailure(`The mock URL "${mockUrl}" is not a URL.`, {
      hint: 'Give it as http://127.0.0.1:4010 (what `npm run mock` prints).',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new StepFailure(`The mock URL must start with http:// or https://, not ${url.protocol}//.`);
  return url.href.replace(/\/$/, '');
}

/**
 * The local page: built from the bundle into a scratch folder with the mock's URL, and built again
 * when the published page changes (a rebuild), so a reload shows the new contract. `built`: the
 * page as the build just made it beside the published one (npm start), which then needs no build.
 */
async function localPage({ mockUrl, bundlePath, publishedPage, built }) {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-local-docs-'));
  let builtFrom = -1;
  let building = null;
  const rebuild = async () => {
    const publishedAt = await modifiedAt(publishedPage);
    await step(`docs (local): the page with the mock at ${mockUrl} beside production`, () =>
      buildDocs(scratch, bundlePath, { mockUrl }),
    );
    builtFrom = publishedAt;
  };
  if (built) {
    await mkdir(path.dirname(path.join(scratch, DOCS_PAGE)), { recursive: true });
    await writeFile(path.join(scratch, DOCS_PAGE), built);
    builtFrom = await modifiedAt(publishedPage);
  } else {
    await rebuild();
  }
  return {
    async read() {
      if ((await modifiedAt(publishedPage)) !== builtFrom) {
        building ??= rebuild()
          .catch((error) => {
            console.error(
              `${error.details ? `${error.details}\n` : ''}✘ ${error.message}${error.hint ? `\n  → ${error.hint}` : ''}`,
            );
            throw error;
          })
          .finally(() => {
            building = null;
          });
        await building;
      }
      return readFile(path.join(scratch, DOCS_PAGE));
    },
    remove: () => rm(scratch, { recursive: true, force: true }),
  };
}

/** The file under `docsDir` that `pathname` names, or null when it is not one the server hands out. */
function plainTextFile(docsDir, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || !CONTENT_TYPES[path.extname(decoded)]) return null;
  const file = path.resolve(docsDir, `.${decoded}`);
  return file.startsWith(`${path.resolve(docsDir)}${path.sep}`) ? file : null;
}

function send(response, request, status, headers, body) {
  response.writeHead(status, { 'X-Content-Type-Options': 'nosniff', ...headers });
  response.end(request.method === 'HEAD' ? undefined : body);
}

// What `npm run dev` adds to the page it serves, and only to that one: a script that reloads the page
// when the server says a newer build exists. The published page (generated/docs/index.html) and the
// page `npm start` serves never contain it. Each page carries the build number it was served with;
// the server sends the current one when the script connects and again after each build, so a save
// made while the page was loading is not missed.
// Once Redoc has rendered, the page says so (a POST to the same path), so `npm run dev` can hold the
// rest of its rebuild back until the reader sees the change.
const LIVE_RELOAD_PATH = '/__live-reload';
const liveReloadScript = (build) =>
  `<script>/* npm run dev: reload when the spec or the docs are rebuilt */(() => { const served = ${build}; ` +
  `const events = new EventSource('${LIVE_RELOAD_PATH}'); events.addEventListener('build', (event) => { ` +
  `if (Number(event.data) !== served) { events.close(); location.reload(); } }); ` +
  `const rendered = () => { const root = document.querySelector('#redoc > *'); ` +
  `if (root && Object.keys(root).some((key) => key.startsWith('__reactFiber'))) ` +
  `fetch('${LIVE_RELOAD_PATH}?shown=' + served, { method: 'POST' }).catch(() => {}); else setTimeout(rendered, 20); }; ` +
  `addEventListener('DOMContentLoaded', rendered); })();</script>`;

// The page inlines Redoc (2.3 MB of JavaScript) in a module script. The page `npm run dev` serves
// loads it from the server instead, under a name made of its hash and cached for good, so the browser
// keeps it compiled between reloads (a few hundred milliseconds per reload, under load). Only that
// page: the published one stays one self-contained file.
const REDOC_MODULE_START = '<script type="module">';
const REDOC_MODULE_EXPORTS = 'export{RedocStandalone,hydrate,init};';
const REDOC_SCRIPT_PREFIX = `${LIVE_RELOAD_PATH}/redoc-`;

function withRedocLoadedFromServer(html, scripts) {
  const start = html.indexOf(REDOC_MODULE_START);
  const end = html.indexOf(REDOC_MODULE_EXPORTS, start);
  if (start === -1 || end === -1) return html;
  const code = html.slice(start + REDOC_MODULE_START.length, end + REDOC_MODULE_EXPORTS.length);
  const name = `${REDOC_SCRIPT_PREFIX}${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  if (!scripts.has(name)) scripts.set(name, Buffer.from(code));
  return (
    html
      .slice(0, start + REDOC_MODULE_START.length)
      .replace("script-src 'unsafe-inline'", "script-src 'self' 'unsafe-inline'") +
    `import{RedocStandalone,hydrate,init}from'${name}';` +
    html.slice(end + REDOC_MODULE_EXPORTS.length)
  );
}

/**
 * Live reload for the page `npm run dev` serves: `reload()` after each new build tells every open
 * page to reload. Give it to serveDocs as `liveReload`.
 */
export function createLiveReload() {
  const scripts = new Map();
  const listeners = new Set();
  const shownWaiters = new Set();
  let build = 0;
  const tell = (response) => response.write(`event: build\ndata: ${build}\n\n`);
  return {
    get build() {
      return build;
    },
    get listeners() {
      return listeners.size;
    },
    reload() {
      build += 1;
      for (const response of listeners) tell(response);
    },
    /** Resolves once an open page has rendered the current build, or after `timeoutMs`. */
    shown(timeoutMs) {
      const wanted = build;
      return new Promise((resolve) => {
        const waiter = {
          wanted,
          done: () => {
            clearTimeout(timer);
            shownWaiters.delete(waiter);
            resolve(undefined);
          },
        };
        const timer = setTimeout(waiter.done, timeoutMs);
        shownWaiters.add(waiter);
      });
    },
    /** The page with the script in its head and its Content-Security-Policy letting it reach this server. */
    inject(page) {
      const html = withRedocLoadedFromServer(page.toString('utf8'), scripts).replace(
        "connect-src 'none'",
        "connect-src 'self'",
      );
      const head = html.indexOf('</head>');
      if (head === -1) return Buffer.from(`${liveReloadScript(build)}${html}`);
      return Buffer.from(`${html.slice(0, head)}${liveReloadScript(build)}\n${html.slice(head)}`);
    },
    /** A Redoc script the page served with inject() loads, or undefined. */
    script(pathname) {
      return scripts.get(pathname);
    },
    /** The event stream the script listens to (GET), and what it says once the page has rendered (POST). */
    listen(request, response) {
      if (request.method === 'POST') {
        const shownBuild = Number(new URL(request.url ?? '/', 'http://localhost').searchParams.get('shown'));
        for (const waiter of [...shownWaiters]) if (waiter.wanted === shownBuild) waiter.done();
        response.writeHead(204).end();
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
        'X-Content-Type-Options': 'nosniff',
      });
      response.write('retry: 300\n\n');
      tell(response);
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
    },
    close() {
      for (const response of listeners) response.end();
      listeners.clear();
      for (const waiter of [...shownWaiters]) waiter.done();
    },
  };
}

/**
 * Serves `docsDir` (generated/docs/) on loopback; resolves with {url, mockUrl, close} once
 * listening. With `mockUrl`, `/` is the local page that offers the mock (built here from `bundlePath`,
 * unless `localPageBuilt` is that page as the build made it for this very mock URL: npm start).
 * `npm run dev` gives `page` (where `/` comes from: it builds the page itself) and `liveReload`
 * (createLiveReload: the page it serves reloads itself after each build).
 * @param {{ port?: number, host?: string, docsDir?: string, mockUrl?: string | undefined, bundlePath?: string,
 *   localPageBuilt?: { mockUrl: string, page: Buffer } | null,
 *   page?: () => Promise<Buffer | null>, liveReload?: ReturnType<typeof createLiveReload> }} [options]
 */
export async function serveDocs({
  port = DEFAULT_DOCS_PORT,
  host = DEFAULT_HOST,
  docsDir = path.join(GENERATED_DIR, DOCS_DIR),
  mockUrl,
  bundlePath = path.join(GENERATED_DIR, 'openapi.yaml'),
  localPageBuilt,
  page: pageSource,
  liveReload,
} = {}) {
  const publishedPage = path.join(docsDir, path.basename(DOCS_PAGE));
  if (!pageSource) await readDocsPage(publishedPage);
  const offered = mockUrl && checkedMockUrl(mockUrl);
  const built =
    localPageBuilt && offered && checkedMockUrl(localPageBuilt.mockUrl) === offered ? localPageBuilt.page : undefined;
  const local = offered && !pageSource ? await localPage({ mockUrl: offered, bundlePath, publishedPage, built }) : null;
  const readPage = pageSource ?? (() => (local ? local.read() : readDocsPage(publishedPage)));

  const handle = async (request, response) => {
    // The path as sent, query left off; anything that is not a plain path is not a docs file.
    const pathname = (request.url ?? '/').split('?')[0];
    if (!pathname.startsWith('/')) {
      send(
        response,
        request,
        400,
        { 'Content-Type': 'text/plain; charset=utf-8' },
        'Bad request: ask for a path, such as / or /llms.txt.\n',
      );
      return;
    }
    if (liveReload && pathname === LIVE_RELOAD_PATH && (request.method === 'GET' || request.method === 'POST')) {
      liveReload.listen(request, response);
      return;
    }
    const redocScript = liveReload?.script(pathname);
    if (redocScript && (request.method === 'GET' || request.method === 'HEAD')) {
      send(
        response,
        request,
        200,
        { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
        redocScript,
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, request, 405, { Allow: 'GET, HEAD' });
      return;
    }
    if (PAGE_PATHS.has(pathname)) {
      // Read on every request, so a rebuild shows up on reload without restarting the server.
      const page = await readPage().catch(() => null);
      if (!page) {
        const why =
          local || pageSource
            ? 'The local docs page could not be built: the terminal running the server says why.'
            : 'Docs not built yet: run npm run build';
        send(response, request, 503, { 'Content-Type': 'text/plain; charset=utf-8' }, `${why}\n`);
        return;
      }
      send(
        response,
        request,
        200,
        { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
        liveReload ? liveReload.inject(page) : page,
      );
      return;
    }
    const file = plainTextFile(docsDir, pathname);
    const content = file && (await readFile(file).catch(() => null));
    if (!content) {
      send(response, request, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, NOT_FOUND);
      return;
    }
    send(
      response,
      request,
      200,
      { 'Content-Type': CONTENT_TYPES[path.extname(file)], 'Cache-Control': 'no-cache' },
      content,
    );
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error(`docs server: ${request.method} ${request.url} failed: ${error?.message ?? error}`);
      if (!response.headersSent)
        send(
          response,
          request,
          500,
          { 'Content-Type': 'text/plain; charset=utf-8' },
          'The docs server could not answer this request.\n',
        );
      else response.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new StepFailure(`Port ${port} on ${host} is already in use, so the docs cannot be served there.`, {
            hint: `Stop whatever is using it, or pick another port: --docs-port <port>.`,
          }),
        );
      } else {
        reject(error);
      }
    });
    server.listen(port, host, () => resolve(undefined));
  }).catch(async (error) => {
    await local?.remove();
    throw error;
  });
  const { port: actualPort } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${actualPort}/`,
    mockUrl: mockUrl ? checkedMockUrl(mockUrl) : null,
    close: () => {
      liveReload?.close();
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      // The live-reload streams stay open as long as their pages do.
      if (liveReload) server.closeAllConnections();
      return closed.then(() => local?.remove());
    },
  };
}
