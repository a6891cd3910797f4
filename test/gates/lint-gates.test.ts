// The lint gates can fail: each copy of the spec below carries one defect, and the lint must reject
// it with a message that names the rule and the file. The untouched spec must pass, so a failure is
// the defect's doing and nothing else's.
//
// `npm run lint` itself runs twice: on the project's spec (it passes) and on a project copy with the
// first defect (exit code, findings of both linters, the hint). The other defects are planted in spec
// fixtures (openapi/ and the configs, no project copy) and linted with the two functions the command
// calls, Redocly's lint and Spectral's (one Spectral thread for all of them), their failures printed
// as the command prints them. The untouched fixture passes those functions too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lintSpec,
  lintWithRedocly,
  redoclyFindings,
  SPECTRAL_RESOLVER,
  SpectralLinter,
} from '../../scripts/lib/lint.mjs';
import { runNpmScript } from '../../scripts/lib/project-copy.mjs';
import { runTool, StepFailure, withoutToolNoise } from '../../scripts/lib/steps.mjs';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { projectCopyForTest } from '../support/project-copy.js';
import { runGateInProcess } from '../support/in-process-gate.js';
import { type SpecFixture, specFixtureForTest } from '../support/spec-fixture.js';

interface Defect {
  name: string;
  file: string;
  search: string | RegExp;
  replacement: string;
  /** What the failure output must mention: the rule(s) and where. */
  expected: RegExp[];
}

const DEFECTS: Defect[] = [
  {
    name: 'a 429 response without Retry-After',
    file: 'openapi/components/responses/TooManyRequests.yaml',
    search: '  Retry-After:\n    $ref: ../headers/RetryAfter.yaml\n',
    replacement: '',
    expected: [/owasp:api4:2023-rate-limit-retry-after/, /TooManyRequests\.yaml/, /response-contains-header/],
  },
  {
    name: 'an example that breaks its schema',
    file: 'openapi/components/examples/SearchResponseHits.yaml',
    search: 'took_ms: 38',
    replacement: 'took_ms: fast',
    expected: [/no-invalid-media-type-examples/, /took_ms/, /SearchResponseHits\.yaml/],
  },
  {
    name: 'an operation without the 401 response',
    file: 'openapi/paths/api_me.yaml',
    search: "    '401':\n      $ref: ../components/responses/Unauthorized.yaml\n",
    replacement: '',
    expected: [/owasp:api8:2023-define-error-responses-401/, /api_me\.yaml/],
  },
  {
    name: 'an unbounded string',
    file: 'openapi/components/schemas/SearchTerm.yaml',
    search: 'maxLength: 200\n',
    replacement: '',
    expected: [/owasp:api4:2023-string-limit/, /SearchTerm\.yaml/],
  },
  {
    name: 'a 2xx response without the rate-limit headers',
    file: 'openapi/paths/api_me.yaml',
    search: /      headers:\n(        X-RateLimit-\w+:\n          \$ref: [^\n]+\n)+/,
    replacement: '',
    expected: [/owasp:api4:2023-rate-limit\b/, /response-contains-header/, /api_me\.yaml/],
  },
  {
    name: 'a request body open to extra properties',
    file: 'openapi/components/schemas/CreateKeywordAlertRequest.yaml',
    search: 'additionalProperties: false\n',
    replacement: '',
    expected: [/audioscrape-closed-objects/, /CreateKeywordAlertRequest\.yaml/],
  },
  {
    name: 'an operation whose security makes the key optional ({} beside bearerAuth)',
    file: 'openapi/paths/api_me.yaml',
    search: '  operationId: getMe\n',
    replacement: '  operationId: getMe\n  security:\n    - {}\n    - bearerAuth: []\n',
    expected: [/audioscrape-no-optional-auth/, /api_me\.yaml/, /get\.security\[0\]/],
  },
  {
    name: 'a root security that makes the key optional',
    file: 'openapi/openapi.yaml',
    search: 'security:\n  - bearerAuth: []\n',
    replacement: 'security:\n  - bearerAuth: []\n  - {}\n',
    expected: [/audioscrape-no-optional-auth/, /openapi\.yaml/, /security\[1\]/],
  },
  {
    name: 'an operation that takes input but has no 400',
    file: 'openapi/paths/api_v1_search.yaml',
    search: "    '400':\n      $ref: ../components/responses/BadRequest.yaml\n",
    replacement: '',
    expected: [/audioscrape-400-when-input/, /api_v1_search\.yaml/],
  },
];

/**
 * What `npm run lint` decides and prints for the fixture's spec, through the same lintSpec it calls
 * (with the fixture's ruleset for Spectral): each failure's findings, then the failure and its hint.
 * Any other error is thrown, as the command would crash on it.
 */
async function lintFixture(
  fixture: SpecFixture,
  spectral: SpectralLinter,
): Promise<{ failed: boolean; output: string }> {
  const { code, output } = await runGateInProcess(({ print }) =>
    lintSpec(fixture.specPath, {
      linters: [
        ['Redocly lint', (specPath) => lintWithRedocly(specPath)],
        ['Spectral lint', (specPath) => spectral.lint(specPath, { rulesetPath: fixture.rulesetPath })],
      ],
      report: print,
    }),
  );
  return { failed: code !== 0, output };
}

describe.concurrent('npm run lint', () => {
  let spectral: SpectralLinter;
  beforeAll(() => {
    spectral = new SpectralLinter();
  });
  afterAll(() => spectral.close());

  it('passes on the untouched spec with zero errors and zero warnings', async (context) => {
    // The command writes nothing, so it runs on the project itself.
    const [{ code, output }, fixture] = await Promise.all([runNpmScript(ROOT, 'lint'), specFixtureForTest(context)]);
    expect(output).toContain('Lint passed: zero errors, zero warnings.');
    expect(code).toBe(0);
    // The fixtures the defects are planted in pass as they are.
    const untouched = await lintFixture(fixture, spectral);
    expect(untouched.failed, untouched.output).toBe(false);
  });

  it.for(DEFECTS)('fails on $name, naming the defect', async (defect, context) => {
    let failed: boolean;
    let output: string;
    if (defect === DEFECTS[0]) {
      const copy = await projectCopyForTest(context);
      await copy.edit(defect.file, defect.search, defect.replacement);
      const run = await copy.run('lint');
      failed = run.code !== 0;
      output = run.output;
    } else {
      const fixture = await specFixtureForTest(context);
      await fixture.edit(defect.file, defect.search, defect.replacement);
      ({ failed, output } = await lintFixture(fixture, spectral));
    }
    expect(failed).toBe(true);
    for (const pattern of defect.expected) expect(output).toMatch(pattern);
    expect(output).toMatch(/Fix each finding at the file and line shown above/);
  });
});

describe("Redocly's linter, run in-process", () => {
  it('finds exactly what `redocly lint` finds, with every defect above planted at once', async (context) => {
    const fixture = await specFixtureForTest(context);
    for (const defect of DEFECTS) await fixture.edit(defect.file, defect.search, defect.replacement);
    const [inProcess, cli] = await Promise.all([
      redoclyFindings(fixture.specPath, { format: 'json' }),
      runTool('redocly', ['lint', fixture.specPath, '--format=json']),
    ]);
    const { version: _cliVersion, ...fromCli } = JSON.parse(cli.stdout);
    const { version: _ourVersion, ...ours } = JSON.parse(inProcess.text);
    expect(fromCli.problems.length, 'the planted defects include ones Redocly reports').toBeGreaterThanOrEqual(4);
    expect(ours).toEqual(fromCli);
  });
});

describe('Spectral in its worker thread', () => {
  it('prints exactly what `spectral lint` prints, with every defect above planted at once', async (context) => {
    const fixture = await specFixtureForTest(context);
    for (const defect of DEFECTS) await fixture.edit(defect.file, defect.search, defect.replacement);
    const spectral = new SpectralLinter();
    context.onTestFinished(async () => {
      await spectral.close();
    });
    const [ours, cli] = await Promise.all([
      spectral.lint(fixture.specPath, { rulesetPath: fixture.rulesetPath }).then(
        () => null,
        (error: StepFailure) => error,
      ),
      runTool('spectral', [
        'lint',
        fixture.specPath,
        '--ruleset',
        fixture.rulesetPath,
        '--resolver',
        SPECTRAL_RESOLVER,
        '--fail-severity=warn',
        '--format=stylish',
      ]),
    ]);
    expect(cli.code, 'the planted defects fail spectral lint').not.toBe(0);
    expect(ours, 'the planted defects fail the worker too').toBeInstanceOf(StepFailure);
    expect(ours!.details).toBe(withoutToolNoise(cli.stdout));
  });
});
