// The build stops at the first failing step with the tool's findings and writes nothing; two builds
// make the same bytes (one without the build cache, so the tools themselves must agree: the run's
// shared clean build, support/shared-build.ts); and `npm run check:generated` catches a generated
// file that was edited or went missing. The first test of each command goes through `npm run`; the
// other build tests run the same script with node directly (support/project-copy.ts, runScript), and
// the other drift tests call the gate's own function on the copy (checkGenerated).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectCopyForTest } from '../support/project-copy.js';
import { sharedCleanBuild } from '../support/shared-build.js';

const BUILT_FILES = ['openapi.yaml', 'openapi.json', 'schema.d.ts', 'docs/index.html'];

async function fingerprints(dir: string): Promise<Record<string, string>> {
  const entries = await Promise.all(
    BUILT_FILES.map(async (file) => [
      file,
      createHash('sha256')
        .update(await readFile(path.join(dir, 'generated', file)))
        .digest('hex'),
    ]),
  );
  return Object.fromEntries(entries);
}

describe.concurrent('the build', () => {
  it('runs every step, timed, and two builds produce the same bytes', async (context) => {
    const copy = await projectCopyForTest(context);
    const first = await copy.run('build');
    expect(first.code, first.output).toBe(0);
    for (const stepName of ['lint: Redocly', 'lint: Spectral', 'bundle:', 'types:', 'client:', 'docs:']) {
      expect(first.output).toMatch(new RegExp(`✔ ${stepName}.*\\(\\d+\\.\\d\\d s\\)`));
    }
    const afterFirst = await fingerprints(copy.dir);
    // The first build may come from the build cache; the second (another copy of the same project)
    // ran every tool again.
    const second = await sharedCleanBuild();
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('· cached');
    expect(await fingerprints(second.dir)).toEqual(afterFirst);
  });

  it('stops at a failing lint with the file and line, and leaves generated/ alone', async (context) => {
    const copy = await projectCopyForTest(context);
    const typesBefore = await readFile(path.join(copy.dir, 'generated', 'schema.d.ts'), 'utf8');
    const bundleBefore = await readFile(path.join(copy.dir, 'generated', 'openapi.json'), 'utf8');
    await copy.edit('openapi/components/schemas/SearchTerm.yaml', 'maxLength: 200\n', '');
    await copy.edit(
      'openapi/components/schemas/SearchTerm.yaml',
      'description: The words',
      'description: Changed words',
    );
    const { code, output } = await copy.runScript('build');
    expect(code).not.toBe(0);
    expect(output).toMatch(/SearchTerm\.yaml\n\s+\d+:\d+\s+error\s+owasp:api4:2023-string-limit/);
    expect(output).toMatch(/✘ lint: Spectral/);
    expect(output).not.toMatch(/▶ bundle:/);
    expect(await readFile(path.join(copy.dir, 'generated', 'schema.d.ts'), 'utf8')).toBe(typesBefore);
    // The bundle may have been made beside the failing lint, but it was not written.
    expect(await readFile(path.join(copy.dir, 'generated', 'openapi.json'), 'utf8')).toBe(bundleBefore);
  });

  it("stops at a client that does not compile, with tsc's findings", async (context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit('src/client.ts', "this.raw.GET('/api/me',", "this.raw.GET('/api/mee',");
    const { code, output } = await copy.runScript('build');
    expect(code).not.toBe(0);
    expect(output).toMatch(/client\.ts\(\d+,\d+\): error TS\d+/);
    expect(output).toMatch(/✘ client: dist\//);
    expect(output).toContain('tsc could not compile the client');
    expect(output).not.toMatch(/▶ docs:/);
    // Nothing was written: the copy had no dist/, and still has none.
    expect(existsSync(path.join(copy.dir, 'dist'))).toBe(false);
  });
});

describe.concurrent('npm run check:generated', () => {
  it('passes when generated/ is what the build makes', async (context) => {
    const { code, output } = await (await projectCopyForTest(context)).run('check:generated');
    expect(code, output).toBe(0);
    expect(output).toContain('generated/ is up to date');
  });

  it('fails on a hand edit, naming the file and the line', async (context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit('generated/openapi.json', '"title": "Audioscrape API"', '"title": "Audioscrape API (edited)"');
    const { code, output } = await copy.checkGenerated();
    expect(code).not.toBe(0);
    expect(output).toMatch(/generated\/openapi\.json: differs from what the build makes, first at line \d+/);
    expect(output).toContain('Run `npm run build` and commit generated/');
  });

  it('fails when the spec changed but generated/ was not rebuilt', async (context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit(
      'openapi/components/schemas/SearchTerm.yaml',
      'description: The words to watch for',
      'description: The words to look out for',
    );
    const { code, output } = await copy.checkGenerated();
    expect(code).not.toBe(0);
    for (const file of ['openapi.yaml', 'openapi.json', 'schema.d.ts'])
      expect(output).toContain(`generated/${file}: differs`);
  });

  it('fails when a generated file is missing', async (context) => {
    const copy = await projectCopyForTest(context);
    await rm(path.join(copy.dir, 'generated', 'schema.d.ts'));
    const { code, output } = await copy.checkGenerated();
    expect(code).not.toBe(0);
    expect(output).toContain('generated/schema.d.ts: missing');
  });
});
