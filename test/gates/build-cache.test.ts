// The build cache (scripts/lib/build-cache.mjs): a build with nothing changed runs no step and writes
// nothing (it stops at its stamp, build-stamp.mjs; a file saved with the same bytes takes every step
// from the cache instead); each kind of input (a spec file, a src/ file, a config, a tool's version) makes the steps
// that read it run again, and only those; a build from the cache makes the same bytes as a build
// without it; a tampered entry is not used; and `npm run check:generated`, which never reads the
// cache, cannot be fooled by it. Each test works in its own copy of the project with its own cache
// folder (AUDIOSCRAPE_BUILD_CACHE), seeded from the project's cache when it has one (what
// `npm run build` left there), so no test sees another's entries. The no-op build and the run's
// shared clean build go through `npm run`; the other commands run their script (what `npm run`
// runs) with node directly, without npm's start.
import { createHash } from 'node:crypto';
import { type Dirent, existsSync } from 'node:fs';
import {
  copyFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { declarationShape } from '../../scripts/lib/build-cache.mjs';
import { copyProjectToTemp, runNpmScript } from '../../scripts/lib/project-copy.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProjectScript } from '../support/project-copy.js';
import { sharedCleanBuild } from '../support/shared-build.js';

const PROJECT_CACHE = path.join(ROOT, 'node_modules', '.cache', 'audioscrape-api');
const STEP_LINE = /^✔ (.+?) \(\d+\.\d\d s\)( · cached)?(?: · (.+))?$/gm;
const ALL_STEPS = 7;
/** Makes each run's edits new to every cache, so no earlier run's entry can stand in for a step. */
const RUN = Date.now().toString(36);

interface Build {
  code: number;
  output: string;
  /** Steps that ran, by name (up to the first space after the colon's word: "lint: Spectral" …). */
  ran: string[];
  cached: string[];
  notes: Record<string, string>;
}

interface CacheCopy {
  dir: string;
  cacheDir: string;
  /** `npm run <script>` in the copy, with its cache. */
  run(script: string, ...args: string[]): Promise<Build>;
  /** What `npm run <script>` runs, without npm (support/project-copy.ts, runProjectScript). */
  runScript(script: string, ...args: string[]): Promise<Build>;
  edit(file: string, search: string, replacement: string): Promise<void>;
  remove(): Promise<void>;
}

/** "types: generated/schema.d.ts" → "types"; "lint: Redocly" stays whole; "docs: …/index.html" → "docs page". */
function stepLabel(name: string): string {
  if (name.startsWith('lint:')) return name.split(' (')[0]!;
  if (name.startsWith('docs: generated/docs/index.html')) return 'docs page';
  if (name.startsWith('docs:')) return 'plain-text docs';
  return name.split(':')[0]!;
}

function parseBuild(code: number, output: string): Build {
  const ran: string[] = [];
  const cached: string[] = [];
  const notes: Record<string, string> = {};
  for (const [, name, fromCache, note] of output.matchAll(STEP_LINE)) {
    const label = stepLabel(name!);
    (fromCache ? cached : ran).push(label);
    if (note) notes[label] = note;
  }
  return { code, output, ran: ran.sort(), cached: cached.sort(), notes };
}

/** Makes `target` a folder holding a link to each folder of `source` and a copy of each file (links to files need admin rights on Windows). */
async function linkEntries(source: string, target: string, keep: (name: string) => boolean = () => true) {
  await mkdir(target);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!keep(entry.name)) continue;
    if (entry.isDirectory() || entry.isSymbolicLink())
      await symlink(path.join(source, entry.name), path.join(target, entry.name), 'junction');
    else await cp(path.join(source, entry.name), path.join(target, entry.name));
  }
}

/**
 * Copies the project's build cache, which other tests' builds write to meanwhile: an entry being
 * written (a `.partial-` folder) is left out, and a file that is gone by the time it is read (a
 * pruned entry) is skipped. A half-copied entry is then only a miss: lookups check every file's hash.
 */
async function copyLiveCache(source: string, target: string) {
  // A folder pruned during the walk fails it: walk again (three times at most).
  let entries: Dirent[] = [];
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      entries = await readdir(source, { recursive: true, withFileTypes: true });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
    }
  }
  for (const entry of entries) {
    const from = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || from.includes(`${path.sep}.partial-`)) continue;
    const to = path.join(target, path.relative(source, from));
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(from, to).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/**
 * A project copy whose build cache is its own folder, seeded from the project's (`emptyCache`: left
 * empty, as in a fresh checkout). With `ownNodeModules`, node_modules is a real folder of links (not
 * one link to ours), so a test can stand a changed package in for one of them.
 */
async function cacheCopy({ ownNodeModules = false, emptyCache = false } = {}): Promise<CacheCopy> {
  const dir = await copyProjectToTemp({ prefix: 'audioscrape-cache-' });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-cache-dir-'));
  if (!emptyCache && existsSync(PROJECT_CACHE)) await copyLiveCache(PROJECT_CACHE, cacheDir);
  if (ownNodeModules) {
    await rm(path.join(dir, 'node_modules'));
    await linkEntries(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), (name) => name !== '.cache');
  }
  const env = { ...process.env, AUDIOSCRAPE_BUILD_CACHE: cacheDir };
  return {
    dir,
    cacheDir,
    async run(script, ...args) {
      const { code, output } = await runNpmScript(dir, script, args, { env });
      return parseBuild(code, output);
    },
    async runScript(script, ...args) {
      const { code, output } = await runProjectScript(dir, script, args, { env });
      return parseBuild(code, output);
    },
    async edit(file, search, replacement) {
      const target = path.join(dir, file);
      const before = await readFile(target, 'utf8');
      if (!before.includes(search)) throw new Error(`${file} does not contain ${search}: the edit was not made`);
      await writeFile(target, before.replace(search, replacement));
    },
    async remove() {
      await rm(dir, { recursive: true, force: true });
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Dates every file and folder the build reads back a minute, as if saved well before the next build. */
async function backdateInputs(dir: string) {
  const minuteAgo = new Date(Date.now() - 60_000);
  for (const folder of ['openapi', 'src', 'scripts']) {
    const below = await readdir(path.join(dir, folder), { recursive: true });
    for (const name of ['', ...below]) await utimes(path.join(dir, folder, name), minuteAgo, minuteAgo);
  }
  // node_modules/.package-lock.json too: this copy's node_modules was made with it, seconds ago.
  const files = ['redocly.yaml', '.spectral.yaml', 'tsconfig.json', 'package.json', 'CHANGELOG.md'];
  for (const file of [...files, 'node_modules/.package-lock.json'])
    await utimes(path.join(dir, file), minuteAgo, minuteAgo);
}

/** Every file under generated/ and dist/ with its SHA-256 (and, with `times`, its modification time). */
async function fingerprints(dir: string, { times = false } = {}): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const folder of ['generated', 'dist']) {
    const entries = await readdir(path.join(dir, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const hash = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
      result[path.relative(dir, file).split(path.sep).join('/')] = times
        ? `${hash} ${(await stat(file)).mtimeMs}`
        : hash;
    }
  }
  return result;
}

describe("the schema's shape, which keys the client's type check", () => {
  const schema = [
    '/// <reference types="node" />',
    'export interface components {',
    '    /** @description The words to watch for. */',
    '    SearchTerm: string; // trailing',
    '    Kind: "a  /* not a comment */" | \'b // nor this\';',
    '}',
  ].join('\n');

  it('leaves out comments and whitespace, and keeps strings and /// directives', () => {
    const reworded = schema
      .replace('The words to watch for.', 'The words\n     * to look out for.')
      .replace('// trailing', '');
    expect(declarationShape(reworded)).toBe(declarationShape(schema));
    expect(declarationShape(schema)).toBe(
      '/// <reference types="node" /> export interface components { SearchTerm: string; Kind: "a  /* not a comment */" | \'b // nor this\'; }',
    );
  });

  it('changes with anything a type checker reads', () => {
    for (const edit of [
      ['SearchTerm: string', 'SearchTerm?: string'],
      ['"a  /* not a comment */"', '"a /* not a comment */"'],
      ['/// <reference types="node" />', '/// <reference types="nodes" />'],
    ]) {
      expect(declarationShape(schema.replace(edit[0]!, edit[1]!)), edit[1]).not.toBe(declarationShape(schema));
    }
  });
});

describe('the build cache, input by input', () => {
  let copy: CacheCopy;
  beforeAll(async () => {
    copy = await cacheCopy({ ownNodeModules: true });
    const first = await copy.runScript('build');
    expect(first.code, first.output).toBe(0);
  });
  afterAll(() => copy.remove());

  it('with a spec file saved but not changed, takes every step from the cache and writes nothing', async () => {
    const before = await fingerprints(copy.dir, { times: true });
    // Saved a minute ago, as an editor would: its time moves, its bytes do not.
    const saved = new Date(Date.now() - 60_000);
    await utimes(path.join(copy.dir, 'openapi', 'openapi.yaml'), saved, saved);
    const build = await copy.runScript('build');
    expect(build.code, build.output).toBe(0);
    expect(build.ran).toEqual([]);
    expect(build.cached).toHaveLength(ALL_STEPS);
    expect(build.output).toContain(`${ALL_STEPS} of ${ALL_STEPS} unchanged, from the cache`);
    expect(await fingerprints(copy.dir, { times: true })).toEqual(before);
  });

  it('with nothing changed since the last build, stops before any step and writes nothing', async () => {
    // The copy's files were saved seconds ago, and a build trusts no file saved in the two seconds
    // before it: dated back, as in any working copy, they are stamped by this build.
    await backdateInputs(copy.dir);
    expect((await copy.runScript('build')).code).toBe(0);
    const before = await fingerprints(copy.dir, { times: true });
    const build = await copy.run('build');
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(
      /✔ Nothing changed since the last build \(at \d\d:\d\d:\d\d\): generated\/ and dist\/ are what it made, so no step ran\./,
    );
    expect(build.ran).toEqual([]);
    expect(build.cached).toEqual([]);
    expect(await fingerprints(copy.dir, { times: true })).toEqual(before);
  });

  it('a spec file: the lints and what the bundle feeds run again; the client is only emitted', async () => {
    await copy.edit(
      'openapi/components/schemas/SearchTerm.yaml',
      'description: The words to watch for',
      `description: The words to look out for (${RUN})`,
    );
    const build = await copy.runScript('build');
    expect(build.code, build.output).toBe(0);
    expect(build.ran).toEqual([
      'bundle',
      'client',
      'docs page',
      'lint: Redocly',
      'lint: Spectral',
      'plain-text docs',
      'types',
    ]);
    // The types changed only in a comment: their check stands, the files are emitted again.
    expect(build.notes.client).toMatch(/files emitted/);
    expect(await readFile(path.join(copy.dir, 'generated', 'openapi.json'), 'utf8')).toContain(
      `The words to look out for (${RUN})`,
    );
  });

  it('a src/ file: only the client runs again', async () => {
    await copy.edit('src/retry.ts', '\n', `\n// An edit the cache must notice (${RUN}).\n`);
    const build = await copy.runScript('build');
    expect(build.code, build.output).toBe(0);
    expect(build.ran).toEqual(['client']);
  });

  it('a config (.spectral.yaml): only Spectral runs again', async () => {
    await copy.edit('.spectral.yaml', 'rules:\n', `# An edit the cache must notice (${RUN}).\nrules:\n`);
    const build = await copy.runScript('build');
    expect(build.code, build.output).toBe(0);
    expect(build.ran).toEqual(['lint: Spectral']);
  });

  it("a tool's version (openapi-fetch): only the client runs again", async () => {
    const real = path.join(ROOT, 'node_modules', 'openapi-fetch');
    const standIn = path.join(copy.dir, 'node_modules', 'openapi-fetch');
    await rm(standIn);
    await linkEntries(real, standIn, (name) => name !== 'package.json');
    const manifest = JSON.parse(await readFile(path.join(real, 'package.json'), 'utf8'));
    await writeFile(
      path.join(standIn, 'package.json'),
      JSON.stringify({ ...manifest, version: `${manifest.version}-cache-test-${RUN}` }, null, 2),
    );
    const build = await copy.runScript('build');
    expect(build.code, build.output).toBe(0);
    expect(build.ran).toEqual(['client']);
  });
});

describe.concurrent('the build cache, trusted only as far as it may be', () => {
  it('a build from the cache makes the same bytes as a build without it', async (context) => {
    const cached = await cacheCopy();
    context.onTestFinished(() => cached.remove());
    expect((await cached.runScript('build')).code).toBe(0);
    // Everything the build makes is deleted; the next build must put it back from the cache alone.
    await rm(path.join(cached.dir, 'generated'), { recursive: true });
    await rm(path.join(cached.dir, 'dist'), { recursive: true, force: true });
    const restored = await cached.runScript('build');
    expect(restored.code, restored.output).toBe(0);
    expect(restored.ran).toEqual([]);
    // The run's shared clean build: another copy of the project, built with --no-cache.
    const clean = await sharedCleanBuild();
    const fromScratch = parseBuild(clean.code, clean.output);
    expect(fromScratch.code, fromScratch.output).toBe(0);
    expect(fromScratch.ran).toHaveLength(ALL_STEPS);
    expect(fromScratch.cached).toEqual([]);
    const restoredFiles = await fingerprints(cached.dir);
    expect(Object.keys(restoredFiles)).toEqual(
      expect.arrayContaining([
        'generated/openapi.json',
        'generated/schema.d.ts',
        'generated/docs/index.html',
        'generated/docs/llms-full.txt',
        'dist/index.js',
        'dist/index.d.ts',
      ]),
    );
    expect(restoredFiles).toEqual(await fingerprints(clean.dir));
  });

  it('an entry whose bytes do not match their hash is not used', async (context) => {
    const copy = await cacheCopy();
    context.onTestFinished(() => copy.remove());
    expect((await copy.runScript('build')).code).toBe(0);
    const entry = await bundleEntryFor(copy);
    await writeFile(path.join(entry, 'files', 'openapi.json'), '{"tampered": true}\n');
    // The bundle's file gone, the build must look the bundle up (nothing else changed would stop it sooner).
    await rm(path.join(copy.dir, 'generated', 'openapi.json'));
    const build = await copy.runScript('build');
    expect(build.code, build.output).toBe(0);
    expect(build.ran).toContain('bundle');
    expect(await readFile(path.join(copy.dir, 'generated', 'openapi.json'), 'utf8')).toBe(
      await readFile(path.join(ROOT, 'generated', 'openapi.json'), 'utf8'),
    );
  });

  it('npm run check:generated builds from nothing, so a wrong entry cannot fool it', async (context) => {
    const copy = await cacheCopy();
    context.onTestFinished(() => copy.remove());
    expect((await copy.runScript('build')).code).toBe(0);
    // A wrong entry that is consistent with its manifest: what a cache key bug would look like.
    const entry = await bundleEntryFor(copy);
    const wrong = (await readFile(path.join(entry, 'files', 'openapi.json'), 'utf8')).replace(
      '"title": "Audioscrape API"',
      '"title": "Wrong API"',
    );
    await writeFile(path.join(entry, 'files', 'openapi.json'), wrong);
    const manifest = JSON.parse(await readFile(path.join(entry, 'manifest.json'), 'utf8'));
    manifest.files['openapi.json'] = createHash('sha256').update(wrong).digest('hex');
    await writeFile(path.join(entry, 'manifest.json'), JSON.stringify(manifest));
    await rm(path.join(copy.dir, 'generated', 'openapi.json'));
    // The build trusts it (that is what a cache is for) ...
    expect((await copy.runScript('build')).code).toBe(0);
    expect(await readFile(path.join(copy.dir, 'generated', 'openapi.json'), 'utf8')).toContain('"title": "Wrong API"');
    // ... the drift gate does not: it regenerates from the spec and names the file.
    const check = await copy.runScript('check:generated');
    expect(check.code).not.toBe(0);
    expect(check.output).toMatch(/generated\/openapi\.json: differs from what the build makes/);
  });

  it('a failing build writes nothing to generated/ or dist/, though other steps went on beside it', async (context) => {
    const copy = await cacheCopy();
    context.onTestFinished(() => copy.remove());
    expect((await copy.runScript('build')).code).toBe(0);
    const before = await fingerprints(copy.dir, { times: true });
    // A reworded description (new bundle, types, docs) and an unbounded string (Spectral fails).
    await copy.edit(
      'openapi/components/schemas/SearchTerm.yaml',
      'description: The words to watch for',
      `description: The words to look out for (${RUN})`,
    );
    await copy.edit('openapi/components/schemas/SearchTerm.yaml', 'maxLength: 200\n', '');
    const build = await copy.runScript('build');
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/SearchTerm\.yaml\n\s+\d+:\d+\s+error\s+owasp:api4:2023-string-limit/);
    expect(await fingerprints(copy.dir, { times: true })).toEqual(before);
  });

  it('an empty cache: the page built early from the committed bundle is used only if the new bundle is the same', async (context) => {
    // A fresh checkout's build starts the page from generated/openapi.yaml at once (build-pipeline.mjs,
    // startEarlyPage). Here the spec was edited after that bundle was committed: the page must show the edit.
    const copy = await cacheCopy({ emptyCache: true });
    context.onTestFinished(() => copy.remove());
    const reworded = `The words the alert listens for (${RUN})`;
    await copy.edit(
      'openapi/components/schemas/SearchTerm.yaml',
      'description: The words to watch for',
      `description: ${reworded}`,
    );
    const edited = await copy.runScript('build');
    expect(edited.code, edited.output).toBe(0);
    const page = await readFile(path.join(copy.dir, 'generated', 'docs', 'index.html'), 'utf8');
    expect(page.includes(reworded), 'the page shows the edited description').toBe(true);
    expect(await readFile(path.join(copy.dir, 'generated', 'openapi.json'), 'utf8')).toContain(reworded);
    // Back to the committed spec, with a page now in the cache: this page is built the usual way, from
    // the new bundle, and must be byte for byte the page the run's shared clean build took early
    // (--no-cache: no page in its cache, and its spec is the committed one).
    await copy.edit(
      'openapi/components/schemas/SearchTerm.yaml',
      `description: ${reworded}`,
      'description: The words to watch for',
    );
    const reverted = await copy.runScript('build');
    expect(reverted.code, reverted.output).toBe(0);
    expect(reverted.ran).toContain('docs page');
    const clean = await sharedCleanBuild();
    expect(clean.output).toMatch(
      /✔ docs: generated\/docs\/index\.html \([\d.]+ s\) · built early, from the committed bundle/,
    );
    const [usual, early] = await Promise.all([
      readFile(path.join(copy.dir, 'generated', 'docs', 'index.html')),
      readFile(path.join(clean.dir, 'generated', 'docs', 'index.html')),
    ]);
    expect(usual.equals(early), 'the early page and the usual one are the same bytes').toBe(true);
  });
});

/** The bundle step's entry that the last build used: the most recently used one (a hit touches it). */
async function bundleEntryFor(copy: CacheCopy): Promise<string> {
  const current = createHash('sha256')
    .update(await readFile(path.join(copy.dir, 'generated', 'openapi.json')))
    .digest('hex');
  const bundleDir = path.join(copy.cacheDir, 'bundle');
  const entries = [];
  for (const key of await readdir(bundleDir)) {
    const manifest = JSON.parse(await readFile(path.join(bundleDir, key, 'manifest.json'), 'utf8').catch(() => '{}'));
    if (manifest.files?.['openapi.json'] === current)
      entries.push({ dir: path.join(bundleDir, key), used: (await stat(path.join(bundleDir, key))).mtimeMs });
  }
  if (entries.length === 0) throw new Error('No bundle entry in the cache holds generated/openapi.json');
  return entries.sort((a, b) => b.used - a.used)[0]!.dir;
}
