// npm run build [-- --no-cache]
// lint (Redocly, Spectral) beside bundle (generated/openapi.{yaml,json}) → types (generated/schema.d.ts),
// client (dist/, compiled from src/), docs (generated/docs/: llms.txt, llms-full.txt, the markdown files
// and index.html), each as soon as what it needs exists. A step whose inputs did not change since it
// last ran comes from the build cache (node_modules/.cache/audioscrape-api/), and when nothing at all
// changed since the last build no step runs (build-stamp.mjs); --no-cache builds every step afresh.
// A failing step stops the build with the tool's own findings and writes nothing.
//
// npm run build:client (build.mjs --client): only the client, src/ → dist/, never from the cache.
import { buildAll } from './lib/build-all.mjs';
import { exitWithFailure, parseOptions, step } from './lib/steps.mjs';

const { values } = parseOptions(
  { 'no-cache': { type: 'boolean', default: false }, client: { type: 'boolean', default: false } },
  'npm run build -- [--no-cache] | npm run build:client',
);

const build = values.client
  ? () =>
      step('client: dist/ (tsc, src/tsconfig.build.json)', async () =>
        (await import('./lib/compile-client.mjs')).compileClient(),
      )
  : () => buildAll({ useCache: !values['no-cache'] });

build().catch(exitWithFailure);
