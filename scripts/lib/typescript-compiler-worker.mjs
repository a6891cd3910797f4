// A worker thread that compiles the client (src/ → dist/) with the project's pinned TypeScript, the
// compiler `tsc` runs, through its API. It answers one message per compile with the files tsc would
// write and tsc's own error lines. Parsed files are kept between compiles, so a second compile (the
// new generated/schema.d.ts, or an edit under `npm run dev`) parses only what changed.
// Started by compile-client.mjs; never run directly.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';

// Required, not imported: an ESM import of this 9 MB CommonJS file first scans it for its exports,
// which costs half a second.
const ts = createRequire(import.meta.url)('typescript');

const { tsconfig, root } = workerData;

/** Parsed files by name, with the text they were parsed from and the options they were parsed with. */
const parsedFiles = new Map();
let previousProgram;

function sourceFileKey(fileName, languageVersionOrOptions) {
  if (typeof languageVersionOrOptions !== 'object') return `${fileName}|${languageVersionOrOptions}`;
  const { languageVersion, impliedNodeFormat, jsDocParsingMode } = languageVersionOrOptions;
  return `${fileName}|${languageVersion}|${impliedNodeFormat}|${jsDocParsingMode}`;
}

/** A path as TypeScript writes it (forward slashes, on Windows too), so the two can be compared. */
const asTypeScriptPath = (file) => path.resolve(file).split(path.sep).join('/');

/** tsc's compiler host, reading `overrides` (absolute path → text) instead of the disk, reusing parses. */
function compilerHost(options, overrides) {
  const host = ts.createCompilerHost(options);
  const override = (fileName) => overrides.get(asTypeScriptPath(fileName));
  const read = (fileName) => override(fileName) ?? ts.sys.readFile(fileName);
  host.readFile = read;
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => override(fileName) !== undefined || fileExists(fileName);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    const text = read(fileName);
    if (text === undefined) {
      onError?.(`Cannot read file '${fileName}'.`);
      return undefined;
    }
    const key = sourceFileKey(fileName, languageVersionOrOptions);
    const known = parsedFiles.get(key);
    if (known && known.text === text) return known.sourceFile;
    const sourceFile = ts.createSourceFile(fileName, text, languageVersionOrOptions);
    parsedFiles.set(key, { text, sourceFile });
    return sourceFile;
  };
  return host;
}

function readConfig() {
  const diagnostics = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    },
  );
  return { parsed, diagnostics: [...diagnostics, ...(parsed?.errors ?? [])] };
}

/**
 * tsc's order: config and options, then syntax; types only when the syntax is clean; then emit.
 * `check: false` is tsc's --noCheck: the same files (JavaScript and .d.ts), without checking the
 * types (the build uses it when it knows the types check already, see build-pipeline.mjs).
 */
function compile(overrides, check) {
  const { parsed, diagnostics } = readConfig();
  if (!parsed) return { files: [], errors: format(diagnostics) };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: check ? parsed.options : { ...parsed.options, noCheck: true },
    projectReferences: parsed.projectReferences,
    host: compilerHost(parsed.options, overrides),
    oldProgram: previousProgram,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  previousProgram = program;
  const all = [
    ...program.getConfigFileParsingDiagnostics(),
    ...diagnostics,
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
  ];
  if (all.length === 0 && check) all.push(...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics());
  const files = [];
  const outDir = parsed.options.outDir;
  const emitted = program.emit(undefined, (fileName, text) =>
    files.push([path.relative(outDir, fileName).split(path.sep).join('/'), text]),
  );
  all.push(...emitted.diagnostics);
  const errors = ts
    .sortAndDeduplicateDiagnostics(all)
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  return { files, errors: errors.length ? format(errors) : null };
}

// As tsc prints them when its output is not a terminal: `src/client.ts(12,5): error TS2345: …`.
const formatHost = {
  getCurrentDirectory: () => root,
  getCanonicalFileName: (fileName) => fileName,
  getNewLine: () => '\n',
};
const format = (diagnostics) => ts.formatDiagnostics(diagnostics, formatHost).trim();

parentPort.on('message', ({ id, overrides, check }) => {
  try {
    const texts = new Map(Object.entries(overrides ?? {}).map(([file, text]) => [asTypeScriptPath(file), text]));
    parentPort.postMessage({ id, result: compile(texts, check) });
  } catch (error) {
    parentPort.postMessage({ id, crash: String(error?.stack ?? error) });
  }
});
