// One operation of the bundled spec as markdown a person or an agent can read top to bottom: what it
// does, how to call it, every parameter and body field, every response with its examples, the
// response headers, and the code samples exactly as the spec (and the sample tests) have them.
import { STATUS_CODES } from 'node:http';
import { code, fence, heading, table } from './markdown.mjs';
import {
  fieldRows,
  isClosedObject,
  limitsInWords,
  resolveRef,
  schemaDescription,
  schemaName,
  typeInWords,
} from './schema-markdown.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation in spec order: {path, method, operation, parameters}, parameters resolved. */
export function listOperations(spec) {
  return Object.entries(spec.paths ?? {}).flatMap(([path, rawItem]) => {
    const item = resolveRef(spec, rawItem).value;
    return HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      operation: item[method],
      parameters: [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map(
        (parameter) => resolveRef(spec, parameter).value,
      ),
    }));
  });
}

/** The markdown file of an operation, relative to the published docs folder. */
export function operationFile(operation) {
  if (!operation.operationId) throw new Error('Every operation needs an operationId to get its own markdown file.');
  return `operations/${operation.operationId}.md`;
}

/** The fence language for an x-codeSamples `lang`. */
export function fenceLanguage(lang) {
  return (
    { Shell: 'shell', JavaScript: 'javascript', Python: 'python', TypeScript: 'typescript' }[lang] ?? lang.toLowerCase()
  );
}

export function statusLine(status) {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** How the operation is authenticated, as the header a reader sends; null when it needs nothing. */
export function authenticationInWords(spec, operation = {}) {
  const requirements = operation.security ?? spec.security ?? [];
  const ways = requirements.flatMap((requirement) =>
    Object.keys(requirement).map((name) => {
      const scheme = resolveRef(spec, spec.components?.securitySchemes?.[name] ?? {}).value;
      if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer')
        return `your API key as a bearer token, ${code('Authorization: Bearer YOUR_API_KEY')}`;
      if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic')
        return `HTTP basic authentication (${code('Authorization: Basic ...')})`;
      if (scheme.type === 'apiKey') return `your API key in the ${scheme.in} ${code(scheme.name)}`;
      return `the ${code(name)} security scheme`;
    }),
  );
  return ways.length > 0 ? ways.join(', or ') : null;
}

function exampleBlocks(spec, mediaType, level) {
  const examples = Object.entries(mediaType.examples ?? {}).map(([name, raw]) => [name, resolveRef(spec, raw).value]);
  if (mediaType.example !== undefined) examples.unshift(['example', { value: mediaType.example }]);
  return examples.map(([name, example]) => {
    const title = example.summary ? `${example.summary} (${code(name)})` : code(name);
    const parts = [heading(level, `Example: ${title}`)];
    if (example.description) parts.push(example.description.trim());
    parts.push(fence(`${JSON.stringify(example.value, null, 2)}\n`, 'json'));
    return parts.join('\n\n');
  });
}

/**
 * A body: its content type and schema in a sentence, a row per field (or, for a schema already
 * tabled under an earlier response of this operation, a pointer to it), then its examples.
 * `tabled` maps schema names to where their table is.
 */
function bodyBlocks(spec, content, { level, request, lead = '', where = '', tabled = new Map() }) {
  return Object.entries(content).flatMap(([mediaTypeName, mediaType]) => {
    const schema = mediaType.schema ?? {};
    const name = schemaName(spec, schema);
    const description = schemaDescription(spec, schema);
    const blocks = [
      `${lead}Body (${code(mediaTypeName)}): ${typeInWords(spec, schema)}.${description ? ` ${description}` : ''}`,
    ];
    const rows = fieldRows(spec, schema);
    if (rows.length > 0 && name && tabled.has(name)) {
      blocks.push(`The same fields as the ${tabled.get(name)} body.`);
    } else if (rows.length > 0) {
      if (name) tabled.set(name, where);
      blocks.push(
        table(
          ['Field', 'Type', 'Required', 'Description'],
          rows.map((row) => [code(row.field), row.type, row.required ? 'yes' : 'no', row.description]),
        ),
      );
      if (request && isClosedObject(spec, schema)) blocks.push('The API accepts no fields other than these.');
    }
    return [...blocks, ...exampleBlocks(spec, mediaType, level)];
  });
}

function parameterBlocks(spec, parameters, level) {
  if (parameters.length === 0) return [];
  const rows = parameters.map((parameter) => {
    const example = parameter.example !== undefined ? ` Example: ${code(JSON.stringify(parameter.example))}.` : '';
    const description = [parameter.description?.trim(), limitsInWords(spec, parameter.schema ?? {})]
      .filter(Boolean)
      .join(' ');
    return [
      code(parameter.name),
      parameter.in,
      typeInWords(spec, parameter.schema ?? {}),
      parameter.required ? 'yes' : 'no',
      `${description}${example}`,
    ];
  });
  return [heading(level, 'Parameters'), table(['Name', 'In', 'Type', 'Required', 'Description'], rows)];
}

function requestBodyBlocks(spec, operation, level) {
  if (!operation.requestBody) return [];
  const body = resolveRef(spec, operation.requestBody).value;
  const lead = [body.required ? 'Required.' : 'Optional.', body.description?.trim()].filter(Boolean).join(' ');
  return [
    heading(level, 'Request body'),
    ...bodyBlocks(spec, body.content ?? {}, { level: level + 1, request: true, lead: `${lead} ` }),
  ];
}

function responseBlocks(spec, operation, level) {
  const blocks = [heading(level, 'Responses')];
  const tabled = new Map();
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    const response = resolveRef(spec, raw).value;
    blocks.push(heading(level + 1, statusLine(status)));
    if (response.description) blocks.push(response.description.trim());
    if (response.content && Object.keys(response.content).length > 0) {
      blocks.push(...bodyBlocks(spec, response.content, { level: level + 2, request: false, where: status, tabled }));
    } else {
      blocks.push('No body.');
    }
  }
  return blocks;
}

/** One row per response header, with the statuses that carry it. */
function responseHeaderBlocks(spec, operation, level) {
  const headers = new Map();
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    for (const [name, rawHeader] of Object.entries(resolveRef(spec, raw).value.headers ?? {})) {
      const known = headers.get(name) ?? { header: resolveRef(spec, rawHeader).value, statuses: [] };
      known.statuses.push(status);
      headers.set(name, known);
    }
  }
  if (headers.size === 0) return [];
  const rows = [...headers].map(([name, { header, statuses }]) => {
    const example = header.example !== undefined ? ` Example: ${code(JSON.stringify(header.example))}.` : '';
    const description = [header.description?.trim(), limitsInWords(spec, header.schema ?? {})]
      .filter(Boolean)
      .join(' ');
    return [
      code(name),
      statuses.join(', '),
      typeInWords(spec, header.schema ?? {}),
      header.required ? 'yes' : 'no',
      `${description}${example}`,
    ];
  });
  return [
    heading(level, 'Response headers'),
    table(['Header', 'Sent with', 'Type', 'Always sent', 'Description'], rows),
  ];
}

function codeSampleBlocks(operation, level) {
  const samples = operation['x-codeSamples'] ?? [];
  if (samples.length === 0) return [];
  return [
    heading(level, 'Code samples'),
    ...samples.flatMap((sample) => [
      heading(level + 1, sample.label ?? sample.lang),
      fence(sample.source, fenceLanguage(sample.lang)),
    ]),
  ];
}

/**
 * The operation as markdown. `level` is its title's heading level; `linkBase` is the way from the
 * file this lands in to the published docs folder (`../` for operations/x.md); `links` names the
 * index and the authentication guide, when there are files for them.
 * @param {any} spec
 * @param {{ path: string, method: string, operation: any, parameters: any[] }} entry
 * @param {{ level?: number, linkBase?: string, links?: { index?: string, authentication?: string } }} [options]
 */
export function operationMarkdown(
  spec,
  { path, method, operation, parameters },
  { level = 1, linkBase = '', links = {} } = {},
) {
  const server = spec.servers?.[0]?.url ?? '';
  const about = [
    `${code(`${method.toUpperCase()} ${server}${path}`)}`,
    `operation ${code(operation.operationId)}`,
    operation.tags?.length ? `tag ${operation.tags.join(', ')}` : null,
    links.index
      ? `[${spec.info.title} ${spec.info.version}](${linkBase}${links.index})`
      : `${spec.info.title} ${spec.info.version}`,
  ].filter(Boolean);
  const authentication = authenticationInWords(spec, operation);
  const howToGetKey =
    authentication && links.authentication ? ` ([how to get one](${linkBase}${links.authentication}))` : '';
  const blocks = [
    heading(level, operation.summary ?? operation.operationId),
    about.join(' · '),
    `Authentication: ${authentication ?? 'none'}${howToGetKey}.`,
  ];
  if (operation.deprecated)
    blocks.push('**Deprecated.** Move off this operation: a later major version may remove it.');
  if (operation.description) blocks.push(operation.description.trim());
  blocks.push(
    ...parameterBlocks(spec, parameters, level + 1),
    ...requestBodyBlocks(spec, operation, level + 1),
    ...responseBlocks(spec, operation, level + 1),
    ...responseHeaderBlocks(spec, operation, level + 1),
    ...codeSampleBlocks(operation, level + 1),
  );
  return `${blocks.join('\n\n')}\n`;
}
