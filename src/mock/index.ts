// The realistic mock's behaviour, for any transport: `createMockApi({ spec })`, then
// `api.handle(request)` per request. See api.ts for what it does, control.ts for /__mock/.
export { createMockApi, describeIssues, MockApi, type MockApiOptions, type RequestIssue } from './api.js';
export { CONTROL_PREFIX, handleControl, isControlRequest, KEY_CONVENTION } from './control.js';
export { INVALID_KEY_PREFIX, planNameForKey, type PlanName } from './plans.js';
export { bearerToken, bodyTooLarge, MAX_BODY_BYTES, type MockAnswer, type MockRequest, readBody } from './request.js';
export { escapeUndecodableSegments, type RouteMatch } from './routes.js';
export {
  documentedResponse,
  listOperations,
  namedExamples,
  resolveRef,
  type JsonObject,
  type SpecOperation,
} from './spec.js';
