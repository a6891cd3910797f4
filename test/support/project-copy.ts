// A throwaway copy of this project (spec, configs, scripts, generated files) with node_modules
// linked in, so a test can break something on purpose and run the real npm scripts against it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths.js';

const PROJECT_ENTRIES = ['openapi', 'generated', 'src', 'scripts', 'redocly.yaml', '.spectral.yaml', 'package.json', 'tsconfig.json', 'CHANGELOG.md'];

export interface ProjectCopy {
  dir: string;
  /** Replaces `search` with `replacement` in a file of the copy; throws if `search` is not there. */
  edit(file: string, search: string | RegExp, replacement: string): Promise<void>;
  /** Runs `npm run <script>` in the copy; resolves with its exit code and everything it printed. */
  run(script: string, ...args: string[]): Promise<{ code: number; output: string }>;
  remove(): Promise<void>;
}

export async function copyProject(): Promise<ProjectCopy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-copy-'));
  for (const entry of PROJECT_ENTRIES) {
    if (!existsSync(path.join(ROOT, entry))) continue;
    await cp(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => !source.startsWith(path.join(ROOT, 'generated', 'docs')),
    });
  }
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

  return {
    dir,
    async edit(file, search, replacement) {
      const target = path.join(dir, file);
      const before = await readFile(target, 'utf8');
      const after = before.replace(search, replacement);
      if (after === before) throw new Error(`${file} does not contain ${String(search)}: the defect was not planted`);
      await writeFile(target, after);
    },
    run(script, ...args) {
      return new Promise((resolve, reject) => {
        const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
          cwd: dir,
          env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, output }));
      });
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A project copy that is deleted when the calling test finishes (safe in concurrent tests). */
export async function projectCopyForTest(context: { onTestFinished: (cleanup: () => Promise<void>) => void }): Promise<ProjectCopy> {
  const copy = await copyProject();
  context.onTestFinished(() => copy.remove());
  return copy;
}
