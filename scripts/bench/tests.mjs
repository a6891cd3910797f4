// How long the test suites take, end to end, as a developer runs them: the whole `npm test`, and
// the contract suite alone against the mock.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../lib/steps.mjs';

export const name = 'tests';
export const description = 'wall time of npm test and of the contract suite';

function timedNpm(script) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const summary = /Tests\s+(.+?)\s*\n/.exec(output)?.[1]?.trim() ?? 'no summary';
      if (code !== 0) reject(new Error(`npm run ${script} failed; benchmark figures would be meaningless:\n${output.slice(-3000)}`));
      else resolve({ seconds, summary });
    });
  });
}

export async function run() {
  const contract = await timedNpm('test:contract');
  const all = await timedNpm('test');
  return [
    { metric: 'npm test wall time', value: `${all.seconds.toFixed(1)} s (${all.summary})` },
    { metric: 'contract suite wall time (npm run test:contract, mock start included)', value: `${contract.seconds.toFixed(1)} s (${contract.summary})` },
  ];
}
