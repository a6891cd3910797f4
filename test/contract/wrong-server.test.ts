// The contract suite's checks can fail: run them against a deliberately wrong server and check that
// each planted defect is reported, naming the operation, the status and the JSON path (or header),
// and that nothing else is. The wrong server is the mock with four defects spliced into its answers,
// so everything it does not get wrong it gets right. (command-wrong-servers.test.ts does the same to
// `npm run contract`, one defect per server.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractTarget } from '../support/target.js';
import {
  AUTH_PROBES,
  checkAuthProbe,
  checkNegativeCase,
  checkPositiveInputs,
  checkUndocumentedMethod,
  checkUnknownPath,
} from './engine/checks.js';
import { formatViolation, type Violation } from './engine/conformance.js';
import { buildContractSuite, type ContractSuite } from './engine/suite.js';

const PLANTED_401_MESSAGE = 'Bad API key';

/** The defects, each applied to the mock's answer on its way back to the client. */
function plantDefects(
  method: string,
  path: string,
  status: number,
  headers: Headers,
  body: string,
): { status: number; headers: Headers; body: string } {
  if (status === 401) {
    return { status, headers, body: JSON.stringify({ error: 'Unauthorized', message: PLANTED_401_MESSAGE }) };
  }
  if (method === 'GET' && path === '/api/me' && status === 200) {
    headers.delete('x-ratelimit-remaining');
  }
  if (method === 'POST' && path === '/api/v1/search' && status === 200) {
    const parsed = JSON.parse(body);
    parsed.meta.took_ms = String(parsed.meta.took_ms);
    return { status, headers, body: JSON.stringify(parsed) };
  }
  if (method === 'POST' && path === '/api/notifications' && status === 201) {
    return { status: 202, headers, body };
  }
  return { status, headers, body };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function startWrongServer(mockUrl: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request: IncomingMessage, reply: ServerResponse) => {
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string' && name !== 'host') headers.set(name, value);
    const upstream = await fetch(new URL(request.url ?? '/', mockUrl), {
      method: request.method ?? 'GET',
      headers,
      ...(body.length ? { body: new Uint8Array(body) } : {}),
    });
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const answer = plantDefects(
      request.method ?? 'GET',
      path,
      upstream.status,
      new Headers(upstream.headers),
      await upstream.text(),
    );
    answer.headers.delete('content-length');
    answer.headers.delete('transfer-encoding');
    reply.writeHead(answer.status, Object.fromEntries(answer.headers));
    reply.end(answer.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

/** Runs every check that works against any server (no Prefer) and collects what it reports. */
async function runSuite(suite: ContractSuite): Promise<Violation[]> {
  const { context } = suite;
  const found: Violation[] = [];
  for (const cases of suite.operations) {
    for (const probe of AUTH_PROBES) found.push(...(await checkAuthProbe(context, cases, probe)));
    found.push(
      ...(await checkPositiveInputs(context, cases, { seed: suite.seed, numRuns: suite.positiveRuns })).violations,
    );
    for (const negative of cases.negative) {
      found.push(...(await checkNegativeCase(context, cases, negative)).violations);
    }
    found.push(...(await checkUndocumentedMethod(context, cases, cases.documentedMethods)));
  }
  found.push(...(await checkUnknownPath(context)));
  return found;
}

describe('the contract suite against a deliberately wrong server', () => {
  let wrong: { server: Server; url: string };
  let reported: string[];

  beforeAll(async () => {
    const target = contractTarget();
    if (!target.isBundledMock)
      throw new Error('This test splices defects into the bundled mock; run it without CONTRACT_BASE_URL.');
    wrong = await startWrongServer(target.baseUrl);
    const suite = buildContractSuite(
      { ...target, baseUrl: wrong.url, optionalHeaders: 'expect' },
      { seed: 42, positiveRuns: 5 },
    );
    reported = (await runSuite(suite)).map(formatViolation);
  });
  afterAll(() => new Promise<void>((resolve) => wrong.server.close(() => resolve())));

  it('reports the missing rate header, naming the operation, status and header', () => {
    expect(reported).toContain('GET /api/me (getMe) → 200 at header X-RateLimit-Remaining: is missing');
  });

  it('reports the body field of the wrong type at its JSON path', () => {
    expect(reported).toContain('POST /api/v1/search (search) → 200 at body /meta/took_ms: must be integer');
  });

  it('reports the undocumented status', () => {
    // The message names the status that was documented, not just "a 2xx".
    expect(reported).toContain(
      'POST /api/notifications (createNotification) → 202 at (status): expected a documented 2xx (201) for a valid input, got 202',
    );
  });

  it('reports the wrong 401 body at the field that differs, for every operation', () => {
    const wrong401 = reported.filter((line) =>
      line.includes(`→ 401 at body /message: expected "Invalid or missing API key", got "${PLANTED_401_MESSAGE}"`),
    );
    const operationsReported = new Set(wrong401.map((line) => line.split(' → ')[0]));
    expect([...operationsReported].sort()).toEqual(
      buildContractSuite(contractTarget(), { seed: 1 })
        .operations.map((cases) => cases.entry.label)
        .sort(),
    );
  });

  it('reports nothing but the planted defects', () => {
    const planted = [
      /at header X-RateLimit-Remaining: is missing/,
      /at body \/meta\/took_ms: must be integer/,
      /→ 202 at \(status\)/,
      new RegExp(`got "${PLANTED_401_MESSAGE}"`),
    ];
    expect(reported.filter((line) => !planted.some((pattern) => pattern.test(line)))).toEqual([]);
  });
});
