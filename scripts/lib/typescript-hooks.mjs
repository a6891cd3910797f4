// Module hooks (node:module register) that let a script import the test/ TypeScript modules in place:
// each .ts file is compiled on its own with esbuild when it is loaded, so `import.meta.url`, relative
// files and node_modules resolve exactly as they do under vitest. TypeScript's `./x.js` import of
// `./x.ts` resolves to the .ts file. Loaded through typescript-loader.mjs, never directly.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromTypeScript = context.parentURL?.endsWith('.ts');
    if (
      error?.code !== 'ERR_MODULE_NOT_FOUND' ||
      !fromTypeScript ||
      !specifier.startsWith('.') ||
      !specifier.endsWith('.js')
    )
      throw error;
    return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { code } = await transform(await readFile(file, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: file,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
