// Per-key rate limits as the plan table states them: a one-minute window (it opens with the first
// request after the last one closed) and a calendar month (UTC). Every authenticated request counts
// against both; a refused request (429) counts against neither.
//
// Which window the X-RateLimit-* headers describe when both apply: the one that will refuse first,
// i.e. the one with fewer requests left; on a tie, the one that frees up later (waiting for the
// minute does not help when the month is used up too). A 429 says how long until the exhausted
// window frees up, in whole seconds, in both `Retry-After` and the body's `retry_after`.
import type { Plan } from './plans.js';

const MINUTE_MS = 60_000;

export interface WindowCounts {
  minuteStart: number;
  minuteCount: number;
  /** `2026-11` for November 2026 (UTC). */
  month: string;
  monthCount: number;
}

export interface RateDecision {
  allowed: boolean;
  /** The X-RateLimit-* (and, when refused, Retry-After) headers for the answer. */
  headers: Record<string, string>;
  /** Seconds until a refused request may be sent again. */
  retryAfter?: number;
}

function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

function startOfNextMonth(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

export function freshCounts(now: number): WindowCounts {
  return { minuteStart: now, minuteCount: 0, month: monthOf(now), monthCount: 0 };
}

interface Window {
  limit: number;
  used: number;
  resetsAt: number;
}

function currentWindows(counts: WindowCounts, plan: Plan, now: number): Window[] {
  if (now >= counts.minuteStart + MINUTE_MS) Object.assign(counts, { minuteStart: now, minuteCount: 0 });
  if (monthOf(now) !== counts.month) Object.assign(counts, { month: monthOf(now), monthCount: 0 });
  const windows: Window[] = [
    { limit: plan.requestsPerMinute, used: counts.minuteCount, resetsAt: counts.minuteStart + MINUTE_MS },
  ];
  if (plan.requestsPerMonth !== null)
    windows.push({ limit: plan.requestsPerMonth, used: counts.monthCount, resetsAt: startOfNextMonth(now) });
  return windows;
}

/** The window that refuses first: fewest requests left, then the later reset. */
function tightest(windows: Window[]): Window {
  return windows.reduce((best, window) => {
    const left = window.limit - window.used;
    const bestLeft = best.limit - best.used;
    return left < bestLeft || (left === bestLeft && window.resetsAt > best.resetsAt) ? window : best;
  });
}

function rateHeaders(window: Window): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(window.limit),
    'X-RateLimit-Remaining': String(Math.max(0, window.limit - window.used)),
    'X-RateLimit-Reset': String(Math.ceil(window.resetsAt / 1000)),
  };
}

/** Counts one request for a key on `plan` at `now`, or refuses it with how long to wait. */
export function consumeRequest(counts: WindowCounts, plan: Plan, now: number): RateDecision {
  const windows = currentWindows(counts, plan, now);
  const exhausted = windows.filter((window) => window.used >= window.limit);
  if (exhausted.length > 0) {
    const blocking = exhausted.reduce((later, window) => (window.resetsAt > later.resetsAt ? window : later));
    const retryAfter = Math.max(1, Math.ceil((blocking.resetsAt - now) / 1000));
    return { allowed: false, retryAfter, headers: { ...rateHeaders(blocking), 'Retry-After': String(retryAfter) } };
  }
  counts.minuteCount += 1;
  counts.monthCount += 1;
  for (const window of windows) window.used += 1;
  return { allowed: true, headers: rateHeaders(tightest(windows)) };
}

/** The headers for an answer that did not count (a forced 429 through Prefer, say). */
export function forcedRefusalHeaders(plan: Plan, now: number, retryAfter: number): Record<string, string> {
  return rateHeaders({
    limit: plan.requestsPerMinute,
    used: plan.requestsPerMinute,
    resetsAt: now + retryAfter * 1000,
  });
}
