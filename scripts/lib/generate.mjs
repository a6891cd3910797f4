// What the build makes from the spec, one function per artifact. Each writes into `outDir`, so the
// same code fills generated/ (npm run build) and a scratch folder (npm run check:generated).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { parse } from 'yaml';
import { ROOT, StepFailure, runTool, withoutToolNoise } from './steps.mjs';
import { SOURCE_SPEC } from './lint.mjs';

export const GENERATED_DIR = path.join(ROOT, 'generated');

/** Files under generated/ that are committed, so consumers of the repo get them without a build. */
export const COMMITTED_ARTIFACTS = ['openapi.yaml', 'openapi.json', 'schema.d.ts'];

export const DOCS_PAGE = path.join('docs', 'index.html');

async function runOrFail(binary, args, failure, hint) {
  const { code, stdout, stderr } = await runTool(binary, args);
  if (code !== 0) {
    throw new StepFailure(failure, { details: withoutToolNoise(`${stdout}\n${stderr}`), hint });
  }
}

/** generated/openapi.yaml (Redocly bundle of the split spec) and the same document as JSON. */
export async function bundleSpec(outDir = GENERATED_DIR, specPath = SOURCE_SPEC) {
  await mkdir(outDir, { recursive: true });
  const yamlPath = path.join(outDir, 'openapi.yaml');
  await runOrFail(
    'redocly',
    ['bundle', specPath, '--output', yamlPath],
    'Redocly could not bundle the spec.',
    'A $ref probably points at a file that does not exist; `npm run lint` names it.',
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

/** generated/docs/index.html: the reference page, with Redoc inlined so it works offline. */
export async function buildDocs(outDir = GENERATED_DIR) {
  const output = path.join(outDir, DOCS_PAGE);
  await mkdir(path.dirname(output), { recursive: true });
  await runOrFail(
    'redocly',
    ['build-docs', path.join(outDir, 'openapi.yaml'), '--output', output, '--inlineBundle'],
    'Redocly could not build the reference docs.',
    'Check the error above; the bundle it read is generated/openapi.yaml.',
  );
}
