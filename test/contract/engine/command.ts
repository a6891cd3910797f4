// `npm run contract -- --base-url URL`: the contract held against a real server (staging, production)
// by the team that runs it. Reads its options and keys, prints the plan before the first request,
// runs within the budget, prints the summary grouped by defect, writes the JUnit report, and says by
// its exit code how it went: 0 nothing failed, 1 a check failed (or an alert was left behind),
// 2 the run could not start or go on, 130 interrupted. scripts/contract.mjs is its process wrapper;
// the tests call it directly, with a clock tied to the mock's.
import { parseArgs } from 'node:util';
import type { SecretNames } from './http.js';
import { type Pacing, realPacing } from './pacing.js';
import { formatSummary, junitReport, redact, runPassed } from './report.js';
import { DEFAULT_MAX_REQUESTS, DEFAULT_MAX_WAIT_SECONDS, runContract } from './runner.js';
import { chooseSeed } from './suite.js';

export const KEY_VARIABLE = 'AUDIOSCRAPE_API_KEY';
export const LIMITED_KEY_VARIABLE = 'AUDIOSCRAPE_LIMITED_API_KEY';

export const USAGE = `Usage: npm run contract -- --base-url <URL> [options]   (the key comes from ${KEY_VARIABLE})

  --base-url URL          the server to check (or CONTRACT_BASE_URL)
  --max-requests N        the most requests the run sends, all keys and none counted (default ${DEFAULT_MAX_REQUESTS})
  --limited-key KEY       a second key, on a plan that lacks a permission, for the 403 checks
                          (better: ${LIMITED_KEY_VARIABLE}, which stays out of your shell history)
  --provoke-rate-limit    also check the 429: requests until the server refuses, then wait as it says
  --max-wait SECONDS      the longest single wait for the rate limit (default ${DEFAULT_MAX_WAIT_SECONDS})
  --report junit=FILE     also write a JUnit XML report to FILE
  --seed N                replay the generated inputs of an earlier run (or CONTRACT_SEED)
  --optional-headers expect|allow-missing
                          whether the optional rate headers must be sent (default expect;
                          or CONTRACT_OPTIONAL_HEADERS)`;

export interface CommandIo {
  env: Readonly<Record<string, string | undefined>>;
  /** One line of output (no newline). */
  print: (line: string) => void;
  writeFile: (file: string, text: string) => Promise<void>;
  pacing?: Pacing;
  signal?: AbortSignal;
  cleanupSignal?: AbortSignal;
  /** For tests: the run's marker id (random otherwise). */
  runId?: string;
}

class UsageError extends Error {
  constructor(
    message: string,
    readonly hint = 'Run `npm run contract -- --help` for the options.',
  ) {
    super(message);
  }
}

function positiveInteger(value: string, flag: string, minimum: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < minimum)
    throw new UsageError(`${flag} must be a whole number of at least ${minimum}, not "${value}".`);
  return number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function baseUrlOf(value: string | undefined): string {
  if (!value)
    throw new UsageError('Which server? Give --base-url https://staging.example.com (or set CONTRACT_BASE_URL).');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url must be a URL such as https://staging.example.com, not "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--base-url must be an http(s) URL, not ${url.protocol}.`);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new UsageError(
      `--base-url ${url.origin} is plain http: the key would cross the network unencrypted.`,
      'Use https (plain http is accepted for localhost only).',
    );
  }
  return url.href.replace(/\/$/, '');
}

function junitFile(reports: string[]): string | undefined {
  let file: string | undefined;
  for (const report of reports) {
    const match = /^junit=(.+)$/.exec(report);
    if (!match) throw new UsageError(`--report takes junit=FILE, not "${report}".`);
    file = match[1];
  }
  return file;
}

export interface CommandOptions {
  baseUrl: string;
  apiKey: string;
  limitedKey: string | undefined;
  maxRequests: number;
  maxWaitSeconds: number;
  provokeRateLimit: boolean;
  seed: number;
  optionalHeaders: 'expect' | 'allow-missing';
  junit: string | undefined;
}

/** The command's flags, or a UsageError naming the one it does not know. */
function readFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        'max-requests': { type: 'string' },
        'max-wait': { type: 'string' },
        'limited-key': { type: 'string' },
        'provoke-rate-limit': { type: 'boolean' },
        report: { type: 'string', multiple: true },
        seed: { type: 'string' },
        'optional-headers': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The options from the command line and the environment; undefined for --help. */
export function parseCommandOptions(argv: string[], env: CommandIo['env']): CommandOptions | undefined {
  const parsed = readFlags(argv);
  if (parsed.help) return undefined;
  const apiKey = env[KEY_VARIABLE];
  if (!apiKey)
    throw new UsageError(
      `${KEY_VARIABLE} is not set: the run needs the key to call the server with.`,
      `${KEY_VARIABLE}=<your key> npm run contract -- --base-url <URL>`,
    );
  const optionalHeaders = parsed['optional-headers'] ?? env.CONTRACT_OPTIONAL_HEADERS ?? 'expect';
  if (optionalHeaders !== 'expect' && optionalHeaders !== 'allow-missing')
    throw new UsageError(`--optional-headers must be "expect" or "allow-missing", not "${optionalHeaders}".`);
  let seed: number;
  try {
    seed = chooseSeed({ CONTRACT_SEED: parsed.seed ?? env.CONTRACT_SEED });
  } catch (error) {
    throw new UsageError((error as Error).message.replace('CONTRACT_SEED', '--seed (or CONTRACT_SEED)'));
  }
  const limitedKey = parsed['limited-key'] ?? env[LIMITED_KEY_VARIABLE];
  if (limitedKey !== undefined && limitedKey === apiKey)
    throw new UsageError(`The limited key is ${KEY_VARIABLE} itself; give a key on another plan.`);
  return {
    baseUrl: baseUrlOf(parsed['base-url'] ?? env.CONTRACT_BASE_URL),
    apiKey,
    limitedKey: limitedKey || undefined,
    maxRequests:
      parsed['max-requests'] === undefined
        ? DEFAULT_MAX_REQUESTS
        : positiveInteger(parsed['max-requests'], '--max-requests', 1),
    maxWaitSeconds:
      parsed['max-wait'] === undefined
        ? DEFAULT_MAX_WAIT_SECONDS
        : positiveInteger(parsed['max-wait'], '--max-wait', 0),
    provokeRateLimit: parsed['provoke-rate-limit'] === true,
    seed,
    optionalHeaders,
    junit: junitFile(parsed.report ?? []),
  };
}

function secretsOf(options: Pick<CommandOptions, 'apiKey' | 'limitedKey'>): SecretNames {
  const secrets = new Map([[options.apiKey, KEY_VARIABLE]]);
  if (options.limitedKey) secrets.set(options.limitedKey, LIMITED_KEY_VARIABLE);
  return secrets;
}

/** The whole command; resolves with its exit code. */
export async function runContractCommand(argv: string[], io: CommandIo): Promise<number> {
  let options: CommandOptions | undefined;
  try {
    options = parseCommandOptions(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const secrets = new Map(
      [io.env[KEY_VARIABLE], io.env[LIMITED_KEY_VARIABLE]]
        .filter((key): key is string => Boolean(key))
        .map((key) => [key, 'key']),
    );
    io.print(redact(`✘ ${error.message}`, secrets));
    io.print(`  → ${error.hint}`);
    return 2;
  }
  if (!options) {
    io.print(USAGE);
    return 0;
  }
  const secrets = secretsOf(options);
  const print = (line: string) => io.print(redact(line, secrets));
  const started = (io.pacing ?? realPacing).now();
  const run = await runContract({
    ...options,
    pacing: io.pacing ?? realPacing,
    print,
    signal: io.signal,
    cleanupSignal: io.cleanupSignal,
    ...(io.runId ? { runId: io.runId } : {}),
  });
  for (const line of formatSummary(run, { baseUrl: options.baseUrl, secrets })) io.print(line);
  print(`  (${Math.round(((io.pacing ?? realPacing).now() - started) / 100) / 10} s in all)`);
  if (options.junit) {
    await io.writeFile(options.junit, junitReport(run, { baseUrl: options.baseUrl, secrets }));
    print(`JUnit report: ${options.junit}`);
  }
  if (run.interrupted) return 130;
  if (run.fatal) return 2;
  return runPassed(run) ? 0 : 1;
}
