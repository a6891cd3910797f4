import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GENERATED_DIR = path.join(ROOT, 'generated');
export const BUNDLED_SPEC_JSON = path.join(GENERATED_DIR, 'openapi.json');
/**
 * A verbatim copy of the API's own authentication page (../shared/seeds/000_940db914f5d60d10.txt),
 * kept in the repo so the tests that hold the contract to it run on any clone.
 */
export const SEED_PAGE = path.join(ROOT, 'test', 'fixtures', 'seed-authentication-page.txt');
