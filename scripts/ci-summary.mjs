// node scripts/ci-summary.mjs <vitest-json-report> [gate=status ...]
// Prints the line CI reads, `N passed, N failed[, N skipped]`, computed from vitest's JSON report.
// Gates that ran before the tests (build, drift check, …) are passed as `name=exit-code` and count
// as one check each, so a broken build can never end in "0 failed".
import { readFile } from 'node:fs/promises';

const [reportPath, ...gateArgs] = process.argv.slice(2);

async function readVitestCounts(file) {
  try {
    const report = JSON.parse(await readFile(file, 'utf8'));
    return {
      passed: report.numPassedTests ?? 0,
      failed: (report.numFailedTests ?? 0) + (report.success === false && report.numFailedTests === 0 ? 1 : 0),
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
  } catch (error) {
    console.error(`No usable test report at ${file} (${error.message}); counting the test run as one failure.`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

const counts = await readVitestCounts(reportPath);
for (const gate of gateArgs) {
  const [name, status] = gate.split('=');
  const ok = status === '0';
  console.log(`gate ${name}: ${ok ? 'passed' : `failed (exit ${status})`}`);
  if (ok) counts.passed += 1;
  else counts.failed += 1;
}
const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
