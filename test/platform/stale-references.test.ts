// A comment or config that names a test file points at one that exists: files get renamed, and a
// pointer to nothing (as .spectral.yaml's to a renamed spec-structure test once was) sends the next
// reader looking in vain. Searches the configs, the scripts and the code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/paths.mjs';

const SEARCHED = ['.spectral.yaml', 'redocly.yaml', '.ci/run', '.github', 'scripts', 'src', 'test', 'bench'];
const NAMED_TEST_FILE = /\btest\/[\w./-]+\.test\.ts\b/g;

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full).flatMap((name) => filesUnder(path.join(entry, name)));
}

it('every test file named in a config, script or source file exists', () => {
  const named = SEARCHED.flatMap(filesUnder).flatMap((file) =>
    [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(NAMED_TEST_FILE)].map(([reference]) => ({
      file,
      reference,
    })),
  );
  expect(named.length, 'the search finds the references there are').toBeGreaterThan(3);
  const missing = named.filter(({ reference }) => !existsSync(path.join(ROOT, reference)));
  expect(missing).toEqual([]);
});
