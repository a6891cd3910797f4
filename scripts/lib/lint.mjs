// The two lint gates: Redocly (OpenAPI structure and this repo's stricter rules, redocly.yaml) and
// Spectral (core OpenAPI rules plus the OWASP API security ruleset, .spectral.yaml). Both run on the
// hand-written split spec, so every finding names a source file and line.
// Redocly CLI 2 has no JavaScript API (it ships as one bundled file), so it runs as its own process.
// (Its bundler is published as @redocly/openapi-core, which the build uses; its linter is not the
// same version as the CLI's, so lint stays with the CLI that CI and editors run.)
// Spectral runs in a worker thread with the CLI's own modules (spectral-worker.mjs): the same findings
// and text as `spectral lint`, without a process start, and warm for `npm run dev`.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StepFailure, runTool, withoutToolNoise } from './steps.mjs';
import { ROOT, SOURCE_SPEC } from './paths.mjs';

export const SPECTRAL_RULESET = path.join(ROOT, '.spectral.yaml');
export const SPECTRAL_RESOLVER = path.join(ROOT, 'scripts', 'spectral-resolver.cjs');

const REDOCLY_WARNINGS = /You have (\d+) warnings?/;
const FIX_HINT = 'Fix each finding at the file and line shown above, then run `npm run lint` again.';

/** @param {string} [specPath] @param {{ signal?: AbortSignal }} [options] */
export async function lintWithRedocly(specPath = SOURCE_SPEC, { signal } = {}) {
  const { code, stdout, stderr } = await runTool('redocly', ['lint', specPath, '--format=codeframe'], { signal });
  const output = withoutToolNoise(`${stdout}\n${stderr}`);
  const warnings = Number(REDOCLY_WARNINGS.exec(output)?.[1] ?? 0);
  if (code !== 0 || warnings > 0) {
    throw new StepFailure('Redocly lint found problems in the spec.', { details: output, hint: FIX_HINT });
  }
  return output;
}

const SPECTRAL_WORKER = new URL('./spectral-worker.mjs', import.meta.url);

/** Spectral in its own thread; `lint(specPath)` may be called again and again (npm run dev). */
export class SpectralLinter {
  #worker;
  #pending = new Map();
  #nextId = 0;

  constructor() {
    this.#worker = new Worker(SPECTRAL_WORKER, { workerData: { root: ROOT } });
    this.#worker.on('message', ({ id, result, crash }) => {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (crash)
        pending?.reject(
          new StepFailure('Spectral could not lint the spec.', {
            details: crash,
            hint: 'A $ref probably points at a file that does not exist, or a file is not valid YAML.',
          }),
        );
      else pending?.resolve(result);
    });
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', () => this.#failAll(new Error('the Spectral thread stopped')));
    this.#worker.unref();
  }

  #failAll(error) {
    for (const pending of this.#pending.values())
      pending.reject(new StepFailure(`Spectral stopped: ${error.message ?? error}`));
    this.#pending.clear();
  }

  /**
   * Resolves with Spectral's output when nothing at warning level or above was found; else throws it.
   * `rulesetPath`: another copy of .spectral.yaml (tests lint spec fixtures beside their own copy).
   */
  async lint(specPath = SOURCE_SPEC, { rulesetPath = SPECTRAL_RULESET } = {}) {
    const id = this.#nextId++;
    const request = { specPath, rulesetPath, resolverPath: SPECTRAL_RESOLVER, failSeverity: 'warn' };
    const { failed, output } = await new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, request });
    });
    if (failed) {
      throw new StepFailure('Spectral (spectral:oas + OWASP) found problems in the spec.', {
        details: withoutToolNoise(output),
        hint: `${FIX_HINT} A rule may only be turned off in .spectral.yaml, with a comment saying why.`,
      });
    }
    return output;
  }

  close() {
    return this.#worker.terminate();
  }
}

/** @typedef {[name: string, lint: (specPath: string) => Promise<unknown>]} NamedLinter */

/** What `npm run lint` runs, in order. @type {NamedLinter[]} */
export const SPEC_LINTERS = [
  ['Redocly lint', (specPath) => lintWithRedocly(specPath)],
  ['Spectral lint (spectral:oas + OWASP)', (specPath) => lintWithSpectral(specPath)],
];

/**
 * Runs every linter on the spec, all of them so one run shows every finding, and hands each
 * failure's findings to `report`. Throws one StepFailure naming every failure, with the first one's
 * hint; any other error is thrown as it is.
 * @param {string} specPath
 * @param {{ linters?: NamedLinter[], run?: (name: string, lint: () => Promise<unknown>) => Promise<unknown>,
 *   report?: (details: string) => void }} [options] `run` wraps each linter (npm run lint passes `step`).
 */
export async function lintSpec(
  specPath,
  { linters = SPEC_LINTERS, run = (_name, lint) => lint(), report = (details) => console.error(`\n${details}\n`) } = {},
) {
  /** @type {StepFailure[]} */
  const failures = [];
  for (const [name, lint] of linters) {
    try {
      await run(name, () => lint(specPath));
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      if (error.details) report(error.details);
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new StepFailure(`Lint failed: ${failures.map((failure) => failure.message).join(' ')}`, {
      hint: failures[0]?.hint,
    });
  }
}

/** One Spectral run (npm run lint, npm run check). */
export async function lintWithSpectral(specPath = SOURCE_SPEC) {
  const linter = new SpectralLinter();
  try {
    return await linter.lint(specPath);
  } finally {
    await linter.close();
  }
}
