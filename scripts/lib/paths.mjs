// Where things are in this repository: the one module scripts and tests take paths from.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The hand-written spec (split into files under openapi/); everything else is made from it. */
export const SOURCE_SPEC = path.join(ROOT, 'openapi', 'openapi.yaml');
/**
 * Each released spec, as it shipped: the baseline of the breaking-change gate. Outside openapi/, where
 * every file is hand-written: these are written by `npm run release`.
 */
export const RELEASES_DIR = path.join(ROOT, 'releases');
export const REDOCLY_CONFIG = path.join(ROOT, 'redocly.yaml');
export const PACKAGE_JSON = path.join(ROOT, 'package.json');
export const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');

/** What the build makes and commits (drift-checked), and the bundled spec in it. */
export const GENERATED_DIR = path.join(ROOT, 'generated');
/** The folder inside generated/ a static host publishes: the docs page and the plain-text docs. */
export const DOCS_DIR = 'docs';
/** Folders the plain-text docs own inside the docs folder; emptied before each write. */
export const PLAIN_DOCS_FOLDERS = ['guide', 'operations'];
export const BUNDLED_SPEC_YAML = path.join(GENERATED_DIR, 'openapi.yaml');
export const BUNDLED_SPEC_JSON = path.join(GENERATED_DIR, 'openapi.json');

/** The client's source, and where `npm run build` compiles it to. */
export const CLIENT_ENTRY = path.join(ROOT, 'src', 'index.ts');
export const DIST_DIR = path.join(ROOT, 'dist');

/**
 * A verbatim copy of the API's own authentication page (../shared/seeds/000_940db914f5d60d10.txt),
 * kept in the repo so the tests that hold the contract to it run on any clone.
 */
export const SEED_PAGE = path.join(ROOT, 'test', 'fixtures', 'seed-authentication-page.txt');
