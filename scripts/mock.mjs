// npm run mock [-- --port 4010] [--host 127.0.0.1] [--static | --dynamic [--seed 1]] [--clock ISO] [--quiet]
// Serves the API for frontends to build against. By default the realistic mock: the API's
// documented behaviour executed (plans from the key, per-key rate limits, keyword alerts that
// remember, search over a fixed set of transcripts). --static answers with the spec's examples
// only, --dynamic with data generated from the schemas (repeatable for a --seed), as Prism does.
import { exitWithFailure, parseOptions, parsePort, StepFailure, stopOnSignal } from './lib/steps.mjs';
import { DEFAULT_MOCK_PORT, startMockServer } from './lib/mock-server.mjs';
import { mockBanner } from './lib/mock-banner.mjs';

const USAGE =
  'npm run mock -- [--port 4010] [--host 127.0.0.1] [--static | --dynamic [--seed 1]] [--clock 2026-11-27T10:00:00Z] [--quiet]';
const { values } = parseOptions(
  {
    port: { type: 'string', default: String(DEFAULT_MOCK_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    static: { type: 'boolean', default: false },
    dynamic: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    clock: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  USAGE,
);

/** @returns {'realistic' | 'static' | 'dynamic'} */
function chooseMode() {
  if (values.static && values.dynamic)
    throw new StepFailure('Choose --static or --dynamic, not both.', { hint: `Usage: ${USAGE}` });
  if (values.clock !== undefined && (values.static || values.dynamic)) {
    throw new StepFailure("--clock sets the realistic mock's clock; --static and --dynamic have none.", {
      hint: `Usage: ${USAGE}`,
    });
  }
  if (values.clock !== undefined && !Number.isFinite(Date.parse(values.clock))) {
    throw new StepFailure(`--clock must be a date and time such as 2026-11-27T10:00:00Z, not "${values.clock}".`);
  }
  return values.static ? 'static' : values.dynamic ? 'dynamic' : 'realistic';
}

try {
  const mode = chooseMode();
  const options = {
    mode,
    port: parsePort(values.port, '--port'),
    host: values.host,
    seed: values.seed,
    clock: values.clock,
    quiet: values.quiet,
  };
  console.log(`Starting the mock (${mode}) on the bundled spec…`);
  const mock = await startMockServer(options);
  console.log(
    `${await mockBanner(mock.url, { ...options, plans: mock.api.describePlans() })}\n\nOne line per request below${values.quiet ? ' (--quiet: only answers that broke the contract)' : ''}. Serving until Ctrl-C.`,
  );
  stopOnSignal(mock.stop);
} catch (error) {
  exitWithFailure(error);
}
