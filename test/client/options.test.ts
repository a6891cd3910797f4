// The constructor's options, their defaults and environment variables, and the clear error each bad
// value gets before any request is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Audioscrape, AudioscrapeError } from '../../src/index.js';
import { clientFor, bundledSpec, recordingLogger, specExample, TEST_KEY } from '../support/client.js';
import { startLocalServer, type LocalServer } from '../support/local-server.js';

let server: LocalServer;

beforeEach(async () => {
  server = await startLocalServer();
  // Each test says what the environment holds; none inherits the developer's real key.
  vi.stubEnv('AUDIOSCRAPE_API_KEY', '');
  vi.stubEnv('AUDIOSCRAPE_BASE_URL', '');
  vi.stubEnv('AUDIOSCRAPE_LOG', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

function constructionError(options: ConstructorParameters<typeof Audioscrape>[0]): AudioscrapeError {
  try {
    new Audioscrape(options);
  } catch (error) {
    expect(error).toBeInstanceOf(AudioscrapeError);
    return error as AudioscrapeError;
  }
  throw new Error('the constructor should have thrown');
}

describe('apiKey', () => {
  it('defaults to AUDIOSCRAPE_API_KEY, and AUDIOSCRAPE_BASE_URL picks the server', async () => {
    vi.stubEnv('AUDIOSCRAPE_API_KEY', 'key-from-env');
    vi.stubEnv('AUDIOSCRAPE_BASE_URL', server.url);
    server.reply({ body: specExample('AccountFreePlan') });
    const client = new Audioscrape();
    await client.me();
    expect(client.baseUrl).toBe(server.url);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer key-from-env');
  });

  it('the option wins over the environment', async () => {
    vi.stubEnv('AUDIOSCRAPE_API_KEY', 'key-from-env');
    server.reply({ body: specExample('AccountFreePlan') });
    await new Audioscrape({ apiKey: 'key-from-option', baseUrl: server.url }).me();
    expect(server.requests[0]!.headers.authorization).toBe('Bearer key-from-option');
  });

  it('missing everywhere: an error naming AUDIOSCRAPE_API_KEY and where keys come from', () => {
    const error = constructionError({});
    expect(error.message).toContain('AUDIOSCRAPE_API_KEY');
    expect(error.message).toContain('{ apiKey }');
    expect(error.message).toContain('Profile → API Keys');
  });

  it.each([[''], [42]])('refuses %o as a key', (apiKey) => {
    expect(constructionError({ apiKey: apiKey as string }).message).toMatch(/Missing API key/);
  });

  it('refuses a key with a stray newline, without echoing the key', () => {
    const error = constructionError({ apiKey: `${TEST_KEY}\n` });
    expect(error.message).toMatch(/whitespace or control characters/);
    expect(error.message).not.toContain(TEST_KEY);
  });
});

describe('baseUrl', () => {
  it('defaults to the spec’s production server', () => {
    const client = new Audioscrape({ apiKey: TEST_KEY });
    expect(client.baseUrl).toBe('https://www.audioscrape.com');
    expect(client.baseUrl).toBe(bundledSpec().servers[0].url);
  });

  it('drops a trailing slash and keeps a path prefix', async () => {
    server.reply({ body: specExample('AccountFreePlan') });
    const client = new Audioscrape({ apiKey: TEST_KEY, baseUrl: `${server.url}/prefix/` });
    expect(client.baseUrl).toBe(`${server.url}/prefix`);
    await client.me();
    expect(server.requests[0]!.url).toBe('/prefix/api/me');
  });

  it.each([
    'http://localhost:4010',
    'http://127.0.0.1',
    'http://127.8.9.10:80',
    'http://[::1]:4010',
    'https://api.example.org',
  ])('accepts %s', (baseUrl) => {
    expect(new Audioscrape({ apiKey: TEST_KEY, baseUrl }).baseUrl).toBe(baseUrl);
  });

  it.each(['http://api.example.org', 'http://10.0.0.5:8080', 'http://localhost.example.org', 'ftp://127.0.0.1'])(
    'refuses to send the key to %s',
    (baseUrl) => {
      const error = constructionError({ apiKey: TEST_KEY, baseUrl });
      expect(error.message).toMatch(/^baseUrl: Refusing to send the API key to .+: it would travel in clear text/);
      expect(error.message).not.toContain(TEST_KEY);
    },
  );

  it('names AUDIOSCRAPE_BASE_URL when the refused URL came from there', () => {
    vi.stubEnv('AUDIOSCRAPE_BASE_URL', 'http://mock.internal:4010');
    expect(constructionError({ apiKey: TEST_KEY }).message).toMatch(
      /^AUDIOSCRAPE_BASE_URL: Refusing to send the API key to http:\/\/mock\.internal:4010/,
    );
  });

  it('refuses something that is not a URL', () => {
    expect(constructionError({ apiKey: TEST_KEY, baseUrl: 'www.audioscrape.com' }).message).toMatch(
      /is not an absolute URL/,
    );
  });

  it('refuses a plain-http per-call baseUrl on the low-level client, before anything is sent', async () => {
    const sent: string[] = [];
    const client = clientFor(server, {
      fetch: async (request) => {
        sent.push(request.url);
        return new Response('{}');
      },
    });
    await expect(client.raw.GET('/api/me', { baseUrl: 'http://api.example.org' })).rejects.toThrow(
      /Refusing to send the API key to http:\/\/api\.example\.org/,
    );
    expect(sent).toEqual([]);
  });

  it('guards a per-call fetch on the low-level client the same way', async () => {
    const sent: string[] = [];
    const perCallFetch = async (request: Request) => {
      sent.push(request.url);
      return Response.json(specExample('AccountFreePlan'));
    };
    const client = clientFor(server);
    await expect(client.raw.GET('/api/me', { baseUrl: 'http://api.example.org', fetch: perCallFetch })).rejects.toThrow(
      /Refusing to send the API key/,
    );
    expect(sent).toEqual([]);
    await client.raw.GET('/api/me', { fetch: perCallFetch });
    expect(sent).toEqual([`${server.url}/api/me`]);
  });
});

describe('numbers', () => {
  it.each([
    ['maxRetries', -1],
    ['maxRetries', 11],
    ['maxRetries', 1.5],
    ['timeout', 0],
    ['timeout', Number.NaN],
    ['timeout', 2 ** 31],
    ['maxRetryWait', -5],
    ['maxRetryWait', '60'],
    ['maxResponseBytes', 0],
    ['maxResponseBytes', 1.5],
  ])('%s = %o is refused with a message naming it', (name, value) => {
    expect(constructionError({ apiKey: TEST_KEY, [name]: value }).message).toMatch(
      new RegExp(`^${name} must be a whole number from \\d+ to \\d+, not`),
    );
  });

  it('have defaults: 2 retries, 30 s timeout', () => {
    const client = new Audioscrape({ apiKey: TEST_KEY });
    expect([client.maxRetries, client.timeout]).toEqual([2, 30_000]);
  });

  it('are checked per call too, rejecting the call before anything is sent', async () => {
    const client = clientFor(server);
    await expect(client.me({ timeout: 0 })).rejects.toThrow(/^timeout must be a whole number from 1 to/);
    await expect(client.search({ query: 'x' }, { maxRetries: 11 })).rejects.toThrow(
      /^maxRetries must be a whole number from 0 to 10/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('fetch', () => {
  it('refuses something that is not a function', () => {
    expect(constructionError({ apiKey: TEST_KEY, fetch: 'node-fetch' as unknown as typeof fetch }).message).toMatch(
      /^The fetch option must be a function/,
    );
  });
});

describe('logLevel', () => {
  it('refuses an unknown level', () => {
    expect(constructionError({ apiKey: TEST_KEY, logLevel: 'verbose' as 'info' }).message).toBe(
      'logLevel must be one of off, error, warn, info, debug, not verbose.',
    );
  });

  it('warns about an unknown AUDIOSCRAPE_LOG instead of failing', () => {
    vi.stubEnv('AUDIOSCRAPE_LOG', 'loud');
    const logger = recordingLogger();
    new Audioscrape({ apiKey: TEST_KEY, logger });
    expect(logger.lines).toEqual([
      'warn [audioscrape] AUDIOSCRAPE_LOG must be one of off, error, warn, info, debug, not loud; logging at warn. ',
    ]);
  });
});

describe('in a browser', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refuses to start unless dangerouslyAllowBrowser is true', () => {
    vi.stubGlobal('window', { document: {} });
    expect(constructionError({ apiKey: TEST_KEY }).message).toMatch(/^Refusing to run in a browser/);
    expect(constructionError({ apiKey: TEST_KEY, dangerouslyAllowBrowser: false }).message).toMatch(
      /dangerouslyAllowBrowser: true/,
    );
    expect(new Audioscrape({ apiKey: TEST_KEY, dangerouslyAllowBrowser: true })).toBeInstanceOf(Audioscrape);
  });

  it('a worker-like global without a document is not a browser page', () => {
    vi.stubGlobal('window', {});
    expect(new Audioscrape({ apiKey: TEST_KEY })).toBeInstanceOf(Audioscrape);
  });
});
