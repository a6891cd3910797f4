// `.ci/run` ends with the line scripts/ci-summary.mjs prints: `N passed, N failed[, N skipped]`,
// from vitest's JSON report plus one check per gate that ran before the tests. Run here as CI runs
// it, on reports of each kind: a red gate or a missing or broken report must never end in "0 failed".
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-ci-summary-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The summary's lines for a report with `counts` (or no report file at all) and the given gates. */
async function summary(report: Record<string, unknown> | string | null, gates: string[] = []): Promise<string[]> {
  const file = path.join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  if (report !== null) await writeFile(file, typeof report === 'string' ? report : JSON.stringify(report));
  const run = await runProcess(process.execPath, [path.join(ROOT, 'scripts', 'ci-summary.mjs'), file, ...gates]);
  expect(run.code, run.output).toBe(0);
  return run.output.trim().split('\n');
}

const GREEN = { success: true, numPassedTests: 412, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };

describe('scripts/ci-summary.mjs', () => {
  it('counts the tests, then one check per gate', async () => {
    const lines = await summary(GREEN, ['install=0', 'check=0', 'build=0']);
    expect(lines.at(-1)).toBe('415 passed, 0 failed');
    expect(lines).toContain('gate check: passed');
  });

  it('counts a red gate as a failure, naming its exit code', async () => {
    const lines = await summary(GREEN, ['check=1', 'build=0']);
    expect(lines).toContain('gate check: failed (exit 1)');
    expect(lines.at(-1)).toBe('413 passed, 1 failed');
  });

  it('adds failed tests to failed gates, and says how many were skipped or left to do', async () => {
    const report = { success: false, numPassedTests: 40, numFailedTests: 3, numPendingTests: 2, numTodoTests: 1 };
    expect((await summary(report, ['build=2'])).at(-1)).toBe('40 passed, 4 failed, 3 skipped');
  });

  it('counts a failed run with no failed test (a file that did not load) as one failure', async () => {
    const report = { success: false, numPassedTests: 12, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
    expect((await summary(report)).at(-1)).toBe('12 passed, 1 failed');
  });

  it('counts a missing or unreadable report as one failure, and says so', async () => {
    const missing = await summary(null, ['check=0']);
    expect(missing.at(-1)).toBe('1 passed, 1 failed');
    expect(missing.join('\n')).toMatch(/No usable test report at .*report-.*\.json/);
    expect((await summary('{"numPassedTests": 5,')).at(-1)).toBe('0 passed, 1 failed');
  });
});
