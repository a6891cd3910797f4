// What the benchmarks compare against: a plain Node http server, in its own process (so it never
// shares an event loop with the load it is measured under), that answers every request the way the
// mock answers search by default: the first named 200 example, with the three rate-limit headers.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { stopProcess } from './steps.mjs';
import { BUNDLED_SPEC_JSON } from './paths.mjs';

export const RATE_HEADERS = {
  'X-RateLimit-Limit': '100',
  'X-RateLimit-Remaining': '99',
  'X-RateLimit-Reset': '1798761600',
};

/** The search response body Prism serves without a Prefer header: the 200's first named example. */
export async function defaultSearchBody() {
  const spec = JSON.parse(await readFile(BUNDLED_SPEC_JSON, 'utf8'));
  const examples = spec.paths['/api/v1/search'].post.responses['200'].content['application/json'].examples;
  const firstName = Object.values(examples)[0].$ref.split('/').pop();
  return JSON.stringify(spec.components.examples[firstName].value);
}

const SERVER_SOURCE = `
const { createServer } = require('node:http');
const headers = JSON.parse(process.env.HEADERS);
const body = process.env.BODY;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, headers).end(body));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** Starts the server on a free loopback port; resolves with its URL and a stop function. */
export async function startPlainSearchServer() {
  const headers = JSON.stringify({ 'Content-Type': 'application/json', ...RATE_HEADERS });
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], {
    env: { ...process.env, HEADERS: headers, BODY: await defaultSearchBody() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk) =>
      resolve({ url: `http://127.0.0.1:${String(chunk).trim()}`, stop: () => stopProcess(child) }),
    );
  });
}
