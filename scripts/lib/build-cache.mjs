// The build cache: what each build step made, stored under a key that is the hash of everything the
// step reads (the files, the versions of the tools it runs, the build scripts themselves), so a step
// whose inputs did not change is not run again. Used by `npm run build`, `npm start` and `npm run dev`
// only: `npm run check:generated` and CI's build start from nothing (see guides/spec-workflow.md).
//
// Where: node_modules/.cache/audioscrape-api/ (ignored with node_modules, gone after `npm ci`), or the
// folder named by AUDIOSCRAPE_BUILD_CACHE; AUDIOSCRAPE_BUILD_CACHE=off (or `npm run build -- --no-cache`)
// turns it off. Layout: <step>/<key>/manifest.json (each file's SHA-256, plus facts about the result)
// and <step>/<key>/files/<name>. An entry is written to a temporary folder and renamed into place, so
// builds running at once never see half of one; an entry whose files no longer match their hashes is
// never used (it counts as missing).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installedPackageDir } from './tool-commands.mjs';
import { ROOT } from './paths.mjs';

export const CACHE_SETTING = 'AUDIOSCRAPE_BUILD_CACHE';
/** Raised when what an entry holds, or how keys are made, changes: older entries are then ignored. */
const CACHE_FORMAT = 1;
/** Entries kept per step (most recently used first); enough to go back and forth between edits. */
const ENTRIES_KEPT = 6;

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The cache folder for `root`, or null when the cache is turned off. */
export function cacheDirectory({ root = ROOT, env = process.env, enabled = true } = {}) {
  const setting = env[CACHE_SETTING];
  if (!enabled || setting === 'off') return null;
  return setting ? path.resolve(root, setting) : path.join(root, 'node_modules', '.cache', 'audioscrape-api');
}

/** A step's key: the hash of its name, the cache format and every input, in a fixed order. */
export function stepKey(step, inputs) {
  const ordered = Object.keys(inputs)
    .sort()
    .map((name) => [name, inputs[name]]);
  return sha256(JSON.stringify([step, CACHE_FORMAT, ordered]));
}

/**
 * A file or folder that `readdir(…, { recursive: true, withFileTypes: true })` found, as a path
 * relative to `root` (any folder above it), `/`-separated.
 */
export const relativeToRoot = (root, entry) =>
  path
    .relative(root, path.join(entry.parentPath ?? entry.path, entry.name))
    .split(path.sep)
    .join('/');

/** Every file under `dir` (relative to `root`, `/`-separated), with its SHA-256. */
async function hashTree(root, dir) {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => relativeToRoot(root, entry));
  return Promise.all(
    files.map(async (file) => /** @type {[string, string]} */ ([file, sha256(await readFile(path.join(root, file)))])),
  );
}

async function hashFile(root, file) {
  const content = await readFile(path.join(root, file)).catch((error) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return /** @type {[string, string]} */ ([file, content === null ? 'missing' : sha256(content)]);
}

/** The folders and files the build reads from the project. */
export const INPUT_TREES = ['openapi', 'src', 'scripts'];
// .redocly.lint-ignore.yaml is read by `redocly lint` when it exists (`missing` is hashed otherwise).
export const INPUT_FILES = [
  'redocly.yaml',
  '.redocly.lint-ignore.yaml',
  '.spectral.yaml',
  'tsconfig.json',
  'package.json',
  'CHANGELOG.md',
];

/**
 * A snapshot of the project's inputs: each file's hash. `digest(filter)` hashes the files a step
 * reads; `changedSince(other)` tells whether a file changed in between (an edit during a build).
 */
export async function snapshotInputs(root = ROOT) {
  const pairs = (
    await Promise.all([
      ...INPUT_TREES.map((dir) => hashTree(root, dir)),
      Promise.all(INPUT_FILES.map((file) => hashFile(root, file))),
    ])
  ).flat();
  const files = new Map(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    files,
    /** @param {(file: string) => boolean} filter */
    digest(filter) {
      return sha256(JSON.stringify([...files].filter(([file]) => filter(file))));
    },
  };
}

/** Whether any file `filter` selects differs between two snapshots. */
export function inputsChanged(before, after, filter) {
  return before.digest(filter) !== after.digest(filter);
}

/**
 * The package.json of each package as installed, relative to `root` (or null when it is not). A name
 * may be "parent>name": the copy of `name` that `parent` loads (its own nested one, if any).
 */
export function installedManifests(names, root = ROOT) {
  return names.map((spec) => {
    const [parent, name] = spec.includes('>') ? spec.split('>') : [null, spec];
    const fromDir = parent ? installedPackageDir(parent, root) : root;
    const dir = fromDir && installedPackageDir(name, fromDir);
    return dir ? path.relative(root, path.join(dir, 'package.json')).split(path.sep).join('/') : null;
  });
}

/** "name@version" for each package, as installed (what actually runs, whatever the lockfile says). */
export async function toolVersions(names, root = ROOT) {
  const manifests = installedManifests(names, root);
  return Promise.all(
    names.map(async (spec, index) => {
      const manifest = manifests[index];
      if (!manifest) return `${spec}@missing`;
      return `${spec}@${JSON.parse(await readFile(path.join(root, manifest), 'utf8')).version}`;
    }),
  );
}

/** What a lookup or a store gives back: each file's bytes and hash, and the facts stored with them. */
export class Entry {
  constructor(files, meta = {}) {
    this.files = files;
    this.meta = meta;
    this.hashes = Object.fromEntries([...files].map(([name, bytes]) => [name, sha256(bytes)]));
  }

  get names() {
    return [...this.files.keys()];
  }

  async read(name) {
    return this.files.get(name);
  }

  async text(name) {
    return this.files.get(name).toString('utf8');
  }
}

const asBuffer = (content) => (Buffer.isBuffer(content) ? content : Buffer.from(content));
const asBuffers = (files) => new Map([...files].map(([name, content]) => [name, asBuffer(content)]));

/** Entries held in memory only: what a build with the cache turned off works with. */
export class NoCache {
  get enabled() {
    return false;
  }

  async lookup() {
    return null;
  }

  async store(_step, _key, files, meta = {}) {
    return new Entry(asBuffers(files), meta);
  }

  async holdsAny() {
    return false;
  }
}

export class BuildCache {
  constructor(dir) {
    this.dir = dir;
  }

  get enabled() {
    return true;
  }

  #entryDir(step, key) {
    return path.join(this.dir, step, key);
  }

  /**
   * The entry for `key`, or null. Every file is read and checked against the hash stored with it:
   * an entry that does not match (a disk error, a hand edit) counts as missing, and is removed.
   */
  async lookup(step, key) {
    const dir = this.#entryDir(step, key);
    let manifest;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    } catch {
      return null;
    }
    const files = new Map();
    for (const [name, hash] of Object.entries(manifest.files ?? {})) {
      const bytes = await readFile(path.join(dir, 'files', name)).catch(() => null);
      if (!bytes || sha256(bytes) !== hash) {
        await rm(dir, { recursive: true, force: true });
        return null;
      }
      files.set(name, bytes);
    }
    // Marks it recently used, so pruning keeps it.
    const now = new Date();
    await utimes(dir, now, now).catch(() => {});
    return new Entry(files, manifest.meta);
  }

  /** Stores `files` (name → text or bytes) and `meta` under `key`; resolves with the entry. */
  async store(step, key, files, meta = {}) {
    const buffers = asBuffers(files);
    const entry = new Entry(buffers, meta);
    const manifest = { files: entry.hashes, meta };
    const final = this.#entryDir(step, key);
    const partial = path.join(this.dir, step, `.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      for (const [name, bytes] of buffers) {
        await mkdir(path.dirname(path.join(partial, 'files', name)), { recursive: true });
        await writeFile(path.join(partial, 'files', name), bytes);
      }
      await mkdir(partial, { recursive: true });
      await writeFile(path.join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2));
      await rename(partial, final).catch(async (error) => {
        // Another build stored the same key first: its entry holds the same thing.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST' && error.code !== 'EPERM') throw error;
      });
      await this.#prune(step);
    } catch (error) {
      process.stderr.write(
        `  (build cache: could not store ${step}: ${error.message}; the build goes on without it)\n`,
      );
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
    return entry;
  }

  /** Whether any entry of `step` is stored (the build cache of a fresh checkout holds none). */
  async holdsAny(step) {
    const names = await readdir(path.join(this.dir, step)).catch(() => []);
    return names.some((name) => !name.startsWith('.'));
  }

  /** Keeps the most recently used entries of `step`; the rest are deleted. */
  async #prune(step) {
    const stepDir = path.join(this.dir, step);
    const names = (await readdir(stepDir)).filter((name) => !name.startsWith('.'));
    if (names.length <= ENTRIES_KEPT) return;
    const dated = await Promise.all(
      names.map(async (name) => ({
        name,
        time: (await stat(path.join(stepDir, name)).catch(() => null))?.mtimeMs ?? 0,
      })),
    );
    dated.sort((a, b) => b.time - a.time);
    await Promise.all(
      dated.slice(ENTRIES_KEPT).map(({ name }) => rm(path.join(stepDir, name), { recursive: true, force: true })),
    );
  }
}

/** The cache the build uses: on disk, or in memory only when turned off. */
export function openBuildCache(options = {}) {
  const dir = cacheDirectory(options);
  return dir ? new BuildCache(dir) : new NoCache();
}

/**
 * A TypeScript declaration file without its comments and with whitespace collapsed, strings kept
 * as they are: what type checking sees of it. Two schema.d.ts files with the same shape type-check
 * the same code the same way (the build then need not check the client again for an edited
 * description). `///` directives are kept: they are not just comments.
 */
export function declarationShape(text) {
  let shape = '';
  const space = () => {
    if (shape !== '' && !shape.endsWith(' ')) shape += ' ';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (text.startsWith('///', index)) {
      const end = text.indexOf('\n', index);
      shape += text.slice(index, end === -1 ? text.length : end);
      index = end === -1 ? text.length : end;
    } else if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
      space();
    } else if (char === '"' || char === "'" || char === '`') {
      let end = index + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      shape += text.slice(index, end + 1);
      index = end + 1;
    } else if (/\s/.test(char)) {
      while (index < text.length && /\s/.test(text[index])) index += 1;
      space();
    } else {
      shape += char;
      index += 1;
    }
  }
  return shape.trim();
}
