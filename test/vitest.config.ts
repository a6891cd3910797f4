import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the Prism mock that the contract suite and the code-sample runs talk to.
    globalSetup: ['test/support/global-setup.ts'],
    // Several tests run the real CLIs (Redocly, Spectral) on copies of the project.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
