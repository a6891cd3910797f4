// npm run mock [-- --port 4010] [--host 127.0.0.1] [--dynamic [--seed 1]] [--log warn]
// Serves the bundled spec (generated/openapi.yaml) with Prism, for frontends to build against.
// Static mode answers with the spec's named examples; --dynamic generates data from the schemas,
// repeatably for a given --seed.
import { exitWithFailure, parseOptions, parsePort, stopOnSignal } from './lib/steps.mjs';
import { DEFAULT_MOCK_LOG_LEVEL, DEFAULT_MOCK_PORT, startPrism } from './lib/mock-server.mjs';
import { mockBanner } from './lib/mock-banner.mjs';

const USAGE = 'npm run mock -- [--port 4010] [--host 127.0.0.1] [--dynamic [--seed 1]] [--log warn|info|error|silent]';
const { values } = parseOptions(
  {
    port: { type: 'string', default: String(DEFAULT_MOCK_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    dynamic: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    log: { type: 'string', default: DEFAULT_MOCK_LOG_LEVEL },
  },
  USAGE,
);

try {
  const options = {
    port: parsePort(values.port, '--port'),
    host: values.host,
    dynamic: values.dynamic,
    seed: values.seed,
    logLevel: values.log,
  };
  console.log('Starting the mock (Prism 5.14.2) on the bundled spec…');
  const mock = await startPrism(options);
  console.log(`${await mockBanner(mock.url, options)}\n\nServing until Ctrl-C.`);
  stopOnSignal(mock.stop);
  mock.onUnexpectedExit((code) => exitWithFailure(new Error(`Prism stopped unexpectedly (exit ${code}).`)));
} catch (error) {
  exitWithFailure(error);
}
