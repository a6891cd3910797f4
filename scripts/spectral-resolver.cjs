// Spectral's $ref resolver for this repo's split spec.
//
// The spec keeps prose and code samples in their own files (info-description.md,
// code_samples/<lang>/...) and points at them with $ref, as Redocly's openapi-starter does. Redocly
// reads such files as plain strings; Spectral's default resolver parses every file as YAML and
// chokes on them. This resolver hands Spectral non-YAML/JSON files as one YAML string instead.
// It also resolves only local files: a $ref to an http(s) URL is an error, so linting never
// touches the network.
const { extname } = require('node:path');
const { Resolver } = require('@stoplight/spectral-ref-resolver');
const { resolveFile } = require('@stoplight/json-ref-readers');

const STRUCTURED_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function resolveLocalFile(ref) {
  const text = await resolveFile(ref);
  const extension = extname(ref.path()).toLowerCase();
  return STRUCTURED_EXTENSIONS.has(extension) ? text : JSON.stringify(text);
}

/** @returns {Promise<never>} */
function refuseRemote(ref) {
  throw new Error(`Remote $ref ${ref.toString()} is not allowed: keep every part of the spec in this repo.`);
}

module.exports = new Resolver({
  resolvers: {
    file: { resolve: resolveLocalFile },
    http: { resolve: refuseRemote },
    https: { resolve: refuseRemote },
  },
});
