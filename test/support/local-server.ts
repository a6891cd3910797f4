// A real node:http server on 127.0.0.1 (port 0) whose answers a test scripts one by one, and which
// records every request it got. The client tests run against it: no mocks between client and socket.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the request arrived. */
  receivedAt: number;
}

export interface Reply {
  status?: number;
  /** The reason phrase after the status code (Node's default for the status when absent). */
  statusText?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Send the status line and headers, then never finish the body. */
  stallBody?: boolean;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Close the socket without answering. */
  hangUp?: boolean;
  /**
   * Send this many bytes of filler after `body`, in 64 KiB chunks, waiting whenever the socket is
   * full: a runaway body that the client can stop by closing the connection. `streamed` counts them.
   */
  streamBytes?: number;
}

export type Responder = (request: RecordedRequest) => Reply;

export interface LocalServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues replies, one per request, in order. A request with nothing queued gets a 599 that says so. */
  reply(...replies: Reply[]): void;
  /** Answers every request that finds the queue empty. */
  respond(responder: Responder): void;
  /** Filler bytes the server managed to hand to the socket for `streamBytes` replies, all told. */
  readonly streamed: number;
  close(): Promise<void>;
}

const FILLER = Buffer.alloc(64 * 1024, 'x');

/** Writes `bytes` of filler, pausing on backpressure, until done or the client goes away. */
function stream(response: ServerResponse, bytes: number, count: (sent: number) => void): void {
  let left = bytes;
  const writeMore = () => {
    while (left > 0 && !response.destroyed) {
      const chunk = FILLER.subarray(0, Math.min(left, FILLER.length));
      left -= chunk.length;
      count(chunk.length);
      if (!response.write(chunk)) return void response.once('drain', writeMore);
    }
    if (left <= 0) response.end();
  };
  writeMore();
}

function send(response: ServerResponse, reply: Reply, count: (sent: number) => void): void {
  if (reply.hangUp) {
    response.socket?.destroy();
    return;
  }
  if (reply.hang) return;
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    ...(reply.body !== undefined && !isText ? { 'Content-Type': 'application/json' } : {}),
    ...reply.headers,
  };
  const status = reply.status ?? 200;
  const head = (extra: Record<string, string> = {}) =>
    reply.statusText === undefined
      ? response.writeHead(status, { ...headers, ...extra })
      : response.writeHead(status, reply.statusText, { ...headers, ...extra });
  if (reply.stallBody) {
    head({ 'Content-Length': String(payload.length + 100) });
    response.write(payload);
    return;
  }
  head();
  if (reply.streamBytes) {
    response.write(payload);
    stream(response, reply.streamBytes, count);
    return;
  }
  response.end(payload);
}

export async function startLocalServer(): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  let responder: Responder | undefined;
  let streamed = 0;
  const count = (sent: number) => {
    streamed += sent;
  };

  const server = createServer((incoming, response) => {
    let body = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body,
        receivedAt: Date.now(),
      };
      requests.push(request);
      const reply = queue.shift() ??
        responder?.(request) ?? { status: 599, body: 'The test scripted no reply for this request' };
      if (reply.delayMs) setTimeout(() => send(response, reply, count), reply.delayMs);
      else send(response, reply, count);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    respond: (next) => (responder = next),
    get streamed() {
      return streamed;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
