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

/** Throws when `data`, the parsed 2xx body of `call` (e.g. `GET /api/me`), lacks a required field. */
export function checkBody(call: string, status: number, data: unknown): void {
  const body = Object(data) as object;
  for (const field of REQUIRED_FIELDS[call] ?? []) {
    if (!(field in body)) {
      const missing = REQUIRED_FIELDS[call]!.filter((name) => !(name in body)).join(', ');
      const what = data === undefined ? 'an empty body' : `${JSON.stringify(data).slice(0, 20)}, without ${missing}`;
      throw new InvalidResponseError(`${call} answered ${status} with ${what}, which the API's contract does not allow.`);
    }
  }
}

const decoder = new TextDecoder();

/** The body as text, read through a byte counter that stops at `limit`. */
async function readText(response: Response, limit: number, tooLarge: (reader: ReadableStreamDefaultReader) => Error): Promise<string> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk; reader && !(chunk = await reader.read()).done; chunks.push(chunk.value)) {
    if ((size += chunk.value.length) > limit) throw tooLarge(reader);
  }
  // One chunk is the common case, and the fastest to decode.
  return chunks.length < 2 ? decoder.decode(chunks[0]) : new Blob(chunks as BlobPart[]).text();
}

/**
 * `response`, with `text()` and `json()` reading through a byte counter that stops at `limit`; a
 * Content-Length over it fails at once. (Own methods rather than a TransformStream, which costs 15 %
 * per request. Raw calls that read the body as a stream, blob or buffer are held by Content-Length only.)
 */
export function limitBody(response: Response, limit: number, call: () => string): Response {
  const tooLarge = (reader?: ReadableStreamDefaultReader) => {
    void (reader ?? response.body)?.cancel();
    return new InvalidResponseError(`${call()} answered with a body over maxResponseBytes (${limit} bytes); it was not read further.`);
  };
  if (Number(response.headers.get('content-length')) > limit) throw tooLarge();
  response.text = () => readText(response, limit, tooLarge);
  response.json = () => readText(response, limit, tooLarge).then(JSON.parse);
  return response;
}
