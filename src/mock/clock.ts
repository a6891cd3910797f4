// The mock's clock. It follows real time unless it was started at a fixed instant, in which case
// it stands still; either way the control surface can move it forward, so "the next minute" and
// "the next month" can be shown without waiting for them.

export class MockClock {
  readonly #frozenAt: number | undefined;
  #offsetMs = 0;

  /** `startAt`: a fixed instant to stand still at (ISO string, Date or ms); omitted: real time. */
  constructor(startAt?: string | number | Date) {
    this.#frozenAt = startAt === undefined ? undefined : toTime(startAt, 'The mock clock start');
  }

  now(): number {
    return (this.#frozenAt ?? Date.now()) + this.#offsetMs;
  }

  advance(seconds: number): void {
    this.#offsetMs += seconds * 1000;
  }

  setTo(time: number): void {
    this.#offsetMs = time - (this.#frozenAt ?? Date.now());
  }

  reset(): void {
    this.#offsetMs = 0;
  }
}

export function toTime(value: string | number | Date, what: string): number {
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time))
    throw new Error(`${what} must be a date and time such as 2026-11-27T10:00:00Z, not ${String(value)}.`);
  return time;
}

/** RFC 3339 without milliseconds, as the API writes times: 2026-11-27T10:00:00Z. */
export function isoSeconds(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
