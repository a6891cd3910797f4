// npm run proxy -- <upstream URL> [--port 4010] [--host 127.0.0.1]
// Prism's validation proxy in front of a real deployment: every request is forwarded to <upstream>
// and every request or response that breaks the contract is printed as a violation.
import { exitWithFailure, parseOptions, parsePort, StepFailure, stopOnSignal } from './lib/steps.mjs';
import { DEFAULT_MOCK_PORT, startValidationProxy } from './lib/mock-server.mjs';

const USAGE = 'npm run proxy -- <upstream URL, e.g. https://www.audioscrape.com> [--port 4010] [--host 127.0.0.1]';
const { values, positionals } = parseOptions(
  {
    port: { type: 'string', default: String(DEFAULT_MOCK_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
  },
  USAGE,
);

function parseUpstream(value) {
  let url;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new StepFailure(`Give the upstream server's URL, not "${value ?? ''}".`, { hint: `Usage: ${USAGE}` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new StepFailure(`The upstream must be an http(s) URL, not ${url.protocol}`, { hint: `Usage: ${USAGE}` });
  }
  return url.origin;
}

try {
  if (positionals.length !== 1) throw new StepFailure('Give exactly one upstream URL.', { hint: `Usage: ${USAGE}` });
  const upstream = parseUpstream(positionals[0]);
  console.log(`Starting Prism's validation proxy in front of ${upstream}…`);
  const proxy = await startValidationProxy({ upstream, port: parsePort(values.port, '--port'), host: values.host });
  console.log(
    `Proxy: ${proxy.url} → ${upstream}\n` +
      'Point your client at the proxy; each request is printed below, with what broke the contract.\n' +
      'Serving until Ctrl-C.',
  );
  stopOnSignal(proxy.stop);
} catch (error) {
  exitWithFailure(error);
}
