// The two lint gates: Redocly (OpenAPI structure and this repo's stricter rules, redocly.yaml) and
// Spectral (core OpenAPI rules plus the OWASP API security ruleset, .spectral.yaml). Both run on the
// hand-written split spec, so every finding names a source file and line.
// Redocly's linter runs in this process, as a library (@redocly/openapi-core, the linter the CLI is
// built on; version 2.64.0, the newest published on its own, while the CLI's bundled copy is 2.77.0):
// a Redocly CLI process costs a second of start-up for a third of a second of linting.
// test/gates/lint-gates.test.ts holds its findings to `redocly lint`'s on planted defects.
// Spectral runs in a worker thread with the CLI's own modules (spectral-worker.mjs): the same findings
// and text as `spectral lint`, without a process start, and warm for `npm run dev`.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StepFailure, withoutToolNoise } from './steps.mjs';
import { ROOT, REDOCLY_CONFIG, SOURCE_SPEC } from './paths.mjs';
import { withRedocly } from './redocly-library.mjs';

export const SPECTRAL_RULESET = path.join(ROOT, '.spectral.yaml');
export const SPECTRAL_RESOLVER = path.join(ROOT, 'scripts', 'spectral-resolver.cjs');

const FIX_HINT = 'Fix each finding at the file and line shown above, then run `npm run lint` again.';

/**
 * Redocly's lint of `specPath` with redocly.yaml's rules (and .redocly.lint-ignore.yaml beside it).
 * Resolves when it finds nothing, warnings included; else throws a StepFailure with each finding as
 * `redocly lint --format=codeframe` prints it (file, line, the lines around it, the rule).
 * @param {string} [specPath]
 * @param {{ configPath?: string }} [options]
 */
export async function lintWithRedocly(specPath = SOURCE_SPEC, { configPath = REDOCLY_CONFIG } = {}) {
  const { totals, text } = await redoclyFindings(specPath, { configPath });
  if (totals.errors === 0 && totals.warnings === 0) {
    const ignored = totals.ignored ? ` (${totals.ignored} ignored in .redocly.lint-ignore.yaml)` : '';
    return `${path.relative(process.cwd(), specPath)}: no problems${ignored}.`;
  }
  const counts = [plural(totals.errors, 'error'), plural(totals.warnings, 'warning')].join(' and ');
  throw new StepFailure('Redocly lint found problems in the spec.', {
    details: withoutToolNoise(`${text}\n❌ Validation failed with ${counts}.`),
    hint: FIX_HINT,
  });
}

/**
 * Redocly's findings on `specPath`: their counts, and the text `redocly lint --format=<format>`
 * prints for them (`json`: the report the CLI writes, less its version field).
 * @param {string} specPath
 * @param {{ configPath?: string, format?: 'codeframe' | 'json' }} [options]
 * @returns {Promise<{ totals: { errors: number, warnings: number, ignored: number }, text: string }>}
 */
export async function redoclyFindings(specPath, { configPath = REDOCLY_CONFIG, format = 'codeframe' } = {}) {
  const { redocly, result: problems } = await withRedocly(
    'lint',
    { configPath, hint: 'A $ref probably points at a file that does not exist, or a file is not valid YAML.' },
    (library, config) => library.lint({ ref: specPath, config }),
  );
  const totals = redocly.getTotals(problems);
  const text = printedBy(redocly.logger, () =>
    redocly.formatProblems(problems, { format, color: false, totals, maxProblems: 100 }),
  );
  return { totals, text };
}

const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What `print` writes through Redocly's logger (its formatter prints; it returns nothing). */
function printedBy(logger, print) {
  const chunks = [];
  const { output, info } = logger;
  logger.output = (text) => chunks.push(text);
  logger.info = (text) => chunks.push(text);
  try {
    print();
  } finally {
    logger.output = output;
    logger.info = info;
  }
  return chunks.join('');
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
