// The client's compile step (scripts/lib/compile-client.mjs) drives tsc's own compiler through its API
// in a worker thread. What it makes must be what `tsc -p src/tsconfig.build.json` makes, byte for
// byte; and its --noCheck emit (used when a reworded description leaves the types' shape as it was)
// must make the same files as a checked compile.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCompiler, CLIENT_TSCONFIG } from '../../scripts/lib/compile-client.mjs';
import { toolCommand } from '../../scripts/lib/tool-commands.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';

async function filesIn(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((each) => each.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), await readFile(file, 'utf8'));
  }
  return files;
}

describe('the client compile step', () => {
  let compiler: ClientCompiler;
  let scratch: string;
  beforeAll(async () => {
    compiler = new ClientCompiler();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-tsc-'));
  });
  afterAll(async () => {
    await compiler.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('makes exactly the files tsc -p src/tsconfig.build.json makes, and --noCheck makes them too', async () => {
    const tsc = toolCommand('tsc', ['-p', CLIENT_TSCONFIG, '--outDir', scratch], ROOT);
    const [{ files: checked }] = await Promise.all([
      compiler.compile(),
      promisify(execFile)(tsc.command, tsc.args, { cwd: ROOT }),
    ]);
    const fromTsc = await filesIn(scratch);
    expect(fromTsc.size).toBeGreaterThan(10);
    expect(new Map([...checked].sort())).toEqual(new Map([...fromTsc].sort()));
    const { files: unchecked } = await compiler.compile({}, { check: false });
    expect(new Map([...unchecked].sort())).toEqual(new Map([...fromTsc].sort()));
  });

  it("fails with tsc's error lines, and --noCheck does not check types", async () => {
    const client = path.join(ROOT, 'src', 'client.ts');
    const broken = (await readFile(client, 'utf8')).replace("this.raw.GET('/api/me',", "this.raw.GET('/api/mee',");
    await expect(compiler.compile({ [client]: broken })).rejects.toMatchObject({
      message: 'tsc could not compile the client (src/) to dist/.',
      details: expect.stringMatching(/^src\/client\.ts\(\d+,\d+\): error TS\d+: /m),
    });
    await expect(compiler.compile({ [client]: broken }, { check: false })).resolves.toHaveProperty('files');
  });
});
