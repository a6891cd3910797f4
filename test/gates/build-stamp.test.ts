// The build's stamp (scripts/lib/build-stamp.mjs): the shortcut that lets a build with nothing changed
// stop before loading anything. It must see every kind of change: a file edited, added or removed
// anywhere below an input folder, a single input file, an output edited or deleted, another Node.js;
// and it must never stamp a build whose inputs changed while it ran. Each test works on a small
// project of its own in a temporary folder, in-process (the end-to-end no-op build through `npm run
// build` is in build-cache.test.ts).
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statInputs, unchangedSinceLastBuild, writeStamp } from '../../scripts/lib/build-stamp.mjs';

const INPUTS = { trees: ['openapi', 'src'], files: ['redocly.yaml', 'not-there.yaml'] };

let root: string;
let env: NodeJS.ProcessEnv;

/** When the test project's files were saved, as far as their modification times say: a minute before the test. */
let savedAt: Date;

async function put(file: string, content: string) {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

/** Dates every file and folder of the project a minute back: saved well before the build. */
async function backdate() {
  savedAt = new Date(Date.now() - 60_000);
  const entries = await readdir(root, { recursive: true });
  for (const entry of [...entries, '.']) await utimes(path.join(root, entry), savedAt, savedAt);
}

/** A build: its inputs' stats taken first, then the outputs written, then the stamp. */
async function build({ beforeStamp }: { beforeStamp?: () => Promise<void> } = {}) {
  const inputs = statInputs({ ...INPUTS, root });
  await put('generated/openapi.json', '{"built": true}\n');
  await put('dist/index.js', 'export {};\n');
  await beforeStamp?.();
  return writeStamp(inputs, { root, env });
}

const unchanged = () => unchangedSinceLastBuild({ root, env });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-stamp-'));
  env = { AUDIOSCRAPE_BUILD_CACHE: path.join(root, '.cache') };
  await put('openapi/openapi.yaml', 'openapi: 3.1.0\n');
  await put('openapi/paths/search.yaml', 'get: {}\n');
  await put('src/index.ts', 'export {};\n');
  await put('redocly.yaml', 'extends: [recommended]\n');
  await backdate();
});

afterEach(() => rm(root, { recursive: true, force: true }));

describe('the build stamp', () => {
  it('says nothing changed right after a build, and counts what it compared', async () => {
    expect(await build()).toBe(true);
    const result = unchanged();
    expect(result).not.toBeNull();
    // openapi/ (itself, paths/, two files), src/ (itself, one file), two single files; generated/ (itself, one file), dist/ (itself, one file).
    expect(result).toMatchObject({ inputs: 8, outputs: 4 });
  });

  it('is not there before the first build', () => {
    expect(unchanged()).toBeNull();
  });

  const changes: [string, () => Promise<void>][] = [
    ['a spec file edited, same size', () => put('openapi/paths/search.yaml', 'put: {}\n')],
    [
      'a spec file saved unchanged (its time moves)',
      () => utimes(path.join(root, 'openapi/openapi.yaml'), new Date(), new Date()),
    ],
    ['a file added deep in an input folder', () => put('openapi/paths/alerts.yaml', 'get: {}\n')],
    ['a file removed from an input folder', () => rm(path.join(root, 'openapi/paths/search.yaml'))],
    ['a src/ file edited', () => put('src/index.ts', 'export const x = 1;\n')],
    [
      'a file rewritten with its old modification time put back (rsync -t, touch -r)',
      async () => {
        // Same size, same modification time, same inode: only the change time tells.
        await put('src/index.ts', 'export {}/\n');
        await utimes(path.join(root, 'src/index.ts'), savedAt, savedAt);
      },
    ],
    ['a single input file edited', () => put('redocly.yaml', 'extends: [minimal]\n')],
    ['a missing input file created', () => put('not-there.yaml', 'now: here\n')],
    ['an output edited by hand', () => put('generated/openapi.json', '{"built": false}\n')],
    ['an output deleted', () => rm(path.join(root, 'dist/index.js'))],
    ['a file added to an output folder', () => put('dist/extra.js', '\n')],
    [
      'a file where an input folder was',
      async () => {
        await rm(path.join(root, 'src'), { recursive: true });
        await put('src', 'not a folder\n');
      },
    ],
  ];
  for (const [change, make] of changes) {
    it(`sees ${change}`, async () => {
      expect(await build()).toBe(true);
      expect(unchanged()).not.toBeNull();
      await make();
      expect(unchanged()).toBeNull();
    });
  }

  it('is not written when an input changed while the build ran, and the old one is removed', async () => {
    expect(await build()).toBe(true);
    const written = await build({ beforeStamp: () => put('openapi/openapi.yaml', 'openapi: 3.1.1\n') });
    expect(written).toBe(false);
    expect(unchanged()).toBeNull();
  });

  it('does not trust an input saved just before the build: the next build checks it by its contents', async () => {
    await put('openapi/paths/search.yaml', 'post: {}\n');
    expect(await build()).toBe(true);
    expect(unchanged()).toBeNull();
    // Saved long enough before the next build, it is stamped like any other.
    await backdate();
    expect(await build()).toBe(true);
    expect(unchanged()).not.toBeNull();
  });

  it('belongs to one project folder: another folder with the same files and cache has none', async () => {
    expect(await build()).toBe(true);
    const other = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-stamp-other-'));
    try {
      expect(unchangedSinceLastBuild({ root: other, env })).toBeNull();
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('is ignored when written by another Node.js, or unreadable', async () => {
    expect(await build()).toBe(true);
    const folder = path.join(root, '.cache', 'stamps');
    const [name] = await readdir(folder);
    const file = path.join(folder, name!);
    const stamp = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...stamp, node: 'v0.0.0' }));
    expect(unchanged()).toBeNull();
    await writeFile(file, JSON.stringify(stamp).slice(0, 40));
    expect(unchanged()).toBeNull();
    await writeFile(file, JSON.stringify(stamp));
    expect(unchanged()).not.toBeNull();
  });

  it('is neither written nor read with the cache turned off', async () => {
    env = { AUDIOSCRAPE_BUILD_CACHE: 'off' };
    expect(await build()).toBe(false);
    expect(unchanged()).toBeNull();
  });
});
