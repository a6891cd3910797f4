// Time, as the command's throttling sees it: what time it is (to read X-RateLimit-Reset) and how to
// wait. Real time for a run; tests hand in a clock tied to the mock's, so a minute's window passes
// without a minute's wait.
import { setTimeout as delay } from 'node:timers/promises';

export interface Pacing {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms`; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realPacing: Pacing = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

/** `42 s`, `3 min 5 s`, `2 h 10 min`, `27 days`: how long a wait is, for a person. */
export function describeDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
