// A throwaway copy of this project (spec, configs, scripts, generated files) with node_modules
// linked in, so a test can break something on purpose and run the real npm scripts against it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProcess } from '../../scripts/lib/processes.mjs';
import { checkGeneratedFiles } from '../../scripts/lib/drift.mjs';
import { copyProjectToTemp, runNpmScript } from '../../scripts/lib/project-copy.mjs';
import { runGateInProcess } from './in-process-gate.js';

/**
 * What `npm run <script> [-- args]` runs in `dir` (its package.json entry, `node scripts/<file>.mjs`),
 * started with this Node directly, colours off as runNpmScript has them: npm's own start costs about
 * half a second of CPU, and a test that is about the script, not npm, need not pay it. Each command
 * keeps tests that go through `npm run` itself. Resolves with the exit code and everything printed.
 */
export async function runProjectScript(
  dir: string,
  script: string,
  args: string[] = [],
  { env = process.env }: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; output: string }> {
  const entry: string | undefined = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')).scripts?.[
    script
  ];
  // `node scripts/<file>.mjs`, maybe with fixed arguments of its own (`node scripts/check.mjs drift`).
  const match = entry && /^node (scripts\/[\w./-]+\.mjs)((?: [\w:-]+)*)$/.exec(entry);
  if (!match)
    throw new Error(
      `npm run ${script} in ${dir} is ${JSON.stringify(entry)}, not "node scripts/<file>.mjs …": run it with npm.`,
    );
  const [, file = '', fixedArgs = ''] = match;
  const scriptArgs = [...fixedArgs.split(' ').filter(Boolean), ...args];
  const { code, output } = await runProcess(process.execPath, [path.join(dir, file), ...scriptArgs], {
    cwd: dir,
    env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  return { code: code ?? 1, output };
}

/** A scratch folder a test makes and must remove again. */
export interface Removable {
  remove(): Promise<void>;
}

/** Removes `scratch` when the calling test finishes (safe in concurrent tests), and returns it. */
export function removedAfterTest<T extends Removable>(
  context: { onTestFinished: (cleanup: () => Promise<void>) => void },
  scratch: T,
): T {
  context.onTestFinished(() => scratch.remove());
  return scratch;
}

/** Replaces `search` with `replacement` in `file` under `dir`; throws if `search` is not there. */
export async function plantDefect(dir: string, file: string, search: string | RegExp, replacement: string) {
  const target = path.join(dir, file);
  const before = await readFile(target, 'utf8');
  const after = before.replace(search, replacement);
  if (after === before) throw new Error(`${file} does not contain ${String(search)}: the defect was not planted`);
  await writeFile(target, after);
}

export interface ProjectCopy {
  dir: string;
  /** Replaces `search` with `replacement` in a file of the copy; throws if `search` is not there. */
  edit(file: string, search: string | RegExp, replacement: string): Promise<void>;
  /** Runs `npm run <script>` in the copy; resolves with its exit code and everything it printed. */
  run(script: string, ...args: string[]): Promise<{ code: number; output: string }>;
  /** Runs what `npm run <script>` runs, without npm (see runProjectScript). */
  runScript(script: string, ...args: string[]): Promise<{ code: number; output: string }>;
  /** What `npm run check:generated` decides and prints for the copy, from the drift gate's own function. */
  checkGenerated(): Promise<{ code: number; output: string }>;
  remove(): Promise<void>;
}

/** The drift gate run on the project in `root`, in this process (support/in-process-gate.ts). */
export function checkGeneratedIn(root: string): Promise<{ code: number; output: string }> {
  return runGateInProcess((output) => checkGeneratedFiles({ root, ...output }));
}

export async function copyProject(): Promise<ProjectCopy> {
  const dir = await copyProjectToTemp();
  return {
    dir,
    edit: (file, search, replacement) => plantDefect(dir, file, search, replacement),
    async run(script, ...args) {
      const { code, output } = await runNpmScript(dir, script, args);
      return { code, output };
    },
    runScript: (script, ...args) => runProjectScript(dir, script, args),
    checkGenerated: () => checkGeneratedIn(dir),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A project copy that is deleted when the calling test finishes (safe in concurrent tests). */
export async function projectCopyForTest(context: {
  onTestFinished: (cleanup: () => Promise<void>) => void;
}): Promise<ProjectCopy> {
  return removedAfterTest(context, await copyProject());
}
