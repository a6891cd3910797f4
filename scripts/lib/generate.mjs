// What the build makes from the spec, one function per artifact. Each writes into `outDir`, so the
// same code fills generated/ (npm run build) and a scratch folder (npm run check:generated).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { readReleases } from './changelog.mjs';
import { localMockLanguages, pageDefinition } from './docs/page-definition.mjs';
import { writePlainTextDocs } from './docs/plain-text-docs.mjs';
import { StepFailure, runTool, withoutToolNoise } from './steps.mjs';
import { ROOT, SOURCE_SPEC, REDOCLY_CONFIG, GENERATED_DIR } from './paths.mjs';

/** Files under generated/ that are committed, so consumers of the repo get them without a build. */
export const COMMITTED_ARTIFACTS = ['openapi.yaml', 'openapi.json', 'schema.d.ts'];

/** The folder a static host publishes: the page (built, not committed) and the plain-text docs (committed). */
export const DOCS_DIR = 'docs';
export const DOCS_PAGE = path.join(DOCS_DIR, 'index.html');

/**
 * @param {string} binary
 * @param {string[]} args
 * @param {string} failure
 * @param {string} hint
 * @param {{ signal?: AbortSignal }} [options]
 */
async function runOrFail(binary, args, failure, hint, { signal } = {}) {
  const { code, stdout, stderr } = await runTool(binary, args, { signal });
  if (code !== 0) {
    throw new StepFailure(failure, { details: withoutToolNoise(`${stdout}\n${stderr}`), hint });
  }
}

/**
 * generated/openapi.yaml (Redocly bundle of the split spec) and the same document as JSON.
 * @param {string} [outDir]
 * @param {string} [specPath]
 * @param {{ signal?: AbortSignal }} [options]
 */
export async function bundleSpec(outDir = GENERATED_DIR, specPath = SOURCE_SPEC, { signal } = {}) {
  await mkdir(outDir, { recursive: true });
  const yamlPath = path.join(outDir, 'openapi.yaml');
  await runOrFail(
    'redocly',
    ['bundle', specPath, '--output', yamlPath],
    'Redocly could not bundle the spec.',
    'A $ref probably points at a file that does not exist; `npm run lint` names it.',
    { signal },
  );
  const document = parse(await readFile(yamlPath, 'utf8'));
  await writeFile(path.join(outDir, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
}

/**
 * generated/schema.d.ts: TypeScript types for every path and component, from the bundle.
 * Called through openapi-typescript's Node API with its CLI's header: the CLI would read the `apis`
 * entry of redocly.yaml (the split source) instead of the bundle it is given.
 * `defaultNonNullable: false` keeps a property with a `default` optional unless the schema lists it
 * in `required`: otherwise the request types would demand `limit`, `offset` and `sort.by`, which
 * the API fills in itself.
 */
export async function generateTypes(outDir = GENERATED_DIR) {
  const bundle = pathToFileURL(path.join(outDir, 'openapi.yaml'));
  // Loaded here, not at the top: it takes a second, and a build with nothing to do never needs it.
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');
  let ast;
  try {
    ast = await openapiTS(bundle, { silent: true, defaultNonNullable: false });
  } catch (error) {
    throw new StepFailure('openapi-typescript could not generate types from the bundled spec.', {
      details: String(error?.message ?? error),
      hint: `Check the error above; the bundle it read is ${path.relative(ROOT, fileURLToPath(bundle))}.`,
    });
  }
  await writeFile(path.join(outDir, 'schema.d.ts'), `${COMMENT_HEADER}${astToString(ast)}`);
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
 * @param {{ mockUrl?: string, signal?: AbortSignal }} [options]
 */
export async function buildDocs(
  outDir = GENERATED_DIR,
  bundlePath = path.join(outDir, 'openapi.yaml'),
  { mockUrl, signal } = {},
) {
  const output = path.join(outDir, DOCS_PAGE);
  await mkdir(path.dirname(output), { recursive: true });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-page-'));
  try {
    const spec = parse(await readFile(bundlePath, 'utf8'));
    const definitionFile = path.join(scratch, 'definition.json');
    await writeFile(definitionFile, JSON.stringify(pageDefinition(spec, { releases: await readReleases(), mockUrl })));
    const config = mockUrl ? ['--config', await localPageConfig(scratch)] : [];
    await runOrFail(
      'redocly',
      ['build-docs', definitionFile, '--output', output, '--inlineBundle', ...config],
      'Redocly could not build the reference docs.',
      `Check the error above; the bundle it read is ${path.relative(ROOT, bundlePath)}.`,
      { signal },
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
 */
export async function buildPlainTextDocs(outDir = GENERATED_DIR) {
  const spec = JSON.parse(await readFile(path.join(outDir, 'openapi.json'), 'utf8'));
  return writePlainTextDocs(spec, path.join(outDir, DOCS_DIR), { releases: await readReleases() });
}
