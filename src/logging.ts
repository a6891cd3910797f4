// What the client says about its work, and how loudly. The level comes from the `logLevel` option,
// else the AUDIOSCRAPE_LOG environment variable, else `warn`. Lines never carry the API key: headers
// go through redactHeaders() before they are logged.

export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Anything with console's four methods; `console` is the default. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

export type Log = Record<Exclude<LogLevel, 'off'>, ((message: string, ...details: unknown[]) => void) | undefined>;

const PREFIX = '[audioscrape]';

export function isLogLevel(value: unknown): value is LogLevel {
  return LOG_LEVELS.includes(value as LogLevel);
}

/**
 * One optional function per level: `log.debug?.(…)` costs nothing when debug is off, so callers
 * can build their message inside the call.
 */
export function createLog(level: LogLevel, logger: Logger): Log {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (name: Exclude<LogLevel, 'off'>) =>
    LOG_LEVELS.indexOf(name) <= rank ? (message: string, ...details: unknown[]) => logger[name](`${PREFIX} ${message}`, ...details) : undefined;
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
