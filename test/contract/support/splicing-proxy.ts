// A purpose-built wrong server: a proxy in front of a correct one (the realistic mock) that passes
// every exchange through a `splice` function, which may change the answer or answer by itself. One
// defect per splice, so everything the server does not get wrong it gets right. Records every
// request it received, so a test can count what a run spent without trusting the run's own count.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The path, without the query. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface ProxiedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Gets the request and a way to ask the upstream (at another path, if given); returns the answer the client sees. */
export type Splice = (
  request: ProxiedRequest,
  forward: (path?: string) => Promise<ProxiedAnswer>,
) => Promise<ProxiedAnswer>;

export interface SplicingProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const passThrough: Splice = (_request, forward) => forward();

export async function startSplicingProxy(upstream: string, splice: Splice = passThrough): Promise<SplicingProxy> {
  const requests: ProxiedRequest[] = [];
  const server: Server = createServer(async (incoming, reply) => {
    const request: ProxiedRequest = {
      method: incoming.method ?? 'GET',
      path: new URL(incoming.url ?? '/', 'http://proxy').pathname,
      headers: Object.fromEntries(
        Object.entries(incoming.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      ),
      body: await readBody(incoming),
    };
    requests.push(request);
    const forward = async (path?: string): Promise<ProxiedAnswer> => {
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
      const response = await fetch(new URL(path ?? incoming.url ?? '/', upstream), {
        method: request.method,
        headers,
        ...(request.body ? { body: request.body } : {}),
      });
      const answerHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!NOT_FORWARDED.has(name) && name !== 'content-encoding') answerHeaders[name] = value;
      });
      return { status: response.status, headers: answerHeaders, body: await response.text() };
    };
    try {
      const answer = await splice(request, forward);
      reply.writeHead(answer.status, answer.headers);
      reply.end(answer.body);
    } catch (error) {
      reply.writeHead(502, { 'content-type': 'text/plain' });
      reply.end(`The splicing proxy failed: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
