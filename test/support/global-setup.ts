// vitest global setup: decide the contract target once per run. Without CONTRACT_BASE_URL it starts
// the Prism mock (static examples) on a free loopback port and stops it after the run.
import type { TestProject } from 'vitest/node';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { startPrism } from '../../scripts/lib/mock-server.mjs';
import type { ContractTarget } from './target.js';

const MOCK_API_KEY = 'contract-test-key';

function optionalHeadersMode(): ContractTarget['optionalHeaders'] {
  const mode = process.env.CONTRACT_OPTIONAL_HEADERS ?? 'expect';
  if (mode !== 'expect' && mode !== 'allow-missing') {
    throw new Error(`CONTRACT_OPTIONAL_HEADERS must be "expect" or "allow-missing", not "${mode}"`);
  }
  return mode;
}

export default async function setup(project: TestProject) {
  const externalUrl = process.env.CONTRACT_BASE_URL;
  if (externalUrl) {
    const apiKey = process.env.AUDIOSCRAPE_API_KEY;
    if (!apiKey) throw new Error('CONTRACT_BASE_URL is set, so AUDIOSCRAPE_API_KEY must be too (the key to call it with).');
    console.log(`Contract target: ${externalUrl} (CONTRACT_BASE_URL); checks that need the mock's Prefer header are skipped.`);
    project.provide('contractTarget', { baseUrl: externalUrl.replace(/\/$/, ''), apiKey, isBundledMock: false, optionalHeaders: optionalHeadersMode() });
    return;
  }
  const port = await findFreePort();
  const mock = await startPrism({ port, logLevel: 'silent', onOutput: () => {} });
  console.log(`Contract target: the Prism mock on ${mock.url} (set CONTRACT_BASE_URL to check another server).`);
  project.provide('contractTarget', { baseUrl: mock.url, apiKey: MOCK_API_KEY, isBundledMock: true, optionalHeaders: optionalHeadersMode() });
  return async () => {
    await mock.stop();
  };
}
