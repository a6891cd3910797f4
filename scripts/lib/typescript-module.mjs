// Loads a TypeScript module from src/ into a script, straight from source: esbuild bundles it in
// memory (a few tens of milliseconds) and the result is imported from a file named by its content
// hash, so scripts never run a stale build and need no `npm run build` first.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** @param {string} entry absolute path of a .ts file @returns {Promise<any>} the module's exports */
export async function importTypeScript(entry) {
  const cacheDir = os.tmpdir();
  const result = await build({
    entryPoints: [entry],
    // Source map paths are written relative to this; the real file name is only known after hashing.
    outfile: path.join(cacheDir, 'audioscrape-api-module.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `audioscrape-api-${path.basename(entry, '.ts')}-${hash}.mjs`);
  if (!existsSync(file)) {
    // Written under a unique name, then renamed: two processes loading at once never see half a file.
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(partial, code);
    await rename(partial, file);
  }
  process.setSourceMapsEnabled?.(true);
  return import(pathToFileURL(file).href);
}
