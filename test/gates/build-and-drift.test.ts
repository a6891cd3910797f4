// The build stops at the first failing step with the tool's findings; two builds make the same
// bytes; and `npm run check:generated` catches a generated file that was edited or went missing.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectCopyForTest, type ProjectCopy } from '../support/project-copy.js';

const BUILT_FILES = ['openapi.yaml', 'openapi.json', 'schema.d.ts', 'docs/index.html'];

async function fingerprints(copy: ProjectCopy): Promise<Record<string, string>> {
  const entries = await Promise.all(
    BUILT_FILES.map(async (file) => [file, createHash('sha256').update(await readFile(path.join(copy.dir, 'generated', file))).digest('hex')]),
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
    const afterFirst = await fingerprints(copy);
    const second = await copy.run('build');
    expect(second.code, second.output).toBe(0);
    expect(await fingerprints(copy)).toEqual(afterFirst);
  });

  it('stops at a failing lint with the file and line, and leaves generated/ alone', async (context) => {
    const copy = await projectCopyForTest(context);
    const typesBefore = await readFile(path.join(copy.dir, 'generated', 'schema.d.ts'), 'utf8');
    await copy.edit('openapi/components/schemas/SearchTerm.yaml', 'maxLength: 200\n', '');
    await copy.edit('openapi/components/schemas/SearchTerm.yaml', 'description: The words', 'description: Changed words');
    const { code, output } = await copy.run('build');
    expect(code).not.toBe(0);
    expect(output).toMatch(/SearchTerm\.yaml\n\s+\d+:\d+\s+error\s+owasp:api4:2023-string-limit/);
    expect(output).toMatch(/✘ lint: Spectral/);
    expect(output).not.toMatch(/▶ bundle:/);
    expect(await readFile(path.join(copy.dir, 'generated', 'schema.d.ts'), 'utf8')).toBe(typesBefore);
  });

  it("stops at a client that does not compile, with tsc's findings", async (context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit('src/client.ts', "this.raw.GET('/api/me',", "this.raw.GET('/api/mee',");
    const { code, output } = await copy.run('build');
    expect(code).not.toBe(0);
    expect(output).toMatch(/client\.ts\(\d+,\d+\): error TS\d+/);
    expect(output).toMatch(/✘ client: dist\//);
    expect(output).toContain('tsc could not compile the client');
    expect(output).not.toMatch(/▶ docs:/);
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
    const { code, output } = await copy.run('check:generated');
    expect(code).not.toBe(0);
    expect(output).toMatch(/generated\/openapi\.json: differs from what the build makes, first at line \d+/);
    expect(output).toContain('Run `npm run build` and commit generated/');
  });

  it('fails when the spec changed but generated/ was not rebuilt', async (context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit('openapi/components/schemas/SearchTerm.yaml', 'description: The words to watch for', 'description: The words to look out for');
    const { code, output } = await copy.run('check:generated');
    expect(code).not.toBe(0);
    for (const file of ['openapi.yaml', 'openapi.json', 'schema.d.ts']) expect(output).toContain(`generated/${file}: differs`);
  });

  it('fails when a generated file is missing', async (context) => {
    const copy = await projectCopyForTest(context);
    await rm(path.join(copy.dir, 'generated', 'schema.d.ts'));
    const { code, output } = await copy.run('check:generated');
    expect(code).not.toBe(0);
    expect(output).toContain('generated/schema.d.ts: missing');
  });
});

