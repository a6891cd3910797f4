// `npm run dev`: build, serve the mock and the docs page, then watch openapi/, src/ and the configs.
// On each save:
//   1. the page open in the browser reloads at once with the spec as saved (dev-page.mjs: Redocly's
//      bundler, kept loaded, bundles it; the last page Redocly built renders it);
//   2. the build runs again (build-pipeline.mjs, with its cache: only what the change reaches is
//      redone; the TypeScript compiler and Spectral stay loaded between saves). It starts once the
//      page has rendered (or after two seconds), so the browser has the machine first; a newer save
//      stops it and starts another;
//   3. as soon as the build has bundled the spec, the mock answers from it;
//   4. lint findings are printed with file and line but stop nothing; any other failure (a spec that
//      does not bundle, a client that does not compile) is printed, and the last good artifacts stay
//      served and written;
//   5. when the whole build has passed, generated/ and dist/ are written, and Redocly's own page
//      replaces the preview (no second reload: it shows the same thing).
import { existsSync, watch } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sha256 } from './build-cache.mjs';
import { BuildSuperseded, BuildTools, runBuild } from './build-pipeline.mjs';
import { readReleases } from './changelog.mjs';
import { createPreviewBundler, pageWithDefinition } from './dev-page.mjs';
import { createLiveReload, serveDocs } from './docs-server.mjs';
import { pageDefinition } from './docs/page-definition.mjs';
import { buildDocs } from './generate.mjs';
import { startMockServer } from './mock-server.mjs';
import { formatSeconds, StepFailure } from './steps.mjs';
import { ROOT, GENERATED_DIR, BUNDLED_SPEC_JSON } from './paths.mjs';

export const WATCHED_FOLDERS = ['openapi', 'src'];
export const WATCHED_FILES = [
  'redocly.yaml',
  '.redocly.lint-ignore.yaml',
  '.spectral.yaml',
  'tsconfig.json',
  'CHANGELOG.md',
  'package.json',
];
/** Editors write a file in several steps; changes this close together make one rebuild. */
const SETTLE_MS = 40;
/** How long a rebuild waits for the open page to render the preview before it starts anyway. */
const PAGE_FIRST_MS = 2000;

/** Swap files, backups and other editor leftovers: saving them is not a change to the project. */
const isEditorLeftover = (name) => /^\.|~$|\.sw[a-p]$|^\d+$/.test(name);

/** A failure as the terminal shows it: the tool's findings, then what failed, then what to do. */
function describeFailure(error) {
  if (!(error instanceof StepFailure)) return `✘ ${error?.stack ?? error}`;
  return `${error.details ? `\n${error.details}\n` : ''}✘ ${error.message}${error.hint ? `\n  → ${error.hint}` : ''}`;
}

/**
 * Starts the loop and resolves once the mock and the docs are served.
 * @param {{ host?: string, mockPort?: number, docsPort?: number, mode?: 'realistic' | 'static' | 'dynamic',
 *   print?: (line: string) => void }} [options]
 * @returns {Promise<{ mockUrl: string, docsUrl: string, stop: () => Promise<void> }>}
 */
export async function startDevLoop({
  host = '127.0.0.1',
  mockPort = 4010,
  docsPort = 8080,
  mode = 'realistic',
  print = (line) => console.log(line),
} = {}) {
  const tools = new BuildTools();
  const liveReload = createLiveReload();
  const running = [];
  let builtPage = null; // the page Redocly last built for the local mock
  let shownPage = null; // what the docs server serves: builtPage, or a preview of a newer spec
  let shownSource = null; // the spec and releases the shown page renders, as one string

  try {
    if (!existsSync(BUNDLED_SPEC_JSON)) {
      print('No bundled spec yet: building it first.');
      await runBuild({ tools, lintIsFatal: false, print });
    }
    const mock = await startMockServer({ mode, port: mockPort, host });
    running.push(() => mock.stop());
    let mockSpec = sha256(await readFile(BUNDLED_SPEC_JSON));
    // Loaded while the first build runs; used from the first save on.
    const previewBundler = createPreviewBundler();
    previewBundler.catch(() => {});

    /** The page, at once: Redocly's last page given the spec as saved. Resolves with whether it reloaded. */
    async function preview(savedAt) {
      let spec;
      try {
        spec = await (await previewBundler).bundle();
      } catch (error) {
        print(`✘ The page keeps showing the last spec that bundled: ${error.message}`);
        return false;
      }
      const releases = await readReleases();
      const source = JSON.stringify([spec, releases]);
      if (!builtPage || source === shownSource) return false;
      const html = pageWithDefinition(
        builtPage.toString('utf8'),
        pageDefinition(spec, { releases, mockUrl: mock.url }),
      );
      if (!html) return false;
      shownSource = source;
      shownPage = Buffer.from(html);
      liveReload.reload();
      const after = formatSeconds(performance.now() - savedAt);
      print(
        `↻ docs: the page reloads with the spec as saved (${liveReload.listeners} open, ${after} after the save); Redocly's own build of it follows`,
      );
      return true;
    }

    /** The mock, once the build has bundled a spec it does not answer from yet. */
    async function reloadMock(entry) {
      if (entry.hashes['openapi.json'] === mockSpec) return;
      mockSpec = entry.hashes['openapi.json'];
      try {
        await mock.reload(JSON.parse(await entry.text('openapi.json')));
        print('↻ mock: answering from the new spec');
      } catch (error) {
        print(`${describeFailure(error)}\n  The mock goes on answering from the previous spec.`);
      }
    }

    /**
     * One build; resolves with whether it passed. Never throws: npm run dev goes on.
     * @param {{ first?: boolean, previewed?: boolean, signal?: AbortSignal }} [options]
     */
    async function rebuild({ first = false, previewed = false, signal } = {}) {
      const started = performance.now();
      let mockReloaded = Promise.resolve();
      try {
        const result = await runBuild({
          tools,
          lintIsFatal: false,
          mockUrl: mock.url,
          printCached: first,
          print,
          signal,
          onBundle: (entry) => {
            mockReloaded = reloadMock(entry);
          },
        });
        await mockReloaded;
        const newPage = await result.localPage.read('index.html');
        const pageChanged = !builtPage || !newPage.equals(builtPage);
        // Redocly's page replaces the preview silently: it shows the same thing.
        builtPage = newPage;
        shownPage = newPage;
        shownSource = JSON.stringify([JSON.parse(await result.bundle.text('openapi.json')), await readReleases()]);
        if (pageChanged && !previewed && !first) liveReload.reload();
        const findings = result.lintFindings.length
          ? `; ${result.lintFindings.length} linter(s) found problems (above)`
          : '';
        const wrote = result.written.length ? `wrote ${result.written.join(', ')}` : 'nothing to write';
        print(`${first ? 'Built' : 'Rebuilt'} in ${formatSeconds(performance.now() - started)}: ${wrote}${findings}.`);
        return true;
      } catch (error) {
        await mockReloaded;
        if (error instanceof BuildSuperseded) {
          print('  (build stopped: a newer save supersedes it)');
          return false;
        }
        print(
          `${describeFailure(error)}\n  Still serving the last good build; generated/ and dist/ are as they were. Save a fix to rebuild.`,
        );
        return false;
      }
    }

    const passed = await rebuild({ first: true });
    if (!passed && !builtPage) {
      // The spec does not build: serve the page of the last good bundle (generated/), as npm start would.
      const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-dev-page-'));
      running.push(() => rm(scratch, { recursive: true, force: true }));
      builtPage = await readFile(
        await buildDocs(scratch, path.join(GENERATED_DIR, 'openapi.yaml'), { mockUrl: mock.url }),
      ).catch(() => null);
      shownPage = builtPage;
    }

    const docs = await serveDocs({ port: docsPort, host, mockUrl: mock.url, page: async () => shownPage, liveReload });
    running.push(() => docs.close());

    // A save: the preview at once (previews run one after another), then a build, which stops the
    // build still running for an earlier save, if any.
    const pending = new Set();
    let settleTimer = null;
    let previews = Promise.resolve(false);
    let building = null;
    let buildWanted = false;
    let stopBuild = null;

    const startBuild = () => {
      if (building || !buildWanted) return;
      buildWanted = false;
      const abort = new AbortController();
      stopBuild = () => abort.abort();
      building = previews
        .then(async (previewed) => {
          if (previewed && liveReload.listeners > 0) await liveReload.shown(PAGE_FIRST_MS);
          return rebuild({ previewed, signal: abort.signal });
        })
        .finally(() => {
          building = null;
          stopBuild = null;
          startBuild();
        });
    };

    let savedAt = 0;
    const onSettled = () => {
      settleTimer = null;
      const changed = [...pending].sort();
      pending.clear();
      const firstSave = savedAt;
      print(`\n↻ ${changed.join(', ')} changed`);
      // A new redocly.yaml may change the page's options, which a preview would not show.
      const canPreview = !changed.some((file) => WATCHED_FILES.includes(file) && file !== 'CHANGELOG.md');
      previews = previews
        .then(() => (canPreview ? preview(firstSave) : false))
        .catch((error) => {
          print(describeFailure(error));
          return false;
        });
      buildWanted = true;
      stopBuild?.();
      startBuild();
    };

    const changedFile = (file) => {
      if (pending.size === 0) savedAt = performance.now();
      pending.add(file.split(path.sep).join('/'));
      clearTimeout(settleTimer);
      settleTimer = setTimeout(onSettled, SETTLE_MS);
    };
    const watchers = [
      ...WATCHED_FOLDERS.map((folder) =>
        watch(
          path.join(ROOT, folder),
          { recursive: true },
          (_event, name) =>
            name && !isEditorLeftover(path.basename(String(name))) && changedFile(path.join(folder, String(name))),
        ),
      ),
      watch(ROOT, (_event, name) => name && WATCHED_FILES.includes(String(name)) && changedFile(String(name))),
    ];
    running.push(() => {
      for (const watcher of watchers) watcher.close();
    });

    return {
      mockUrl: mock.url,
      docsUrl: docs.url,
      async stop() {
        clearTimeout(settleTimer);
        stopBuild?.();
        for (const stop of running.reverse()) await stop();
        await tools.close();
        await building;
      },
    };
  } catch (error) {
    for (const stop of running.reverse()) await Promise.resolve(stop()).catch(() => {});
    await tools.close();
    throw error;
  }
}
