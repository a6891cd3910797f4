// A throwaway copy of this project (spec, configs, scripts, generated files) with node_modules
// linked in, so a test can break something on purpose and run the real npm scripts against it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyProjectToTemp, runNpmScript } from '../../scripts/lib/project-copy.mjs';

export interface ProjectCopy {
  dir: string;
  /** Replaces `search` with `replacement` in a file of the copy; throws if `search` is not there. */
  edit(file: string, search: string | RegExp, replacement: string): Promise<void>;
  /** Runs `npm run <script>` in the copy; resolves with its exit code and everything it printed. */
  run(script: string, ...args: string[]): Promise<{ code: number; output: string }>;
  remove(): Promise<void>;
}

export async function copyProject(): Promise<ProjectCopy> {
  const dir = await copyProjectToTemp();
  return {
    dir,
    async edit(file, search, replacement) {
      const target = path.join(dir, file);
      const before = await readFile(target, 'utf8');
      const after = before.replace(search, replacement);
      if (after === before) throw new Error(`${file} does not contain ${String(search)}: the defect was not planted`);
      await writeFile(target, after);
    },
    async run(script, ...args) {
      const { code, output } = await runNpmScript(dir, script, args);
      return { code, output };
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
