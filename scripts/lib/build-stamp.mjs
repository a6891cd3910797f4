// The build's first question: did anything change since the last build? After `npm run build` has
// put every artifact in place, it writes a stamp into the build cache: the size, modification and
// change times and inode of every file and folder the build reads (openapi/, src/, scripts/, the
// configs, the tools' package.json files and node_modules/.package-lock.json) and of every file and
// folder it writes (generated/, dist/). The next build stats the same paths, a few hundred calls and
// a few milliseconds, before it loads anything else: when every one is the same, the artifacts are
// those the last build made from these very inputs, and the build stops there. Folders are stamped
// too, so a file added or removed anywhere below one shows. Whatever differs, the build runs as
// usual, each step still checked against the cache by the hashes of its inputs. This is how make
// and git's index tell that nothing changed.
//
// The inputs' stats are taken before the build reads them, and the stamp is written only when they
// are the same after it: a file saved during a build can never be stamped as built. An input saved
// in the last two seconds before the build is stamped as never matching (git's "racily clean"
// rule): a second save within the same tick of the file system's clock would keep its time, and
// some file systems count time in steps of two seconds. Each project folder has its own stamp
// (copies of the project may share one cache); the most recent few are kept.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDirectory, relativeToRoot, sha256 } from './build-cache.mjs';
import { DIST_DIR, GENERATED_DIR, ROOT } from './paths.mjs';

/** Raised when what a stamp holds changes: older stamps are then ignored. */
const STAMP_FORMAT = 2;
const STAMPS_FOLDER = 'stamps';
/** Stamps kept (most recent first): one per project folder that builds with this cache. */
const STAMPS_KEPT = 8;

/** What the build writes: every file and folder under these is stamped after it. */
const OUTPUT_TREES = [GENERATED_DIR, DIST_DIR].map((dir) => path.relative(ROOT, dir));

/** Inputs modified this recently before their stats are taken are not trusted (see above). */
const RACY_MS = 2000;
const RACY = 'saved just before the build: checked by its contents next time';

/**
 * A path's identity for the stamp: kind, size, modification time, change time (ns) and inode, or
 * 'missing'. The change time is there because no program can set it: a tool that writes a file and
 * puts its old modification time back (rsync -t, touch -r) still changes it.
 * With `racyAfter` (ms since the epoch), a path modified after it gets an identity nothing matches.
 */
function identity(root, file, racyAfter = Number.POSITIVE_INFINITY) {
  let stats;
  try {
    stats = statSync(path.join(root, file), { bigint: true, throwIfNoEntry: false });
  } catch {
    // Unreadable, or a file now stands where a folder was: never the same as anything stamped.
    return 'unreadable';
  }
  if (!stats) return 'missing';
  if (Number(stats.mtimeMs) > racyAfter) return RACY;
  return `${stats.isDirectory() ? 'd' : 'f'}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`;
}

/** `dir` and every file and folder below it (relative to `root`, `/`-separated); only `dir` when it does not exist. */
function treePaths(root, dir) {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [dir];
    throw error;
  }
  return [dir, ...entries.map((entry) => relativeToRoot(root, entry))];
}

const identities = (root, files) => Object.fromEntries(files.map((file) => [file, identity(root, file)]));

/**
 * The stats of the build's inputs, taken before it reads them.
 * @param {{ trees: string[], files: string[], root?: string }} inputs folders and files, relative to `root`
 */
export function statInputs({ trees, files, root = ROOT }) {
  const racyAfter = Date.now() - RACY_MS;
  const paths = [...trees.flatMap((dir) => treePaths(root, dir)), ...files];
  return Object.fromEntries(paths.map((file) => [file, identity(root, file, racyAfter)]));
}

/** The stamp of the project in `root`, in `cacheDir`. */
const stampFile = (cacheDir, root) =>
  path.join(cacheDir, STAMPS_FOLDER, `${sha256(path.resolve(root)).slice(0, 16)}.json`);

/** Writes the stamp whole or not at all (a build reading it meanwhile sees the old one or the new). */
function saveStamp(file, stamp) {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(stamp));
  renameSync(partial, file);
}

/** Keeps the most recently written stamps; the rest (project copies long gone) are deleted. */
function pruneStamps(folder) {
  const stamps = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ file: path.join(folder, name), time: statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { file } of stamps.slice(STAMPS_KEPT)) rmSync(file, { force: true });
}

/**
 * After a build that put every artifact in place: stamps `inputs` (statInputs() from before the
 * build read them) and the outputs as they are now, if no input changed meanwhile. Otherwise any
 * old stamp is removed. Returns whether a stamp was written.
 */
export function writeStamp(inputs, { root = ROOT, env = process.env } = {}) {
  const cacheDir = cacheDirectory({ root, env });
  if (!cacheDir) return false;
  const now = identities(root, Object.keys(inputs));
  const unchanged = Object.entries(inputs).every(([file, before]) => before === RACY || now[file] === before);
  const file = stampFile(cacheDir, root);
  try {
    if (!unchanged) {
      rmSync(file, { force: true });
      return false;
    }
    const outputs = identities(
      root,
      OUTPUT_TREES.flatMap((dir) => treePaths(root, dir)),
    );
    const stamp = { format: STAMP_FORMAT, node: process.version, builtAt: new Date().toISOString(), inputs, outputs };
    saveStamp(file, stamp);
    pruneStamps(path.dirname(file));
    return true;
  } catch (error) {
    process.stderr.write(
      `  (build cache: could not write the stamp: ${error.message}; the next build checks every step)\n`,
    );
    return false;
  }
}

/**
 * Whether nothing changed since the stamped build: then `{ builtAt, inputs, outputs }` (the time of
 * that build and how many paths were compared), otherwise null. Never throws: an unreadable stamp is
 * as good as none.
 */
export function unchangedSinceLastBuild({ root = ROOT, env = process.env } = {}) {
  const cacheDir = cacheDirectory({ root, env });
  if (!cacheDir) return null;
  const file = stampFile(cacheDir, root);
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (stamp?.format !== STAMP_FORMAT || stamp.node !== process.version) return null;
  for (const recorded of [stamp.inputs, stamp.outputs]) {
    if (!recorded || typeof recorded !== 'object') return null;
    for (const [name, before] of Object.entries(recorded)) {
      if (identity(root, name) !== before) return null;
    }
  }
  // Marks it recently used, so pruning keeps it.
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {}
  return {
    builtAt: new Date(stamp.builtAt),
    inputs: Object.keys(stamp.inputs).length,
    outputs: Object.keys(stamp.outputs).length,
  };
}
