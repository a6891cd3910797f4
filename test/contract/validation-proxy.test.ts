// `npm run proxy -- <upstream>` puts Prism's validation proxy in front of a real server and prints
// each contract violation it sees. Here the upstream answers search with a wrongly typed field, and
// the proxy must print that violation.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';

const WRONG_SEARCH_BODY = {
  meta: { query: 'x', total: 0, limit: 20, offset: 0, has_more: false, took_ms: 'five' },
  results: [],
};

function waitForOutput(read: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (pattern.test(read())) return resolve();
      if (Date.now() > deadline) return reject(new Error(`No ${pattern} in the proxy's output:\n${read()}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

describe('npm run proxy', () => {
  let upstream: Server;
  let output = '';
  let proxy: ReturnType<typeof spawn>;
  let proxyUrl: string;

  beforeAll(async () => {
    upstream = createServer((_request, reply) => {
      reply.writeHead(200, {
        'content-type': 'application/json',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '99',
        'x-ratelimit-reset': '1798761600',
      });
      reply.end(JSON.stringify(WRONG_SEARCH_BODY));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
    const port = await findFreePort();
    proxyUrl = `http://127.0.0.1:${port}`;
    proxy = spawn(process.execPath, [path.join(ROOT, 'scripts', 'proxy.mjs'), upstreamUrl, '--port', String(port)], {
      cwd: ROOT,
    });
    proxy.stdout!.on('data', (chunk) => (output += chunk));
    proxy.stderr!.on('data', (chunk) => (output += chunk));
    await waitForOutput(() => output, /^Proxy: /m, 20_000);
  });

  afterAll(async () => {
    proxy.kill('SIGTERM');
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('forwards the request and prints the response violation, naming the field', async () => {
    const response = await fetch(`${proxyUrl}/api/v1/search`, {
      method: 'POST',
      headers: { Authorization: 'Bearer any-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'x' }),
    });
    expect(await response.json()).toEqual(WRONG_SEARCH_BODY);
    await waitForOutput(
      () => output,
      /POST \/api\/v1\/search → 200.*\n.*the answer broke the contract: response\.body\.meta\.took_ms .*must be integer/,
      10_000,
    );
  });

  it('refuses an upstream that is not a URL, saying what to give it', async () => {
    const { code, stderr } = await runProcess(process.execPath, [path.join(ROOT, 'scripts', 'proxy.mjs'), 'not a url']);
    expect(code).toBe(1);
    expect(stderr).toContain(`Give the upstream server's URL, not "not a url".`);
  });
});
