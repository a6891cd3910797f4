// Windows cannot spawn node_modules/.bin/<tool> (a shell script; there a .cmd file) or `npm`
// (npm.cmd) without a shell. So no script and no test may: tools start as `node <their bin file>`
// (scripts/lib/tool-commands.mjs: toolCommand, npmCommand; runTool in steps.mjs), or through their
// JavaScript API. This reads every source file under scripts/ and test/.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/paths.mjs';

const SOURCE_FILE = /\.(mjs|cjs|js|ts)$/;
const SEARCHED_DIRS = ['scripts', 'test'];
/** This file holds the old ways as samples for the search; it is itself checked by the second test. */
const THIS_FILE = fileURLToPath(import.meta.url);
const COMMENT = /^\s*(\/\/|\/?\*)/;

/** What is never portable, each with why. */
const NOT_PORTABLE: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /node_modules[\\/]+\.bin|['"`]\.bin['"`]/, why: 'a node_modules/.bin path (use toolCommand or runTool)' },
  {
    pattern: /\b(spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\(\s*['"`](npm|npx|pnpm|yarn)(\.cmd)?['"`]/,
    why: 'npm started by name (use npmCommand)',
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE_FILE.test(entry.name) ? [full] : [];
  });
}

/** Every code line of `text` that starts a tool the non-portable way, as "<file>:<line>: <why>: <code>". */
function nonPortableSpawns(file: string, text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (COMMENT.test(line)) return;
    for (const { pattern, why } of NOT_PORTABLE) {
      if (pattern.test(line)) hits.push(`${file}:${index + 1}: ${why}: ${line.trim()}`);
    }
  });
  return hits;
}

describe('starting tools portably', () => {
  it('no file under scripts/ or test/ spawns a .bin path or npm by name', () => {
    const files = SEARCHED_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))).filter(
      (file) => path.resolve(file) !== path.resolve(THIS_FILE),
    );
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) =>
      nonPortableSpawns(path.relative(ROOT, file).split(path.sep).join('/'), readFileSync(file, 'utf8')),
    );
    expect(hits).toEqual([]);
  });

  it('the search finds each way this project used to start tools', () => {
    const before = [
      "  const executable = path.join(ROOT, 'node_modules', '.bin', binary);",
      "const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');",
      '  const vitest = `${ROOT}/node_modules/.bin/vitest`;',
      "    const child = spawn('npm', ['run', '--silent', script], {",
      "  const packed = await execFile('npm', ['pack']);",
      '// a comment may name node_modules/.bin/tsc',
    ].join('\n');
    expect(nonPortableSpawns('before.mjs', before).map((hit) => hit.split(':')[1])).toEqual(['1', '2', '3', '4', '5']);
    const after = [
      "const { command, args } = toolCommand('tsc', ['-p', config]);",
      'spawn(process.execPath, [npmCliFile(), "run", script]);',
    ].join('\n');
    expect(nonPortableSpawns('after.mjs', after)).toEqual([]);
  });
});
