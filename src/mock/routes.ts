// Which operation a request is for, from the spec's path templates, and what its path parameters
// say. Paths arrive percent-encoded as on the wire; a bad escape (`%`, `%zz`, `%E0%A4%A`, an
// overlong `%C0%AF`) is never an error here: the segment is taken literally, so `/api/notifications/%`
// is the delete operation with the id "%", which the schema check then refuses by name.
import type { SpecOperation } from './spec.js';

export type RouteMatch =
  | { kind: 'operation'; operation: SpecOperation; params: Record<string, string> }
  | { kind: 'no-path' }
  | { kind: 'no-method'; allow: string[] };

interface Template {
  segments: Array<{ literal: string } | { param: string }>;
  operations: SpecOperation[];
}

/** The segment decoded, or, when it is not valid percent-encoded UTF-8, as it was sent. */
export function decodeSegment(segment: string): string {
  return isDecodable(segment) ? decodeURIComponent(segment) : segment;
}

/**
 * The same path with every `%` of an undecodable segment escaped as `%25`, so that a decoder that
 * throws on bad escapes (Prism's router does) reads the segment literally instead of crashing.
 */
export function escapeUndecodableSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => (isDecodable(segment) ? segment : segment.replaceAll('%', '%25')))
    .join('/');
}

function isDecodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

export class Router {
  readonly #templates: Template[];

  constructor(operations: SpecOperation[]) {
    const byPath = new Map<string, SpecOperation[]>();
    for (const operation of operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
    this.#templates = [...byPath].map(([path, pathOperations]) => ({
      segments: path.split('/').map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        return param ? { param: param[1]! } : { literal: segment };
      }),
      operations: pathOperations,
    }));
    // A literal segment wins over a parameter at the same place (/a/b before /a/{x}).
    const literals = (template: Template) => template.segments.filter((segment) => 'literal' in segment).length;
    this.#templates.sort((a, b) => literals(b) - literals(a));
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').map(decodeSegment);
    for (const template of this.#templates) {
      const params = this.#matchTemplate(template, segments);
      if (!params) continue;
      const operation = template.operations.find((candidate) => candidate.method === method.toUpperCase());
      if (!operation)
        return { kind: 'no-method', allow: template.operations.map((candidate) => candidate.method).sort() };
      return { kind: 'operation', operation, params };
    }
    return { kind: 'no-path' };
  }

  #matchTemplate(template: Template, segments: string[]): Record<string, string> | undefined {
    if (template.segments.length !== segments.length) return undefined;
    const params: Record<string, string> = {};
    for (const [index, part] of template.segments.entries()) {
      const segment = segments[index]!;
      if ('literal' in part) {
        if (part.literal !== segment) return undefined;
      } else {
        if (segment === '') return undefined;
        params[part.param] = segment;
      }
    }
    return params;
  }
}
