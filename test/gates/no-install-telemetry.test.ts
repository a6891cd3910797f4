// `npm install` reports nothing to anyone. Spectral depends on @scarf/scarf, whose postinstall script
// (report.js) sends an install report to scarf.sh unless the project being installed opts out. This
// package opts out twice: `scarfSettings.enabled: false` in package.json (Scarf's own switch, read by
// every npm version, yarn and pnpm; `skipTraversal` spares it an `npm ls`), and an `allowScripts`
// denial, so npm 11 does not even start the script. The test runs Scarf's real report.js as npm
// would, pointed at a local server instead of scarf.sh (its SCARF_LOCAL_PORT), with this package.json
// as the project being installed: nothing may arrive. The same run without the opt-out must
// arrive, or the test could not tell.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedPackageDir, npmCliFile } from '../../scripts/lib/tool-commands.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';

interface Manifest {
  name: string;
  version: string;
  scarfSettings?: { enabled?: boolean; skipTraversal?: boolean };
  allowScripts?: Record<string, boolean>;
  dependencies?: Record<string, string>;
}

const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** A stand-in for scarf.sh on loopback: every request it gets is a report that would have left. */
async function reportCatcher() {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.writeHead(200).end();
  });
  // Scarf sends to `localhost`, which may be either address.
  await new Promise<void>((resolve, reject) => {
    server.once('error', () => server.listen(0, '127.0.0.1', resolve));
    server.listen({ port: 0, host: '::', ipv6Only: false }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    received,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs Scarf's postinstall as npm runs it while installing the project whose package.json is `project`. */
async function runScarfPostinstall(project: Manifest, port: number): Promise<string> {
  const scarfDir = installedPackageDir('@scarf/scarf', ROOT);
  if (!scarfDir) throw new Error('@scarf/scarf is not installed: run `npm ci` first (Spectral depends on it).');
  const projectDir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-scarf-'));
  try {
    await writeFile(path.join(projectDir, 'package.json'), JSON.stringify(project, null, 2));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      INIT_CWD: projectDir,
      SCARF_LOCAL_PORT: String(port),
      SCARF_VERBOSE: 'true',
      TMPDIR: projectDir,
      npm_execpath: npmCliFile(),
    };
    // Only package.json may decide: the environment's own opt-outs are removed.
    for (const name of ['SCARF_ANALYTICS', 'SCARF_NO_ANALYTICS', 'DO_NOT_TRACK', 'npm_config_global']) delete env[name];
    const { output } = await runProcess(process.execPath, [path.join(scarfDir, 'report.js')], { cwd: scarfDir, env });
    return output;
  } finally {
    await rm(projectDir, { recursive: true, force: true });
  }
}

describe('no install telemetry', () => {
  let catcher: Awaited<ReturnType<typeof reportCatcher>>;
  beforeAll(async () => {
    catcher = await reportCatcher();
  });
  afterAll(() => catcher.close());

  it('package.json turns Scarf off and denies its install script', () => {
    expect(manifest.scarfSettings?.enabled).toBe(false);
    expect(manifest.allowScripts?.['@scarf/scarf']).toBe(false);
    // Users install only the runtime dependencies: none of them brings Scarf.
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['openapi-fetch']);
  });

  it("Scarf's own postinstall, run for this package.json, reports nothing", async () => {
    catcher.received.length = 0;
    const output = await runScarfPostinstall(manifest, catcher.port);
    expect(catcher.received).toEqual([]);
    expect(output).toContain('User has opted out');
  });

  it('the same run without the opt-out does report (so the test above can fail)', async () => {
    catcher.received.length = 0;
    const withoutOptOut: Manifest = { ...manifest, scarfSettings: { skipTraversal: true } };
    await runScarfPostinstall(withoutOptOut, catcher.port);
    expect(catcher.received).toEqual(['POST /package-event/install']);
  });
});
