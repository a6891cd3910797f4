// What `npm run dev` shows right after a save (scripts/lib/dev-page.mjs) must be what Redocly's own
// build would show: the spec bundled by Redocly's bundler as a library (@redocly/openapi-core) is the
// bundle the CLI makes, and the page Redocly builds carries exactly the definition pageDefinition()
// makes, so swapping in a new one is showing the new spec. The swap replaces the definition and
// empties the server-rendered container, nothing else.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readReleases } from '../../scripts/lib/changelog.mjs';
import { createPreviewBundler, definitionInPage, pageWithDefinition } from '../../scripts/lib/dev-page.mjs';
import { pageDefinition } from '../../scripts/lib/docs/page-definition.mjs';
import { buildDocs, bundleDocument } from '../../scripts/lib/generate.mjs';
import { BUNDLED_SPEC_JSON, GENERATED_DIR, SOURCE_SPEC } from '../../scripts/lib/paths.mjs';
import { runTool } from '../../scripts/lib/steps.mjs';

const MOCK_URL = 'http://127.0.0.1:4999';

describe("npm run dev's page preview", () => {
  let scratch: string;
  let page: string;
  let spec: Record<string, any>;
  let releases: Awaited<ReturnType<typeof readReleases>>;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-preview-'));
    page = await readFile(
      await buildDocs(scratch, path.join(GENERATED_DIR, 'openapi.yaml'), { mockUrl: MOCK_URL }),
      'utf8',
    );
    spec = JSON.parse(await readFile(BUNDLED_SPEC_JSON, 'utf8'));
    releases = await readReleases();
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("bundles the split spec into what Redocly CLI's bundle is, and the build's bundle is the CLI's byte for byte", async () => {
    // The build bundles in-process too (generate.mjs bundleDocument), so generated/ cannot be the
    // yardstick: `redocly bundle` itself is.
    const cliBundle = path.join(scratch, 'cli-bundle.yaml');
    const { code, stderr } = await runTool('redocly', ['bundle', SOURCE_SPEC, '--output', cliBundle]);
    expect(code, stderr).toBe(0);
    const cliYaml = await readFile(cliBundle, 'utf8');
    const built = await bundleDocument();
    expect(built.yaml).toBe(cliYaml);
    expect(JSON.parse(built.json)).toEqual(parse(cliYaml));
    expect(built.json).toBe(await readFile(BUNDLED_SPEC_JSON, 'utf8'));
    const bundler = await createPreviewBundler();
    expect(await bundler.bundle()).toEqual(parse(cliYaml));
  });

  it('the page Redocly builds carries exactly the definition pageDefinition() makes', () => {
    expect(definitionInPage(page)).toEqual(pageDefinition(spec, { releases, mockUrl: MOCK_URL }));
  });

  it('swaps in a new definition, empties the rendered container, and changes nothing else', () => {
    const edited = structuredClone(spec);
    edited.info.description = `A new guide with </script><b>markup</b>.\n\n${edited.info.description}`;
    const definition = pageDefinition(edited, { releases, mockUrl: MOCK_URL });
    const preview = pageWithDefinition(page, definition)!;
    expect(preview).not.toBeNull();
    expect(definitionInPage(preview)).toEqual(definition);
    // Nothing in the definition can end the script early.
    expect(preview.match(/<\/script>/g)!.length).toBeLessThan(page.match(/<\/script>/g)!.length);
    expect(preview).toContain('<div id="redoc"></div>');
    const head = (html: string) => html.slice(0, html.indexOf('<div id="redoc">'));
    const redocScript = (html: string) =>
      html.slice(html.indexOf('<script type="module">'), html.lastIndexOf('const __redoc_definition = '));
    const tail = (html: string) => html.slice(html.indexOf('const __redoc_options = '));
    expect(head(preview)).toBe(head(page));
    expect(redocScript(preview)).toBe(redocScript(page));
    expect(tail(preview)).toBe(tail(page));
  });

  it('declines a page that is not laid out as Redocly lays it out', () => {
    expect(pageWithDefinition('<html><body><div id="redoc"></div></body></html>', {})).toBeNull();
  });
});
