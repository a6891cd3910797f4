// A Windows checkout must pass its own gates. Git for Windows checks files out with CRLF
// (core.autocrlf=true); .gitattributes keeps the spec, generated/ and the scripts LF anyway, and the
// drift check tells a line-ending difference (same content: passes, and says so) from a real one.
// The clone is of the committed HEAD, as CI and a user get it. After the first `npm run check:generated`,
// the gate runs as its own function on the clone (support/project-copy.ts, checkGeneratedIn), without a
// script process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNpmScript } from '../../scripts/lib/project-copy.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { checkGeneratedIn } from '../support/project-copy.js';

const COMMITTED_ARTIFACTS = ['generated/openapi.yaml', 'generated/openapi.json', 'generated/schema.d.ts'];
/** Files that must stay LF in every checkout: the spec, each generated file, a script, the CI entry point. */
const MUST_BE_LF = [
  'openapi/openapi.yaml',
  'openapi/info-description.md',
  ...COMMITTED_ARTIFACTS,
  'scripts/build.mjs',
  '.ci/run',
];

function git(args: string[], cwd: string) {
  return spawnSync('git', args, { cwd, encoding: 'utf8' });
}

/** Why this test cannot run here (no git, or not a git checkout), or null. Under CI it must run. */
function cannotRunReason(): string | null {
  if (git(['--version'], ROOT).status !== 0) return 'git is not installed';
  if (git(['rev-parse', '--is-inside-work-tree'], ROOT).stdout.trim() !== 'true')
    return `${ROOT} is not a git checkout`;
  return null;
}

const reason = cannotRunReason();
const requiredHere = process.env.CI === 'true';
if (reason && !requiredHere) console.warn(`line-endings tests SKIPPED: ${reason} (required when CI=true)`);

const toCrlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

describe.skipIf(reason !== null && !requiredHere)(
  `a checkout made with core.autocrlf=true${reason ? ` (${reason})` : ''}`,
  () => {
    let clone: string;

    beforeAll(async () => {
      if (reason) throw new Error(`Cannot clone the repository: ${reason}.`);
      const parent = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-crlf-'));
      clone = path.join(parent, 'repo');
      const cloned = git(['clone', '--config', 'core.autocrlf=true', '--quiet', '--no-hardlinks', ROOT, clone], parent);
      if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
      await symlink(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'junction');
    });

    afterAll(async () => {
      if (clone) await rm(path.dirname(clone), { recursive: true, force: true });
    });

    it('checks the spec, generated/ and the scripts out with LF (.gitattributes)', async () => {
      expect(git(['config', 'core.autocrlf'], clone).stdout.trim()).toBe('true');
      const withCrlf = [];
      for (const file of MUST_BE_LF) {
        expect(existsSync(path.join(clone, file)), `${file} is in the clone`).toBe(true);
        if ((await readFile(path.join(clone, file), 'utf8')).includes('\r\n')) withCrlf.push(file);
      }
      expect(withCrlf).toEqual([]);
    });

    it('passes npm run check:generated', async () => {
      const { code, output } = await runNpmScript(clone, 'check:generated');
      expect(code, output).toBe(0);
      expect(output).toContain('generated/ is up to date');
    });

    it('passes with CRLF generated files too (same content), and says the difference is only line endings', async () => {
      for (const file of COMMITTED_ARTIFACTS) {
        const target = path.join(clone, file);
        await writeFile(target, toCrlf(await readFile(target, 'utf8')));
      }
      const { code, output } = await checkGeneratedIn(clone);
      expect(code, output).toBe(0);
      for (const file of COMMITTED_ARTIFACTS) {
        expect(output).toContain(
          `${path.normalize(file)}: same content as the build, with CRLF line endings in this checkout`,
        );
      }
    });

    it('still fails on a real edit, in a CRLF file, naming the file and the line', async () => {
      const target = path.join(clone, 'generated', 'openapi.json');
      const text = await readFile(target, 'utf8');
      expect(text).toContain('\r\n');
      const edited = text.replace('"title": "Audioscrape API"', '"title": "Audioscrape API (edited by hand)"');
      expect(edited, 'the planted edit').not.toBe(text);
      await writeFile(target, edited);
      const { code, output } = await checkGeneratedIn(clone);
      expect(code, output).toBe(1);
      expect(output).toContain('1 generated file(s) are out of date or edited by hand.');
      expect(output).toMatch(
        new RegExp(
          `${path.normalize('generated/openapi.json').replace(/\\/g, '\\\\')}: differs from what the build makes, first at line \\d+`,
        ),
      );
      expect(output).toContain('committed: "title": "Audioscrape API (edited by hand)"');
      expect(output).not.toMatch(/schema\.d\.ts: differs|openapi\.yaml: differs/);
    });
  },
);
