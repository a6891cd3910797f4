// The page `npm run dev` shows right after a save, before the build has bundled the spec and Redocly
// has built the page again (seconds, on a busy machine): the last page Redocly built, with the new
// definition in place of the old one and its server-rendered markup left out. Redoc's own script then
// renders the new definition in the browser (its hydrate() renders afresh into an empty container),
// with the same Redoc, the same options and the same template. The spec for it is bundled here, in
// this process, by Redocly's bundler as a library (@redocly/openapi-core), kept loaded between saves.
// Redocly's rebuilt page replaces the preview as soon as it is ready. Never written to disk, never
// published: generated/ only ever holds what `npm run build` makes.
import { readFile } from 'node:fs/promises';
import { SOURCE_SPEC, REDOCLY_CONFIG } from './paths.mjs';

/**
 * Bundles the split spec in this process; `bundle()` resolves with the bundled spec as an object,
 * or throws a message naming what is wrong (a file that does not parse, a $ref to nowhere).
 */
export async function createPreviewBundler({ configPath = REDOCLY_CONFIG, specPath = SOURCE_SPEC } = {}) {
  const redocly = await import('@redocly/openapi-core');
  let config = null;
  let configText = null;
  return {
    async bundle() {
      const text = await readFile(configPath, 'utf8');
      if (text !== configText) {
        config = await redocly.loadConfig({ configPath });
        configText = text;
      }
      const { bundle, problems } = await redocly.bundle({ ref: specPath, config });
      const errors = problems.filter((problem) => problem.severity === 'error');
      if (errors.length > 0) throw new Error(errors.map((problem) => problem.message).join('; '));
      return JSON.parse(JSON.stringify(bundle.parsed));
    },
  };
}
const DEFINITION_START = 'const __redoc_definition = ';
const OPTIONS_START = 'const __redoc_options = ';
const CONTAINER_START = '<div id="redoc">';
const REDOC_SCRIPT = '<script type="module">';

/** A definition as a script literal: `<` escaped, as Redocly writes it, so no text ends the script. */
function scriptLiteral(definition) {
  return JSON.stringify(definition)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * `html` (a page Redocly built) showing `definition` instead, or null when the page is not laid out
 * as Redocly 2 lays it out (then the caller waits for Redocly's own build).
 * @param {string} html
 * @param {object} definition what pageDefinition() makes for the page
 * @returns {string | null}
 */
export function pageWithDefinition(html, definition) {
  const container = html.indexOf(CONTAINER_START);
  const script = html.indexOf(REDOC_SCRIPT, container);
  const definitionAt = html.lastIndexOf(DEFINITION_START);
  const optionsAt = html.indexOf(OPTIONS_START, definitionAt);
  if (container === -1 || script === -1 || definitionAt === -1 || optionsAt === -1) return null;
  const containerEnd = html.lastIndexOf('</div>', script);
  if (containerEnd < container) return null;
  const gap = html.slice(definitionAt + DEFINITION_START.length, optionsAt).match(/;\s*$/);
  if (!gap) return null;
  return (
    html.slice(0, container + CONTAINER_START.length) +
    html.slice(containerEnd, definitionAt + DEFINITION_START.length) +
    scriptLiteral(definition) +
    gap[0] +
    html.slice(optionsAt)
  );
}

/** The definition a page Redocly built carries, or null. For tests and for checking a preview. */
export function definitionInPage(html) {
  const definitionAt = html.lastIndexOf(DEFINITION_START);
  const optionsAt = html.indexOf(OPTIONS_START, definitionAt);
  if (definitionAt === -1 || optionsAt === -1) return null;
  return JSON.parse(html.slice(definitionAt + DEFINITION_START.length, optionsAt).replace(/;\s*$/, ''));
}
