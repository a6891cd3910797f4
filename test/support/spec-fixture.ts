// A spec fixture: the project's openapi/ and its lint configs in a scratch folder, with node_modules
// linked in. For gate tests that plant a defect in the spec and call the gate's own functions on it:
// no project copy, no npm, no script process. The configs sit beside the spec as in the project,
// because Spectral reads the file names in .spectral.yaml's `overrides` relative to the ruleset.
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { plantDefect, removedAfterTest } from './project-copy.js';

const FIXTURE_ENTRIES = ['openapi', '.spectral.yaml', 'redocly.yaml'];

export interface SpecFixture {
  dir: string;
  /** The fixture's openapi/openapi.yaml. */
  specPath: string;
  /** The fixture's copy of .spectral.yaml. */
  rulesetPath: string;
  /** Replaces `search` with `replacement` in a file of the fixture; throws if `search` is not there. */
  edit(file: string, search: string | RegExp, replacement: string): Promise<void>;
  remove(): Promise<void>;
}

export async function specFixture(): Promise<SpecFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-spec-'));
  for (const entry of FIXTURE_ENTRIES) await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  // The ruleset extends the OWASP ruleset by package name, resolved from beside it.
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  return {
    dir,
    specPath: path.join(dir, 'openapi', 'openapi.yaml'),
    rulesetPath: path.join(dir, '.spectral.yaml'),
    edit: (file, search, replacement) => plantDefect(dir, file, search, replacement),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A spec fixture that is deleted when the calling test finishes (safe in concurrent tests). */
export async function specFixtureForTest(context: {
  onTestFinished: (cleanup: () => Promise<void>) => void;
}): Promise<SpecFixture> {
  return removedAfterTest(context, await specFixture());
}
