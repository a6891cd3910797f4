// Keyword alerts (`/api/notifications`): standing searches that deliver new matches by webhook or
// email. `client.notifications` is this resource.
import type { RequestOptions } from './config.js';
import { AudioscrapeError } from './errors.js';
import { callOptions, toResult } from './raw-client.js';
import type {
  ApiResult,
  CreateKeywordAlertRequest,
  KeywordAlert,
  KeywordAlertId,
  KeywordAlertList,
  RawClient,
} from './types.js';

/** Keyword alerts: standing searches that deliver new matches by webhook or email. */
export interface Notifications {
  list(options?: RequestOptions): Promise<ApiResult<KeywordAlertList>>;
  create(body: CreateKeywordAlertRequest, options?: RequestOptions): Promise<ApiResult<KeywordAlert>>;
  delete(id: KeywordAlertId, options?: RequestOptions): Promise<ApiResult<undefined>>;
}

export function createNotifications(raw: RawClient): Notifications {
  return {
    list: (options = {}) => raw.GET('/api/notifications', callOptions(options)).then(toResult),
    create: (body, options = {}) => raw.POST('/api/notifications', { ...callOptions(options), body }).then(toResult),
    delete: async (id, options = {}) => {
      if (typeof id !== 'string' || id === '')
        throw new AudioscrapeError('notifications.delete needs the alert id, a non-empty string.');
      return toResult<undefined>(
        await raw.DELETE('/api/notifications/{id}', { ...callOptions(options), params: { path: { id } } }),
      );
    },
  };
}
