// The API's error answers, in its own shape ({"error", "message"}, plus "retry_after" on 429). The
// 401, 403 and 429 bodies are the spec's examples (which reproduce the authentication page's
// bodies exactly); the 400, 404 and 500 titles come from the spec's examples too, with a message that
// says what was wrong with this request.
import { exampleBody, type JsonObject, listOperations, type SpecOperation } from './spec.js';

export interface ErrorBodies {
  unauthorized: JsonObject;
  forbidden: JsonObject;
  rateLimited: JsonObject;
  badRequestTitle: string;
  notFound: JsonObject;
  internalError: JsonObject;
}

function firstOperationDocumenting(operations: SpecOperation[], status: number): SpecOperation {
  const found = operations.find((operation) => operation.operation.responses?.[String(status)] !== undefined);
  if (!found)
    throw new Error(`No operation in the spec documents a ${status} response, so the mock has no body for it.`);
  return found;
}

export function readErrorBodies(spec: JsonObject): ErrorBodies {
  const operations = listOperations(spec);
  const example = (status: number) =>
    exampleBody(spec, firstOperationDocumenting(operations, status), status) as JsonObject;
  return {
    unauthorized: example(401),
    forbidden: example(403),
    rateLimited: example(429),
    badRequestTitle: String(example(400).error),
    notFound: example(404),
    internalError: example(500),
  };
}

export const METHOD_NOT_ALLOWED_TITLE = 'Method Not Allowed';
export const NOT_FOUND_TITLE = 'Not Found';
