// Redocly's linter and bundler as a library (@redocly/openapi-core), for the lint and bundle steps:
// loaded only when a step calls it (a build with nothing to do never needs it), with the project's
// redocly.yaml (or another project's, in tests).
import { StepFailure } from './steps.mjs';
import { REDOCLY_CONFIG } from './paths.mjs';

/**
 * Runs `work(redocly, config)` and resolves with the library and what `work` resolved with. A throw
 * from `work` (a $ref to a missing file, a file that is not YAML) becomes a StepFailure saying
 * "Redocly could not <verb> the spec." with the error as its details and `hint`.
 * @template T
 * @param {string} verb what `work` does to the spec: "lint", "bundle"
 * @param {{ configPath?: string, hint: string }} options
 * @param {(redocly: typeof import('@redocly/openapi-core'), config: any) => Promise<T>} work
 * @returns {Promise<{ redocly: typeof import('@redocly/openapi-core'), result: T }>}
 */
export async function withRedocly(verb, { configPath = REDOCLY_CONFIG, hint }, work) {
  const redocly = await import('@redocly/openapi-core');
  const config = await redocly.loadConfig({ configPath });
  try {
    return { redocly, result: await work(redocly, config) };
  } catch (error) {
    throw new StepFailure(`Redocly could not ${verb} the spec.`, { details: String(error?.message ?? error), hint });
  }
}
