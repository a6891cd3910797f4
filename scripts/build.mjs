// npm run build [-- --no-cache]
// lint (Redocly, Spectral) beside bundle (generated/openapi.{yaml,json}) → types (generated/schema.d.ts),
// client (dist/, compiled from src/), docs (generated/docs/: llms.txt, llms-full.txt, the markdown files
// and index.html), each as soon as what it needs exists. A step whose inputs did not change since it
// last ran comes from the build cache (node_modules/.cache/audioscrape-api/); --no-cache builds every
// step afresh. A failing step stops the build with the tool's own findings and writes nothing.
import { exitWithFailure, parseOptions } from './lib/steps.mjs';
import { buildAll } from './lib/build-pipeline.mjs';

const { values } = parseOptions({ 'no-cache': { type: 'boolean', default: false } }, 'npm run build -- [--no-cache]');

buildAll({ useCache: !values['no-cache'] }).catch(exitWithFailure);
