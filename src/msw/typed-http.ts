// Per-test overrides, typed from the spec's generated `paths` with MSW's own types: the path must be
// one the API has for that method, `params` are its path parameters, `request.json()` is the
// operation's request body, and the response must be one of its documented bodies. An override
// replaces the realistic answer for the requests it matches (no key check, no rate counting): use it
// for what the mock cannot do by itself, such as a 500 or a body your test writes.
import {
  type DefaultBodyType,
  http,
  type HttpHandler,
  type HttpResponseResolver,
  type RequestHandlerOptions,
} from 'msw';
import type { paths } from '../../generated/schema.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The API's paths that document `M`, e.g. `PathFor<'delete'>` is `'/api/notifications/{id}'`. */
export type PathFor<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;

/** The path parameters, as strings (as they come in a URL): `{ id: string }`. */
export type PathParamsOf<P extends keyof paths, M extends HttpMethod> =
  Operation<P, M> extends { parameters: { path: infer Params } }
    ? { [Name in keyof Params]: string }
    : Record<string, never>;

/** The JSON request body, or `never` for an operation that takes none. */
export type RequestBodyOf<P extends keyof paths, M extends HttpMethod> = [
  NonNullable<Operation<P, M>['requestBody']>,
] extends [never]
  ? never
  : NonNullable<Operation<P, M>['requestBody']> extends {
        content: { 'application/json': infer Body extends DefaultBodyType };
      }
    ? Body
    : never;

/** Every documented response body of the operation (its errors too); `null` for one without a body (204). */
export type ResponseBodyOf<P extends keyof paths, M extends HttpMethod> = {
  [Status in keyof Operation<P, M>['responses']]: Operation<P, M>['responses'][Status] extends {
    content: { 'application/json': infer Body extends DefaultBodyType };
  }
    ? Body
    : null;
}[keyof Operation<P, M>['responses']];

export type TypedResolver<P extends keyof paths, M extends HttpMethod> = HttpResponseResolver<
  PathParamsOf<P, M>,
  RequestBodyOf<P, M>,
  ResponseBodyOf<P, M>
>;

type TypedMethod<M extends HttpMethod> = <P extends PathFor<M>>(
  path: P,
  resolver: TypedResolver<P, M>,
  options?: RequestHandlerOptions,
) => HttpHandler;

/** `http.get`, `http.post`, … for the API's own paths under one base URL, typed from the spec. */
export type TypedHttp = { readonly [M in HttpMethod]: TypedMethod<M> };

/** `/api/notifications/{id}` → `/api/notifications/:id`, MSW's way of writing a path parameter. */
function mswPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

export function typedHttp(prefix: string): TypedHttp {
  const method =
    <M extends HttpMethod>(name: M): TypedMethod<M> =>
    (path, resolver, options) =>
      http[name](`${prefix}${mswPath(path)}`, resolver as HttpResponseResolver, options);
  return {
    get: method('get'),
    put: method('put'),
    post: method('post'),
    delete: method('delete'),
    patch: method('patch'),
  };
}
