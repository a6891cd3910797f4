// The client's compile step: src/ → dist/ (ES modules and .d.ts) with the project's pinned TypeScript
// and src/tsconfig.build.json. The compiler is tsc's, driven through its API in a worker thread
// (typescript-compiler-worker.mjs), so it runs beside the rest of the build and, under `npm run dev`,
// stays warm between saves. The files are tsc's, byte for byte; so are its error lines.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StepFailure } from './steps.mjs';
import { ROOT, DIST_DIR } from './paths.mjs';

export const CLIENT_TSCONFIG = path.join(ROOT, 'src', 'tsconfig.build.json');
const WORKER = new URL('./typescript-compiler-worker.mjs', import.meta.url);

export const CLIENT_FAILURE = 'tsc could not compile the client (src/) to dist/.';
const CLIENT_HINT =
  'Fix each error at the file and line shown above (`npm run typecheck` shows them too), then build again.';

/**
 * One TypeScript compiler in its own thread. `compile(overrides)` resolves with
 * `{ files: Map<path inside dist/, text> }` or rejects with tsc's error lines in a StepFailure;
 * `overrides` maps absolute paths to the text to compile instead of the file on disk (the build
 * compiles against the schema.d.ts it has just made, before it is written to generated/).
 */
export class ClientCompiler {
  #worker;
  #pending = new Map();
  #nextId = 0;

  constructor({ tsconfig = CLIENT_TSCONFIG, root = ROOT } = {}) {
    this.#worker = new Worker(WORKER, { workerData: { tsconfig, root } });
    this.#worker.on('message', ({ id, result, crash }) => {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (crash) pending?.reject(new StepFailure('The TypeScript compiler crashed.', { details: crash }));
      else if (result.errors)
        pending?.reject(new StepFailure(CLIENT_FAILURE, { details: result.errors, hint: CLIENT_HINT }));
      else pending?.resolve({ files: new Map(result.files) });
    });
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', () => this.#failAll(new Error('the compiler thread stopped')));
    // An idle compiler thread never keeps the process alive; one with work to do does.
    this.#worker.unref();
  }

  #failAll(error) {
    for (const pending of this.#pending.values())
      pending.reject(new StepFailure(`The TypeScript compiler stopped: ${error.message ?? error}`));
    this.#pending.clear();
  }

  /**
   * @param {Record<string, string>} [overrides]
   * @param {{ check?: boolean }} [options] `check: false` emits the same files without checking types
   */
  compile(overrides = {}, { check = true } = {}) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, overrides, check });
    });
  }

  close() {
    return this.#worker.terminate();
  }
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
