// What a run of the contract reports: a closing summary grouped by defect (rule, operation, how
// often, one smallest curl that reproduces it), the checks that did not run and why, and a JUnit
// XML file for CI systems. API keys never appear: requests name the variable that holds the key,
// and any other place a key shows up (a server echoing it, say) is masked.
import type { Violation } from './conformance.js';
import { conformanceRule, formatViolation } from './conformance.js';
import { describeRequest, type SecretNames } from './http.js';
import { describeDuration } from './pacing.js';
import type { CheckResult } from './results.js';
import type { ContractRunResult } from './runner.js';

export const REDACTED = '[redacted key]';

/** Masks every secret value in `text` (keys shorter than 4 characters are too common to mask safely). */
export function redact(text: string, secrets: SecretNames): string {
  let safe = text;
  for (const secret of [...secrets.keys()].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length)) {
    safe = safe.split(secret).join(REDACTED);
  }
  return safe;
}

export interface Defect {
  rule: string;
  operation: string;
  where: string;
  /** How many findings (answers) showed it. */
  count: number;
  /** One finding, as `formatViolation` prints it. */
  example: string;
  /** The shortest request that showed it, as curl; undefined when no request is known. */
  curl?: string;
}

function ruleOf(found: Violation): string {
  return found.rule ?? conformanceRule(found.where);
}

/** The failed checks' findings, one entry per rule, operation and place, most frequent first. */
export function groupDefects(results: CheckResult[], options: { baseUrl: string; secrets: SecretNames }): Defect[] {
  const groups = new Map<string, Defect>();
  for (const found of results.flatMap((result) => result.violations)) {
    const rule = ruleOf(found);
    const key = `${rule}\n${found.operation}\n${found.where}`;
    const curl = found.request ? describeRequest(found.request, options) : undefined;
    const existing = groups.get(key);
    if (!existing) {
      groups.set(key, {
        rule,
        operation: found.operation,
        where: found.where,
        count: 1,
        example: formatViolation(found),
        ...(curl ? { curl } : {}),
      });
      continue;
    }
    existing.count += 1;
    if (curl && (!existing.curl || curl.length < existing.curl.length)) {
      existing.curl = curl;
      existing.example = formatViolation(found);
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || a.rule.localeCompare(b.rule) || a.operation.localeCompare(b.operation),
  );
}

function tally(results: CheckResult[]): { passed: number; failed: number; notRun: number } {
  return {
    passed: results.filter((result) => result.outcome === 'passed').length,
    failed: results.filter((result) => result.outcome === 'failed').length,
    notRun: results.filter((result) => result.outcome === 'not-run').length,
  };
}

/** True when the run found nothing wrong and could run: what exit code 0 means. */
export function runPassed(run: ContractRunResult): boolean {
  return !run.fatal && !run.interrupted && tally(run.results).failed === 0 && run.cleanup.leftBehind.length === 0;
}

/** The closing summary, line by line. */
export function formatSummary(run: ContractRunResult, options: { baseUrl: string; secrets: SecretNames }): string[] {
  const counts = tally(run.results);
  const defects = groupDefects(run.results, options);
  const lines: string[] = ['', 'Summary'];
  lines.push(
    `  ${run.results.length} checks: ${counts.passed} passed, ${counts.failed} failed, ${counts.notRun} not run.`,
  );
  const spending = run.spending.map((item) => `${item.requests} with ${item.name}`).join(', ');
  lines.push(
    `  Requests: ${run.spent} sent of a budget of ${run.maxRequests} (--max-requests)${spending ? `: ${spending}` : ''}.`,
  );
  const unrequested =
    run.unrequested429s === 0
      ? 'no 429 the run did not ask for'
      : `${run.unrequested429s} 429(s) the run did not ask for, each waited out and sent again (not failures)`;
  lines.push(`  Rate limit: waited ${describeDuration(run.waitedMs)} in all; ${unrequested}.`);
  if (run.leftOut > 0)
    lines.push(`  ${run.leftOut} more generated case(s) did not fit the budget (raise --max-requests to send them).`);
  const { created, leftBehind, unreadable } = run.cleanup;
  lines.push(
    `  Alerts: ${created} created, ${created - leftBehind.length} deleted, ${leftBehind.length === 0 ? 'none left behind' : `${leftBehind.length} LEFT BEHIND`}.`,
  );
  for (const alert of leftBehind)
    lines.push(`    ✘ alert ${alert.id} on ${alert.keyName} is still there (${alert.why}): delete it by hand.`);
  if (unreadable > 0)
    lines.push(
      `    ${unreadable} create(s) got no answer or no readable id, so the cleanup also deleted every alert whose search term starts "${run.marker}".`,
    );

  if (defects.length > 0) {
    lines.push('', `Defects (${defects.length}), by rule and operation:`);
    for (const defect of defects) {
      lines.push(`  ✘ ${defect.rule} · ${defect.operation} · ${defect.where} · ${defect.count} time(s)`);
      lines.push(`      ${defect.example}`);
      if (defect.curl) lines.push(`      reproduce: ${defect.curl}`);
    }
  }
  const notRun = run.results.filter((result) => result.outcome === 'not-run');
  if (notRun.length > 0) {
    lines.push('', `Not run (${notRun.length}), and why:`);
    for (const result of notRun) lines.push(`  – [${result.group}] ${result.name}: ${result.reason}`);
  }
  lines.push('');
  if (run.fatal) lines.push(`✘ The run could not go on: ${run.fatal}.`);
  else if (run.interrupted) lines.push('✘ Interrupted: the checks above are all that ran.');
  else if (runPassed(run))
    lines.push(
      `✔ Passed: every check that ran conforms to the contract${counts.notRun ? ` (${counts.notRun} did not run; see above)` : ''}.`,
    );
  else
    lines.push(
      `✘ Failed: ${defects.length} defect(s) in ${counts.failed} check(s)${leftBehind.length ? `, and ${leftBehind.length} alert(s) left behind` : ''}.`,
    );
  return lines.map((line) => redact(line, options.secrets));
}

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters at all; they become U+FFFD.
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** JUnit XML: one testsuite per group of checks, one testcase per check, failures with how to reproduce. */
export function junitReport(run: ContractRunResult, options: { baseUrl: string; secrets: SecretNames }): string {
  const groups = new Map<string, CheckResult[]>();
  for (const result of run.results) groups.set(result.group, [...(groups.get(result.group) ?? []), result]);
  const total = tally(run.results);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`audioscrape-api contract: ${options.baseUrl}`)}" tests="${run.results.length}" failures="${total.failed}" skipped="${total.notRun}" errors="${run.fatal || run.cleanup.leftBehind.length ? 1 : 0}">`,
  ];
  for (const [group, results] of groups) {
    const counts = tally(results);
    lines.push(
      `  <testsuite name="${xml(group)}" tests="${results.length}" failures="${counts.failed}" skipped="${counts.notRun}" errors="0">`,
    );
    for (const result of results) {
      const open = `    <testcase classname="${xml(`contract.${group}`)}" name="${xml(result.name)}"`;
      if (result.outcome === 'passed') {
        lines.push(`${open}/>`);
      } else if (result.outcome === 'not-run') {
        lines.push(`${open}>`, `      <skipped message="${xml(result.reason ?? '')}"/>`, '    </testcase>');
      } else {
        const details = result.violations
          .map(
            (found) =>
              `${formatViolation(found)}${found.request ? `\n  reproduce: ${describeRequest(found.request, options)}` : ''}`,
          )
          .join('\n');
        const first = result.violations[0];
        lines.push(
          `${open}>`,
          `      <failure message="${xml(first ? formatViolation(first) : 'failed')}" type="${xml(first ? ruleOf(first) : 'failure')}">${xml(details)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  if (run.fatal || run.cleanup.leftBehind.length) {
    const message =
      run.fatal ??
      `${run.cleanup.leftBehind.length} alert(s) left behind: ${run.cleanup.leftBehind.map((alert) => alert.id).join(', ')}`;
    lines.push(
      '  <testsuite name="run" tests="1" failures="0" skipped="0" errors="1">',
      `    <testcase classname="contract.run" name="the run itself">`,
      `      <error message="${xml(message)}"/>`,
      '    </testcase>',
      '  </testsuite>',
    );
  }
  lines.push('</testsuites>', '');
  return redact(lines.join('\n'), options.secrets);
}
