// npm run build
// lint (Redocly, Spectral) → bundle (generated/openapi.{yaml,json}) → types (generated/schema.d.ts)
// → client (dist/, compiled from src/) → docs (generated/docs/: llms.txt, llms-full.txt and the
// markdown files, then index.html). A failing step stops the build with the tool's own findings.
import { exitWithFailure } from './lib/steps.mjs';
import { buildAll } from './lib/build-pipeline.mjs';

buildAll().catch(exitWithFailure);
