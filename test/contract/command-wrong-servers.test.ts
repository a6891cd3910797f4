// `npm run contract` can fail, and says where: each server below is the realistic mock with exactly
// one defect spliced in (see support/splicing-proxy.ts), and the run must exit 1 and name that
// defect (rule, operation, where) in its summary, and nothing else. The same proxy with no defect
// passes, so every failure is the defect's doing. Runs in-process with the mock's clock (see
// support/command-run.ts); command-process.test.ts runs the real script.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockWithTimeline, runCommandInProcess, startMockWithTimeline } from './support/command-run.js';
import { passThrough, type ProxiedAnswer, type Splice, startSplicingProxy } from './support/splicing-proxy.js';

const JSON_TYPE = { 'content-type': 'application/json' };

function jsonBody(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An answer with a JSON body, the length header dropped (the body changed). */
function withBody(answer: ProxiedAnswer, body: unknown): ProxiedAnswer {
  return { ...answer, headers: { ...answer.headers, ...JSON_TYPE }, body: JSON.stringify(body) };
}

/** Every `status` answer with `body` in place of its own. */
function bodyInstead(status: number, body: unknown): Splice {
  return async (_request, forward) => {
    const answer = await forward();
    return answer.status === status ? withBody(answer, body) : answer;
  };
}

interface WrongServer {
  defect: string;
  /** The key setup that lets the defect show (a limited key for 403s, a Free key for the 429). */
  env: Record<string, string>;
  args?: string[];
  splice: () => Splice;
  /** `rule · operation · where` of every defect the summary must list, and nothing else. */
  expected: RegExp;
}

const PRO = { AUDIOSCRAPE_API_KEY: 'pro_api-team' };
const PRO_WITH_LIMITED = { ...PRO, AUDIOSCRAPE_LIMITED_API_KEY: 'free-limited' };

const WRONG_SERVERS: WrongServer[] = [
  {
    defect: 'a 429 without Retry-After',
    env: { AUDIOSCRAPE_API_KEY: 'free-api-team' },
    args: ['--provoke-rate-limit'],
    splice: () => async (_request, forward) => {
      const answer = await forward();
      if (answer.status === 429) delete answer.headers['retry-after'];
      return answer;
    },
    expected: /^rate-limit-429 · GET \/api\/me \(getMe\) · header Retry-After$/,
  },
  {
    defect: 'a 500 on an empty query',
    env: PRO,
    splice: () => async (request, forward) =>
      request.path === '/api/v1/search' && jsonBody(request.body)?.query === ''
        ? {
            status: 500,
            headers: JSON_TYPE,
            body: '{"error":"Internal Server Error","message":"Something went wrong on our side."}',
          }
        : forward(),
    expected: /^invalid-input-4xx · POST \/api\/v1\/search \(search\) · \(status\)$/,
  },
  {
    defect: 'a 403 with another body (for the limited key)',
    env: PRO_WITH_LIMITED,
    splice: () => bodyInstead(403, { error: 'Forbidden', message: 'Upgrade to use webhooks' }),
    expected: /^seed-body-403 · POST \/api\/notifications \(createNotification\) · body \/message$/,
  },
  {
    defect: 'an alert still listed after DELETE',
    env: PRO,
    splice: () => {
      const created = new Map<string, unknown>();
      const deleted: unknown[] = [];
      return async (request, forward) => {
        const answer = await forward();
        if (request.method === 'POST' && answer.status === 201)
          created.set(jsonBody(answer.body).id, jsonBody(answer.body));
        const id = /^\/api\/notifications\/([^/]+)$/.exec(request.path)?.[1];
        if (request.method === 'DELETE' && answer.status === 204 && id && created.has(id))
          deleted.push(created.get(id));
        if (request.method === 'GET' && request.path === '/api/notifications' && answer.status === 200) {
          const list = jsonBody(answer.body);
          return withBody(answer, { notifications: [...list.notifications, ...deleted] });
        }
        return answer;
      };
    },
    expected: /^lifecycle-gone · GET \/api\/notifications \(listNotifications\) · body \/0$/,
  },
  {
    defect: 'a second DELETE answering 204',
    env: PRO,
    splice: () => {
      const deleted = new Set<string>();
      return async (request, forward) => {
        const answer = await forward();
        if (request.method !== 'DELETE') return answer;
        if (answer.status === 204) deleted.add(request.path);
        return answer.status === 404 && deleted.has(request.path)
          ? { status: 204, headers: { ...answer.headers, 'content-type': 'text/plain' }, body: '' }
          : answer;
      };
    },
    expected: /^lifecycle-delete-again · DELETE \/api\/notifications\/\{id\} \(deleteNotification\) · \(status\)$/,
  },
  {
    defect: 'a response missing a required field (search meta.total)',
    env: PRO,
    splice: () => async (request, forward) => {
      const answer = await forward();
      if (request.path !== '/api/v1/search' || answer.status !== 200) return answer;
      const body = jsonBody(answer.body);
      delete body.meta.total;
      return withBody(answer, body);
    },
    expected: /^response-schema · POST \/api\/v1\/search \(search\) · body \/meta$/,
  },
  {
    defect: 'a request missing a required field accepted (search without query)',
    env: PRO,
    splice: () => async (request, forward) => {
      const body = jsonBody(request.body);
      if (
        request.path === '/api/v1/search' &&
        body &&
        typeof body === 'object' &&
        !Array.isArray(body) &&
        !('query' in body) &&
        request.headers.authorization
      ) {
        return {
          status: 200,
          headers: JSON_TYPE,
          body: '{"meta":{"query":"x","total":0,"limit":20,"offset":0,"has_more":false,"took_ms":1},"results":[]}',
        };
      }
      return forward();
    },
    expected: /^invalid-input-4xx · POST \/api\/v1\/search \(search\) · \(status\)$/,
  },
  {
    defect: 'a wrong 401 body',
    env: PRO,
    splice: () => bodyInstead(401, { error: 'Unauthorized', message: 'Bad API key' }),
    expected:
      /^seed-body-401 · (POST \/api\/v1\/search \(search\)|GET \/api\/me \(getMe\)|GET \/api\/notifications \(listNotifications\)|POST \/api\/notifications \(createNotification\)|DELETE \/api\/notifications\/\{id\} \(deleteNotification\)) · body \/message$/,
  },
  {
    defect: 'an operation that lets a request with no key through',
    env: PRO,
    splice: () => async (request, forward) =>
      request.path === '/api/me' && !request.headers.authorization
        ? { status: 200, headers: JSON_TYPE, body: JSON.stringify({ note: 'no key needed' }) }
        : forward(),
    expected: /^auth-401 · GET \/api\/me \(getMe\) · \(status\)$/,
  },
];

/** The summary's defect lines, as `rule · operation · where`. */
function reportedDefects(output: string): string[] {
  return [...output.matchAll(/^ {2}✘ (.+) · \d+ time\(s\)$/gm)].map((match) => match[1]!);
}

let target: MockWithTimeline;
beforeEach(async () => {
  target = await startMockWithTimeline();
});
afterEach(() => target.mock.stop());

async function runAgainst(splice: Splice, env: Record<string, string>, args: string[] = []) {
  const proxy = await startSplicingProxy(target.mock.url, splice);
  try {
    return await runCommandInProcess(['--base-url', proxy.url, '--seed', '3', ...args], { env, pacing: target.pacing });
  } finally {
    await proxy.close();
  }
}

describe('npm run contract against purpose-built wrong servers', () => {
  it('passes the same proxy with no defect, with every check run: both keys, the 429, the lifecycle and the 403s', async () => {
    const { code, output } = await runAgainst(
      passThrough,
      { AUDIOSCRAPE_API_KEY: 'free-api-team', AUDIOSCRAPE_LIMITED_API_KEY: 'free-limited' },
      ['--provoke-rate-limit', '--max-requests', '45'],
    );
    expect(code, output).toBe(0);
    expect(reportedDefects(output)).toEqual([]);
    // Only the Prefer examples, which only the bundled mock understands, did not run.
    expect(output).toMatch(/ 0 failed, 1 not run\./);
  });

  it('keeps the path of a base URL behind a gateway (https://gateway/staging)', async () => {
    const gateway = await startSplicingProxy(target.mock.url, async (request, forward) =>
      request.path.startsWith('/staging/')
        ? forward(request.path.slice('/staging'.length))
        : { status: 502, headers: JSON_TYPE, body: '{"error":"Bad Gateway","message":"only /staging/ is routed"}' },
    );
    try {
      const { code, output } = await runCommandInProcess(['--base-url', `${gateway.url}/staging/`, '--seed', '3'], {
        env: PRO,
        pacing: target.pacing,
      });
      expect(code, output).toBe(0);
      expect(gateway.requests.filter((request) => !request.path.startsWith('/staging/'))).toEqual([]);
    } finally {
      await gateway.close();
    }
  });

  it.for(WRONG_SERVERS)('catches $defect, names it, and fails', async (server) => {
    const { code, output } = await runAgainst(server.splice(), server.env, server.args);
    expect(code, output).toBe(1);
    const defects = reportedDefects(output);
    expect(defects.length, output).toBeGreaterThan(0);
    expect(
      defects.filter((line) => !server.expected.test(line)),
      output,
    ).toEqual([]);
    expect(output).toMatch(/^✘ Failed: \d+ defect\(s\)/m);
    expect(output).toMatch(/^ {6}reproduce: curl -X /m);
  });
});
