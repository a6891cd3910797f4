// What the mock remembers, per API key: its rate-limit windows and its keyword alerts. Memory is
// bounded whatever clients do: beyond MAX_KEYS keys, or MAX_ALERTS alerts across all keys, the
// least recently used keys are forgotten first.
import { newAlert } from './alerts.js';
import { freshCounts, type WindowCounts } from './rate-limits.js';
import type { JsonObject } from './spec.js';

export const MAX_KEYS = 1_000;
export const MAX_ALERTS = 20_000;
const FIRST_ALERT_ID = 2000;

export interface KeyState {
  counts: WindowCounts;
  /** Newest first, as the list returns them. */
  alerts: JsonObject[];
}

export class Accounts {
  readonly #byKey = new Map<string, KeyState>();
  readonly #seeds: ReadonlyMap<string, readonly JsonObject[]>;
  #nextAlertId = FIRST_ALERT_ID;

  constructor(seededAlerts: Record<string, readonly JsonObject[]> = {}) {
    this.#seeds = new Map(Object.entries(seededAlerts));
  }

  /** The state of `key`, created on first use; touching it makes it the most recently used. */
  get(key: string, now: number): KeyState {
    let state = this.#byKey.get(key);
    if (state) {
      this.#byKey.delete(key);
    } else {
      state = { counts: freshCounts(now), alerts: structuredClone([...(this.#seeds.get(key) ?? [])]) };
      if (this.#byKey.size >= MAX_KEYS) this.#forgetOldest();
    }
    this.#byKey.set(key, state);
    return state;
  }

  /** Creates an alert from a create request's body and keeps it, newest first. */
  addAlert(state: KeyState, body: JsonObject, now: number): JsonObject {
    const alert = newAlert(body, String(this.#nextAlertId), now);
    this.#nextAlertId += 1;
    state.alerts.unshift(alert);
    while (this.alertCount > MAX_ALERTS && this.#byKey.size > 1) this.#forgetOldest();
    return alert;
  }

  /** Removes the alert with `id`; false when the key has none. */
  removeAlert(state: KeyState, id: string | undefined): boolean {
    const index = state.alerts.findIndex((alert) => alert.id === id);
    if (index < 0) return false;
    state.alerts.splice(index, 1);
    return true;
  }

  /** Forgets one key's state, or every key's (and starts alert ids again). */
  forget(key?: string): void {
    if (key !== undefined) {
      this.#byKey.delete(key);
      return;
    }
    this.#byKey.clear();
    this.#nextAlertId = FIRST_ALERT_ID;
  }

  get size(): number {
    return this.#byKey.size;
  }

  #forgetOldest(): void {
    this.#byKey.delete(this.#byKey.keys().next().value as string);
  }

  get alertCount(): number {
    let count = 0;
    for (const state of this.#byKey.values()) count += state.alerts.length;
    return count;
  }
}
