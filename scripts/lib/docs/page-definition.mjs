// What the reference page renders: the bundled spec plus what only the page needs. The published page
// adds links to the plain-text files and the "Changes" section; the local page that `npm start`
// serves also offers the local mock beside production (its URL in the servers list and every code
// sample twice, labelled), and says which is which. The bundle itself (generated/openapi.json) is
// never changed: it is the contract.
import { changesMarkdown } from '../changelog.mjs';
import { splitAtHeadings } from './markdown.mjs';
import { listOperations, operationFile } from './operation-markdown.mjs';
import { LLMS_FULL, LLMS_INDEX } from './plain-text-docs.mjs';

// Sample labels lead with which server they call: Redoc's language menu cuts long labels short.
export const LOCAL_MOCK_LABEL = 'Local mock';
export const PRODUCTION_LABEL = 'Production';

const PLAIN_TEXT_LINKS =
  `**Plain-text versions** of this reference, for scripts, coding assistants and \`grep\`: ` +
  `[${LLMS_INDEX}](${LLMS_INDEX}) (an index of the API), [${LLMS_FULL}](${LLMS_FULL}) (all of it in one ` +
  'markdown file), and a markdown file for each operation, linked from the operation.';

function localMockNotice(mockUrl, production) {
  return [
    `> **Served by \`npm start\` on this machine.** The local mock is at \`${mockUrl}\`: it answers as the contract`,
    '> says, with made-up data and no real account behind it, and accepts made-up keys',
    '> (`export AUDIOSCRAPE_API_KEY=test-key`). Every code sample comes twice: the one labelled',
    `> *${LOCAL_MOCK_LABEL}* calls the mock, the one labelled *${PRODUCTION_LABEL}* calls \`${production}\``,
    '> with your real key. The server list above each sample offers both too.',
  ].join('\n');
}

/** A sample rewritten to call `baseUrl`: the production URL replaced, or the client given it. */
export function sampleCalling(sample, productionUrl, baseUrl) {
  if (sample.source.includes(productionUrl)) return sample.source.replaceAll(productionUrl, baseUrl);
  if (sample.source.includes('new Audioscrape()'))
    return sample.source.replace('new Audioscrape()', `new Audioscrape({ baseUrl: '${baseUrl}' })`);
  throw new Error(
    `The ${sample.label ?? sample.lang} sample names neither ${productionUrl} nor \`new Audioscrape()\`, so the local page cannot point it at the mock.`,
  );
}

export const labelled = (label, which) => `${which} · ${label}`;

/** Each operation's samples twice: first calling the mock, then production, each labelled. */
function withLocalMockSamples(operation, productionUrl, mockUrl) {
  const samples = operation['x-codeSamples'] ?? [];
  return [
    ...samples.map((sample) => ({
      ...sample,
      label: labelled(sample.label ?? sample.lang, LOCAL_MOCK_LABEL),
      source: sampleCalling(sample, productionUrl, mockUrl),
    })),
    ...samples.map((sample) => ({ ...sample, label: labelled(sample.label ?? sample.lang, PRODUCTION_LABEL) })),
  ];
}

/**
 * The Redocly `codeSamples.languages` for the local page: each configured language once for the
 * mock and once for production, matched to the samples by label; Payload stays last.
 */
export function localMockLanguages(languages) {
  const samples = languages.filter((language) => language.lang !== 'Payload');
  const payload = languages.filter((language) => language.lang === 'Payload');
  const variant = (which) =>
    samples.map((language) => ({ ...language, label: labelled(language.label ?? language.lang, which) }));
  return [...variant(LOCAL_MOCK_LABEL), ...variant(PRODUCTION_LABEL), ...payload];
}

/**
 * The definition the page renders. `releases` fill the Changes section; with `mockUrl` it is the
 * local page, offering the mock beside production.
 * @param {Record<string, any>} spec the bundled spec
 * @param {{ releases?: Array<{ version: string, date: string, notes: string }>, mockUrl?: string }} [options]
 */
export function pageDefinition(spec, { releases = [], mockUrl } = {}) {
  const page = structuredClone(spec);
  const production = spec.servers?.[0]?.url;
  const { intro, sections } = splitAtHeadings(spec.info.description ?? '', 1);
  page.info.description = [
    mockUrl ? localMockNotice(mockUrl, production) : null,
    intro,
    PLAIN_TEXT_LINKS,
    ...sections.map((section) => section.markdown),
    changesMarkdown(releases).trim(),
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
  for (const { operation } of listOperations(page)) {
    const file = operationFile(operation);
    operation.description =
      `${operation.description?.trim() ?? ''}\n\nThis operation as markdown: [${file}](${file}).\n`.trimStart();
    if (mockUrl) operation['x-codeSamples'] = withLocalMockSamples(operation, production, mockUrl);
  }
  if (mockUrl) {
    page.servers = [
      { url: mockUrl, description: 'Local mock (npm start on this machine): made-up data, made-up keys' },
      ...(spec.servers ?? []).map((server) => ({
        ...server,
        description: server.description ? `${server.description}: your real key` : 'Your real key',
      })),
    ];
  }
  return page;
}
