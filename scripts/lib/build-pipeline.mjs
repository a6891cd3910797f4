// The build, shared by `npm run dev` and, through build-all.mjs (which first asks whether anything
// changed at all since the last build), by `npm run build`, `npm start` and `npm run release`.
//
// What runs, side by side wherever one step does not need another's result:
//
//   lint: Spectral (its own thread) ───────────┐ (both lints must pass before anything is written)
//   bundle ─┬─ lint: Redocly ──────────────────┤
//           ├─ types ── client (the type check and the emitted files)
//           ├─ plain-text docs
//           └─ docs page
//
// Two steps start before the bundle, from what is committed, because a fresh checkout's bundle is
// almost always the committed one: the client's compile, against the committed
// generated/schema.d.ts (if the new types differ from it only in comments, a description edit, its
// verdict stands and only the files are emitted again); and, when the cache holds no page at all,
// the page, from the committed bundle (used only if the new bundle is byte for byte the same). The
// bundle waits until both tools' processes exist: bundling, linting and generating keep this
// thread busy for seconds, and starting a process takes several turns of it.
//
// Each step is skipped when the build cache (build-cache.mjs) holds its result for exactly these
// inputs. Nothing is written to generated/ or dist/ until every step has passed, and then only the
// files whose bytes changed: a failing build leaves both as they were.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  declarationShape,
  INPUT_FILES,
  INPUT_TREES,
  inputsChanged,
  installedManifests,
  openBuildCache,
  relativeToRoot,
  sha256,
  snapshotInputs,
  stepKey,
  toolVersions,
} from './build-cache.mjs';
import { ClientCompiler, writeIfChanged } from './compile-client.mjs';
import { lintWithRedocly, SpectralLinter } from './lint.mjs';
import { formatSeconds, StepFailure } from './steps.mjs';
import {
  BUNDLED_SPEC_JSON,
  BUNDLED_SPEC_YAML,
  DIST_DIR,
  DOCS_DIR,
  GENERATED_DIR,
  PLAIN_DOCS_FOLDERS,
  ROOT,
} from './paths.mjs';

// What makes the artifacts is loaded only when a step has to run: a build with nothing to do needs
// none of it (the YAML library alone costs a tenth of its time).
const generate = () => import('./generate.mjs');
const docsGenerators = () => import('./docs/plain-text-docs.mjs');
const changelog = () => import('./changelog.mjs');

export const STEP_NAMES = {
  redocly: 'lint: Redocly',
  spectral: 'lint: Spectral (spectral:oas + OWASP)',
  bundle: 'bundle: generated/openapi.yaml, generated/openapi.json',
  types: 'types: generated/schema.d.ts',
  client: 'client: dist/ (tsc, src/tsconfig.build.json)',
  plainDocs: 'docs: generated/docs/llms.txt, llms-full.txt and markdown',
  page: 'docs: generated/docs/index.html',
  localPage: 'docs (local): the page npm start and npm run dev serve, with the mock beside production',
};

/** The packages whose versions decide each step's result (see build-cache.mjs toolVersions). */
const STEP_TOOLS = {
  redocly: ['@redocly/openapi-core'],
  bundle: ['@redocly/openapi-core'],
  page: ['@redocly/cli'],
  spectral: [
    '@stoplight/spectral-cli',
    '@stoplight/spectral-core',
    '@stoplight/spectral-rulesets',
    '@stoplight/spectral-owasp-ruleset',
    '@stoplight/spectral-functions',
    '@stoplight/spectral-formats',
    '@stoplight/spectral-parsers',
    '@stoplight/spectral-ruleset-bundler',
    '@stoplight/spectral-ruleset-migrator',
    '@stoplight/spectral-ref-resolver',
    '@stoplight/json-ref-readers',
  ],
  types: ['openapi-typescript', 'openapi-typescript>@redocly/openapi-core', 'openapi-typescript>typescript'],
  client: ['typescript-native', 'openapi-fetch', 'openapi-fetch>openapi-typescript-helpers'],
};

/**
 * Every project path whose change can change what the build makes, for the stamp of a build
 * (build-stamp.mjs): the input folders and files, each tool's package.json, and npm's record of
 * node_modules (rewritten by every install).
 */
export function buildInputs(root = ROOT) {
  const manifests = installedManifests([...new Set(Object.values(STEP_TOOLS).flat())], root);
  return {
    trees: INPUT_TREES,
    files: [...INPUT_FILES, ...manifests.filter((manifest) => manifest !== null), 'node_modules/.package-lock.json'],
  };
}

/** Which project files each kind of input is (paths relative to the root, `/`-separated). */
const isSpecFile = (file) => file.startsWith('openapi/');
const isClientSource = (file) => file.startsWith('src/') && !file.startsWith('src/mock/');
const isBuildScript = (file) =>
  file.startsWith('scripts/lib/') || file.startsWith('scripts/docs/') || file === 'scripts/spectral-resolver.cjs';

const SCHEMA_FILE = path.join(GENERATED_DIR, 'schema.d.ts');
const DOCS_FOLDER = path.join(GENERATED_DIR, DOCS_DIR);

/**
 * The long-lived helpers a build uses, started only when a step needs them: the TypeScript compiler
 * and Spectral, each in its own thread. `npm run dev` keeps one set for the whole session.
 */
export class BuildTools {
  #compiler;
  #spectral;

  get compiler() {
    this.#compiler ??= new ClientCompiler();
    return this.#compiler;
  }

  get spectral() {
    this.#spectral ??= new SpectralLinter();
    return this.#spectral;
  }

  async close() {
    await Promise.all([this.#compiler?.close(), this.#spectral?.close()]);
    this.#compiler = undefined;
    this.#spectral = undefined;
  }
}

/**
 * Prints one line per finished step, as it finishes, and keeps their times for the table. Once
 * `signal` is aborted (a step failed), the steps still running are stopped, not reported.
 */
function stepReporter(print, signal, { printCached }) {
  const timings = [];
  return {
    timings,
    async run(id, work) {
      const name = STEP_NAMES[id];
      const started = performance.now();
      try {
        const { cached, note, ...result } = await work();
        const ms = performance.now() - started;
        timings.push({ name, ms, cached });
        if (!cached || printCached)
          print(`✔ ${name} (${formatSeconds(ms)})${cached ? ' · cached' : ''}${note ? ` · ${note}` : ''}`);
        return result;
      } catch (error) {
        if (signal.aborted) throw stopped();
        print(`✘ ${name} (${formatSeconds(performance.now() - started)})`);
        throw error;
      }
    },
  };
}

/** What a build stopped by its caller's signal rejects with. */
export class BuildSuperseded extends Error {
  constructor() {
    super('The build was stopped: a newer change supersedes it.');
    this.name = 'BuildSuperseded';
  }
}

/** A step that another step's failure stopped: not reported as a failure of its own. */
const stopped = () => Object.assign(new Error('stopped'), { stopped: true });

/**
 * Runs the build once.
 * @param {object} options
 * @param {BuildTools} options.tools
 * @param {boolean} [options.useCache] false: build everything (the cache is neither read nor written)
 * @param {boolean} [options.lintIsFatal] false (npm run dev): findings are printed and the build goes on
 * @param {string} [options.mockUrl] also build the local page that offers this mock (npm run dev)
 * @param {(entry: object) => void} [options.onBundle] called with the bundle as soon as it exists
 * @param {(text: string) => void} [options.print]
 * @param {boolean} [options.printCached] false: print only the steps that ran (npm run dev)
 * @param {AbortSignal} [options.signal] stops the build (npm run dev, when a newer save supersedes it):
 *   it then rejects with a BuildSuperseded and writes nothing
 * @returns {Promise<{ totalMs: number, timings: object[], lintFindings: StepFailure[], written: string[], bundle: import('./build-cache.mjs').Entry,
 *   localPage: import('./build-cache.mjs').Entry | null }>}
 */
export async function runBuild({
  tools,
  useCache = true,
  lintIsFatal = true,
  mockUrl,
  onBundle,
  print = (line) => console.log(line),
  printCached = true,
  signal,
}) {
  const started = performance.now();
  if (signal?.aborted) throw new BuildSuperseded();
  const cache = openBuildCache({ enabled: useCache });
  const inputs = await snapshotInputs();
  const abort = new AbortController();
  signal?.addEventListener('abort', () => abort.abort(new BuildSuperseded()), { once: true });
  const reporter = stepReporter(print, abort.signal, { printCached });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'audioscrape-build-'));
  const lintFindings = [];
  const versions = {};
  for (const [step, names] of Object.entries(STEP_TOOLS)) versions[step] = await toolVersions(names);
  const common = { scripts: inputs.digest(isBuildScript), node: process.version };
  const file = (name) => inputs.files.get(name) ?? 'missing';

  /**
   * A cached step: the entry for `key`, or `make()`'s files stored under it.
   * @param {string} step
   * @param {string} key
   * @param {() => Promise<any>} make
   * @param {{ sources?: any }} [options]
   */
  async function cachedStep(step, key, make, { sources } = {}) {
    const hit = await cache.lookup(step, key);
    if (hit) return { entry: hit, cached: true };
    // A stopped build's scratch folder is gone: nothing may write there any more.
    if (abort.signal.aborted) throw stopped();
    const { files, meta } = await make();
    if (abort.signal.aborted) throw stopped();
    // An input edited while the step ran: its result belongs to neither version, so it is not kept.
    const keep = !sources || !inputsChanged(inputs, await snapshotInputs(), sources);
    const entry = keep
      ? await cache.store(step, key, files, meta)
      : await openBuildCache({ enabled: false }).store(step, key, files, meta);
    return { entry, cached: false };
  }

  /** A lint step: cached only when it passed. In dev its findings are printed and the build goes on. */
  async function lintStep(id, key, lint) {
    return reporter
      .run(id, async () => {
        if (await cache.lookup(id, key)) return { cached: true };
        await lint();
        if (!inputsChanged(inputs, await snapshotInputs(), isSpecFile))
          await cache.store(id, key, new Map(), { passed: true });
        return { cached: false };
      })
      .catch((error) => {
        if (lintIsFatal || !(error instanceof StepFailure)) throw error;
        lintFindings.push(error);
        print(
          `${error.details ? `\n${error.details}\n` : ''}  ↳ ${error.message} (npm run dev goes on; \`npm run build\` would stop here)`,
        );
      });
  }

  const spec = inputs.digest(isSpecFile);
  const redoclyConfig = file('redocly.yaml');

  const lintSpectral = lintStep(
    'spectral',
    stepKey('spectral', { spec, ruleset: file('.spectral.yaml'), tools: versions.spectral, ...common }),
    () => tools.spectral.lint(),
  );

  const keys = clientKeys();
  const early = startEarlyCompile(keys);
  const earlyPage = startEarlyPage();
  const bundle = reporter.run('bundle', async () => {
    await Promise.all([early.underWay, earlyPage.underWay]);
    const key = stepKey('bundle', { spec, redoclyConfig, tools: versions.bundle, ...common });
    const result = await cachedStep(
      'bundle',
      key,
      async () => {
        const { yaml, json } = await (await generate()).bundleDocument();
        return {
          files: new Map([
            ['openapi.yaml', yaml],
            ['openapi.json', json],
          ]),
        };
      },
      { sources: isSpecFile },
    );
    onBundle?.(result.entry);
    return result;
  });

  // After the bundle: the two share this thread, and the page, the types and the plain-text docs all
  // wait for the bundle, while the lint only has to be done before anything is written.
  const lintRedocly = bundle
    .catch(() => {})
    .then(() =>
      lintStep(
        'redocly',
        stepKey('redocly', {
          spec,
          redoclyConfig,
          ignored: file('.redocly.lint-ignore.yaml'),
          tools: versions.redocly,
          ...common,
        }),
        () => lintWithRedocly(),
      ),
    );

  const types = bundle.then(({ entry: bundled }) =>
    reporter.run('types', async () => {
      const key = stepKey('types', {
        bundle: bundled.hashes['openapi.yaml'],
        redoclyConfig,
        tools: versions.types,
        ...common,
      });
      return cachedStep('types', key, async () => {
        const schema = await (await generate()).typesFromBundle(await bundledDocument(bundled));
        return { files: new Map([['schema.d.ts', schema]]), meta: { shape: sha256(declarationShape(schema)) } };
      });
    }),
  );

  const client = clientStep(keys, early);

  const plainDocs = bundle.then(({ entry: bundled }) =>
    reporter.run('plainDocs', async () => {
      const key = stepKey('plain-docs', {
        bundle: bundled.hashes['openapi.json'],
        changelog: file('CHANGELOG.md'),
        ...common,
      });
      return cachedStep('plain-docs', key, async () => ({
        files: (await docsGenerators()).plainTextDocs(await bundledDocument(bundled), {
          releases: await (await changelog()).readReleases(),
        }),
      }));
    }),
  );

  // The local page has its own place in the cache, so pages for passing mock ports never push the
  // published page out.
  const pageStep = (id, pageMockUrl) =>
    bundle.then(({ entry: bundled }) =>
      reporter.run(id, async () => {
        const cacheStep = pageMockUrl ? 'local-page' : 'page';
        const key = stepKey(cacheStep, {
          bundle: bundled.hashes['openapi.yaml'],
          changelog: file('CHANGELOG.md'),
          redoclyConfig,
          tools: versions.page,
          mockUrl: pageMockUrl ?? null,
          ...common,
        });
        let note;
        const result = await cachedStep(cacheStep, key, async () => {
          if (!pageMockUrl) {
            const early = await earlyPage.filesFor(bundled.hashes);
            if (early) {
              note = 'built early, from the committed bundle, which the new one matches';
              return { files: await early };
            }
          }
          const dir = path.join(scratch, id);
          const bundlePath = path.join(dir, 'openapi.yaml');
          await writeIfChanged(bundlePath, await bundled.read('openapi.yaml'));
          const page = await (await generate()).buildDocs(dir, bundlePath, {
            mockUrl: pageMockUrl,
            signal: abort.signal,
            document: await bundledDocument(bundled),
          });
          return { files: new Map([['index.html', await readFile(page)]]) };
        });
        return { ...result, note };
      }),
    );
  const page = pageStep('page');
  const localPage = mockUrl ? pageStep('localPage', mockUrl) : Promise.resolve({ entry: null });

  /**
   * The published page built at once from the committed bundle (generated/openapi.yaml and .json),
   * when the cache holds no page at all: a fresh checkout, whose committed bundle is almost always
   * what the build is about to make. The page step takes it only if the new bundle is byte for byte
   * the one it was built from; otherwise it is stopped and the page is built from the new bundle.
   * `underWay` resolves once Redocly's process exists (or none is needed), for the bundle to wait on.
   */
  function startEarlyPage() {
    /** @type {() => void} */
    let markUnderWay = () => {};
    const underWay = new Promise((resolve) => {
      markUnderWay = () => resolve(undefined);
    });
    const stop = new AbortController();
    abort.signal.addEventListener('abort', () => stop.abort(), { once: true });
    const run = (async () => {
      if (mockUrl || (await cache.holdsAny('page'))) return null;
      const [yaml, json] = await Promise.all([
        readFile(BUNDLED_SPEC_YAML).catch(() => null),
        readFile(BUNDLED_SPEC_JSON).catch(() => null),
      ]);
      if (!yaml || !json) return null;
      const dir = path.join(scratch, 'early-page');
      const bundlePath = path.join(dir, 'openapi.yaml');
      await writeIfChanged(bundlePath, yaml);
      const built = (await generate()).buildDocs(dir, bundlePath, {
        signal: stop.signal,
        onSpawn: markUnderWay,
        document: JSON.parse(json.toString('utf8')),
      });
      const files = built.then(async (file) => new Map([['index.html', await readFile(file)]]));
      files.catch(() => {});
      return { hashes: { 'openapi.yaml': sha256(yaml), 'openapi.json': sha256(json) }, files };
    })();
    run.then(
      (started) => (started ? started.files.catch(() => {}).finally(markUnderWay) : markUnderWay()),
      markUnderWay,
    );
    return {
      underWay,
      /** The early page's files if it was built from a bundle with exactly these hashes, else null (and it is stopped). */
      async filesFor(hashes) {
        const started = await run.catch(() => null);
        if (!started) return null;
        const same = Object.entries(started.hashes).every(([name, hash]) => hashes[name] === hash);
        if (same) return started.files;
        stop.abort();
        return null;
      },
    };
  }

  /**
   * The client: its type check and its files, each cached on its own. The check depends on the
   * schema's shape only (comments do not change what type-checks), the files on its exact text.
   */
  function clientKeys() {
    const clientInputs = {
      sources: inputs.digest(isClientSource),
      tsconfig: file('tsconfig.json'),
      packageJson: file('package.json'),
      tools: versions.client,
      ...common,
    };
    return {
      checkKey: (schema) => stepKey('client-check', { ...clientInputs, schemaShape: sha256(declarationShape(schema)) }),
      emitKey: (schema) => stepKey('client', { ...clientInputs, schema: sha256(schema) }),
    };
  }

  /**
   * The client's compile against the committed schema.d.ts, which the new one usually matches in
   * shape. `underWay` resolves once tsc's process exists (or none is needed): the bundle waits for
   * it, because the bundle, the lint and the types then keep this thread busy for seconds, and
   * each of the few steps that start tsc would wait behind them.
   */
  function startEarlyCompile({ checkKey, emitKey }) {
    /** @type {() => void} */
    let markUnderWay = () => {};
    const underWay = new Promise((resolve) => {
      markUnderWay = () => resolve(undefined);
    });
    const run = readFile(SCHEMA_FILE, 'utf8')
      .catch(() => null)
      .then(async (schema) => {
        if (schema === null) return null;
        const [checked, emitted] = await Promise.all([
          cache.lookup('client-check', checkKey(schema)),
          cache.lookup('client', emitKey(schema)),
        ]);
        if (checked && emitted) return null;
        return { schema, compiled: tools.compiler.compile({ [SCHEMA_FILE]: schema }, { onSpawn: markUnderWay }) };
      });
    // Its failure is reported by the client step, once the new schema says whether it still matters.
    run.then(
      (started) => (started ? started.compiled.catch(() => {}).finally(markUnderWay) : markUnderWay()),
      markUnderWay,
    );
    return { run, underWay };
  }

  /** The client step, once the types exist: the early compile's verdict, or a compile of its own. */
  function clientStep({ checkKey, emitKey }, early) {
    return types.then(({ entry: typesEntry }) =>
      reporter.run('client', async () => {
        const schema = await typesEntry.text('schema.d.ts');
        const overrides = { [SCHEMA_FILE]: schema };
        const checked = await cache.lookup('client-check', checkKey(schema));
        const emitted = await cache.lookup('client', emitKey(schema));
        if (checked && emitted) return { entry: emitted, cached: true };
        const speculative = await early.run;
        const sameShape = speculative && declarationShape(speculative.schema) === declarationShape(schema);
        let files;
        let note;
        if (sameShape) {
          // The same shape type-checks the same way: the early compile's verdict stands.
          ({ files } = await speculative.compiled);
          if (speculative.schema !== schema) {
            ({ files } = await tools.compiler.compile(overrides, { check: false }));
            note = 'types checked against the same shape, files emitted';
          }
        } else if (checked) {
          ({ files } = await tools.compiler.compile(overrides, { check: false }));
          note = 'types already checked, files emitted';
        } else {
          ({ files } = await tools.compiler.compile(overrides));
        }
        if (abort.signal.aborted) throw stopped();
        const unchanged = !inputsChanged(inputs, await snapshotInputs(), isClientSource);
        const store = unchanged ? cache : openBuildCache({ enabled: false });
        if (!checked) await store.store('client-check', checkKey(schema), new Map(), { passed: true });
        return { entry: emitted ?? (await store.store('client', emitKey(schema), files)), cached: false, note };
      }),
    );
  }

  // The first failure stops the rest (tools still running are killed) and is what the build reports.
  // A stopped build (a failure, or the caller's signal) returns at once; what still runs is ignored.
  const steps = [lintRedocly, lintSpectral, bundle, types, client, plainDocs, page, localPage];
  const stoppedEarly = new Promise((_, reject) =>
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true }),
  );
  stoppedEarly.catch(() => {});
  try {
    await Promise.race([
      stoppedEarly,
      Promise.all(
        steps.map((promise) =>
          promise.catch((error) => {
            if (!abort.signal.aborted) abort.abort(error);
            throw abort.signal.reason;
          }),
        ),
      ),
    ]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  if (abort.signal.aborted) throw abort.signal.reason;
  const results = {
    bundle: (await bundle).entry,
    types: (await types).entry,
    client: (await client).entry,
    plainDocs: (await plainDocs).entry,
    page: (await page).entry,
    localPage: (await localPage).entry,
  };
  const written = await publish(results);
  const totalMs = performance.now() - started;
  return {
    totalMs,
    timings: reporter.timings,
    lintFindings,
    written,
    bundle: results.bundle,
    localPage: results.localPage,
  };
}

/** The bundled spec of a bundle step's entry, parsed afresh for each step that reads it. */
async function bundledDocument(entry) {
  return JSON.parse(await entry.text('openapi.json'));
}

/**
 * Writes `names` of `entry` into `dir`, each only if its bytes differ (each current file is read and
 * hashed once, side by side). Resolves with those written.
 */
async function publishEntry(entry, dir, names = entry.names) {
  const written = await Promise.all(
    names.map(async (name) => {
      const target = path.join(dir, name);
      const current = await readFile(target).catch(() => null);
      if (current && sha256(current) === entry.hashes[name]) return null;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await entry.read(name));
      return path.relative(ROOT, target);
    }),
  );
  return written.filter((file) => file !== null);
}

/** Puts every artifact in place: generated/ and dist/ (only files whose bytes changed). */
async function publish({ bundle, types, client, plainDocs, page }) {
  const written = await Promise.all([
    publishEntry(bundle, GENERATED_DIR),
    publishEntry(types, GENERATED_DIR),
    publishEntry(page, DOCS_FOLDER, ['index.html']),
    publishPlainTextDocs(plainDocs),
    publishDist(client),
  ]);
  return written.flat();
}

/** The plain-text docs, as writePlainTextDocs leaves them: its folders hold exactly the new files. */
async function publishPlainTextDocs(entry) {
  const removed = [];
  for (const folder of PLAIN_DOCS_FOLDERS) {
    const present = await readdir(path.join(DOCS_FOLDER, folder)).catch(() => []);
    for (const name of present) {
      const relative = `${folder}/${name}`;
      if (!entry.hashes[relative]) {
        await rm(path.join(DOCS_FOLDER, folder, name), { recursive: true, force: true });
        removed.push(path.relative(ROOT, path.join(DOCS_FOLDER, relative)));
      }
    }
  }
  return [...(await publishEntry(entry, DOCS_FOLDER)), ...removed];
}

/** dist/, made to hold exactly the client's files: those whose bytes differ are written, the rest removed. */
async function publishDist(client) {
  const present = await readdir(DIST_DIR, { recursive: true, withFileTypes: true }).catch(() => []);
  const removed = [];
  for (const entry of present) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (client.hashes[relativeToRoot(DIST_DIR, entry)] !== undefined) continue;
    await rm(file, { force: true });
    removed.push(path.relative(ROOT, file));
  }
  return [...(await publishEntry(client, DIST_DIR)), ...removed];
}
