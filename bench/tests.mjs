// How long the test suites take, end to end, as a developer runs them: the whole `npm test`, and
// the contract suite alone against the mock.
import { runNpmScript } from '../scripts/lib/project-copy.mjs';
import { ROOT } from '../scripts/lib/paths.mjs';

export const name = 'tests';
export const description = 'wall time of npm test and of the contract suite';

// Vitest colours its summary even with colours off; the figures go to a Markdown file.
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

async function timedNpm(script) {
  const { code, output, seconds } = await runNpmScript(ROOT, script);
  if (code !== 0)
    throw new Error(`npm run ${script} failed; benchmark figures would be meaningless:\n${output.slice(-3000)}`);
  const summary = /Tests\s+(.+?)\s*\n/.exec(output.replace(ANSI_ESCAPE, ''))?.[1]?.trim() ?? 'no summary';
  return { seconds, summary };
}

export async function run() {
  const contract = await timedNpm('test:contract');
  const all = await timedNpm('test');
  return [
    { metric: 'npm test wall time', value: `${all.seconds.toFixed(1)} s (${all.summary})`, target: '≤ 45 s' },
    {
      metric: 'contract suite wall time (npm run test:contract, mock start included)',
      value: `${contract.seconds.toFixed(1)} s (${contract.summary})`,
    },
  ];
}
