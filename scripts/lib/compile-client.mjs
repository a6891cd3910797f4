// The client's compile step: src/ → dist/ (ES modules and .d.ts) with src/tsconfig.build.json and the
// project's type-checker, TypeScript 7 (the native compiler, `typescript-native` in package.json: a
// cold check and emit takes under a second where TypeScript 5's took four). TypeScript 5.9 stays
// installed only because openapi-typescript generates generated/schema.d.ts with its API.
//
// Each compile runs `tsc` in a scratch copy of what it reads (src/, the two tsconfig files, package.json, and
// generated/schema.d.ts and openapi.json), so the build can compile against a schema.d.ts it has just
// made without writing it to generated/ first. The files are tsc's, byte for byte; so are its error
// lines, with paths relative to the project root as `npm run typecheck` prints them.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { relativeToRoot } from './build-cache.mjs';
import { StepFailure, runTool, withoutToolNoise } from './steps.mjs';
import { ROOT, DIST_DIR } from './paths.mjs';

export const CLIENT_TSCONFIG = path.join(ROOT, 'src', 'tsconfig.build.json');

export const CLIENT_FAILURE = 'tsc could not compile the client (src/) to dist/.';
const CLIENT_HINT =
  'Fix each error at the file and line shown above (`npm run typecheck` shows them too), then build again.';

/** What the client's compile reads, relative to the project root: copied into each scratch project. */
const COMPILE_INPUTS = ['src', 'tsconfig.json', 'package.json', 'generated/schema.d.ts', 'generated/openapi.json'];

/**
 * Compiles the client. `compile(overrides)` resolves with `{ files: Map<path inside dist/, text> }` or
 * rejects with tsc's error lines in a StepFailure; `overrides` maps absolute paths under the project
 * root to the text to compile instead of the file on disk. `close()` stops the compiles still running.
 */
export class ClientCompiler {
  #running = new Set();
  #root;

  constructor({ root = ROOT } = {}) {
    this.#root = root;
  }

  /**
   * @param {Record<string, string>} [overrides]
   * @param {{ check?: boolean, onSpawn?: () => void }} [options] `check: false` is tsc's --noCheck: the
   *   same files, types unchecked; `onSpawn` is called once tsc's process exists
   */
  async compile(overrides = {}, { check = true, onSpawn } = {}) {
    const abort = new AbortController();
    this.#running.add(abort);
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-client-'));
    try {
      await copyCompileInputs(this.#root, scratch, overrides);
      const outDir = path.join(scratch, 'dist');
      // One thread: on two cores beside the rest of the build, tsc's own threads cost more CPU than they save.
      const args = [
        '-p',
        path.join('src', 'tsconfig.build.json'),
        '--outDir',
        outDir,
        '--pretty',
        'false',
        '--singleThreaded',
      ];
      const { code, stdout, stderr } = await runTool('tsc', check ? args : [...args, '--noCheck'], {
        cwd: scratch,
        signal: abort.signal,
        onSpawn,
      });
      if (code !== 0) {
        throw new StepFailure(CLIENT_FAILURE, { details: withoutToolNoise(`${stdout}\n${stderr}`), hint: CLIENT_HINT });
      }
      return { files: await readTree(outDir) };
    } finally {
      this.#running.delete(abort);
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async close() {
    for (const abort of this.#running) abort.abort();
  }
}

/** Copies the compile's inputs from `root` to `scratch` (with `overrides` in place) and links node_modules. */
async function copyCompileInputs(root, scratch, overrides) {
  for (const input of COMPILE_INPUTS) {
    await cp(path.join(root, input), path.join(scratch, input), { recursive: true }).catch((error) => {
      // A fresh project has no generated/ files until its first build: tsc then names what is missing.
      if (error.code !== 'ENOENT') throw error;
    });
  }
  for (const [file, text] of Object.entries(overrides)) {
    const target = path.join(scratch, path.relative(root, file));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  // A junction on Windows, which needs no special rights there; a plain link elsewhere.
  await symlink(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'junction');
}

/** Every file under `dir`, by its `/`-separated path inside it. */
async function readTree(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map();
  for (const entry of entries.filter((each) => each.isFile())) {
    files.set(
      relativeToRoot(dir, entry),
      await readFile(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8'),
    );
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** Makes `dir` hold exactly `files` (path inside it → text); writes only what differs. */
export async function writeExactly(dir, files) {
  const present = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const wanted = new Set([...files.keys()].map((file) => path.join(dir, file)));
  for (const entry of present) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && !wanted.has(file)) await rm(file, { force: true });
  }
  for (const [file, content] of files) await writeIfChanged(path.join(dir, file), content);
}

/** Writes `content` to `file` unless it already holds exactly that (so nothing is touched needlessly). */
export async function writeIfChanged(file, content) {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const current = await readFile(file).catch(() => null);
  if (current?.equals(bytes)) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return true;
}

/** `npm run build:client` and `prepack`: compile from scratch, then make dist/ exactly the result. */
export async function compileClient() {
  const compiler = new ClientCompiler();
  try {
    const { files } = await compiler.compile();
    await writeExactly(DIST_DIR, files);
  } finally {
    await compiler.close();
  }
}
