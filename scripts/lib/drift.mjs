// The drift gate: regenerate the committed artifacts into a scratch folder and compare them byte for
// byte with generated/. Used by `npm run check:generated` and `npm run check`.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, step, StepFailure } from './steps.mjs';
import { buildPlainTextDocs, bundleSpec, COMMITTED_ARTIFACTS, DOCS_DIR, DOCS_PAGE, GENERATED_DIR, generateTypes } from './generate.mjs';

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
      return { line: index + 1, committed: committedLines[index] ?? '(end of file)', fresh: freshLines[index] ?? '(end of file)' };
    }
  }
  return null;
}

async function describeDrift(name, scratchDir) {
  const committedPath = path.join(GENERATED_DIR, name);
  const label = path.relative(ROOT, committedPath);
  const committed = await readIfPresent(committedPath);
  const fresh = await readFile(path.join(scratchDir, name), 'utf8');
  if (committed === null) return `${label}: missing (the build makes it; it must be committed)`;
  if (committed === fresh) return null;
  const difference = firstDifferentLine(committed, fresh);
  return (
    `${label}: differs from what the build makes, first at line ${difference.line}\n` +
    `    committed: ${difference.committed.trim().slice(0, 120)}\n` +
    `    build:     ${difference.fresh.trim().slice(0, 120)}`
  );
}

/** Every file under generated/docs/ except the page (which is built, not committed), relative to generated/. */
async function committedDocsFiles() {
  const entries = await readdir(path.join(GENERATED_DIR, DOCS_DIR), { recursive: true, withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(GENERATED_DIR, path.join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => file !== DOCS_PAGE);
}

/** Throws a StepFailure naming every committed generated file that is stale, edited or missing. */
export async function checkGeneratedFiles() {
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-generated-'));
  try {
    await step('bundle the spec into a scratch folder', () => bundleSpec(scratchDir));
    await step('generate types into the scratch folder', () => generateTypes(scratchDir));
    const { result: docsFiles } = await step('generate the plain-text docs into the scratch folder', () => buildPlainTextDocs(scratchDir));
    const expected = [...COMMITTED_ARTIFACTS, ...docsFiles.map((file) => path.join(DOCS_DIR, file))];
    await step(`compare with ${path.relative(ROOT, GENERATED_DIR)}/`, async () => {
      const drift = (await Promise.all(expected.map((name) => describeDrift(name, scratchDir)))).filter(Boolean);
      const leftovers = (await committedDocsFiles()).filter((file) => !expected.includes(file));
      drift.push(...leftovers.map((file) => `${path.relative(ROOT, path.join(GENERATED_DIR, file))}: no longer made by the build (delete it)`));
      if (drift.length > 0) {
        throw new StepFailure(`${drift.length} generated file(s) are out of date or edited by hand.`, {
          details: drift.join('\n'),
          hint: 'Run `npm run build` and commit generated/. Never edit generated/ by hand: change openapi/ instead.',
        });
      }
    });
    console.log(`generated/ is up to date (${COMMITTED_ARTIFACTS.join(', ')}, and ${docsFiles.length} files in ${DOCS_DIR}/).`);
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
