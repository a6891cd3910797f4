// The reference page as a file: what `npm run docs` makes, what the page carries (the current
// contract, telemetry off, a CSP that allows no host, no markup that loads from elsewhere), and that
// `npm run docs:serve`'s server hands it out on loopback. What the page does in a browser is
// reference-page.test.ts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../../scripts/lib/docs-server.mjs';
import { buildDocs } from '../../scripts/lib/generate.mjs';
import { loadBundledSpec } from '../support/openapi.js';
import { BUNDLED_SPEC_JSON } from '../support/paths.js';
import { projectCopyForTest } from '../support/project-copy.js';

const BUNDLED_SPEC_YAML = BUNDLED_SPEC_JSON.replace(/\.json$/, '.yaml');

/** The JSON literal assigned to `const <name> = ...;` in the page's inline script. */
function inlineJson(page: string, name: string): unknown {
  const match = new RegExp(`const ${name} = (\\{.*?\\});\\n`).exec(page);
  if (!match) throw new Error(`The page has no ${name}`);
  return JSON.parse(match[1]!);
}

/** Every src/href that is not a data: URL in the page's markup (the server-rendered HTML, not the inlined scripts). */
function markupUrls(page: string): string[] {
  const markup = page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
  return [...markup.matchAll(/<(script|link|img|iframe|source|video|audio|object|embed)\b[^>]*\b(?:src|href|data)="([^"]*)"/gi)]
    .map((match) => `${match[1]} ${match[2]}`)
    .filter((tagAndUrl) => !tagAndUrl.split(' ')[1]!.startsWith('data:'));
}

describe('the built page', () => {
  let dir: string;
  let page: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-docs-build-'));
    page = await readFile(await buildDocs(dir, BUNDLED_SPEC_YAML), 'utf8');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('documents exactly the bundled spec', () => {
    expect(inlineJson(page, '__redoc_definition')).toEqual(loadBundledSpec());
  });

  it('has Redoc telemetry off, so readers’ browsers send nothing', () => {
    expect(inlineJson(page, '__redoc_options')).toMatchObject({ disableTelemetry: true });
  });

  it('inlines Redoc and loads no script, style, font or image from anywhere', () => {
    // Booleans, not toMatch: a failing match would print all 2.5 MB of the page.
    expect(page.includes('hydrate(__redoc_definition, __redoc_options'), 'Redoc is hydrated by the inline script').toBe(true);
    expect(/(from|import\()\s*["'`]https?:\/\//.test(page), 'no module imported from a URL').toBe(false);
    expect(markupUrls(page)).toEqual([]);
    const styles = [...page.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => match[1]!).join('\n');
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.match(/@import[^;]*|url\((?!\s*['"]?data:)[^)]*\)/g) ?? []).toEqual([]);
  });

  it('carries a Content-Security-Policy that allows no host at all', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1];
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(csp!.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['default-src']).toEqual(["'none'"]);
    for (const [name, values] of Object.entries(directives)) {
      for (const value of values as string[]) expect(value, name).toMatch(/^('none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it('is served on 127.0.0.1 by the docs server, byte for byte', async () => {
    const server = await serveDocs({ port: 0, docsFile: path.join(dir, 'docs', 'index.html') });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe(page);
    } finally {
      await server.close();
    }
  });
});

describe('npm run docs', () => {
  it('bundles, builds the page, and says where it is and how big', async (context) => {
    const copy = await projectCopyForTest(context);
    const { code, output } = await copy.run('docs');
    expect(code, output).toBe(0);
    expect(output).toMatch(/✔ bundle: .*\(\d+\.\d\d s\)/);
    expect(output).toMatch(/✔ docs: generated\/docs\/index\.html \(\d+\.\d\d s\)/);
    const built = await readFile(path.join(copy.dir, 'generated', 'docs', 'index.html'));
    expect(output).toContain(`Docs page: generated/docs/index.html (${(built.length / 1024).toFixed(0)} KiB`);
    expect(output).toContain('npm run docs:serve');
  });
});
