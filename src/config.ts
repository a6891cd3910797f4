// The client's options: what each one means, its default (often from the environment), and the
// checks that turn a bad value into an AudioscrapeError that says what to do, before any request.
import { AudioscrapeError } from './errors.js';
import { createLog, isLogLevel, LOG_LEVELS, type Log, type Logger, type LogLevel } from './logging.js';
import { sleep, type RetryEvent, type Sleep } from './retry.js';
import { isBrowser, redactor, refusalToSendKey, type Redact } from './security.js';

export type FetchFunction = (request: Request) => Promise<Response>;

/** Options that can also be set for one call. */
export interface RequestOptions {
  /** Aborts the call, including a wait before a retry. */
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Headers for this call, over `defaultHeaders`. They cannot replace `Authorization`. */
  headers?: Record<string, string> | undefined;
}

export interface ClientOptions {
  /** Your API key. Default: the `AUDIOSCRAPE_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default: `AUDIOSCRAPE_BASE_URL`, else `https://www.audioscrape.com`. Plain http:// only to a loopback host. */
  baseUrl?: string | undefined;
  /** Retries after the first attempt. Default: 2. */
  maxRetries?: number | undefined;
  /** Milliseconds an attempt may take, body included. Default: 30 000. */
  timeout?: number | undefined;
  /** The longest wait (ms) the client accepts from a Retry-After before retrying; longer throws at once. Default: 10 000. */
  maxRetryWait?: number | undefined;
  /** The largest response body (bytes) the client reads; a larger one is cut off with an InvalidResponseError. Default: 10 MiB. */
  maxResponseBytes?: number | undefined;
  /** Called before each wait for a retry, e.g. to tell the user. Waits over a second are also logged at `warn`. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
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

const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The numeric options' defaults. */
const NUMBER_DEFAULTS = {
  maxRetries: 2,
  timeout: 30_000,
  // About the longest a person keeps their attention on a waiting screen; scripts can afford more.
  maxRetryWait: 10_000,
  // 10 MiB: some fifty times the largest answer the API gives (a page of 100 hits).
  maxResponseBytes: 10 * 2 ** 20,
};
type NumberOption = keyof typeof NUMBER_DEFAULTS;

/** The lowest and highest value of each numeric option, and of searchAll's maxResults. */
const NUMBER_BOUNDS: Record<NumberOption | 'maxResults', [min: number, max: number]> = {
  maxRetries: [0, 10],
  timeout: [1, LONGEST_TIMER_MS],
  maxRetryWait: [0, LONGEST_TIMER_MS],
  maxResponseBytes: [1, Number.MAX_SAFE_INTEGER],
  maxResults: [0, Number.MAX_SAFE_INTEGER],
};

export type ClientConfig = Record<NumberOption, number> & {
  apiKey: string;
  baseUrl: string;
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** The caller's fetch, or `undefined` for globalThis.fetch. */
  fetch: FetchFunction | undefined;
  defaultHeaders: Record<string, string>;
  log: Log;
  redact: Redact;
  sleep: Sleep;
};

export const DEFAULT_BASE_URL = 'https://www.audioscrape.com';
export const API_KEY_ENV = 'AUDIOSCRAPE_API_KEY';
export const BASE_URL_ENV = 'AUDIOSCRAPE_BASE_URL';
export const LOG_ENV = 'AUDIOSCRAPE_LOG';

function fail(message: string): never {
  throw new AudioscrapeError(message);
}

/** An environment variable, or `undefined` when unset, empty, or there is no `process` (browsers). */
function readEnv(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;
}

/** `value` when it is a whole number within the range `name` allows, else an error naming it. */
export function checkNumber(name: keyof typeof NUMBER_BOUNDS, value: unknown): number {
  const [min, max] = NUMBER_BOUNDS[name];
  if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return value as number;
  return fail(`${name} must be a whole number from ${min} to ${max}, not ${String(value)}.`);
}

/**
 * The numeric options named in `defaults`, each from `options` if given there, checked: the client's
 * options over the built-in defaults, and a call's over the client's.
 */
export function numberOptions<Name extends NumberOption>(
  options: Partial<Record<NumberOption, unknown>>,
  defaults: Record<Name, number>,
): Record<Name, number> {
  const numbers = { ...defaults };
  for (const name in defaults) numbers[name] = checkNumber(name, options[name] ?? defaults[name]);
  return numbers;
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || !apiKey) {
    fail(
      `Missing API key: pass { apiKey } or set ${API_KEY_ENV}. Create one at audioscrape.com under Profile → API Keys.`,
    );
  }
  // Never echo the key: say what is wrong with it instead.
  if (/[\s\x00-\x1f\x7f]/.test(apiKey))
    fail('The API key contains whitespace or control characters (a stray newline?).');
  return apiKey;
}

function checkBaseUrl(option: unknown): string {
  const fromEnv = option === undefined ? readEnv(BASE_URL_ENV) : undefined;
  const value = String(option ?? fromEnv ?? DEFAULT_BASE_URL);
  const refusal = refusalToSendKey(value);
  if (refusal) fail(`${fromEnv ? BASE_URL_ENV : 'baseUrl'}: ${refusal}`);
  return value.replace(/\/+$/, '');
}

function checkLogLevel(option: unknown, logger: Logger): LogLevel {
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
    fail(
      'Refusing to run in a browser, where any visitor can read the API key. Call the API from a server, or pass dangerouslyAllowBrowser: true.',
    );
  }
  const logger = options.logger ?? console;
  if (typeof (options.fetch ?? fail) !== 'function')
    fail('The fetch option must be a function, called like globalThis.fetch(request).');
  const apiKey = checkApiKey(options.apiKey ?? readEnv(API_KEY_ENV));
  return {
    apiKey,
    baseUrl: checkBaseUrl(options.baseUrl),
    onRetry: options.onRetry,
    fetch: options.fetch,
    defaultHeaders: { ...options.defaultHeaders },
    log: createLog(checkLogLevel(options.logLevel, logger), logger),
    redact: redactor(apiKey),
    sleep: options.sleep ?? sleep,
    ...numberOptions(options, NUMBER_DEFAULTS),
  };
}
