// audioscrape-api/msw: the realistic mock as Mock Service Worker handlers, for a frontend's own tests
// (setupServer from msw/node) and its browser (setupWorker from msw/browser). msw is the app's own
// (a peer dependency), and so is the worker script: `npx msw init public/ --save`.
//   handlers.ts    createMockHandlers: options, reset, the clock
//   exchange.ts    Fetch Request/Response ↔ the behaviour module's request and answer
//   base-url.ts    which requests the handlers answer
//   typed-http.ts  typed per-test overrides from the spec's paths
//   spec.ts        the bundled spec the rules come from
export { createMockHandlers, type KeywordAlert, type MockHandlers, type MockHandlersOptions } from './handlers.js';
export type {
  HttpMethod,
  PathFor,
  PathParamsOf,
  RequestBodyOf,
  ResponseBodyOf,
  TypedHttp,
  TypedResolver,
} from './typed-http.js';
