// npm run dev [-- --port 4010] [--docs-port 8080] [--host 127.0.0.1] [--static | --dynamic]
// The spec author's loop: build, serve the mock and the docs page (as npm start does), then watch
// openapi/, src/ and the configs and, on every save, relint (findings printed, never fatal), rebuild
// what the change reaches, reload the page open in the browser and the mock. A spec that does not
// build keeps the last good artifacts served and says why. Ctrl-C stops it. See lib/dev-loop.mjs.
import { assertPortFree } from './lib/ports.mjs';
import { exitWithFailure, parseOptions, parsePort, stopOnSignal } from './lib/steps.mjs';
import { startDevLoop, WATCHED_FILES, WATCHED_FOLDERS } from './lib/dev-loop.mjs';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST } from './lib/docs-server.mjs';
import { DEFAULT_MOCK_PORT } from './lib/mock-server.mjs';

const usage = 'npm run dev -- [--port 4010] [--docs-port 8080] [--host 127.0.0.1] [--static | --dynamic]';
const { values } = parseOptions(
  {
    port: { type: 'string', default: String(DEFAULT_MOCK_PORT) },
    'docs-port': { type: 'string', default: String(DEFAULT_DOCS_PORT) },
    host: { type: 'string', default: DEFAULT_HOST },
    static: { type: 'boolean', default: false },
    dynamic: { type: 'boolean', default: false },
  },
  usage,
);

try {
  if (values.static && values.dynamic) throw new Error('Pick one of --static and --dynamic.');
  const host = values.host;
  const mockPort = parsePort(values.port, '--port');
  const docsPort = parsePort(values['docs-port'], '--docs-port');
  // Checked before the build, so a taken port fails in a second rather than after it.
  await assertPortFree(mockPort, host, { what: 'mock server', flag: '--port' });
  await assertPortFree(docsPort, host, { what: 'docs server', flag: '--docs-port' });

  const dev = await startDevLoop({
    host,
    mockPort,
    docsPort,
    mode: values.static ? 'static' : values.dynamic ? 'dynamic' : 'realistic',
  });
  console.log(`\nDocs:     ${dev.docsUrl}  (reloads itself after each save)`);
  console.log(`Mock API: ${dev.mockUrl}`);
  console.log(
    `\nWatching ${[...WATCHED_FOLDERS.map((folder) => `${folder}/`), ...WATCHED_FILES].join(', ')}. Save a file to rebuild; Ctrl-C stops.`,
  );
  stopOnSignal(() => dev.stop());
} catch (error) {
  exitWithFailure(error);
}
