// How loudly the client logs: the logLevel option, else AUDIOSCRAPE_LOG, else warn.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientFor, recordingLogger, specExample } from '../support/client.js';
import { startLocalServer, type LocalServer } from '../support/local-server.js';

let server: LocalServer;

beforeEach(async () => {
  server = await startLocalServer();
  vi.stubEnv('AUDIOSCRAPE_LOG', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

/** The levels of the lines logged for one call that fails once, then succeeds. */
async function levelsLogged(options: Parameters<typeof clientFor>[1]): Promise<string[]> {
  const logger = recordingLogger();
  server.reply(
    { status: 503, body: { error: 'Unavailable', message: 'later' } },
    { body: specExample('AccountFreePlan') },
  );
  await clientFor(server, { ...options, logger }).me();
  return [...new Set(logger.lines.map((line) => line.slice(0, line.indexOf(' '))))];
}

describe('log levels', () => {
  it('warn by default: a retried call logs nothing', async () => {
    expect(await levelsLogged({ logLevel: undefined })).toEqual([]);
  });

  it('info logs the retry; debug adds requests and responses', async () => {
    expect(await levelsLogged({ logLevel: 'info' })).toEqual(['info']);
    expect((await levelsLogged({ logLevel: 'debug' })).sort()).toEqual(['debug', 'info']);
  });

  it('AUDIOSCRAPE_LOG sets the level when the option does not', async () => {
    vi.stubEnv('AUDIOSCRAPE_LOG', 'debug');
    expect((await levelsLogged({ logLevel: undefined })).sort()).toEqual(['debug', 'info']);
  });

  it('the option wins over AUDIOSCRAPE_LOG; off is silent', async () => {
    vi.stubEnv('AUDIOSCRAPE_LOG', 'debug');
    expect(await levelsLogged({ logLevel: 'off' })).toEqual([]);
  });
});
