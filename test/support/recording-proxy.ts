// A tiny HTTP proxy that forwards everything to the contract target and records each exchange as
// the server answered it. The code-sample runs go through it, so what a sample got back (status,
// headers, body) is seen first-hand, whether or not the sample prints it.
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** Path and query, as the sample sent them. */
  url: string;
  requestHeaders: IncomingHttpHeaders;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

// Hop-by-hop headers, and the ones fetch recomputes, are not forwarded.
const NOT_FORWARDED = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'accept-encoding',
]);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forwardedHeaders(headers: IncomingHttpHeaders): Headers {
  const forwarded = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    for (const each of Array.isArray(value) ? value : [value]) forwarded.append(name, each);
  }
  return forwarded;
}

/** Starts the proxy on a free loopback port in front of `targetBaseUrl`. */
export async function startRecordingProxy(targetBaseUrl: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server = createServer(async (request, response) => {
    try {
      const requestBody = await readBody(request);
      const method = request.method ?? 'GET';
      const upstream = await fetch(`${targetBaseUrl}${request.url ?? '/'}`, {
        method,
        headers: forwardedHeaders(request.headers),
        ...(requestBody.length > 0 ? { body: new Uint8Array(requestBody) } : {}),
        redirect: 'manual',
      });
      const responseBody = Buffer.from(await upstream.arrayBuffer());
      const responseHeaders: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding')
          responseHeaders[name] = value;
      });
      exchanges.push({
        method,
        url: request.url ?? '/',
        requestHeaders: request.headers,
        requestBody: requestBody.toString('utf8'),
        status: upstream.status,
        responseHeaders,
        responseBody: responseBody.toString('utf8'),
      });
      response.writeHead(upstream.status, { ...responseHeaders, 'content-length': String(responseBody.length) });
      response.end(responseBody);
    } catch (error) {
      response
        .writeHead(502, { 'content-type': 'text/plain' })
        .end(`recording proxy could not reach ${targetBaseUrl}: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
