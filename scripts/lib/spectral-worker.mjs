// A worker thread that lints with Spectral the way `spectral lint` does, with the CLI's own modules
// (@stoplight/spectral-cli's resolver loader and formatter, its ruleset migrator and its failure
// rule), so the findings and their text are the CLI's. The ruleset (.spectral.yaml) is loaded once
// per content and kept, so relinting under `npm run dev` costs only the run.
// Started by lint.mjs; never run directly.
import { createHash } from 'node:crypto';
import fs, { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(`${workerData.root}/package.json`);
const cliModule = (file) => require(`@stoplight/spectral-cli/dist/${file}`);
const { Spectral, Document, Ruleset, getDiagnosticSeverity } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { readParsable } = require('@stoplight/spectral-runtime');
const { migrateRuleset } = require('@stoplight/spectral-ruleset-migrator');
const { getResolver } = cliModule('services/linter/utils/getResolver.js');
const { formatOutput } = cliModule('services/output.js');

/** `spectral lint`'s failure rule (commands/lint.js, which would load the whole CLI to import). */
const severeEnoughToFail = (results, failSeverity) =>
  results.some((result) => result.severity <= getDiagnosticSeverity(failSeverity));

/**
 * A YAML ruleset loaded as `spectral lint` loads it (services/linter/utils/getRuleset.js): migrated to
 * a module by Spectral's ruleset migrator, evaluated with `require` from beside the ruleset, and
 * made a Ruleset with the CLI's options. The CLI migrates to an ES module and then bundles it with
 * rollup before evaluating it; migrating straight to CommonJS makes the same module without
 * rollup, in half the time (test/gates/lint-gates.test.ts holds the findings to `spectral lint`'s).
 */
async function loadRuleset(file) {
  const source = await migrateRuleset(file, { format: 'commonjs', fs });
  const requireBeside = createRequire(file);
  const loaded = {};
  Function('module, require', source)(loaded, (id) =>
    requireBeside(requireBeside.resolve(id, { paths: [path.dirname(file)] })),
  );
  return new Ruleset(loaded.exports, { severity: 'recommended', source: file });
}

const loadedRulesets = new Map();

/**
 * The ruleset in `file`, loaded once for each content it has had. Keyed by its path too: its
 * `overrides` name files relative to where it is, so the same text elsewhere is another ruleset.
 */
async function ruleset(file) {
  const hash = createHash('sha256').update(file).update('\0').update(readFileSync(file)).digest('hex');
  if (!loadedRulesets.has(hash)) loadedRulesets.set(hash, await loadRuleset(file));
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
