// The breaking-change gate finds oasdiff where a user on any platform may have it: the optional npm
// package, OASDIFF_PATH, or PATH; with none it stops with how to install it and that CI runs the
// gate, never a stack trace. Shown on a copy of the project whose node_modules lacks the package.
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOasdiff, installInstructions, oasdiffPackageName } from '../../scripts/lib/oasdiff.mjs';
import { copyProjectToTemp, runNpmScript } from '../../scripts/lib/project-copy.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';

const EXECUTABLE = process.platform === 'win32' ? 'oasdiff.exe' : 'oasdiff';
const PATH_KEY = Object.keys(process.env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m;

/** Our environment with no oasdiff anywhere: OASDIFF_PATH unset, and PATH without any dir holding one. */
function environmentWithoutOasdiff(extraPathDirs: string[] = []): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OASDIFF_PATH;
  const dirs = (env[PATH_KEY] ?? '')
    .split(path.delimiter)
    .filter((dir) => dir && !findOasdiff({ env: { PATH: dir }, root: os.tmpdir() }));
  env[PATH_KEY] = [...extraPathDirs, ...dirs].join(path.delimiter);
  return env;
}

// The oasdiff this machine has (the package, OASDIFF_PATH or PATH), to offer the copy another way.
const available = findOasdiff({ root: ROOT });
const requiredHere = process.env.CI === 'true';
const missing = available ? null : `no oasdiff on this machine: ${installInstructions()}`;
if (missing && !requiredHere)
  console.warn(`oasdiff lookup tests with a real oasdiff SKIPPED: ${missing} (required when CI=true)`);

describe('npm run check:breaking without the oasdiff package', () => {
  let copy: string;
  let scratch: string;

  beforeAll(async () => {
    const packageName = oasdiffPackageName();
    copy = await copyProjectToTemp({
      prefix: 'audioscrape-no-oasdiff-',
      withoutPackages: packageName ? [packageName] : [],
    });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-oasdiff-bin-'));
  });

  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  it('with no oasdiff anywhere, fails with the install hint for this platform and no stack trace', async () => {
    expect(
      findOasdiff({ env: environmentWithoutOasdiff(), root: copy }),
      'the copy must really have no oasdiff',
    ).toBeNull();
    const { code, output } = await runNpmScript(copy, 'check:breaking', [], { env: environmentWithoutOasdiff() });
    expect(code, output).toBe(1);
    expect(output).toContain(
      `✘ oasdiff is not installed for ${process.platform}-${process.arch}, so the breaking-change gate cannot run here.`,
    );
    expect(output).toContain(installInstructions());
    expect(output).toContain('put it on PATH or set OASDIFF_PATH');
    expect(output).toContain('leave this gate to CI, which runs it on every push');
    expect(output).not.toMatch(STACK_FRAME);
    expect(output).not.toContain('Unexpected error');
    expect(output, 'it stops before bundling').not.toContain('bundle the working spec');
  });

  it('with OASDIFF_PATH naming a file that is not there, says so instead of looking elsewhere', async () => {
    const nowhere = path.join(scratch, 'not-here', EXECUTABLE);
    const { code, output } = await runNpmScript(copy, 'check:breaking', [], {
      env: { ...environmentWithoutOasdiff(), OASDIFF_PATH: nowhere },
    });
    expect(code, output).toBe(1);
    expect(output).toContain(`OASDIFF_PATH is set to ${nowhere}, which is not an executable file.`);
    expect(output).not.toMatch(STACK_FRAME);
  });

  describe.skipIf(missing !== null && !requiredHere)(`with a real oasdiff${missing ? ` (${missing})` : ''}`, () => {
    let binDir: string;

    // biome-ignore lint/suspicious/noDuplicateTestHooks: Biome does not see describe.skipIf(…)(…) as a block of its own.
    beforeAll(async () => {
      if (!available) throw new Error(`Cannot test the lookup with a real oasdiff: ${missing}.`);
      binDir = path.join(scratch, 'bin');
      await mkdir(binDir);
      await copyFile(available.file, path.join(binDir, EXECUTABLE));
      await chmod(path.join(binDir, EXECUTABLE), 0o755);
    });

    it('finds an oasdiff on PATH and passes', async () => {
      const { code, output } = await runNpmScript(copy, 'check:breaking', [], {
        env: environmentWithoutOasdiff([binDir]),
      });
      expect(code, output).toBe(0);
      expect(output).toContain(`with oasdiff (PATH: ${path.join(binDir, EXECUTABLE)})`);
      expect(output).toContain('No unaccepted breaking changes.');
    });

    it('uses the oasdiff OASDIFF_PATH names, and passes', async () => {
      const file = path.join(binDir, EXECUTABLE);
      const { code, output } = await runNpmScript(copy, 'check:breaking', [], {
        env: { ...environmentWithoutOasdiff(), OASDIFF_PATH: file },
      });
      expect(code, output).toBe(0);
      expect(output).toContain(`with oasdiff (OASDIFF_PATH: ${file})`);
    });
  });
});

describe('the install hint', () => {
  it.each([
    ['darwin', 'arm64', 'brew install oasdiff'],
    ['win32', 'x64', 'windows_amd64 archive'],
    ['win32', 'arm64', 'windows_arm64 archive'],
    ['linux', 'arm64', 'linux_arm64 archive'],
    ['linux', 'x64', 'run `npm install` again'],
  ])('on %s-%s says %s', (platform, arch, advice) => {
    const hint = installInstructions(platform as NodeJS.Platform, arch as NodeJS.Architecture);
    expect(hint).toContain(advice);
    if (platform !== 'linux' || arch !== 'x64') expect(hint).toContain('go install github.com/oasdiff/oasdiff@v1.15.0');
  });
});
