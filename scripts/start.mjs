// npm start [-- --docs-port 8080] [--host 127.0.0.1]
// The main job: build every artifact, then serve the reference docs locally and print the URL.
import { exitWithFailure, parseOptions, parsePort } from './lib/steps.mjs';
import { buildAll } from './lib/build-pipeline.mjs';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST, serveDocs } from './lib/docs-server.mjs';

const { values } = parseOptions(
  {
    'docs-port': { type: 'string', default: String(DEFAULT_DOCS_PORT) },
    host: { type: 'string', default: DEFAULT_HOST },
  },
  'npm start -- [--docs-port 8080] [--host 127.0.0.1]',
);

try {
  const docsPort = parsePort(values['docs-port'], '--docs-port');
  await buildAll();
  const docs = await serveDocs({ port: docsPort, host: values.host });
  console.log(`\nDocs: ${docs.url}\n\nServing until Ctrl-C.`);
  const stop = () => docs.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  exitWithFailure(error);
}
