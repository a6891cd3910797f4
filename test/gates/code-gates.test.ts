// The code gates of `npm run check` can fail: a small project with this repository's own configs
// (biome.jsonc, the two tsconfigs) gets one planted defect at a time, and the gate must refuse it,
// naming the file and saying what to run; the same project without a defect passes, so each failure
// is the defect's doing. Last, `npm run check` itself is shown to run these gates.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { checkFormat, lintCode, TSCONFIGS, typeCheck } from '../../scripts/lib/code-gates.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runNpmScript } from '../../scripts/lib/project-copy.mjs';
import { runTool, StepFailure } from '../../scripts/lib/steps.mjs';

const GOOD_TS = 'export function double(value: number): number {\n  return value * 2;\n}\n';
const GOOD_MJS = '/** @param {number} value */\nexport function half(value) {\n  return value / 2;\n}\n';

/**
 * A project holding src/double.ts and scripts/half.mjs, checked with this repository's configs. It is
 * removed when `context`'s test ends: the tests run concurrently, so the global onTestFinished could
 * name another test and remove the folder while this one still works in it.
 */
async function smallProject(context: TestContext, { ts = GOOD_TS, mjs = GOOD_MJS } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-code-gates-'));
  context.onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(path.join(dir, 'src'));
  await mkdir(path.join(dir, 'scripts'));
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  const configs = ['biome.jsonc', ...TSCONFIGS];
  for (const config of configs) await cp(path.join(ROOT, config), path.join(dir, config));
  // Laid out as Biome wants (the format gate reads them too); only their settings matter here.
  await runTool('biome', ['format', '--write', ...configs], { cwd: dir });
  // The repository's own format script, so `npm run format` runs here exactly as it does in the repository.
  const { scripts } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ type: 'module', scripts: { format: scripts.format } })}\n`,
  );
  await writeFile(path.join(dir, 'src', 'double.ts'), ts);
  await writeFile(path.join(dir, 'scripts', 'half.mjs'), mjs);
  return dir;
}

async function failureOf(gate: Promise<void>): Promise<StepFailure> {
  const error = await gate.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, 'the gate passed').toBeInstanceOf(StepFailure);
  return error as StepFailure;
}

describe.concurrent('the code gates', () => {
  it('pass a project with nothing wrong', async (context) => {
    const root = await smallProject(context);
    await checkFormat({ root });
    await lintCode({ root });
    await typeCheck({ root });
  });

  it('format: an unformatted file fails, naming it and saying to run npm run format', async (context) => {
    const root = await smallProject(context, { ts: 'export function double(value:number):number{return value*2}\n' });
    const failure = await failureOf(checkFormat({ root }));
    expect(failure.details).toContain(path.join('src', 'double.ts'));
    expect(failure.hint).toContain('npm run format');
  });

  it('format: npm run format, the fix the failure names, rewrites the file so the gate passes', async (context) => {
    const root = await smallProject(context, { ts: 'export function double(value:number):number{return value*2}\n' });
    const { code, output } = await runNpmScript(root, 'format');
    expect(code, output).toBe(0);
    expect(await readFile(path.join(root, 'src', 'double.ts'), 'utf8')).toBe(GOOD_TS);
    await checkFormat({ root });
  });

  it('code lint: a debugger statement fails, naming the rule and the file', async (context) => {
    const root = await smallProject(context, {
      ts: 'export function double(value: number): number {\n  debugger;\n  return value * 2;\n}\n',
    });
    const failure = await failureOf(lintCode({ root }));
    expect(failure.details).toContain('noDebugger');
    expect(failure.details).toContain(path.join('src', 'double.ts'));
  });

  it('types: a type error in src/ fails, naming the file and the error', async (context) => {
    const root = await smallProject(context, { ts: "export const doubled: number = 'two';\n" });
    const failure = await failureOf(typeCheck({ root }));
    expect(failure.details).toMatch(/src\/double\.ts\(1,14\): error TS2322/);
    expect(failure.hint).toContain('npm run typecheck');
  });

  it('types: a JSDoc type error in scripts/ fails too (checkJs)', async (context) => {
    const root = await smallProject(context, { mjs: "/** @type {number} */\nexport const half = 'a half';\n" });
    const failure = await failureOf(typeCheck({ root }));
    expect(failure.details).toMatch(/half\.mjs\(2,14\): error TS2322/);
  });
});

describe('npm run check', () => {
  it('runs the code gates first, then the spec gates; an unknown gate name lists them in that order', async () => {
    const { code, output } = await runNpmScript(ROOT, 'check', ['no-such-gate']);
    expect(code, output).toBe(1);
    expect(output).toContain('No gate is called "no-such-gate"');
    expect(output).toContain('The gates: format, code-lint, typecheck, redocly, spectral, drift, breaking.');
  });
});
