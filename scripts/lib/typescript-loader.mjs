// Imports a TypeScript module of this repository (test/contract/engine/…) into a plain node script,
// compiling each file as it loads (see typescript-hooks.mjs). Unlike typescript-module.mjs, which
// bundles one src/ module into a temporary file, the modules stay where they are, so code that
// finds files next to itself (the bundled spec, the authentication page) works unchanged.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

let registered = false;

/** @param {string} file absolute path of a .ts file @returns {Promise<any>} the module's exports */
export async function importTypeScriptFile(file) {
  if (!registered) {
    register('./typescript-hooks.mjs', import.meta.url);
    process.setSourceMapsEnabled?.(true);
    registered = true;
  }
  return import(pathToFileURL(file).href);
}
