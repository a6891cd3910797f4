// Where the handlers answer: every request whose URL starts with the base URL (the spec's server by
// default, which is also the client's default). The rest pass by, to other handlers or the network,
// as MSW's `onUnhandledRequest` decides.

export interface BaseUrl {
  /** `https://www.audioscrape.com`, or with a path: `http://localhost:5173/audioscrape` (no trailing `/`). */
  readonly prefix: string;
  /** The base URL's own path, taken off each request's path before the mock routes it ('' at the root). */
  readonly path: string;
  /**
   * What MSW matches request URLs (origin and path, no query) against. A RegExp with no capture
   * groups: MSW then decodes nothing itself, so a path with a bad escape (`/api/notifications/%zz`)
   * still reaches the mock, which answers it as the server does.
   */
  readonly matcher: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads a base URL (absolute, or in a browser relative to the page) or says why it cannot. */
export function parseBaseUrl(text: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(text, (globalThis as { location?: { href: string } }).location?.href);
  } catch {
    throw new TypeError(
      `The baseUrl option must be an absolute http(s) URL such as https://www.audioscrape.com, not ${JSON.stringify(text)}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The baseUrl option must be an http(s) URL, not ${url.protocol} (${JSON.stringify(text)}).`);
  }
  if (url.search || url.hash)
    throw new TypeError(`The baseUrl option cannot have a query or a fragment (${JSON.stringify(text)}).`);
  const path = url.pathname.replace(/\/+$/, '');
  const prefix = `${url.origin}${path}`;
  return { prefix, path, matcher: new RegExp(`^${escapeRegExp(prefix)}(?:/|$)`) };
}
