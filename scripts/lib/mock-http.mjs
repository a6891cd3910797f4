// The HTTP server in front of a mock engine (mock-engine.mjs): it reads each request without ever
// trusting it (bad escapes, bodies past the size cap, malformed headers, aborted connections), hands
// it to the engine as a MockRequest, writes the answer, and reports one line per request. No
// request can stop it: anything unexpected becomes the API's 500 and a console line, never a crash.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const JSON_TYPE = 'application/json';

/** What one request looked like, for the console. */
/** @typedef {{ method: string, path: string, status: number, ms: number, note?: { plan?: string, problem?: string, violations?: string[], operationId?: string } }} RequestRecord */

/** An answer in the API's error shape, `{error, message}`, with `message` also noted for the console. */
export function apiError(status, title, message, headers = {}) {
  return {
    status,
    headers: { 'Content-Type': JSON_TYPE, ...headers },
    body: { error: title, message },
    note: { problem: message },
  };
}

/** `/a/b?x=1` → ['/a/b', 'x=1']; an absolute-form target (`http://host/a`) is reduced to its path. */
function splitTarget(target = '/') {
  let rest = target;
  if (!rest.startsWith('/')) {
    const afterScheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
    rest = afterScheme ? rest.slice(afterScheme[0].length) || '/' : `/${rest}`;
  }
  const queryAt = rest.indexOf('?');
  return queryAt < 0 ? [rest, ''] : [rest.slice(0, queryAt), rest.slice(queryAt + 1)];
}

function flattenHeaders(raw) {
  const headers = {};
  for (const [name, value] of Object.entries(raw)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** Reads the body as UTF-8 text, or stops keeping it past `maxBytes` (the rest is discarded). */
function readBody(request, maxBytes) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size > maxBytes
          ? { tooLarge: true, size }
          : { text: size === 0 ? undefined : Buffer.concat(chunks).toString('utf8') },
      ),
    );
    request.on('error', reject);
  });
}

function setCorsHeaders(request, response) {
  // Frontends call the mock from a dev server on another port; the mock lets any origin in, as Prism does.
  response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
  response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? '*');
  response.setHeader('Access-Control-Expose-Headers', '*');
  response.setHeader('Vary', 'Origin');
}

function isPreflight(request) {
  return (
    request.method === 'OPTIONS' &&
    request.headers.origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined
  );
}

function writeAnswer(response, answer) {
  const body =
    answer.body === undefined
      ? undefined
      : answer.raw && typeof answer.body === 'string'
        ? answer.body
        : JSON.stringify(answer.body);
  response.writeHead(answer.status, answer.headers);
  response.end(body);
}

/**
 * `engine.bodyLimit` is the behaviour module's rule for large bodies (src/mock/request.ts: the size
 * and the API's 400 past it), so the server and the MSW handlers refuse the same bodies in the same words.
 * @param {{ engine: { answer(request: object): Promise<object>, bodyLimit: { maxBytes: number, refuse(size: number): import('../../src/mock/index.js').MockAnswer } }, onRequest?: (record: RequestRecord) => void, onError?: (error: unknown) => void }} options
 */
export function createMockHttpServer({ engine, onRequest = () => {}, onError = () => {} }) {
  async function handle(request, response) {
    const started = performance.now();
    const [path, query] = splitTarget(request.url);
    const record = (answer) =>
      onRequest({
        method: request.method ?? 'GET',
        path,
        status: answer.status,
        ms: performance.now() - started,
        note: answer.note,
      });
    setCorsHeaders(request, response);
    if (isPreflight(request)) {
      response.setHeader('Access-Control-Allow-Methods', request.headers['access-control-request-method']);
      response.writeHead(204, { 'Content-Length': '0' }).end();
      return;
    }
    const { maxBytes } = engine.bodyLimit;
    let body;
    try {
      body = await readBody(request, maxBytes);
    } catch {
      return; // The request stream failed (the client went away mid-body): there is nobody to answer.
    }
    let answer;
    if (body.tooLarge) {
      // The rest of the body was not read, so the connection cannot carry another request.
      const refusal = engine.bodyLimit.refuse(body.size);
      answer = { ...refusal, headers: { ...refusal.headers, Connection: 'close' } };
    } else {
      try {
        answer = await engine.answer({
          method: request.method ?? 'GET',
          path,
          query,
          headers: flattenHeaders(request.headers),
          body: body.text,
        });
      } catch (error) {
        onError(error);
        answer = apiError(
          500,
          'Internal Server Error',
          'The mock failed to answer this request; its console says why.',
        );
      }
    }
    if (!response.destroyed) writeAnswer(response, answer);
    record(answer);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      onError(error);
      if (!response.headersSent && !response.destroyed)
        writeAnswer(response, apiError(500, 'Internal Server Error', 'The mock failed to answer this request.'));
    });
  });

  // A request Node's parser cannot read (malformed request line or headers, headers past 16 KB)
  // still gets the API's error shape, not a bare connection reset.
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const reason =
      error.code === 'HPE_HEADER_OVERFLOW' ? 'its headers are larger than 16 KB' : 'it is not valid HTTP/1.1';
    const body = JSON.stringify({ error: 'Bad Request', message: `The request could not be read: ${reason}.` });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    onRequest({
      method: '?',
      path: '(unreadable request)',
      status: 400,
      ms: 0,
      note: { problem: `could not be read: ${reason}` },
    });
  });
  return server;
}
