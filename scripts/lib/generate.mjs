// What the build makes from the spec, one function per artifact. Each writes into `outDir`, so the
// same code fills generated/ (npm run build) and a scratch folder (npm run check:generated).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse, stringify } from 'yaml';
import { readReleases } from './changelog.mjs';
import { localMockLanguages, pageDefinition } from './docs/page-definition.mjs';
import { writePlainTextDocs } from './docs/plain-text-docs.mjs';
import { StepFailure, runTool, withoutToolNoise } from './steps.mjs';
import { ROOT, SOURCE_SPEC, REDOCLY_CONFIG, GENERATED_DIR, DOCS_DIR } from './paths.mjs';
import { withRedocly } from './redocly-library.mjs';

const require = createRequire(import.meta.url);

/** Files under generated/ that are committed, so consumers of the repo get them without a build. */
export const COMMITTED_ARTIFACTS = ['openapi.yaml', 'openapi.json', 'schema.d.ts'];

/** The folder a static host publishes: the page (built, not committed) and the plain-text docs (committed). */
export { DOCS_DIR };
export const DOCS_PAGE = path.join(DOCS_DIR, 'index.html');

/**
 * @param {string} binary
 * @param {string[]} args
 * @param {string} failure
 * @param {string} hint
 * @param {{ signal?: AbortSignal, onSpawn?: () => void }} [options]
 */
async function runOrFail(binary, args, failure, hint, { signal, onSpawn } = {}) {
  const { code, stdout, stderr } = await runTool(binary, args, { signal, onSpawn });
  if (code !== 0) {
    throw new StepFailure(failure, { details: withoutToolNoise(`${stdout}\n${stderr}`), hint });
  }
}

/**
 * The split spec bundled into one document by Redocly's bundler, called as a library
 * (@redocly/openapi-core) in this process instead of as `redocly bundle` in another: the same
 * bundler, the same YAML writer and the same options as the CLI (test/dev/page-preview.test.ts
 * holds the two to the same bytes). Resolves with the YAML and JSON texts and the parsed document,
 * so no later step has to parse the YAML again.
 * @param {string} [specPath]
 * @param {{ configPath?: string }} [options] another project's redocly.yaml (the drift gate's tests)
 * @returns {Promise<{ yaml: string, json: string, document: Record<string, any> }>}
 */
export async function bundleDocument(specPath = SOURCE_SPEC, { configPath = REDOCLY_CONFIG } = {}) {
  const { redocly, result: bundled } = await withRedocly(
    'bundle',
    { configPath, hint: BUNDLE_HINT },
    (library, config) => library.bundle({ ref: specPath, config }),
  );
  const errors = bundled.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new StepFailure('Redocly could not bundle the spec.', {
      details: errors.map(describeProblem).join('\n'),
      hint: BUNDLE_HINT,
    });
  }
  const document = bundled.bundle.parsed;
  // What `redocly bundle` writes: its dumpBundle() is stringifyYaml with these options.
  const yaml = redocly.stringifyYaml(document, { noRefs: true, lineWidth: -1 });
  return { yaml, json: `${JSON.stringify(document, null, 2)}\n`, document: JSON.parse(JSON.stringify(document)) };
}

const BUNDLE_HINT = 'A $ref probably points at a file that does not exist; `npm run lint` names it.';

/** One bundler problem as a line: what is wrong, and where (file and pointer) when it is known. */
function describeProblem(problem) {
  const where = problem.location?.[0];
  const source = where?.source?.absoluteRef ? path.relative(ROOT, where.source.absoluteRef) : undefined;
  return [source && `${source}${where.pointer ?? ''}:`, problem.message].filter(Boolean).join(' ');
}

/**
 * generated/openapi.yaml and generated/openapi.json: the bundle (bundleDocument) written to `outDir`.
 * @param {string} [outDir]
 * @param {string} [specPath]
 * @param {{ configPath?: string }} [options]
 */
export async function bundleSpec(outDir = GENERATED_DIR, specPath = SOURCE_SPEC, { configPath } = {}) {
  const { yaml, json } = await bundleDocument(specPath, { configPath });
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'openapi.yaml'), yaml);
  await writeFile(path.join(outDir, 'openapi.json'), json);
}

/**
 * The text of generated/schema.d.ts: TypeScript types for every path and component of the bundled
 * `document`. Called through openapi-typescript's Node API with its CLI's header: the CLI would read
 * the `apis` entry of redocly.yaml (the split source) instead of the bundle it is given.
 * `defaultNonNullable: false` keeps a property with a `default` optional unless the schema lists it
 * in `required`: otherwise the request types would demand `limit`, `offset` and `sort.by`, which
 * the API fills in itself.
 * @param {import('openapi-typescript').OpenAPI3} document
 * @returns {Promise<string>}
 */
export async function typesFromBundle(document) {
  // Required, not imported: its ES module build imports TypeScript as an ES module, which first scans
  // that 9 MB CommonJS file for its exports (half a second). Loaded here: a no-op build never needs it.
  // Typed as the ES module: the CommonJS build exports the same names.
  const {
    default: openapiTS,
    astToString,
    COMMENT_HEADER,
  } = /** @type {typeof import('openapi-typescript')} */ (require('openapi-typescript'));
  try {
    // A copy: openapi-typescript may annotate the document it is given.
    const ast = await openapiTS(structuredClone(document), { silent: true, defaultNonNullable: false });
    return `${COMMENT_HEADER}${astToString(ast)}`;
  } catch (error) {
    throw new StepFailure('openapi-typescript could not generate types from the bundled spec.', {
      details: String(error?.message ?? error),
      hint: 'Check the error above; `npm run lint` may name the schema it could not read.',
    });
  }
}

/** generated/schema.d.ts in `outDir`, from the openapi.json bundled there. */
export async function generateTypes(outDir = GENERATED_DIR) {
  const document = JSON.parse(await readFile(path.join(outDir, 'openapi.json'), 'utf8'));
  await writeFile(path.join(outDir, 'schema.d.ts'), await typesFromBundle(document));
}

export const DOCS_ASSETS_DIR = path.join(ROOT, 'scripts', 'docs');

// Redoc 3 draws its "API docs by Redocly" attribution with an <img> loaded from cdn.redoc.ly, and no
// Redoc or Redocly CLI option turns that off (Redocly's build-docs reference: "Only the Redocly logo
// in the sidebar loads from the CDN"). The page gets inline copies instead, so readers' browsers load
// nothing from another host; the attribution and its link to redocly.com stay.
const REDOC_ATTRIBUTION_LOGOS = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'redocly-wordmark.svg'],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', 'redocly-mark.svg'],
];
const REDOC_CDN_HOST = 'cdn.redoc.ly';
const TELEMETRY_OFF_IN_PAGE = '"disableTelemetry":true';

async function svgDataUrl(file) {
  const svg = (await readFile(path.join(DOCS_ASSETS_DIR, file), 'utf8')).trim();
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Swaps Redoc's CDN attribution logos for data: URLs; fails if Redoc stopped using them. */
async function inlineAttributionLogos(html) {
  let page = html;
  for (const [cdnUrl, file] of REDOC_ATTRIBUTION_LOGOS) {
    if (!page.includes(cdnUrl)) {
      throw new StepFailure(
        `The Redoc bundle no longer contains ${cdnUrl}, so the logo swap in scripts/lib/generate.mjs is out of date.`,
        {
          hint: 'Find the URL(s) the new Redoc loads its attribution logo from and update REDOC_ATTRIBUTION_LOGOS.',
        },
      );
    }
    page = page.replaceAll(cdnUrl, await svgDataUrl(file));
  }
  return page;
}

/** The promises the docs guide (guides/docs.md) makes about the page, checked on every build. */
function assertSelfContained(page) {
  if (page.includes(REDOC_CDN_HOST)) {
    throw new StepFailure(`The docs page still refers to ${REDOC_CDN_HOST}.`, {
      hint: 'Redoc loads something new from its CDN: add it to REDOC_ATTRIBUTION_LOGOS in scripts/lib/generate.mjs.',
    });
  }
  if (!page.includes(TELEMETRY_OFF_IN_PAGE)) {
    throw new StepFailure("The docs page would send Redoc telemetry from readers' browsers.", {
      hint: 'Keep `telemetry: off` in redocly.yaml (and REDOCLY_TELEMETRY=off for every tool run).',
    });
  }
}

/**
 * A Redocly config for the local page: the repo's page options, with each code-sample language
 * listed twice (local mock, production) so the page's language menu offers both.
 */
async function localPageConfig(dir) {
  const config = parse(await readFile(REDOCLY_CONFIG, 'utf8'));
  const openapi = config.openapi ?? {};
  const localConfig = {
    telemetry: 'off',
    openapi: {
      ...openapi,
      htmlTemplate: path.resolve(ROOT, openapi.htmlTemplate),
      codeSamples: { ...openapi.codeSamples, languages: localMockLanguages(openapi.codeSamples?.languages ?? []) },
    },
  };
  const file = path.join(dir, 'redocly.yaml');
  await writeFile(file, stringify(localConfig));
  return file;
}

/**
 * generated/docs/index.html: the reference page as one file, Redoc inlined, telemetry off, nothing
 * loaded from another host. It renders the bundle plus links to the plain-text docs and the Changes
 * section (docs/page-definition.mjs). Options and the page template come from redocly.yaml
 * (`openapi:`). With `mockUrl` it is the local page `npm start` serves, offering the mock beside
 * production; the published page never names it.
 * @param {string} [outDir]
 * @param {string} [bundlePath]
 * @param {{ mockUrl?: string, signal?: AbortSignal, document?: Record<string, any>, onSpawn?: () => void }} [options]
 *   `document`: the bundle already parsed (the build has it), so it is not read from `bundlePath` again;
 *   `onSpawn`: called once Redocly's process exists
 */
export async function buildDocs(
  outDir = GENERATED_DIR,
  bundlePath = path.join(outDir, 'openapi.yaml'),
  { mockUrl, signal, document, onSpawn } = {},
) {
  const output = path.join(outDir, DOCS_PAGE);
  await mkdir(path.dirname(output), { recursive: true });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-page-'));
  try {
    const spec = document ?? parse(await readFile(bundlePath, 'utf8'));
    const definitionFile = path.join(scratch, 'definition.json');
    await writeFile(definitionFile, JSON.stringify(pageDefinition(spec, { releases: await readReleases(), mockUrl })));
    const config = mockUrl ? ['--config', await localPageConfig(scratch)] : [];
    await runOrFail(
      'redocly',
      ['build-docs', definitionFile, '--output', output, '--inlineBundle', ...config],
      'Redocly could not build the reference docs.',
      `Check the error above; the bundle it read is ${path.relative(ROOT, bundlePath)}.`,
      { signal, onSpawn },
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const page = await inlineAttributionLogos(await readFile(output, 'utf8'));
  assertSelfContained(page);
  await writeFile(output, page);
  return output;
}

/**
 * generated/docs/llms.txt, llms-full.txt, changes.md, guide/*.md and operations/*.md: the reference
 * as plain text (docs/plain-text-docs.mjs), from the bundled spec and CHANGELOG.md. Resolves with
 * the files written, relative to the docs folder.
 * @param {string} [outDir]
 * @param {{ changelog?: string }} [options] another project's CHANGELOG.md (the drift gate's tests)
 */
export async function buildPlainTextDocs(outDir = GENERATED_DIR, { changelog } = {}) {
  const spec = JSON.parse(await readFile(path.join(outDir, 'openapi.json'), 'utf8'));
  return writePlainTextDocs(spec, path.join(outDir, DOCS_DIR), { releases: await readReleases(changelog) });
}
