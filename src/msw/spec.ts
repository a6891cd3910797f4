// The bundled spec the handlers take every rule from, imported as a JSON module by a path relative to
// this file. The path is the same from src/msw/ (this repository's tests) and from dist/msw/ (the
// npm package): both sit one folder below the package root, where generated/openapi.json is built
// and shipped. A JSON import works as it is in Node (20.10 and later, no flag, no warning), in
// vitest and in every browser bundler, with no second copy of the spec to generate and keep in step.
import bundledSpec from '../../generated/openapi.json' with { type: 'json' };
import type { JsonObject } from '../mock/index.js';

export const SPEC: JsonObject = bundledSpec;
