// npm start [-- --port 4010] [--docs-port 8080] [--host 127.0.0.1]
// The main job: build every artifact, then serve the mock API and the reference docs side by side,
// print both URLs, and stop both on Ctrl-C.
import { assertPortFree } from './lib/ports.mjs';
import { exitWithFailure, parseOptions, parsePort, stopOnSignal } from './lib/steps.mjs';
import { buildAll } from './lib/build-all.mjs';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST, serveDocs } from './lib/docs-server.mjs';
import { DEFAULT_MOCK_PORT, startMockServer } from './lib/mock-server.mjs';
import { mockBanner } from './lib/mock-banner.mjs';

const { values } = parseOptions(
  {
    port: { type: 'string', default: String(DEFAULT_MOCK_PORT) },
    'docs-port': { type: 'string', default: String(DEFAULT_DOCS_PORT) },
    host: { type: 'string', default: DEFAULT_HOST },
  },
  'npm start -- [--port 4010] [--docs-port 8080] [--host 127.0.0.1]',
);

const running = [];
async function stopAll(exitCode) {
  await Promise.allSettled(running.map((service) => service.stop()));
  process.exit(exitCode);
}

try {
  const host = values.host;
  const mockPort = parsePort(values.port, '--port');
  const docsPort = parsePort(values['docs-port'], '--docs-port');
  // Checked before the build, so a taken port fails in a second rather than after it.
  await assertPortFree(mockPort, host, { what: 'mock server', flag: '--port' });
  await assertPortFree(docsPort, host, { what: 'docs server', flag: '--docs-port' });

  // The docs server's page offers the mock: the build makes it beside the other steps (and keeps
  // it in its cache) when the mock's URL is known before it starts, as it is unless --port 0.
  const expectedMockUrl = mockPort === 0 ? undefined : `http://${host}:${mockPort}`;
  const { localPage } = await buildAll({ mockUrl: expectedMockUrl });

  const mock = await startMockServer({ port: mockPort, host });
  running.push(mock);
  const docs = await serveDocs({
    port: docsPort,
    host,
    mockUrl: mock.url,
    // Only a build given the mock's URL made one.
    localPageBuilt: localPage ? { mockUrl: expectedMockUrl, page: await localPage.read('index.html') } : null,
  });
  running.push({ stop: docs.close });

  console.log(`\n${await mockBanner(mock.url, { plans: mock.api.describePlans() })}`);
  console.log(`\nDocs:     ${docs.url}`);
  console.log(`Mock API: ${mock.url}\n\nServing both until Ctrl-C.`);
  stopOnSignal(() => stopAll(0));
} catch (error) {
  await Promise.allSettled(running.map((service) => service.stop()));
  exitWithFailure(error);
}
