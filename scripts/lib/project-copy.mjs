// A throwaway copy of this project with node_modules linked in, and a way to run its npm scripts:
// for tests that break something on purpose and for benchmarks that build from scratch.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './steps.mjs';

/** What a working copy needs: the spec, the client, the scripts, configs, and (optionally) generated/. */
export const PROJECT_ENTRIES = ['openapi', 'generated', 'src', 'scripts', 'redocly.yaml', '.spectral.yaml', 'package.json', 'tsconfig.json', 'CHANGELOG.md'];

/**
 * Copies the project into a new temporary folder and resolves with its path. `withGenerated: false`
 * leaves generated/ out (a cold build); the built docs page (not committed) is never copied.
 * @param {{ prefix?: string, withGenerated?: boolean }} [options]
 */
export async function copyProjectToTemp({ prefix = 'audioscrape-copy-', withGenerated = true } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const docsPage = path.join(ROOT, 'generated', 'docs', 'index.html');
  for (const entry of PROJECT_ENTRIES) {
    if (entry === 'generated' && !withGenerated) continue;
    if (!existsSync(path.join(ROOT, entry))) continue;
    await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true, filter: (source) => source !== docsPage });
  }
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * `npm run <script> [-- args]` in `cwd`, colours off; resolves with the exit code, everything it
 * printed, and its wall time in seconds. Never rejects on a non-zero exit.
 * @param {string} cwd
 * @param {string} script
 * @param {string[]} [args]
 * @returns {Promise<{ code: number, output: string, seconds: number }>}
 */
export function runNpmScript(cwd, script, args = []) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
}
