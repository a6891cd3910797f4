// What the client accepts as an answer: a body no larger than `maxResponseBytes`, read without
// buffering more than that, and a 2xx body that has the fields the spec requires at its top level.
// Anything else is an InvalidResponseError that names the call and what was wrong.
import { InvalidResponseError } from './errors.js';

/**
 * The fields each operation's 2xx body must have: the spec's `required`, checked against
 * generated/openapi.json by test/client/responses.test.ts. Deeper checks are the contract tests' job.
 */
const REQUIRED_FIELDS: Record<string, string[]> = {
  'POST /api/v1/search': ['meta', 'results'],
  'GET /api/me': ['user', 'plan', 'api_key', 'api_version'],
  'GET /api/notifications': ['notifications'],
  'POST /api/notifications': ['id', 'search_term', 'webhook_url', 'email_recipient', 'created_at', 'delivery_stats'],
};

/** What is wrong with `data`, in a few words that never quote it (it may hold the key). */
function describeWrongBody(data: unknown, required: string[]): string {
  if (data === undefined) return 'an empty body';
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'an array';
  if (typeof data !== 'object') return `a ${typeof data}`;
  return `a body without ${required.filter((field) => !(field in data)).join(', ')}`;
}

/** Throws when `data`, the parsed 2xx body of the call `label` (`GET /api/me`), lacks a required field. */
export function checkBody(label: string, status: number, data: unknown): void {
  const required = REQUIRED_FIELDS[label] ?? [];
  const body = Object(data) as object;
  for (const field of required) {
    if (!(field in body)) {
      throw new InvalidResponseError(
        `${label} answered ${status} with ${describeWrongBody(data, required)}, which the API's contract does not allow.`,
      );
    }
  }
}

const decoder = new TextDecoder();

/** The body as text, read through a byte counter that stops at `limit`. */
async function readText(
  response: Response,
  limit: number,
  tooLarge: (reader: ReadableStreamDefaultReader) => Error,
): Promise<string> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader?.read(); reader && chunk && !chunk.done; chunk = await reader.read()) {
    size += chunk.value.length;
    if (size > limit) throw tooLarge(reader);
    chunks.push(chunk.value);
  }
  // One chunk is the common case, and the fastest to decode.
  return chunks.length < 2 ? decoder.decode(chunks[0]) : new Blob(chunks as BlobPart[]).text();
}

/**
 * `response`, with `text()` and `json()` reading through a byte counter that stops at `limit`; a
 * Content-Length over it fails at once. (Own methods rather than a TransformStream, which costs 15 %
 * per request. Raw calls that read the body as a stream, blob or buffer are held by Content-Length only.)
 */
export function limitBody(response: Response, limit: number, label: () => string): Response {
  const tooLarge = (reader?: ReadableStreamDefaultReader) => {
    void (reader ?? response.body)?.cancel();
    return new InvalidResponseError(
      `${label()} answered with a body over maxResponseBytes (${limit} bytes); it was not read further.`,
    );
  };
  if (Number(response.headers.get('content-length')) > limit) throw tooLarge();
  response.text = () => readText(response, limit, tooLarge);
  response.json = () => readText(response, limit, tooLarge).then(JSON.parse);
  return response;
}
