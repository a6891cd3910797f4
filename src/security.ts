// The client's security rules in one place: where the API key may be sent, when the client may run
// at all, and how the key is kept out of everything the client shows. The callers turn a refusal
// into an error.

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
const CREDENTIAL_HEADER = /^(authorization|cookie|set-cookie|proxy-authorization)$/;
export const REDACTED = '[redacted]';

/** Replaces the API key in a text with [redacted]; leaves every other character as it was. */
export type Redact = (text: string) => string;

/** True in a page (a window with a document); false in Node, Deno, Bun and workers. */
export function isBrowser(): boolean {
  return !!(globalThis as { window?: { document?: unknown } }).window?.document;
}

/**
 * Why the API key must not be sent to `url`, or `undefined` when it may: only https://, or plain
 * http:// to a loopback host (a local mock or test server), where nothing crosses the network.
 */
export function refusalToSendKey(url: string): string | undefined {
  if (!URL.canParse(url))
    return `"${url}" is not an absolute URL (expected something like https://www.audioscrape.com).`;
  const { protocol, hostname, origin } = new URL(url);
  if (protocol === 'https:' || (protocol === 'http:' && LOOPBACK_HOST.test(hostname))) return undefined;
  return `Refusing to send the API key to ${origin}: it would travel in clear text. Use https://, or http:// only to a loopback host (localhost, 127.0.0.1, [::1]).`;
}

/**
 * The Redact for `secret`. A key shorter than 16 characters is replaced only where it stands alone,
 * not touching a letter or digit, so that key "k" leaves "API key" as it is; a longer one is
 * replaced wherever it appears, since no word contains it by chance. (`[]` matches nothing.)
 */
export function redactor(secret: string): Redact {
  const edge = secret.length < 16 ? '[\\p{L}\\p{N}]' : '[]';
  const pattern = new RegExp(`(?<!${edge})${secret.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}(?!${edge})`, 'gu');
  return (text) => text.replace(pattern, REDACTED);
}

/** `value` (parsed JSON) with the key redacted from every string and property name, at any depth. */
export function redactDeep(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [redact(name), redactDeep(item, redact)]));
}

/** Headers as a plain object for a log line: credentials as [redacted], the key removed from the rest. */
export function loggableHeaders(headers: Headers, redact: Redact): Record<string, string> {
  return Object.fromEntries(
    [...headers].map(([name, value]) => [name, CREDENTIAL_HEADER.test(name) ? REDACTED : redact(value)]),
  );
}
