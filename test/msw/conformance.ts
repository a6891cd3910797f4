// Every answer the MSW handlers give in these tests is held to the spec, as the server mock's are:
// the handlers' answers are recorded off MSW's own events and each one that belongs to an operation
// is checked for a documented status, a valid body and valid, present rate headers.
import type { SetupServer } from 'msw/node';
import { checkResponse, formatViolation } from '../contract/engine/conformance.js';
import { loadBundledSpec, type OperationEntry, operations } from '../support/openapi.js';
import { createSchemaValidator } from '../support/schema-validator.js';

const spec = loadBundledSpec();
const validator = createSchemaValidator(spec);
const entries = operations(spec);

export interface RecordedAnswer {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  rawBody: string;
}

/** The operation a request is for, by the spec's path templates; undefined for other paths (404s, /__mock). */
export function operationFor(method: string, pathname: string): OperationEntry | undefined {
  return entries.find((entry) => {
    if (entry.method !== method.toLowerCase()) return false;
    const template = new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return template.test(pathname);
  });
}

export interface AnswerRecorder {
  /** Every answer so far, once each body has been read. */
  answers(): Promise<RecordedAnswer[]>;
}

/** Records every answer the server's handlers give (not passed-through requests), body read from a clone. */
export function recordAnswers(server: SetupServer): AnswerRecorder {
  const answers: RecordedAnswer[] = [];
  const pending: Array<Promise<void>> = [];
  server.events.on('response:mocked', ({ request, response }) => {
    pending.push(
      response
        .clone()
        .text()
        .then(
          (rawBody: string) =>
            void answers.push({
              method: request.method,
              url: request.url,
              status: response.status,
              headers: response.headers,
              rawBody,
            }),
        ),
    );
  });
  return {
    answers: async () => {
      await Promise.all(pending);
      return answers;
    },
  };
}

/**
 * What is wrong with the answers by the spec, one line per problem; [] when they all conform.
 * Documented headers must be there even where optional (rate headers on every answer to a valid
 * key), except on a 401 (no valid key, no quota) and where `optionalHeaders` says otherwise.
 */
export function specViolations(
  answers: RecordedAnswer[],
  optionalHeaders: (answer: RecordedAnswer, index: number) => 'expect' | 'allow-missing' = () => 'expect',
): string[] {
  return answers.flatMap((answer, index) => {
    const entry = operationFor(answer.method, new URL(answer.url).pathname);
    if (!entry) return [];
    const context = {
      spec,
      validator,
      optionalHeaders: optionalHeaders(answer, index),
      optionalHeadersOn401: 'allow-missing' as const,
    };
    return checkResponse(context, entry, answer).map(formatViolation);
  });
}

export function bundledSpec() {
  return spec;
}
