// The drift gate: regenerate the committed artifacts into a scratch folder and compare them with
// generated/. Used by `npm run check:generated` and `npm run check`. Byte for byte, except for line
// endings: a checkout with CRLF (Git for Windows' core.autocrlf=true without .gitattributes) holds the
// same content as the build, so it is reported as such and passes; any other difference is drift.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { step, StepFailure } from './steps.mjs';
import {
  buildPlainTextDocs,
  bundleSpec,
  COMMITTED_ARTIFACTS,
  DOCS_DIR,
  DOCS_PAGE,
  generateTypes,
} from './generate.mjs';
import { ROOT, GENERATED_DIR } from './paths.mjs';

async function readIfPresent(file) {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

function firstDifferentLine(committed, fresh) {
  const committedLines = committed.split('\n');
  const freshLines = fresh.split('\n');
  const length = Math.max(committedLines.length, freshLines.length);
  for (let index = 0; index < length; index += 1) {
    if (committedLines[index] !== freshLines[index]) {
      return {
        line: index + 1,
        committed: committedLines[index] ?? '(end of file)',
        fresh: freshLines[index] ?? '(end of file)',
      };
    }
  }
  return null;
}

/** Text with every CRLF (and lone CR) as LF: what git stores, whatever the checkout turned it into. */
export function withLfLineEndings(text) {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * How committed file `name` compares with the fresh build in `scratchDir`:
 * `{ drift }` (a message) when the content differs, `{ note }` when only line endings do, else `{}`.
 * @param {string} name
 * @param {string} scratchDir
 * @param {string} root
 */
async function compareArtifact(name, scratchDir, root) {
  const committedPath = path.join(root, 'generated', name);
  const label = path.relative(root, committedPath);
  const committed = await readIfPresent(committedPath);
  const fresh = await readFile(path.join(scratchDir, name), 'utf8');
  if (committed === null) return { drift: `${label}: missing (the build makes it; it must be committed)` };
  if (committed === fresh) return {};
  const committedContent = withLfLineEndings(committed);
  const freshContent = withLfLineEndings(fresh);
  if (committedContent === freshContent) {
    return {
      note: `${label}: same content as the build, with CRLF line endings in this checkout (not drift; git stores it with LF)`,
    };
  }
  const difference = firstDifferentLine(committedContent, freshContent);
  return {
    drift:
      `${label}: differs from what the build makes, first at line ${difference.line}\n` +
      `    committed: ${difference.committed.trim().slice(0, 120)}\n` +
      `    build:     ${difference.fresh.trim().slice(0, 120)}`,
  };
}

/** Every file under generated/docs/ except the page (which is built, not committed), relative to generated/. */
async function committedDocsFiles(generatedDir) {
  const entries = await readdir(path.join(generatedDir, DOCS_DIR), { recursive: true, withFileTypes: true }).catch(
    (error) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(generatedDir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => file !== DOCS_PAGE);
}

/**
 * Throws a StepFailure naming every committed generated file that is stale, edited or missing.
 * The options check another project (a test's copy) in this process, and send its lines elsewhere
 * than stdout; its spec, redocly.yaml and CHANGELOG.md are that project's.
 * @param {{ root?: string, out?: NodeJS.WritableStream, print?: (line: string) => void }} [options]
 */
export async function checkGeneratedFiles({ root = ROOT, out, print = (line) => console.log(line) } = {}) {
  const generatedDir = root === ROOT ? GENERATED_DIR : path.join(root, 'generated');
  const inputs = {
    spec: path.join(root, 'openapi', 'openapi.yaml'),
    configPath: path.join(root, 'redocly.yaml'),
    changelog: path.join(root, 'CHANGELOG.md'),
  };
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-generated-'));
  const inStep = (name, work) => step(name, work, { out });
  try {
    await inStep('bundle the spec into a scratch folder', () =>
      bundleSpec(scratchDir, inputs.spec, { configPath: inputs.configPath }),
    );
    await inStep('generate types into the scratch folder', () => generateTypes(scratchDir));
    const { result: docsFiles } = await inStep('generate the plain-text docs into the scratch folder', () =>
      buildPlainTextDocs(scratchDir, { changelog: inputs.changelog }),
    );
    const expected = [...COMMITTED_ARTIFACTS, ...docsFiles.map((file) => path.join(DOCS_DIR, file))];
    await inStep(`compare with ${path.relative(root, generatedDir)}/`, async () => {
      const comparisons = await Promise.all(expected.map((name) => compareArtifact(name, scratchDir, root)));
      for (const { note } of comparisons) if (note) print(`  ${note}`);
      const drift = comparisons.map((comparison) => comparison.drift).filter(Boolean);
      const leftovers = (await committedDocsFiles(generatedDir)).filter((file) => !expected.includes(file));
      drift.push(
        ...leftovers.map(
          (file) => `${path.relative(root, path.join(generatedDir, file))}: no longer made by the build (delete it)`,
        ),
      );
      if (drift.length > 0) {
        throw new StepFailure(`${drift.length} generated file(s) are out of date or edited by hand.`, {
          details: drift.join('\n'),
          hint: 'Run `npm run build` and commit generated/. Never edit generated/ by hand: change openapi/ instead.',
        });
      }
    });
    print(
      `generated/ is up to date (${COMMITTED_ARTIFACTS.join(', ')}, and ${docsFiles.length} files in ${DOCS_DIR}/).`,
    );
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
