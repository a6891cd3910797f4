// A worker thread that lints with Spectral the way `spectral lint` does, with the CLI's own modules
// (@stoplight/spectral-cli's ruleset loader, resolver loader, formatter and failure rule), so the
// findings and their text are the CLI's. The ruleset (.spectral.yaml, bundled by Spectral's ruleset
// bundler) is loaded once per content and kept, so relinting under `npm run dev` costs only the run.
// Started by lint.mjs; never run directly.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(`${workerData.root}/package.json`);
const cliModule = (file) => require(`@stoplight/spectral-cli/dist/${file}`);
const { Spectral, Document, getDiagnosticSeverity } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { readParsable } = require('@stoplight/spectral-runtime');
const { getRuleset } = cliModule('services/linter/utils/getRuleset.js');
const { getResolver } = cliModule('services/linter/utils/getResolver.js');
const { formatOutput } = cliModule('services/output.js');
const { severeEnoughToFail } = cliModule('commands/lint.js');

const loadedRulesets = new Map();

/**
 * The ruleset in `file`, loaded once for each content it has had. Keyed by its path too: its
 * `overrides` name files relative to where it is, so the same text elsewhere is another ruleset.
 */
async function ruleset(file) {
  const hash = createHash('sha256').update(file).update('\0').update(readFileSync(file)).digest('hex');
  if (!loadedRulesets.has(hash)) loadedRulesets.set(hash, await getRuleset(file));
  return loadedRulesets.get(hash);
}

/** `spectral lint <spec> --ruleset --resolver --fail-severity=<failSeverity> --format=stylish`. */
async function lint({ specPath, rulesetPath, resolverPath, failSeverity }) {
  const resolver = getResolver(resolverPath);
  // The resolver caches every file it has read, forever: forget them, or a relint would see old files.
  resolver.uriCache?.purge();
  const loaded = await ruleset(rulesetPath);
  const spectral = new Spectral({ resolver });
  spectral.setRuleset(loaded);
  const document = new Document(await readParsable(specPath, { encoding: 'utf8' }), Parsers.Yaml, specPath);
  const results = (await spectral.run(document, { ignoreUnknownFormat: false })).map((result) => ({
    ...result,
    documentationUrl: undefined,
  }));
  if (results.length === 0) {
    const orHigher = getDiagnosticSeverity(failSeverity) === getDiagnosticSeverity('error') ? '' : 'or higher ';
    return { failed: false, output: `No results with a severity of '${failSeverity}' ${orHigher}found!` };
  }
  const output = formatOutput(results, 'stylish', { failSeverity: getDiagnosticSeverity(failSeverity) }, loaded);
  return { failed: severeEnoughToFail(results, failSeverity), output };
}

parentPort.on('message', ({ id, request }) => {
  lint(request).then(
    (result) => parentPort.postMessage({ id, result }),
    (error) => parentPort.postMessage({ id, crash: `Error running Spectral: ${error?.message ?? error}` }),
  );
});
