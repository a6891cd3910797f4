// The client's options: what each one means, its default (often from the environment), and the
// checks that turn a bad value into an AudioscrapeError that says what to do, before any request.
import { AudioscrapeError } from './errors.js';
import { createLog, isLogLevel, LOG_LEVELS, type Log, type Logger, type LogLevel } from './logging.js';
import { sleep as realSleep, type Sleep } from './retry.js';
import { isBrowser, refusalToSendKey } from './security.js';

export type FetchFunction = (request: Request) => Promise<Response>;

export interface ClientOptions {
  /** Your API key. Default: the `AUDIOSCRAPE_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default: `AUDIOSCRAPE_BASE_URL`, else `https://www.audioscrape.com`. Plain http:// only to a loopback host. */
  baseUrl?: string | undefined;
  /** Retries after the first attempt. Default: 2. */
  maxRetries?: number | undefined;
  /** Milliseconds an attempt may take, body included. Default: 30 000. */
  timeout?: number | undefined;
  /** The longest wait (ms) the client accepts from a Retry-After before retrying; longer throws at once. Default: 60 000. */
  maxRetryWait?: number | undefined;
  /** The fetch to send requests with. Default: `globalThis.fetch`. */
  fetch?: FetchFunction | undefined;
  /** Headers sent with every request. They cannot replace `Authorization`. */
  defaultHeaders?: Record<string, string> | undefined;
  /** Default: `AUDIOSCRAPE_LOG`, else `warn`. */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default: `console`. */
  logger?: Logger | undefined;
  /** Allow the client in a web page, where anyone can read the key. Default: false. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** @internal How the client waits between retries; tests replace it to run without real delays. */
  sleep?: Sleep | undefined;
}

/** Options that can also be set for one call. */
export interface RequestOptions {
  /** Aborts the call, including a wait before a retry. */
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
}

export interface ClientConfig {
  apiKey: string;
  baseUrl: string;
  maxRetries: number;
  timeout: number;
  maxRetryWait: number;
  fetch: FetchFunction;
  defaultHeaders: Record<string, string>;
  log: Log;
  sleep: Sleep;
}

export const DEFAULT_BASE_URL = 'https://www.audioscrape.com';
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
export const API_KEY_ENV = 'AUDIOSCRAPE_API_KEY';
export const BASE_URL_ENV = 'AUDIOSCRAPE_BASE_URL';
export const LOG_ENV = 'AUDIOSCRAPE_LOG';
// setTimeout treats anything longer as 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;
const UNSAFE_IN_HEADER = /[\s\x00-\x1f\x7f]/;

function fail(message: string): never {
  throw new AudioscrapeError(message);
}

/** An environment variable, or `undefined` when unset, empty, or there is no `process` (browsers). */
export function readEnv(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  return value === '' ? undefined : value;
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey === '') {
    fail(`Missing API key: pass { apiKey } or set ${API_KEY_ENV}. Create one at audioscrape.com under Profile → API Keys.`);
  }
  // Never echo the key: say what is wrong with it instead.
  if (UNSAFE_IN_HEADER.test(apiKey)) fail('The API key contains whitespace or control characters (a stray newline?).');
  return apiKey;
}

/** The base URL and where it came from, for the error message if it is refused. */
function pickBaseUrl(option: unknown): [value: unknown, source: string] {
  if (option !== undefined) return [option, 'baseUrl'];
  const fromEnv = readEnv(BASE_URL_ENV);
  return fromEnv === undefined ? [DEFAULT_BASE_URL, 'baseUrl'] : [fromEnv, BASE_URL_ENV];
}

function checkBaseUrl([value, source]: [unknown, string]): string {
  const refusal = refusalToSendKey(String(value));
  if (refusal) fail(`${source}: ${refusal}`);
  return String(value).replace(/\/+$/, '');
}

/** `value` when it is a whole number from `min` to `max`, else an error naming the option. */
export function checkWholeNumber(value: unknown, name: string, min: number, max = MAX_TIMER_MS): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, not ${String(value)}.`);
  }
  return value as number;
}

function resolveLogLevel(option: unknown, logger: Logger): LogLevel {
  const level = option ?? readEnv(LOG_ENV) ?? 'warn';
  if (isLogLevel(level)) return level;
  const problem = `${option === undefined ? LOG_ENV : 'logLevel'} must be one of ${LOG_LEVELS.join(', ')}, not ${String(level)}`;
  // A bad option is the caller's to fix now; a bad environment variable should not stop a running app.
  if (option !== undefined) fail(`${problem}.`);
  logger.warn(`[audioscrape] ${problem}; logging at warn.`);
  return 'warn';
}

export function resolveConfig(options: ClientOptions): ClientConfig {
  if (isBrowser() && options.dangerouslyAllowBrowser !== true) {
    fail('Refusing to run in a browser, where any visitor can read the API key. Call the API from a server, or pass dangerouslyAllowBrowser: true.');
  }
  const logger = options.logger ?? console;
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  if (typeof fetch !== 'function') fail('The fetch option must be a function, called like globalThis.fetch(request).');
  return {
    apiKey: checkApiKey(options.apiKey ?? readEnv(API_KEY_ENV)),
    baseUrl: checkBaseUrl(pickBaseUrl(options.baseUrl)),
    maxRetries: checkWholeNumber(options.maxRetries ?? DEFAULT_MAX_RETRIES, 'maxRetries', 0, 10),
    timeout: checkWholeNumber(options.timeout ?? DEFAULT_TIMEOUT_MS, 'timeout', 1),
    maxRetryWait: checkWholeNumber(options.maxRetryWait ?? DEFAULT_MAX_RETRY_WAIT_MS, 'maxRetryWait', 0),
    fetch,
    defaultHeaders: { ...options.defaultHeaders },
    log: createLog(resolveLogLevel(options.logLevel, logger), logger),
    sleep: options.sleep ?? realSleep,
  };
}
