// Every command the README, the guides, CONTRIBUTING.md and openapi/README.md show, and what runs it.
// readme-and-guides.test.ts holds the docs to this list: a command shown but not listed fails, a
// listed one no longer shown fails, and a runner that no longer contains its `evidence` fails.
//
// - `runBy`: the test file (or CI script) that runs the command, and `evidence`: pieces of that
//   file's source that show it does. Where the test runs it against a local stand-in for something
//   it cannot reach (a staging server, the npm registry), `note` says so.
// - `block`: every command of a shell block, which the test extracts from the guide and runs as shown.
// - `notRun`: why no test can run it. Such commands are listed here, never silently skipped.

export interface RunByTest {
  command: string;
  runBy: string;
  evidence: string[];
  note?: string;
}

export interface RunAsBlock {
  /** The shell block: the first one under this heading of this file. */
  block: { file: string; heading: string };
  runBy: string;
  evidence: string[];
}

export interface NotRun {
  command: string;
  notRun: string;
}

export type Coverage = RunByTest | RunAsBlock | NotRun;

const BENCHMARKS_NOT_RUN =
  'A benchmark: minutes of deliberate load, and timing belongs in `npm run bench`, never in a test (the working agreement). Run by hand; bench/results.md holds the last full run.';

export const COMMAND_COVERAGE: Coverage[] = [
  // Set up
  {
    command: 'npm install',
    runBy: '.ci/run',
    evidence: ['run_gate install npm ci --no-audit --no-fund'],
    note: 'CI installs with npm ci, which installs exactly package-lock.json, as npm install does on a clean clone.',
  },
  { command: 'npm ci', runBy: '.ci/run', evidence: ['run_gate install npm ci --no-audit --no-fund'] },
  {
    command: 'npm ci --no-audit --no-fund',
    runBy: '.ci/run',
    evidence: ['run_gate install npm ci --no-audit --no-fund'],
  },
  { command: 'npm start', runBy: 'test/mock/start-command.test.ts', evidence: ["'scripts', 'start.mjs'"] },
  {
    command: 'npm test',
    runBy: '.ci/run',
    evidence: ['npm test -- --reporter=default'],
    note: 'The suite itself: CI runs it, a test cannot.',
  },
  {
    command: 'brew install oasdiff',
    notRun:
      'Needs macOS with Homebrew and the network. The GitHub workflow puts the same oasdiff on PATH with Go instead (below).',
  },
  {
    command: 'go install github.com/oasdiff/oasdiff@v1.15.0',
    runBy: '.github/workflows/ci.yml',
    evidence: ['go install github.com/oasdiff/oasdiff@v1.15.0'],
    note: 'On the macOS and Windows runners.',
  },
  {
    command: 'sudo apt-get install -y --no-install-recommends chromium',
    notRun:
      'Needs root and changes the machine. .ci/run installs the same package the same way when /usr/bin/chromium is missing (apt-get install --no-install-recommends chromium, through sudo -n).',
  },

  // The mock
  { command: 'npm run mock', runBy: 'test/mock/mock-command.test.ts', evidence: ["'scripts', 'mock.mjs'"] },
  { command: 'npm run mock -- --static', runBy: 'test/mock/mock-command.test.ts', evidence: ["startMock('--static'"] },
  {
    command: 'npm run mock -- --clock 2026-11-27T10:00:00Z',
    runBy: 'test/mock/mock-command.test.ts',
    evidence: ["startMock('--clock', '2026-11-27T10:00:00Z'"],
  },
  {
    block: { file: 'guides/mock.md', heading: 'The mock server: `npm run mock`' },
    runBy: 'test/mock/readme-examples.test.ts',
    evidence: ["path.join(ROOT, 'guides', 'mock.md')", "'## The mock server'"],
  },
  {
    command: 'npx msw init public/ --save',
    runBy: 'test/msw/browser.test.ts',
    evidence: ["[cli, 'init', siteDir, '--no-save']"],
    note: 'msw init from the installed msw, into the test page folder, with --no-save: the test must not edit package.json.',
  },
  {
    command: 'npm run proxy',
    runBy: 'test/contract/validation-proxy.test.ts',
    evidence: ["'scripts', 'proxy.mjs'), upstreamUrl"],
  },
  {
    command: 'npm run proxy -- <upstream URL>',
    runBy: 'test/contract/validation-proxy.test.ts',
    evidence: ["'scripts', 'proxy.mjs'), upstreamUrl"],
    note: 'A local upstream.',
  },
  {
    command: 'npm run proxy -- https://www.audioscrape.com',
    runBy: 'test/contract/validation-proxy.test.ts',
    evidence: ["'scripts', 'proxy.mjs'), upstreamUrl"],
    note: 'In front of a local upstream: tests reach no network but the npm registry.',
  },

  // Contract tests
  {
    command: 'export AUDIOSCRAPE_API_KEY=...',
    runBy: 'test/contract/command-process.test.ts',
    evidence: ['AUDIOSCRAPE_API_KEY: ENTERPRISE_KEY'],
  },
  {
    command: 'export AUDIOSCRAPE_LIMITED_API_KEY=...',
    runBy: 'test/contract/command-process.test.ts',
    evidence: ['AUDIOSCRAPE_LIMITED_API_KEY: LIMITED_KEY'],
  },
  {
    command: 'npm run contract',
    runBy: 'test/contract/command-process.test.ts',
    evidence: ["'scripts', 'contract.mjs'"],
  },
  {
    command: 'npm run contract -- --base-url <URL>',
    runBy: 'test/contract/command-process.test.ts',
    evidence: ["'scripts', 'contract.mjs'", "'--base-url', mock.url"],
  },
  {
    command: 'npm run contract -- --base-url https://staging.audioscrape.com',
    runBy: 'test/contract/command-process.test.ts',
    evidence: ["'scripts', 'contract.mjs'", "'--base-url', mock.url"],
    note: 'Against the realistic mock in place of staging.',
  },
  {
    command: 'npm run contract -- --base-url https://staging.audioscrape.com --report junit=reports/contract.xml',
    runBy: 'test/contract/command-process.test.ts',
    evidence: ["'--base-url', mock.url, '--report', `junit=${junit}`"],
    note: 'Against the realistic mock in place of staging, the report in a scratch folder.',
  },
  {
    command: 'npm run contract -- --base-url https://staging.audioscrape.com --provoke-rate-limit',
    runBy: 'test/contract/command.test.ts',
    evidence: ["run(['--provoke-rate-limit'])"],
    note: "The command's own module in-process (what scripts/contract.mjs calls), against the realistic mock with its clock moved instead of waiting.",
  },
  {
    command: 'npm run test:contract',
    runBy: 'test/contract/external-target.test.ts',
    evidence: ["'run', '--config', 'test/vitest.config.ts', 'test/contract/contract.test.ts'"],
  },
  {
    command: 'CONTRACT_BASE_URL=https://staging.example.com AUDIOSCRAPE_API_KEY=... npm run test:contract',
    runBy: 'test/contract/external-target.test.ts',
    evidence: ['CONTRACT_BASE_URL: second.url', "AUDIOSCRAPE_API_KEY: 'enterprise_second-instance'"],
    note: 'With a second realistic mock in place of staging.',
  },

  // The client
  {
    command: 'npm install audioscrape-api',
    runBy: 'test/client/package.test.ts',
    evidence: ["npm('install', tarball"],
    note: 'Installs the package as `npm pack` makes it from this checkout: the registry holds a published version, not this code.',
  },
  {
    command: 'export AUDIOSCRAPE_API_KEY=your-key',
    runBy: 'test/client/package.test.ts',
    evidence: ['AUDIOSCRAPE_API_KEY: TEST_KEY'],
    note: "With the key of the test's local server.",
  },
  { command: 'npm pack', runBy: 'test/client/package.test.ts', evidence: ["npm('pack', '--json'"] },
  { command: 'npm pack --json', runBy: 'test/client/package.test.ts', evidence: ["npm('pack', '--json'"] },
  {
    command: 'npm publish',
    notRun:
      'Publishes to the npm registry for everyone: never from a test. npm pack runs the same prepack and postpack, and the package test installs what it packs.',
  },

  // The docs
  { command: 'npm run docs', runBy: 'test/docs/page-build.test.ts', evidence: ["copy.run('docs')"] },
  {
    command: 'npm run docs:serve',
    runBy: 'test/docs/page-build.test.ts',
    evidence: ["'scripts', 'serve-docs.mjs'), '--docs-port', '0']"],
  },
  {
    command: 'npm run docs:serve -- --mock-url http://127.0.0.1:4010',
    runBy: 'test/docs/page-build.test.ts',
    evidence: ["'--mock-url', MOCK_URL]"],
  },
  {
    command: 'npm run docs -- --screenshot',
    notRun:
      'Rewrites the committed screenshots in scripts/docs/ from a real browser, whose pixels differ from machine to machine: run by hand when the page looks different, and the images checked by eye.',
  },
  {
    command: 'npx redocly build-docs generated/openapi.yaml --inlineBundle',
    notRun:
      "An aside on what Redocly makes without this repository's additions; no workflow here runs it (the build runs build-docs on its own page definition, which the docs tests check).",
  },

  {
    command: 'redocly lint',
    runBy: 'test/gates/lint-gates.test.ts',
    evidence: ["runTool('redocly', ['lint', fixture.specPath, '--format=json'])"],
    note: 'As the yardstick the in-process linter is held to, on a spec fixture with every defect planted.',
  },
  {
    command: 'redocly lint --format=json',
    runBy: 'test/gates/lint-gates.test.ts',
    evidence: ["runTool('redocly', ['lint', fixture.specPath, '--format=json'])"],
    note: "Its report is the one the in-process linter's must equal.",
  },
  {
    command: 'spectral lint',
    runBy: 'test/gates/lint-gates.test.ts',
    evidence: ["runTool('spectral', [", "'--format=stylish'"],
    note: "As the yardstick the Spectral thread's text is held to, on a spec fixture with every defect planted.",
  },
  {
    command: 'redocly bundle',
    runBy: 'test/dev/page-preview.test.ts',
    evidence: ["runTool('redocly', ['bundle', SOURCE_SPEC, '--output', cliBundle])"],
    note: "As the yardstick the build's in-process bundle is held to, byte for byte.",
  },

  // Working on the spec
  { command: 'npm run dev', runBy: 'test/dev/dev-loop.test.ts', evidence: ['startDevProcess(dir)'] },
  { command: 'npm run lint', runBy: 'test/gates/lint-gates.test.ts', evidence: ["copy.run('lint')"] },
  { command: 'npm run build', runBy: 'test/gates/build-and-drift.test.ts', evidence: ["copy.run('build')"] },
  {
    command: 'npm run build -- --no-cache',
    runBy: 'test/support/shared-build.ts',
    evidence: ["runNpmScript(dir, 'build', ['--no-cache'])"],
    note: "The test run's one shared clean build, which the gate tests compare their builds with.",
  },
  {
    command: 'npm run build:client',
    runBy: 'test/gates/build-client-command.test.ts',
    evidence: ["copy.run('build:client')"],
  },
  { command: 'npm run check', runBy: '.ci/run', evidence: ['run_gate check npm run check'] },
  {
    command: 'npm run check:generated',
    runBy: 'test/gates/build-and-drift.test.ts',
    evidence: [".run('check:generated')"],
  },
  {
    command: 'npm run check:breaking',
    runBy: 'test/gates/breaking-changes.test.ts',
    evidence: [".run('check:breaking')"],
  },
  {
    command: 'npm run release',
    runBy: 'test/gates/breaking-changes.test.ts',
    evidence: ["copy.run('release', nextMajor)"],
  },
  {
    command: 'npm run release -- <version>',
    runBy: 'test/gates/breaking-changes.test.ts',
    evidence: ["copy.run('release', nextMajor)"],
  },
  {
    command: 'npm run release -- <that version>',
    runBy: 'test/gates/breaking-changes.test.ts',
    evidence: ["copy.run('release', nextMajor)"],
  },
  {
    command: 'npm run release -- 2.0.0',
    runBy: 'test/gates/breaking-changes.test.ts',
    evidence: ["copy.run('release', nextMajor)"],
    note: 'nextMajor is the major after the committed version: 2.0.0 while that is 1.x.',
  },
  {
    command: 'npm run release -- 1.1.0',
    runBy: 'test/gates/breaking-changes.test.ts',
    evidence: ["copy.runScript('release', minor)"],
    note: 'Run as `node scripts/release.mjs 1.1.0`, what npm runs for it (runScript); the next minor, on a copy that carries a breaking change, so the release is refused and changes nothing; a release that goes through is run with the next major.',
  },
  {
    command: 'spectral lint generated/openapi.yaml',
    notRun:
      'A cross-check by hand of the bundle with no overrides (no findings with the pinned Spectral); the gate, npm run lint, lints the split spec, and its tests run that.',
  },
  {
    command: 'npm run typecheck',
    runBy: 'test/gates/code-gates.test.ts',
    evidence: ['typeCheck({ root })', "toContain('npm run typecheck')"],
    note: 'The gate npm run typecheck runs (check.mjs typecheck), on a small project with planted type errors; npm run check, which .ci/run calls, runs it on the repository.',
  },
  {
    command: 'npm run format',
    runBy: 'test/gates/code-gates.test.ts',
    evidence: ["runNpmScript(root, 'format')"],
  },

  // Tests and CI, as the tests guide names them
  {
    command: 'tsc -p',
    runBy: 'test/gates/client-compile.test.ts',
    evidence: ["toolCommand('tsc', ['-p', CLIENT_TSCONFIG"],
  },
  {
    command: 'npm ci --dry-run --os --cpu',
    runBy: 'test/platform/dependencies.test.ts',
    evidence: ["'ci', '--dry-run'", '`--os=${platform}`', '`--cpu=${arch}`'],
  },

  // Benchmarks
  { command: 'npm run bench', notRun: BENCHMARKS_NOT_RUN },
  { command: 'npm run bench -- build', notRun: BENCHMARKS_NOT_RUN },
  { command: 'npm run bench -- dev', notRun: BENCHMARKS_NOT_RUN },
  { command: 'npm run bench -- docs', notRun: BENCHMARKS_NOT_RUN },
];
