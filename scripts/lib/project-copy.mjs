// A throwaway copy of this project with node_modules linked in, and a way to run its npm scripts:
// for tests that break something on purpose and for benchmarks that build from scratch.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from './processes.mjs';
import { npmCommand } from './tool-commands.mjs';
import { ROOT } from './paths.mjs';

/**
 * What a working copy needs: the spec, the client, the scripts, configs, (optionally) generated/,
 * and what `npm pack` puts in the tarball (the package README stands in for README.md, LICENSE).
 */
export const PROJECT_ENTRIES = [
  'openapi',
  'releases',
  'generated',
  'src',
  'scripts',
  'redocly.yaml',
  '.spectral.yaml',
  'package.json',
  'tsconfig.json',
  'CHANGELOG.md',
  'README.md',
  'package',
  'LICENSE',
];

// A junction on Windows (a directory link that needs no admin rights); `type` is ignored elsewhere.
const linkDirectory = (target, link) => symlink(target, link, 'junction');

/**
 * Gives the copy our node_modules: one link to it, or, when some packages must be missing, a real
 * node_modules/ with a link per installed package except those.
 */
async function linkNodeModules(dir, withoutPackages) {
  const source = path.join(ROOT, 'node_modules');
  const target = path.join(dir, 'node_modules');
  if (withoutPackages.length === 0) return linkDirectory(source, target);
  const hidden = new Set(withoutPackages);
  await mkdir(target);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    if (!entry.name.startsWith('@')) {
      if (!hidden.has(entry.name)) await linkDirectory(path.join(source, entry.name), path.join(target, entry.name));
      continue;
    }
    await mkdir(path.join(target, entry.name));
    for (const scoped of await readdir(path.join(source, entry.name))) {
      const name = `${entry.name}/${scoped}`;
      if (!hidden.has(name)) await linkDirectory(path.join(source, name), path.join(target, name));
    }
  }
}

/**
 * Copies the project into a new temporary folder and resolves with its path. `withGenerated: false`
 * leaves generated/ out (a cold build); the built docs page (not committed) is never copied.
 * `withoutPackages` names installed packages the copy must not see (e.g. an optional one, to show
 * life without it).
 * @param {{ prefix?: string, withGenerated?: boolean, withoutPackages?: string[] }} [options]
 */
export async function copyProjectToTemp({
  prefix = 'audioscrape-copy-',
  withGenerated = true,
  withoutPackages = [],
} = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const docsPage = path.join(ROOT, 'generated', 'docs', 'index.html');
  for (const entry of PROJECT_ENTRIES) {
    if (entry === 'generated' && !withGenerated) continue;
    if (!existsSync(path.join(ROOT, entry))) continue;
    await cp(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => source !== docsPage,
    });
  }
  await linkNodeModules(dir, withoutPackages);
  return dir;
}

/**
 * `npm run <script> [-- args]` in `cwd` (npm started through node, so Windows runs it too), colours
 * off; resolves with the exit code, everything it printed, and its wall time in seconds. Never rejects on a non-zero exit.
 * @param {string} cwd
 * @param {string} script
 * @param {string[]} [args]
 * @param {{ env?: NodeJS.ProcessEnv }} [options] the environment to run it in (default: ours)
 * @returns {Promise<{ code: number, output: string, seconds: number }>}
 */
export function runNpmScript(cwd, script, args = [], { env = process.env } = {}) {
  const npm = npmCommand(['run', '--silent', script, ...(args.length ? ['--', ...args] : [])]);
  return runProcess(npm.command, npm.args, { cwd, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' } }).then(
    ({ code, output, ms }) => ({
      code: code ?? 1,
      output,
      seconds: ms / 1000,
    }),
  );
}
