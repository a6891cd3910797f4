// What the client accepts as an answer: a body no larger than `maxResponseBytes`, read without
// buffering more than that, and a 2xx body that has the fields the spec requires at its top level.
// Anything else is an InvalidResponseError that names the call and what was wrong.
import { InvalidResponseError } from './errors.js';

/**
 * The fields each operation's 2xx body must have: the spec's `required`, checked against
 * generated/openapi.json by test/client/responses.test.ts. Deeper checks are the contract tests' job.
 */
const REQUIRED_FIELDS: Record<string, string> = {
  'POST /api/v1/search': 'meta results',
  'GET /api/me': 'user plan api_key api_version',
  'GET /api/notifications': 'notifications',
  'POST /api/notifications': 'id search_term webhook_url email_recipient created_at delivery_stats',
};

/** Throws when `data`, the parsed 2xx body of `call` (e.g. `GET /api/me`), lacks a required field. */
export function checkBody(call: string, status: number, data: unknown): void {
  const missing = REQUIRED_FIELDS[call]?.split(' ').filter((field) => !(field in Object(data)));
  if (missing?.length) {
    const what = data === undefined ? 'an empty body' : `${JSON.stringify(data).slice(0, 20)}, without ${missing.join(', ')}`;
    throw new InvalidResponseError(`${call} answered ${status} with ${what}, which the API's contract does not allow.`);
  }
}

/**
 * `response`, with `text()` and `json()` reading through a byte counter that stops at `limit`; a
 * Content-Length over it fails at once. (Own methods rather than a TransformStream, which costs 15 %
 * per request. Raw calls that read the body as a stream, blob or buffer are held by Content-Length only.)
 */
export function limitBody(response: Response, limit: number, call: () => string): Response {
  const stop = (reader?: ReadableStreamDefaultReader) => {
    void (reader ?? response.body)?.cancel();
    return new InvalidResponseError(`${call()} answered with a body over maxResponseBytes (${limit} bytes); it was not read further.`);
  };
  if (Number(response.headers.get('content-length')) > limit) throw stop();
  const text = async () => {
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let read = '';
    for (let size = 0, chunk; reader && !(chunk = await reader.read()).done; ) {
      if ((size += chunk.value.length) > limit) throw stop(reader);
      read += decoder.decode(chunk.value, { stream: true });
    }
    return read + decoder.decode();
  };
  return Object.assign(response, { text, json: async () => JSON.parse(await text()) as unknown });
}
