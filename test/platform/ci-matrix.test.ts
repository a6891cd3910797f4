// The hosted-CI workflow (.github/workflows/ci.yml) checks every platform users work on, and runs
// what .ci/run runs: the same npm commands in the same order, with the same telemetry switches off.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../scripts/lib/paths.mjs';

interface Workflow {
  jobs: Record<
    string,
    {
      'runs-on': string;
      strategy?: { matrix?: { os?: string[]; node?: number[] } };
      env?: Record<string, string>;
      steps: Array<{ run?: string }>;
    }
  >;
}

const NPM_COMMAND = /\bnpm (?:ci(?: --[\w-]+)*|test|run [\w:-]+)/g;

const ciRun = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
const workflow = parse(readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);

/** The npm commands a shell text runs, in order (comments and echo lines left out). */
function npmCommands(shell: string): string[] {
  return shell
    .split('\n')
    .filter((line) => !/^\s*(#|echo\b)/.test(line))
    .flatMap((line) => [...line.matchAll(NPM_COMMAND)].map((match) => match[0]));
}

describe('the hosted CI matrix', () => {
  it('runs on Linux, macOS and Windows, each with Node 20 and 22', () => {
    expect(jobs).toHaveLength(1);
    const matrix = jobs[0]!.strategy?.matrix;
    expect(jobs[0]!['runs-on']).toBe('${{ matrix.os }}');
    expect(matrix?.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(matrix?.node).toEqual([20, 22]);
  });

  it('runs the same npm commands as .ci/run, in the same order', () => {
    const fromCiRun = npmCommands(ciRun);
    expect(fromCiRun).toEqual(['npm ci --no-audit --no-fund', 'npm run check', 'npm run build', 'npm test']);
    expect(jobs[0]!.steps.flatMap((step) => npmCommands(step.run ?? ''))).toEqual(fromCiRun);
  });

  it('turns off the telemetry and update checks .ci/run turns off', () => {
    const exported = [...ciRun.matchAll(/^export (.+)$/gm)]
      .flatMap((match) => match[1]!.split(/\s+/))
      .map((pair) => pair.split('='));
    expect(exported.length).toBeGreaterThan(2);
    for (const [name, value] of exported) expect(jobs[0]!.env?.[name!], name).toBe(value);
  });
});
