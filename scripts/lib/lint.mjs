// The two lint gates: Redocly (OpenAPI structure and this repo's stricter rules, redocly.yaml) and
// Spectral (core OpenAPI rules plus the OWASP API security ruleset, .spectral.yaml). Both run on the
// hand-written split spec, so every finding names a source file and line.
import path from 'node:path';
import { ROOT, StepFailure, runTool, withoutToolNoise } from './steps.mjs';

export const SOURCE_SPEC = path.join(ROOT, 'openapi', 'openapi.yaml');

const REDOCLY_WARNINGS = /You have (\d+) warnings?/;

export async function lintWithRedocly(specPath = SOURCE_SPEC) {
  const { code, stdout, stderr } = await runTool('redocly', ['lint', specPath, '--format=codeframe']);
  const output = withoutToolNoise(`${stdout}\n${stderr}`);
  const warnings = Number(REDOCLY_WARNINGS.exec(output)?.[1] ?? 0);
  if (code !== 0 || warnings > 0) {
    throw new StepFailure('Redocly lint found problems in the spec.', {
      details: output,
      hint: 'Fix each finding at the file and line shown above, then run `npm run lint` again.',
    });
  }
  return output;
}

export async function lintWithSpectral(specPath = SOURCE_SPEC) {
  const { code, stdout, stderr } = await runTool('spectral', [
    'lint',
    specPath,
    '--ruleset',
    path.join(ROOT, '.spectral.yaml'),
    '--resolver',
    path.join(ROOT, 'scripts', 'spectral-resolver.cjs'),
    '--fail-severity=warn',
    '--format=stylish',
  ]);
  const output = withoutToolNoise(`${stdout}\n${stderr}`);
  if (code !== 0) {
    throw new StepFailure('Spectral (spectral:oas + OWASP) found problems in the spec.', {
      details: output,
      hint:
        'Fix each finding at the file and line shown above, then run `npm run lint` again. ' +
        'A rule may only be turned off in .spectral.yaml, with a comment saying why.',
    });
  }
  return output;
}
