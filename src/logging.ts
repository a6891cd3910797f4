// What the client says about its work, and how loudly. The level comes from the `logLevel` option,
// else the AUDIOSCRAPE_LOG environment variable, else `warn`: a wait over a second before a retry
// is a warn line, shorter ones are info, every request and response is debug. Lines never carry
// the API key (see security.ts).

export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Anything with console's four methods; `console` is the default. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

export type Log = Partial<Record<Exclude<LogLevel, 'off'>, (message: string, ...details: unknown[]) => void>>;

export function isLogLevel(value: unknown): value is LogLevel {
  return LOG_LEVELS.includes(value as LogLevel);
}

/**
 * One function per level that is on, none for the others: `log.debug?.(…)` costs nothing when debug
 * is off, so callers can build their message inside the call.
 */
export function createLog(level: LogLevel, logger: Logger): Log {
  const log: Log = {};
  for (const name of LOG_LEVELS.slice(1, LOG_LEVELS.indexOf(level) + 1) as Array<keyof Log>) {
    log[name] = (message, ...details) => logger[name](`[audioscrape] ${message}`, ...details);
  }
  return log;
}
