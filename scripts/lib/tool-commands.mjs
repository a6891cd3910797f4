// How a tool is started on every platform: `node <the tool's own bin file>`, with the bin file read
// from the tool's package.json. Never node_modules/.bin/<name>: that is a shell script on macOS and
// Linux and a .cmd file on Windows, and Windows cannot spawn either without a shell.
// npm itself is started the same way, from its npm-cli.js.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './paths.mjs';

/** The package each command the scripts and tests run comes from. */
export const TOOL_PACKAGES = {
  redocly: '@redocly/cli',
  spectral: '@stoplight/spectral-cli',
  // The type-checker and the client's compiler: TypeScript 7, the native port (`typescript-native` in
  // package.json), four to six times faster than TypeScript 5 here.
  tsc: 'typescript-native',
  // TypeScript 5.9, which most of the package's users still compile with: the package tests check the
  // published .d.ts with it too. (openapi-typescript needs it installed anyway, for its API.)
  'tsc-5': 'typescript',
  vitest: 'vitest',
  prism: '@stoplight/prism-cli',
  biome: '@biomejs/biome',
};

/**
 * The folder `packageName` is installed in, found the way Node finds it from `fromDir`, or null.
 * Reads the folder rather than require.resolve('<name>/package.json'), which a package's
 * "exports" may forbid.
 * @param {string} packageName
 * @param {string} [fromDir]
 * @returns {string | null}
 */
export function installedPackageDir(packageName, fromDir = ROOT) {
  const lookupDirs = createRequire(path.join(fromDir, 'package.json')).resolve.paths(packageName) ?? [];
  for (const nodeModules of lookupDirs) {
    const dir = path.join(nodeModules, ...packageName.split('/'));
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return null;
}

/** A command's name inside its package's "bin", where it is not the name the scripts use. */
const BIN_NAMES = { 'tsc-5': 'tsc' };

/**
 * The JavaScript file behind `binary` (e.g. `tsc`), from its package's "bin" field.
 * @param {string} binary
 * @param {string} [fromDir]
 * @returns {string}
 */
export function toolBinFile(binary, fromDir = ROOT) {
  const packageName = /** @type {Record<string, string>} */ (TOOL_PACKAGES)[binary];
  if (!packageName)
    throw new Error(
      `No package is known for the command "${binary}" (add it to TOOL_PACKAGES in scripts/lib/tool-commands.mjs).`,
    );
  const dir = installedPackageDir(packageName, fromDir);
  if (!dir) throw new Error(`${packageName} (which provides \`${binary}\`) is not installed.`);
  const { bin } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin?.[BIN_NAMES[binary] ?? binary];
  if (!relative) throw new Error(`${packageName}'s package.json has no "bin" entry for \`${binary}\`.`);
  return path.join(dir, relative);
}

/**
 * `{ command, args }` that start `binary` with `args` on any platform; pass them to spawn or
 * execFile as they are.
 * @param {string} binary
 * @param {string[]} [args]
 * @param {string} [fromDir] the project whose node_modules to use
 * @returns {{ command: string, args: string[] }}
 */
export function toolCommand(binary, args = [], fromDir = ROOT) {
  return { command: process.execPath, args: [toolBinFile(binary, fromDir), ...args] };
}

/** @param {string} file */
function isNpmCli(file) {
  return /^npm-cli\.c?js$/.test(path.basename(file)) && existsSync(file);
}

/**
 * npm's own npm-cli.js: the one running us (`npm run` and `npm test` set npm_execpath), else the npm
 * installed beside this node (next to node.exe on Windows, in ../lib/node_modules elsewhere).
 * @returns {string}
 */
export function npmCliFile() {
  const running = process.env.npm_execpath;
  if (running && isNpmCli(running)) return running;
  const nodeDir = path.dirname(process.execPath);
  const candidates = [
    path.join(nodeDir, 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ];
  const found = candidates.find(isNpmCli);
  if (!found)
    throw new Error(`Could not find npm's npm-cli.js beside ${process.execPath} (looked at ${candidates.join(', ')}).`);
  return found;
}

/**
 * `{ command, args }` for `npm <args>` on any platform.
 * @param {string[]} [args]
 * @returns {{ command: string, args: string[] }}
 */
export function npmCommand(args = []) {
  return { command: process.execPath, args: [npmCliFile(), ...args] };
}
