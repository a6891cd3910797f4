// A frontend page as a team would write it in development: MSW's worker started with the package's
// handlers before the first request, then the package's client used as in production (its default
// base URL, https://www.audioscrape.com) with the answers shown on the page. The browser test bundles
// this file with esbuild, as a frontend bundler would, and reads the page.
import { setupWorker } from 'msw/browser';
import { Audioscrape, RateLimitError } from '../../../src/index.js';
import { createMockHandlers } from '../../../src/msw/index.js';

const START = new URLSearchParams(location.search).get('clock') ?? undefined;

function show(id: string, text: string): void {
  document.getElementById(id)!.textContent = text;
}

async function main(): Promise<void> {
  await setupWorker(...createMockHandlers({ clock: START }).handlers).start({
    quiet: true,
    onUnhandledRequest: 'bypass',
  });
  // The mock's keys are not secrets, so this page may hold them (the client refuses real ones in a browser).
  const client = (apiKey: string) =>
    new Audioscrape({ apiKey, logLevel: 'off', maxRetries: 0, dangerouslyAllowBrowser: true });

  const { data, rateLimit } = await client('pro_browser').search({ query: 'climate change', limit: 3 });
  const list = document.getElementById('results')!;
  for (const hit of data.results) {
    const item = document.createElement('li');
    item.dataset.segment = hit.segment_id;
    item.textContent = `${hit.speaker ?? 'Unknown'}: ${hit.text}`;
    list.append(item);
  }
  show('remaining', `${rateLimit?.remaining} of ${rateLimit?.limit} left this minute`);

  const free = client('free_browser');
  let refusal = 'no refusal';
  for (let call = 1; call <= 11; call += 1) {
    try {
      await free.search({ query: 'ai' });
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      refusal = `call ${call}: ${error.status}, retry in ${error.retryAfter} s`;
      break;
    }
  }
  show('rate-limit', refusal);

  const pro = client('pro_browser');
  const { data: alert } = await pro.notifications.create({
    search_term: 'climate',
    webhook_url: 'https://hooks.example.org/a',
  });
  const listed = (await pro.notifications.list()).data.notifications.map((each) => each.id);
  await pro.notifications.delete(alert.id);
  const deletedAgain = await pro.notifications.delete(alert.id).then(
    () => 'deleted twice',
    (error: { status?: number }) => `then ${error.status}`,
  );
  show('alerts', `created ${alert.id} at ${alert.created_at}, listed [${listed.join(', ')}], deleted, ${deletedAgain}`);
}

main().then(
  () => show('status', 'done'),
  (error: unknown) =>
    show('status', `failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
);
