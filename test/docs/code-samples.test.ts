import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCalling } from '../../scripts/lib/docs/page-definition.mjs';
import {
  type CodeSample,
  judgeSampleRun,
  proveSample,
  PUBLIC_BASE_URL,
  runnerFor,
  runSample,
  type SampleExpectations,
  SUPPORTED_LANGS,
} from '../support/code-samples.js';
import { startRecordingProxy } from '../support/recording-proxy.js';
import { loadBundledSpec, type OperationEntry, operations } from '../support/openapi.js';
import { createSchemaValidator } from '../support/schema-validator.js';
import { seedCodeSamples, seedSearchUrl } from '../support/seed.js';
import { type ContractTarget, contractTarget, contractTargets, keyFor } from '../support/target.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);
const entries = operations(spec);

const specSamples = entries.flatMap((entry) =>
  (entry.operation['x-codeSamples'] ?? []).map(
    (sample: CodeSample) => [`${entry.label} · ${sample.label ?? sample.lang}`, entry, sample] as const,
  ),
);

function expectationsFor(entry: OperationEntry, apiKey: string, printsBody: boolean): SampleExpectations {
  return { spec, validator, entry, apiKey, printsBody };
}

function operationAt(url: string): OperationEntry {
  const { pathname } = new URL(url);
  const entry = entries.find((candidate) => candidate.path === pathname);
  if (!entry) throw new Error(`No operation at ${pathname} in the spec`);
  return entry;
}

/** The alert the delete samples remove (`/api/notifications/1024`), given to the key on the realistic mock first. */
async function giveAlertsTheSamplesUse(target: ContractTarget, entry: OperationEntry, apiKey: string) {
  if (target.mockMode !== 'realistic' || entry.operation.operationId !== 'deleteNotification') return;
  const list = entries.find((candidate) => candidate.operation.operationId === 'listNotifications')!;
  const twoAlerts = list.operation.responses['200'].content['application/json'].examples.KeywordAlertListTwo;
  const response = await fetch(`${target.baseUrl}/__mock/alerts`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(spec.components.examples[twoAlerts.$ref.split('/').pop()].value),
  });
  expect(response.status, await response.text()).toBe(200);
}

it('there are samples for every operation, each in a language with a runner', () => {
  for (const entry of entries) expect(entry.operation['x-codeSamples']?.length, entry.label).toBeGreaterThan(0);
  for (const [name, , sample] of specSamples) expect(SUPPORTED_LANGS, name).toContain(sample.lang);
});

it('the authentication page has a curl, a JavaScript and a Python sample', () => {
  expect(seedCodeSamples().map((sample) => sample.lang)).toEqual(['Shell', 'JavaScript', 'Python']);
});

// The local page shows each sample a second time with the mock's URL written in (or, for the typed
// client, passed as `baseUrl`). Run with the base URL the runner would substitute pointing at a
// closed port, a sample passes only if it calls the URL written into it.
describe.concurrent("the local page's samples call the mock whose URL they show", () => {
  const CLOSED_PORT = 'http://127.0.0.1:9';

  it.each(specSamples)('%s', async (name, entry, sample) => {
    const target = contractTarget();
    const apiKey = keyFor(target, `local-sample-${name.replace(/[^A-Za-z0-9]+/g, '-')}`);
    await giveAlertsTheSamplesUse(target, entry, apiKey);
    const proxy = await startRecordingProxy(target.baseUrl);
    try {
      const local = { ...sample, source: sampleCalling(sample, PUBLIC_BASE_URL, proxy.url) };
      expect(local.source).toContain(proxy.url);
      const run = await runSample(local, CLOSED_PORT, { AUDIOSCRAPE_API_KEY: apiKey });
      expect(judgeSampleRun(run, proxy.exchanges, expectationsFor(entry, apiKey, true))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a sample that names neither the production URL nor the client cannot be pointed at the mock', () => {
    expect(() =>
      sampleCalling(
        { lang: 'Shell', label: 'curl', source: 'curl "$SOMEWHERE/api/me"\n' },
        PUBLIC_BASE_URL,
        'http://127.0.0.1:4010',
      ),
    ).toThrow(/The curl sample names neither https:\/\/www\.audioscrape\.com nor `new Audioscrape\(\)`/);
  });
});

describe.each(contractTargets().map((target) => [target.name, target] as const))('against the %s', (_name, target) => {
  // The project's samples print the response body (or, for a 204, a line saying so). On the
  // realistic mock each runs with a key of its own: rate limits and alerts are per key.
  describe.concurrent('every code sample in the spec runs and gets a documented 2xx', () => {
    it.each(specSamples)('%s', async (name, entry, sample) => {
      const apiKey = keyFor(target, `sample-${name.replace(/[^A-Za-z0-9]+/g, '-')}`);
      await giveAlertsTheSamplesUse(target, entry, apiKey);
      const { problems } = await proveSample(sample, target.baseUrl, expectationsFor(entry, apiKey, true));
      expect(problems).toEqual([]);
    });
  });

  // They send the literal YOUR_API_KEY, which the mocks accept (the realistic one as a Free key).
  // Against a real server (CONTRACT_BASE_URL) that key would be refused, so there, and only there,
  // it is replaced.
  describe.concurrent("the authentication page's own samples run verbatim but for the URL", () => {
    it.each(seedCodeSamples().map((sample) => [sample.label, sample] as const))('%s', async (_label, sample) => {
      const runnable = target.isBundledMock
        ? sample
        : { ...sample, source: sample.source.replaceAll('YOUR_API_KEY', target.apiKey) };
      const expectedKey = target.isBundledMock ? 'YOUR_API_KEY' : target.apiKey;
      // Only the curl sample prints the body; the JavaScript and Python ones stop at response.json().
      const expectations = expectationsFor(operationAt(seedSearchUrl()), expectedKey, sample.lang === 'Shell');
      const { problems } = await proveSample(runnable, target.baseUrl, expectations, {
        environmentApiKey: 'not-the-key-the-page-uses',
      });
      expect(problems).toEqual([]);
    });
  });
});

describe.concurrent('the sample check fails when a sample does not work', () => {
  const search = operationAt(seedSearchUrl());
  const me = entries.find((entry) => entry.operation.operationId === 'getMe')!;
  const prove = (sample: CodeSample, entry: OperationEntry, options = {}) => {
    const target = contractTarget();
    return proveSample(sample, target.baseUrl, expectationsFor(entry, target.apiKey, true), options);
  };
  const curlSample = (entry: OperationEntry): CodeSample =>
    entry.operation['x-codeSamples'].find((sample: CodeSample) => sample.lang === 'Shell');

  it('a language without a runner is an error, not a skip', () => {
    expect(() => runnerFor('Ruby')).toThrow(/No runner for x-codeSamples lang "Ruby"/);
  });

  it('a sample that exits non-zero', async () => {
    const { problems } = await prove({ lang: 'Shell', source: 'exit 3\n' }, me);
    expect(problems.join('\n')).toMatch(/exited with 3/);
    expect(problems.join('\n')).toMatch(/made 0 requests/);
  });

  it('a sample that sends no key gets a 401, which is not a documented 2xx', async () => {
    const withoutKey = {
      lang: 'Shell',
      source: curlSample(me).source.replace(/\s*\\\n\s*-H "Authorization: [^"]+"/, ''),
    };
    const { problems } = await prove(withoutKey, me);
    expect(problems.join('\n')).toMatch(/sent Authorization "\(none\)"/);
    expect(problems.join('\n')).toMatch(/got HTTP 401, which is not a documented 2xx/);
  });

  it('a sample whose request breaks the schema gets a 400', async () => {
    const invalid = { lang: 'Shell', source: curlSample(search).source.replace('"query"', '"q"') };
    expect(invalid.source).not.toBe(curlSample(search).source);
    const { problems } = await prove(invalid, search);
    expect(problems.join('\n')).toMatch(/got HTTP 400/);
  });

  it('a sample that calls another operation than the one it documents', async () => {
    const { problems } = await prove(curlSample(me), search);
    expect(problems.join('\n')).toMatch(/called GET \/api\/me, not POST \/api\/v1\/search/);
  });

  it('a sample that prints something other than the body it got', async () => {
    const { problems } = await prove(
      { lang: 'Shell', source: `${curlSample(me).source.trim()} > /dev/null\necho '{"id": "forged"}'\n` },
      me,
    );
    expect(problems).toEqual(['printed a body other than the one the server sent']);
  });
});

// The TypeScript samples run above with every other sample; this is how: esbuild bundles the sample
// with `audioscrape-api` aliased to the client's source (src/index.ts), and node runs the bundle with
// AUDIOSCRAPE_BASE_URL pointed at the recording proxy. A client that cannot be bundled fails the
// sample rather than skipping it.
describe('the TypeScript runner', () => {
  const me = entries.find((entry) => entry.operation.operationId === 'getMe')!;
  const sample: CodeSample = (me.operation['x-codeSamples'] as CodeSample[]).find(
    (candidate) => candidate.lang === 'TypeScript',
  )!;

  it('bundles a sample against the client in src/ and proves it like the others', async () => {
    expect(sample.source, 'the getMe TypeScript sample imports the package').toContain("from 'audioscrape-api'");
    const target = contractTarget();
    const { problems } = await proveSample(sample, target.baseUrl, expectationsFor(me, target.apiKey, true));
    expect(problems).toEqual([]);
  });

  it('fails, not skips, when the client cannot be bundled', async () => {
    const target = contractTarget();
    const missingClient = path.join(os.tmpdir(), 'audioscrape-no-such-client', 'index.ts');
    const { problems } = await proveSample(sample, target.baseUrl, expectationsFor(me, target.apiKey, true), {
      clientEntry: missingClient,
    });
    expect(problems.join('\n')).toMatch(/could not prepare the TypeScript sample/);
  });
});
