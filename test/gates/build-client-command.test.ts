// `npm run build:client`, as the commands guide describes it: only the client step, never from the
// cache, and afterwards dist/ holds exactly what the compile made: a file whose source is gone (or
// that nothing made) does not survive it.
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { projectCopyForTest } from '../support/project-copy.js';

it('npm run build:client compiles src/ into dist/ and leaves no stale file there', async (context) => {
  const copy = await projectCopyForTest(context);
  const dist = path.join(copy.dir, 'dist');
  await mkdir(dist, { recursive: true });
  await writeFile(path.join(dist, 'removed-module.js'), 'export const stale = true;\n');

  const { code, output } = await copy.run('build:client');
  expect(code, output).toBe(0);
  expect(output).toMatch(/✔ client: dist\/ \(tsc, src\/tsconfig\.build\.json\) \(\d+\.\d\d s\)/);
  expect(output, 'never from the build cache').not.toContain('cached');
  expect(existsSync(path.join(dist, 'removed-module.js')), 'the stale file is gone').toBe(false);
  const sources = (await readdir(path.join(copy.dir, 'src'))).filter((file) => file.endsWith('.ts'));
  const emitted = await readdir(dist);
  for (const source of sources) {
    expect(emitted, source).toContain(source.replace(/\.ts$/, '.js'));
    expect(emitted, source).toContain(source.replace(/\.ts$/, '.d.ts'));
  }
});
