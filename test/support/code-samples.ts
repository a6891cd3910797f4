// Running a code sample the way a reader would (curl in bash, JavaScript in node, Python in python3,
// TypeScript through the package's client) against the contract target, and judging the result.
//
// Why a recording proxy: a sample's own output cannot prove much. The curl samples exit 0 on a 401,
// the authentication page's JavaScript and Python samples print nothing, and the delete samples get
// a 204 with no body. So each sample runs with its base URL pointed at a proxy in front of the
// target, which records the exchange as the server answered it. A sample passes only if it exited
// 0, made exactly one request, to the operation it documents, with the expected key, and the server
// answered a 2xx that the operation documents with a body that validates against the spec; and,
// where it prints the body, printed exactly that body.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import { type JsonObject, type OperationEntry, resolve } from './openapi.js';
import { CLIENT_ENTRY } from '../../scripts/lib/paths.mjs';
import { runProcess } from '../../scripts/lib/processes.mjs';
import { startRecordingProxy, type Exchange } from './recording-proxy.js';
import type { SchemaValidator } from './schema-validator.js';

/** The server every sample is written against; the only thing a run substitutes. */
export const PUBLIC_BASE_URL = 'https://www.audioscrape.com';

const SAMPLE_TIMEOUT_MS = 30_000;

export interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

export interface SampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

interface Runner {
  file: string;
  /** The command that runs the sample written to `file` in `dir`. */
  command(dir: string, file: string, options: RunOptions): Promise<[string, string[]]>;
}

export interface RunOptions {
  /** What `audioscrape-api` resolves to in TypeScript samples. */
  clientEntry?: string;
  /** AUDIOSCRAPE_API_KEY for the sample's environment; defaults to the key it must send. */
  environmentApiKey?: string;
}

async function bundleTypeScript(dir: string, file: string, clientEntry: string): Promise<string> {
  const outfile = path.join(dir, 'sample.bundle.mjs');
  await build({
    entryPoints: [path.join(dir, file)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    alias: { 'audioscrape-api': clientEntry },
    logLevel: 'silent',
  });
  return outfile;
}

// Keyed by the x-codeSamples `lang`. JavaScript samples use top-level await, hence .mjs.
const RUNNERS: Record<string, Runner> = {
  Shell: { file: 'sample.sh', command: async (dir, file) => ['bash', [path.join(dir, file)]] },
  JavaScript: { file: 'sample.mjs', command: async (dir, file) => [process.execPath, [path.join(dir, file)]] },
  Python: { file: 'sample.py', command: async (dir, file) => ['python3', [path.join(dir, file)]] },
  TypeScript: {
    file: 'sample.ts',
    command: async (dir, file, { clientEntry = CLIENT_ENTRY }) => [
      process.execPath,
      [await bundleTypeScript(dir, file, clientEntry)],
    ],
  },
};

export const SUPPORTED_LANGS = Object.keys(RUNNERS);

export function runnerFor(lang: string): Runner {
  const runner = RUNNERS[lang];
  if (!runner) {
    throw new Error(
      `No runner for x-codeSamples lang "${lang}" (known: ${SUPPORTED_LANGS.join(', ')}). ` +
        'Every sample on the page must be proven to run: add a runner in test/support/code-samples.ts.',
    );
  }
  return runner;
}

/** The environment a reader would have, minus anything that could send the request elsewhere. */
function sampleEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(https?|all|no)_proxy$/i.test(name) || name === 'NODE_OPTIONS') delete env[name];
  }
  return { ...env, NO_PROXY: '127.0.0.1,localhost', PYTHONDONTWRITEBYTECODE: '1', ...extra };
}

async function runSampleProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<SampleRun> {
  try {
    const { code, stdout, stderr, timedOut } = await runProcess(command, args, {
      cwd,
      env,
      timeoutMs: SAMPLE_TIMEOUT_MS,
    });
    return { code, stdout, stderr, timedOut };
  } catch (error) {
    return {
      code: null,
      stdout: '',
      stderr: `could not start ${command}: ${(error as Error).message}`,
      timedOut: false,
    };
  }
}

/** Writes the sample with `baseUrl` in place of the public one and runs it; never throws on failure. */
export async function runSample(
  sample: CodeSample,
  baseUrl: string,
  env: Record<string, string>,
  options: RunOptions = {},
): Promise<SampleRun> {
  const runner = runnerFor(sample.lang);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-sample-'));
  try {
    await writeFile(path.join(dir, runner.file), sample.source.replaceAll(PUBLIC_BASE_URL, baseUrl));
    let command: [string, string[]];
    try {
      command = await runner.command(dir, runner.file, options);
    } catch (error) {
      return {
        code: null,
        stdout: '',
        stderr: `could not prepare the ${sample.lang} sample: ${String(error)}`,
        timedOut: false,
      };
    }
    return await runSampleProcess(
      command[0],
      command[1],
      sampleEnvironment({ ...env, AUDIOSCRAPE_BASE_URL: baseUrl }),
      dir,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
  return new RegExp(`^${escaped}(\\?.*)?$`);
}

function parseJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export interface SampleExpectations {
  spec: JsonObject;
  validator: SchemaValidator;
  entry: OperationEntry;
  /** The bearer token the sample must have sent. */
  apiKey: string;
  /** True when the sample is written to print the response body it got. */
  printsBody: boolean;
}

function problemsWithRun(run: SampleRun): string[] {
  if (run.timedOut) return [`did not finish within ${SAMPLE_TIMEOUT_MS / 1000} s`];
  if (run.code !== 0)
    return [`exited with ${run.code ?? 'no exit code'}: ${run.stderr.trim().slice(-800) || '(nothing on stderr)'}`];
  return [];
}

function problemsWithRequest(exchange: Exchange, { entry, apiKey }: SampleExpectations): string[] {
  const problems: string[] = [];
  if (exchange.method !== entry.method.toUpperCase() || !pathPattern(entry.path).test(exchange.url)) {
    problems.push(`called ${exchange.method} ${exchange.url}, not ${entry.method.toUpperCase()} ${entry.path}`);
  }
  if (exchange.requestHeaders.authorization !== `Bearer ${apiKey}`) {
    problems.push(
      `sent Authorization "${exchange.requestHeaders.authorization ?? '(none)'}", not the key it was given`,
    );
  }
  return problems;
}

function problemsWithResponse(
  exchange: Exchange,
  stdout: string,
  { spec, validator, entry, printsBody }: SampleExpectations,
): string[] {
  const documented = entry.operation.responses?.[String(exchange.status)];
  if (!/^2\d\d$/.test(String(exchange.status)) || !documented) {
    return [
      `got HTTP ${exchange.status}, which is not a documented 2xx of ${entry.label}: ${exchange.responseBody.slice(0, 300)}`,
    ];
  }
  const schema = resolve(spec, documented).content?.['application/json']?.schema;
  if (!schema) {
    return exchange.responseBody === ''
      ? []
      : [`HTTP ${exchange.status} is documented without a body, but one came back`];
  }
  const body = parseJson(exchange.responseBody);
  if (body.error) return [`HTTP ${exchange.status} body is not JSON (${body.error})`];
  const problems = validator.errors(schema, body.value).map((error) => `HTTP ${exchange.status} body: ${error}`);
  if (printsBody) {
    const printed = parseJson(stdout.trim());
    if (printed.error) problems.push(`printed something that is not JSON (${printed.error}): ${stdout.slice(0, 200)}`);
    else if (!isDeepStrictEqual(printed.value, body.value))
      problems.push('printed a body other than the one the server sent');
  }
  return problems;
}

/** Everything wrong with a finished run and what the proxy recorded; empty when the sample is proven. */
export function judgeSampleRun(run: SampleRun, exchanges: Exchange[], expectations: SampleExpectations): string[] {
  const problems = problemsWithRun(run);
  if (exchanges.length !== 1) return [...problems, `made ${exchanges.length} requests to the server, not exactly one`];
  const [exchange] = exchanges as [Exchange];
  return [
    ...problems,
    ...problemsWithRequest(exchange, expectations),
    ...problemsWithResponse(exchange, run.stdout, expectations),
  ];
}

/** Runs `sample` through a fresh recording proxy in front of `targetBaseUrl` and judges it. */
export async function proveSample(
  sample: CodeSample,
  targetBaseUrl: string,
  expectations: SampleExpectations,
  options: RunOptions = {},
): Promise<{ problems: string[]; run: SampleRun; exchanges: Exchange[] }> {
  const proxy = await startRecordingProxy(targetBaseUrl);
  try {
    const environment = { AUDIOSCRAPE_API_KEY: options.environmentApiKey ?? expectations.apiKey };
    const run = await runSample(sample, proxy.url, environment, options);
    return { problems: judgeSampleRun(run, proxy.exchanges, expectations), run, exchanges: proxy.exchanges };
  } finally {
    await proxy.close();
  }
}
