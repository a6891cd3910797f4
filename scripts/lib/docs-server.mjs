// A tiny static server for the built reference page: one file, loopback only, no caching surprises.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StepFailure } from './steps.mjs';
import { DOCS_PAGE, GENERATED_DIR } from './generate.mjs';

export const DEFAULT_DOCS_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

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

/** Serves generated/docs/index.html at `/`; resolves with {url, close} once listening. */
export async function serveDocs({ port = DEFAULT_DOCS_PORT, host = DEFAULT_HOST, docsFile = path.join(GENERATED_DIR, DOCS_PAGE) } = {}) {
  await readDocsPage(docsFile);
  const server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname !== '/' && pathname !== '/index.html') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the docs are at /\n');
      return;
    }
    // Read on every request, so a rebuild shows up on reload without restarting the server.
    const page = await readDocsPage(docsFile).catch(() => null);
    if (!page) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Docs not built yet: run npm run build\n');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : page);
  });
  await new Promise((resolve, reject) => {
    server.once('error', (error) => {
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
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address();
  return {
    url: `http://${host}:${actualPort}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
