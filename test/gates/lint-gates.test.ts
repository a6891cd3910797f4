// The lint gates can fail: each copy of the spec below carries one defect, and `npm run lint` must
// reject it with a message that names the rule and the file. The untouched copy must pass, so a
// failure is the defect's doing and nothing else's.
import { describe, expect, it } from 'vitest';
import { projectCopyForTest } from '../support/project-copy.js';

interface Defect {
  name: string;
  file: string;
  search: string | RegExp;
  replacement: string;
  /** What the failure output must mention: the rule(s) and where. */
  expected: RegExp[];
}

const DEFECTS: Defect[] = [
  {
    name: 'a 429 response without Retry-After',
    file: 'openapi/components/responses/TooManyRequests.yaml',
    search: '  Retry-After:\n    $ref: ../headers/RetryAfter.yaml\n',
    replacement: '',
    expected: [/owasp:api4:2023-rate-limit-retry-after/, /TooManyRequests\.yaml/, /response-contains-header/],
  },
  {
    name: 'an example that breaks its schema',
    file: 'openapi/components/examples/SearchResponseHits.yaml',
    search: 'took_ms: 38',
    replacement: 'took_ms: fast',
    expected: [/no-invalid-media-type-examples/, /took_ms/, /SearchResponseHits\.yaml/],
  },
  {
    name: 'an operation without the 401 response',
    file: 'openapi/paths/api_me.yaml',
    search: "    '401':\n      $ref: ../components/responses/Unauthorized.yaml\n",
    replacement: '',
    expected: [/owasp:api8:2023-define-error-responses-401/, /api_me\.yaml/],
  },
  {
    name: 'an unbounded string',
    file: 'openapi/components/schemas/SearchTerm.yaml',
    search: 'maxLength: 200\n',
    replacement: '',
    expected: [/owasp:api4:2023-string-limit/, /SearchTerm\.yaml/],
  },
  {
    name: 'a 2xx response without the rate-limit headers',
    file: 'openapi/paths/api_me.yaml',
    search: /      headers:\n(        X-RateLimit-\w+:\n          \$ref: [^\n]+\n)+/,
    replacement: '',
    expected: [/owasp:api4:2023-rate-limit\b/, /response-contains-header/, /api_me\.yaml/],
  },
  {
    name: 'a request body open to extra properties',
    file: 'openapi/components/schemas/CreateKeywordAlertRequest.yaml',
    search: 'additionalProperties: false\n',
    replacement: '',
    expected: [/audioscrape-closed-objects/, /CreateKeywordAlertRequest\.yaml/],
  },
  {
    name: 'an operation whose security makes the key optional ({} beside bearerAuth)',
    file: 'openapi/paths/api_me.yaml',
    search: '  operationId: getMe\n',
    replacement: '  operationId: getMe\n  security:\n    - {}\n    - bearerAuth: []\n',
    expected: [/audioscrape-no-optional-auth/, /api_me\.yaml/, /get\.security\[0\]/],
  },
  {
    name: 'a root security that makes the key optional',
    file: 'openapi/openapi.yaml',
    search: 'security:\n  - bearerAuth: []\n',
    replacement: 'security:\n  - bearerAuth: []\n  - {}\n',
    expected: [/audioscrape-no-optional-auth/, /openapi\.yaml/, /security\[1\]/],
  },
  {
    name: 'an operation that takes input but has no 400',
    file: 'openapi/paths/api_v1_search.yaml',
    search: "    '400':\n      $ref: ../components/responses/BadRequest.yaml\n",
    replacement: '',
    expected: [/audioscrape-400-when-input/, /api_v1_search\.yaml/],
  },
];

describe.concurrent('npm run lint', () => {
  it('passes on the untouched spec with zero errors and zero warnings', async (context) => {
    const copy = await projectCopyForTest(context);
    const { code, output } = await copy.run('lint');
    expect(output).toContain('Lint passed: zero errors, zero warnings.');
    expect(code).toBe(0);
  });

  it.for(DEFECTS)('fails on $name, naming the defect', async (defect, context) => {
    const copy = await projectCopyForTest(context);
    await copy.edit(defect.file, defect.search, defect.replacement);
    const { code, output } = await copy.run('lint');
    expect(code).not.toBe(0);
    for (const pattern of defect.expected) expect(output).toMatch(pattern);
    expect(output).toMatch(/Fix each finding at the file and line shown above/);
  });
});
