// The contract reproduces the API's own authentication page (test/fixtures/seed-authentication-page.txt):
// its error bodies, header, URL and plan table exactly; its guide in the reader's words.
import { describe, expect, it } from 'vitest';
import { loadBundledSpec, namedExamples, operations, resolve } from '../support/openapi.js';
import {
  seedBestPractices,
  seedErrorBodies,
  seedKeySteps,
  seedPageText,
  seedPlanTableLines,
  seedSearchUrl,
} from '../support/seed.js';

const spec = loadBundledSpec();
const guide: string = spec.info.description;
const bearerAuth = spec.components.securitySchemes.bearerAuth;

/** Letters and digits only, lower-cased: "reader's words" may change punctuation, not content. */
const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('the seed page as read by these tests', () => {
  it('has the three error bodies, the plan table, four key steps and four best practices', () => {
    expect(seedErrorBodies().map((body) => body.status)).toEqual([401, 403, 429]);
    expect(seedPlanTableLines()).toHaveLength(5);
    expect(seedKeySteps()).toHaveLength(4);
    expect(seedBestPractices()).toHaveLength(4);
  });
});

describe('error bodies', () => {
  for (const seed of seedErrorBodies()) {
    it(`every operation's ${seed.status} example is the seed's body, field for field and in order`, () => {
      for (const entry of operations(spec)) {
        const response = resolve(spec, entry.operation.responses[String(seed.status)]);
        const examples = namedExamples(spec, response.content['application/json']);
        expect(examples.length, entry.label).toBeGreaterThan(0);
        for (const [name, example] of examples) {
          expect(JSON.stringify(example.value), `${entry.label} ${seed.status} example ${name}`).toBe(
            JSON.stringify(seed.body),
          );
        }
      }
    });

    it(`the guide's error table shows the ${seed.status} body byte for byte`, () => {
      expect(guide).toContain(seed.raw);
    });
  }
});

describe('plan table', () => {
  it('appears in the guide exactly as on the seed page', () => {
    const guideLines = guide.split('\n');
    for (const line of seedPlanTableLines()) expect(guideLines).toContain(line);
  });
});

describe('authentication', () => {
  it('is a bearer token in the Authorization header, applied to every operation', () => {
    expect(bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    for (const entry of operations(spec)) {
      if (entry.operation.security) expect(entry.operation.security, entry.label).toContainEqual({ bearerAuth: [] });
    }
  });

  it('is shown the way the seed page shows it', () => {
    const headerLine = /-H "(Authorization: Bearer [A-Z_]+)"/.exec(seedPageText())![1]!;
    expect(guide).toContain(headerLine);
    expect(bearerAuth.description).toContain(headerLine);
  });

  it('explains how to get a key, in the four steps of the seed page', () => {
    for (const [title, text] of seedKeySteps()) {
      expect(normalize(guide), title).toContain(normalize(text));
      expect(normalize(bearerAuth.description), title).toContain(normalize(text));
    }
  });

  it('carries the security best practices', () => {
    for (const practice of seedBestPractices()) expect(normalize(guide)).toContain(normalize(practice));
  });
});

describe('URL', () => {
  it("search is at the seed's URL", () => {
    const url = new URL(seedSearchUrl());
    expect(spec.servers.map((server: { url: string }) => server.url)).toContain(url.origin);
    expect(spec.paths[url.pathname]?.post, url.pathname).toBeDefined();
  });
});
