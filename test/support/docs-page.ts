// Reading a built reference page (Redoc's static HTML) without a browser: the definition it renders
// and its server-rendered markup; and what counts as a loopback URL, which no published file may name.

/** A loopback host in a URL or text: localhost, 127.x.x.x, 0.0.0.0, [::1]. */
export const LOOPBACK = /\b(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0)\b|\[::1?\]/;

/** The JSON literal assigned to `const <name> = ...;` in the page's inline script. */
export function inlineJson(page: string, name: string): any {
  const match = new RegExp(`const ${name} = (\\{.*?\\});\\n`).exec(page);
  if (!match) throw new Error(`The page has no ${name}`);
  return JSON.parse(match[1]!);
}

/** The page's markup: the server-rendered HTML, without the inlined scripts and styles. */
export function markupOf(page: string): string {
  return page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
}

/**
 * The loopback URLs a page shows its readers: in the definition it renders and in its markup. Redoc's
 * own inlined library code mentions localhost and is left out: it is not content.
 */
export function loopbackShownBy(page: string): string[] {
  const shown = `${JSON.stringify(inlineJson(page, '__redoc_definition'))}\n${markupOf(page)}`;
  return [...shown.matchAll(new RegExp(LOOPBACK.source, 'g'))].map((match) => match[0]);
}
