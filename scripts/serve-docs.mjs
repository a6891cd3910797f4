// npm run docs:serve [-- --docs-port 8080] [--host 127.0.0.1]
// Serves the built reference page (generated/docs/index.html) on loopback and prints its URL.
import { exitWithFailure, parseOptions, parsePort, stopOnSignal } from './lib/steps.mjs';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST, serveDocs } from './lib/docs-server.mjs';

const { values } = parseOptions(
  {
    'docs-port': { type: 'string', default: String(DEFAULT_DOCS_PORT) },
    host: { type: 'string', default: DEFAULT_HOST },
  },
  'npm run docs:serve -- [--docs-port 8080] [--host 127.0.0.1]',
);

try {
  const docs = await serveDocs({ port: parsePort(values['docs-port'], '--docs-port'), host: values.host });
  console.log(`Docs: ${docs.url}  (Ctrl-C to stop)`);
  stopOnSignal(docs.close);
} catch (error) {
  exitWithFailure(error);
}
