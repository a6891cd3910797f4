// vitest global setup: decide the contract targets once per run. Without CONTRACT_BASE_URL it starts
// both bundled mocks on free loopback ports, the realistic one and Prism's static examples, and
// stops them after the run. With it, that deployment is the only target.
// It also makes the run's folder for what test files share (shared-build.ts), and removes it after.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { SHARED_COPIES_FILE } from './shared-build.js';
import type { ContractTarget } from './target.js';

/** Enterprise: its custom per-minute limit is far above what one run sends, and alerts are unlimited. */
const REALISTIC_MOCK_KEY = 'enterprise_contract-suite';
const STATIC_MOCK_KEY = 'contract-test-key';

function optionalHeadersMode(): ContractTarget['optionalHeaders'] {
  const mode = process.env.CONTRACT_OPTIONAL_HEADERS ?? 'expect';
  if (mode !== 'expect' && mode !== 'allow-missing') {
    throw new Error(`CONTRACT_OPTIONAL_HEADERS must be "expect" or "allow-missing", not "${mode}"`);
  }
  return mode;
}

/** The run's shared folder, and a function that removes it with the project copies it lists. */
async function sharedRunDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-test-run-'));
  return {
    dir,
    async remove() {
      const copies = (await readFile(path.join(dir, SHARED_COPIES_FILE), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean);
      await Promise.all([...copies, dir].map((each) => rm(each, { recursive: true, force: true })));
    },
  };
}

export default async function setup(project: TestProject) {
  const shared = await sharedRunDir();
  project.provide('sharedRunDir', shared.dir);
  const externalUrl = process.env.CONTRACT_BASE_URL;
  const optionalHeaders = optionalHeadersMode();
  if (externalUrl) {
    const apiKey = process.env.AUDIOSCRAPE_API_KEY;
    if (!apiKey)
      throw new Error('CONTRACT_BASE_URL is set, so AUDIOSCRAPE_API_KEY must be too (the key to call it with).');
    console.log(
      `Contract target: ${externalUrl} (CONTRACT_BASE_URL); checks that need the mock's Prefer header are skipped.`,
    );
    const baseUrl = externalUrl.replace(/\/$/, '');
    const limitedKey = process.env.AUDIOSCRAPE_LIMITED_API_KEY;
    const provokeRateLimit = process.env.CONTRACT_PROVOKE_RATE_LIMIT === '1';
    project.provide('contractTargets', [
      {
        name: baseUrl,
        baseUrl,
        apiKey,
        isBundledMock: false,
        optionalHeaders,
        optionalHeadersOn401: 'allow-missing',
        ...(limitedKey ? { limitedKey } : {}),
        provokeRateLimit,
      },
    ]);
    return () => shared.remove();
  }
  const quiet = { port: 0, quiet: true, print: () => {} };
  const realistic = await startMockServer({ ...quiet, mode: 'realistic' });
  const staticMock = await startMockServer({ ...quiet, mode: 'static' });
  console.log(
    `Contract targets: the realistic mock on ${realistic.url} and the static mock on ${staticMock.url} (set CONTRACT_BASE_URL to check another server).`,
  );
  project.provide('contractTargets', [
    {
      name: 'realistic mock',
      baseUrl: realistic.url,
      apiKey: REALISTIC_MOCK_KEY,
      isBundledMock: true,
      mockMode: 'realistic',
      optionalHeaders,
      optionalHeadersOn401: 'allow-missing',
    },
    {
      name: 'static mock',
      baseUrl: staticMock.url,
      apiKey: STATIC_MOCK_KEY,
      isBundledMock: true,
      mockMode: 'static',
      optionalHeaders,
      optionalHeadersOn401: optionalHeaders,
    },
  ]);
  return async () => {
    await Promise.all([realistic.stop(), staticMock.stop(), shared.remove()]);
  };
}
