// Facts read out of the API's authentication page (the seed), so tests compare the contract with
// the page itself rather than with values typed into the test.
import { readFileSync } from 'node:fs';
import { SEED_PAGE } from '../../scripts/lib/paths.mjs';

export interface SeedErrorBody {
  status: number;
  raw: string;
  body: Record<string, unknown>;
}

const seedText = readFileSync(SEED_PAGE, 'utf8');

export function seedPageText(): string {
  return seedText;
}

/** The three error bodies on the page, each under a heading like "401 Unauthorized". */
export function seedErrorBodies(): SeedErrorBody[] {
  const bodies: SeedErrorBody[] = [];
  const pattern = /^(\d{3}) [A-Za-z ]+\n[^\n]+\n(\{"error".*\})$/gm;
  for (const match of seedText.matchAll(pattern)) {
    bodies.push({ status: Number(match[1]), raw: match[2]!, body: JSON.parse(match[2]!) });
  }
  return bodies;
}

/** The plan table's lines, header and separator included, exactly as the page has them. */
export function seedPlanTableLines(): string[] {
  return seedText.split('\n').filter((line) => line.startsWith('|'));
}

/** The plan table's rows below its header, as trimmed cells: ['Free', '100', '10/minute']. */
export function seedPlanRows(): string[][] {
  return seedPlanTableLines()
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim())
        .filter(Boolean),
    );
}

/** A plan's per-minute limit from the seed's table: `| Free | 100 | 10/minute |` → 10. */
export function seedPerMinute(plan: string): number {
  const row = seedPlanRows().find(([name]) => name === plan);
  if (!row) throw new Error(`No plan ${plan} in the seed's table`);
  return Number.parseInt(row[2]!, 10);
}

/** The four "Getting Your API Key" steps: [title, text] pairs. */
export function seedKeySteps(): Array<[string, string]> {
  const section = seedText.slice(seedText.indexOf('Getting Your API Key'), seedText.indexOf('Using Your API Key'));
  const steps: Array<[string, string]> = [];
  for (const match of section.matchAll(/^\d\n([^\n]+)\n([^\n]+)$/gm)) steps.push([match[1]!, match[2]!]);
  return steps;
}

/** The security best practices, one per bullet. */
export function seedBestPractices(): string[] {
  const section = seedText.slice(seedText.indexOf('Security Best Practices'), seedText.indexOf('Rate Limits'));
  return [...section.matchAll(/^- • (.+)$/gm)].map((match) => match[1]!);
}

/** The search URL used by every sample on the page. */
export function seedSearchUrl(): string {
  return /curl -X POST "([^"]+)"/.exec(seedText)![1]!;
}

/**
 * The page's three code samples (curl, JavaScript, Python), exactly as printed, each cut from the
 * line that starts it to the heading that follows it. `lang` is the x-codeSamples name of the language.
 */
export function seedCodeSamples(): Array<{ lang: string; label: string; source: string }> {
  const between = (start: string, end: string, { includeStart }: { includeStart: boolean }) => {
    const from = seedText.indexOf(start);
    const to = seedText.indexOf(end, from);
    if (from < 0 || to < 0) throw new Error(`The seed page has no block between "${start}" and "${end}"`);
    return `${seedText.slice(includeStart ? from : from + start.length, to).trim()}\n`;
  };
  return [
    {
      lang: 'Shell',
      label: 'curl',
      source: between('curl -X POST', 'Example: JavaScript/Node.js', { includeStart: true }),
    },
    {
      lang: 'JavaScript',
      label: 'JavaScript/Node.js',
      source: between('Example: JavaScript/Node.js', 'Example: Python', { includeStart: false }),
    },
    { lang: 'Python', label: 'Python', source: between('Example: Python', 'Error Responses', { includeStart: false }) },
  ];
}
