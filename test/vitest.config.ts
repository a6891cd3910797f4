import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the Prism mock that the contract suite and the code-sample runs talk to.
    globalSetup: ['test/support/global-setup.ts'],
    // A worker runs file after file with the modules it already loaded (Prism, msw, Playwright, the
    // build's scripts) instead of loading them again for each file: a third less CPU for the fast
    // files. Test files keep no state between files: each starts its own servers and browsers and
    // closes them in afterAll, and stubbed globals are unstubbed after each test.
    isolate: false,
    // One worker per core. Vitest's default is one fewer, which on a 2-core machine ran every file
    // one after another; the slow files mostly wait for the tools, servers and browsers they start.
    maxWorkers: os.availableParallelism(),
    // Several tests run the real CLIs (Redocly, Spectral) on copies of the project.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
