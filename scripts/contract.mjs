// npm run contract -- --base-url <URL>
// Holds a running server to the contract within a request budget; see guides/contract-tests.md,
// "Against your server". The work is done by test/contract/engine/command.ts (the same engine the
// vitest contract suite uses), loaded here straight from TypeScript. This file is the process:
// output, the exit code, and Ctrl-C (stop, delete what the run created, then exit; twice: exit now).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importTypeScriptFile } from './lib/typescript-loader.mjs';
import { ROOT } from './lib/paths.mjs';

const { runContractCommand } = await importTypeScriptFile(path.join(ROOT, 'test', 'contract', 'engine', 'command.ts'));

const run = new AbortController();
const cleanup = new AbortController();
function interrupt() {
  if (!run.signal.aborted) {
    process.stderr.write(
      '\n⏹ Interrupted: no new checks; deleting the alerts this run created first (Ctrl-C again to skip that).\n',
    );
    run.abort();
  } else {
    process.stderr.write('\n⏹ Skipping the cleanup: the summary lists any alert left behind.\n');
    cleanup.abort();
  }
}
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

process.exitCode = await runContractCommand(process.argv.slice(2), {
  env: process.env,
  print: (line) => process.stdout.write(`${line}\n`),
  writeFile: async (file, text) => {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, text);
  },
  signal: run.signal,
  cleanupSignal: cleanup.signal,
});
