// The client's security rules in one place: where the API key may be sent, when the client may run
// at all, and how the key is kept out of messages and logs. The callers turn a refusal into an error.

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
const SENSITIVE_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);
export const REDACTED = '[redacted]';

/** True in a page (a window with a document); false in Node, Deno, Bun and workers. */
export function isBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown } };
  return typeof scope.window === 'object' && scope.window !== null && typeof scope.window.document !== 'undefined';
}

/**
 * Why the API key must not be sent to `url`, or `undefined` when it may: only https://, or plain
 * http:// to a loopback host (a local mock or test server), where nothing crosses the network.
 */
export function refusalToSendKey(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not an absolute URL (expected something like https://www.audioscrape.com).`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname)) return undefined;
  return (
    `Refusing to send the API key to ${parsed.origin}: it would travel in clear text. ` +
    'Use https://, or http:// only to a loopback host (localhost, 127.0.0.1, [::1]).'
  );
}

/** `text` with every occurrence of `secret` replaced by [redacted]. */
export function redactSecret(text: string, secret: string): string {
  return secret && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** Request or response headers as a plain object for a log line, credentials replaced by [redacted]. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const visible: Record<string, string> = {};
  headers.forEach((value, name) => {
    visible[name] = SENSITIVE_HEADERS.has(name) ? REDACTED : value;
  });
  return visible;
}
