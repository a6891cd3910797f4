// npm run docs:serve [-- --docs-port 8080] [--host 127.0.0.1] [--mock-url http://127.0.0.1:4010]
// Serves the built docs folder (generated/docs/) on loopback and prints its URL: the reference page
// at /, the plain-text docs beside it (/llms.txt, /llms-full.txt, /operations/<operationId>.md, ...).
// With --mock-url (a mock you started with `npm run mock`), the page offers that mock beside
// production, as `npm start` does.
import { exitWithFailure, parseOptions, parsePort, stopOnSignal } from './lib/steps.mjs';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST, serveDocs } from './lib/docs-server.mjs';

const { values } = parseOptions(
  {
    'docs-port': { type: 'string', default: String(DEFAULT_DOCS_PORT) },
    host: { type: 'string', default: DEFAULT_HOST },
    'mock-url': { type: 'string' },
  },
  'npm run docs:serve -- [--docs-port 8080] [--host 127.0.0.1] [--mock-url http://127.0.0.1:4010]',
);

try {
  const docs = await serveDocs({
    port: parsePort(values['docs-port'], '--docs-port'),
    host: values.host,
    mockUrl: values['mock-url'],
  });
  console.log(`Docs: ${docs.url}  (Ctrl-C to stop)`);
  console.log(`  plain text: ${docs.url}llms.txt, ${docs.url}llms-full.txt`);
  if (docs.mockUrl) console.log(`  the page offers the mock at ${docs.mockUrl} beside production`);
  stopOnSignal(docs.close);
} catch (error) {
  exitWithFailure(error);
}
