// CONTRACT_BASE_URL points the contract suite at any server. Proven here with a second realistic
// mock (on an Enterprise key, whose limits one run cannot reach, and a Free key as the limited key):
// the suite runs green against it, the lifecycle and the 403 run there too, and every check that
// needs the bundled mock's Prefer header, or a 429 nobody asked to provoke, is skipped with the
// reason, not silently.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../scripts/lib/mock-server.mjs';
import { findFreePort } from '../../scripts/lib/ports.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';
import { toolCommand } from '../../scripts/lib/tool-commands.mjs';
import { buildContractSuite } from './engine/suite.js';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: Array<{ assertionResults: Array<{ status: string; title: string; ancestorTitles: string[] }> }>;
}

function runContractSuite(env: Record<string, string>, reportFile: string): Promise<{ code: number; output: string }> {
  const vitest = toolCommand('vitest', [
    'run',
    '--config',
    'test/vitest.config.ts',
    'test/contract/contract.test.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ]);
  return runProcess(vitest.command, vitest.args, { cwd: ROOT, env: { ...process.env, ...env, FORCE_COLOR: '0' } }).then(
    ({ code, output }) => ({
      code: code ?? 1,
      output,
    }),
  );
}

describe('CONTRACT_BASE_URL', () => {
  it('checks a second mock instance: green, with the Prefer checks skipped and the reason printed', async () => {
    const second = await startMockServer({ port: await findFreePort(), quiet: true });
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-contract-'));
    try {
      const reportFile = path.join(scratch, 'report.json');
      const { code, output } = await runContractSuite(
        {
          CONTRACT_BASE_URL: second.url,
          AUDIOSCRAPE_API_KEY: 'enterprise_second-instance',
          AUDIOSCRAPE_LIMITED_API_KEY: 'second-instance-free',
          CONTRACT_SEED: '7',
        },
        reportFile,
      );
      expect(code, output).toBe(0);
      expect(output).toContain(`Contract target: ${second.url} (CONTRACT_BASE_URL)`);
      expect(output).toContain(
        `the target (${second.url}) is not the bundled Prism mock, so it cannot be asked for a status with Prefer`,
      );
      expect(output).toContain('seed 7');

      const report: VitestJsonReport = JSON.parse(await readFile(reportFile, 'utf8'));
      const preferCases = buildContractSuite(
        { baseUrl: second.url, apiKey: 'unused', optionalHeaders: 'expect' },
        { seed: 7 },
      ).operations.reduce((total, cases) => total + cases.preferCases.length, 0);
      const skipped = report.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.status !== 'passed' && test.status !== 'failed');
      expect(report.numFailedTests).toBe(0);
      const otherSkips = skipped.filter(
        (test) => !test.ancestorTitles.includes('documented responses, selected with Prefer'),
      );
      expect(skipped).toHaveLength(preferCases + 1);
      expect(otherSkips.map((test) => test.title)).toEqual([expect.stringMatching(/^requests until the 429/)]);
      expect(output).toContain('set CONTRACT_PROVOKE_RATE_LIMIT=1 to run it on this server');
      const ran = report.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.status === 'passed')
        .map((test) => test.title);
      expect(ran).toContainEqual(expect.stringMatching(/^a keyword alert's life/));
      expect(ran).toContainEqual(expect.stringMatching(/^a webhook alert with a key whose plan has no webhooks/));
      expect(report.numPassedTests).toBeGreaterThan(50);
    } finally {
      await second.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
