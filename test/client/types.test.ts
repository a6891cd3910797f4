// Type-level tests: the project's pinned tsc compiles fixtures/typed-usage.ts, where correct calls
// must compile and each wrong call sits under a @ts-expect-error (an unused one is itself an error).
// The control proves the mechanism bites: the same file with one more directive over a correct call
// must fail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { toolCommand } from '../../scripts/lib/tool-commands.mjs';

const FIXTURE = path.join(ROOT, 'test', 'client', 'fixtures', 'typed-usage.ts');
const TSC = toolCommand('tsc');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'audioscrape-types-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs tsc with the project's compiler options on `file` alone. */
function typecheck(file: string): { code: number; output: string } {
  const config = path.join(scratch, `tsconfig.${path.basename(file)}.json`);
  const compilerOptions = { typeRoots: [path.join(ROOT, 'node_modules', '@types')] };
  writeFileSync(config, JSON.stringify({ extends: path.join(ROOT, 'tsconfig.json'), compilerOptions, include: [], files: [file] }));
  const result = spawnSync(TSC.command, [...TSC.args, '--noEmit', '-p', config], { encoding: 'utf8' });
  return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

describe('types from the spec', () => {
  it('correct calls compile and every @ts-expect-error line is an error', () => {
    const { code, output } = typecheck(FIXTURE);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('has a @ts-expect-error for each kind of mistake the issue names', () => {
    const source = readFileSync(FIXTURE, 'utf8');
    for (const mistake of ['a misspelled field', 'an unknown path', 'a wrong body', 'limit is a number']) {
      expect(source).toContain(`// @ts-expect-error ${mistake}`);
    }
  });

  it('control: a @ts-expect-error over a correct call fails the check', () => {
    const source = readFileSync(FIXTURE, 'utf8').replace(
      "  const page = await client.search({ query: 'ai' });",
      "  // @ts-expect-error (control: this call is correct)\n  const page = await client.search({ query: 'ai' });",
    );
    const control = path.join(scratch, 'control.ts');
    writeFileSync(control, source.replaceAll("'../../../src/index.js'", `'${path.join(ROOT, 'src', 'index.js')}'`));
    const { code, output } = typecheck(control);
    expect(code).not.toBe(0);
    expect(output).toMatch(/control\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
  });
});
