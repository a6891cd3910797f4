// Which servers the contract checks (and the sample runs) talk to. By default, the two mocks that
// vitest's global setup starts on free ports: the realistic mock (plans, rate limits, alerts that
// remember) and Prism's static examples. With CONTRACT_BASE_URL set, that one deployment instead.
import { inject } from 'vitest';

export interface ContractTarget {
  /** How reports name the target: `realistic mock`, `static mock`, or the URL. */
  name: string;
  baseUrl: string;
  apiKey: string;
  /** True when the target is a mock this test run started, so Prism's `Prefer` header works. */
  isBundledMock: boolean;
  /** For the bundled mocks: which one. */
  mockMode?: 'realistic' | 'static';
  /** 'expect': documented headers must be present even when optional; 'allow-missing': only when present. */
  optionalHeaders: 'expect' | 'allow-missing';
  /**
   * The same, for 401 answers: a request with no valid key touches nobody's quota, so a server may
   * leave the optional X-RateLimit-* headers off (the realistic mock does); when sent they are checked.
   */
  optionalHeadersOn401: 'expect' | 'allow-missing';
  /**
   * CONTRACT_BASE_URL targets: a second key on a plan that lacks a permission (AUDIOSCRAPE_LIMITED_API_KEY),
   * for the 403 checks. The realistic mock needs none: any key without a plan prefix is on Free.
   */
  limitedKey?: string;
  /** CONTRACT_BASE_URL targets: whether the suite may send requests until the server answers 429 (CONTRACT_PROVOKE_RATE_LIMIT=1). */
  provokeRateLimit?: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    contractTargets: ContractTarget[];
  }
}

/** Every target of this run: both bundled mocks, or the one CONTRACT_BASE_URL names. */
export function contractTargets(): ContractTarget[] {
  return inject('contractTargets');
}

/** The first target: the realistic mock, or the CONTRACT_BASE_URL deployment. */
export function contractTarget(): ContractTarget {
  return contractTargets()[0]!;
}

/** A key of its own for one test on a bundled mock (rate limits and alerts are per key); the real key elsewhere. */
export function keyFor(target: ContractTarget, purpose: string): string {
  return target.isBundledMock && target.mockMode === 'realistic' ? `enterprise_${purpose}` : target.apiKey;
}

/**
 * A key on a plan that lacks permissions (no webhooks, one keyword alert): a Free key of its own per
 * purpose on the realistic mock, AUDIOSCRAPE_LIMITED_API_KEY on a CONTRACT_BASE_URL target (undefined
 * when not set), none on the static mock (it cannot tell keys apart).
 */
export function limitedKeyFor(target: ContractTarget, purpose: string): string | undefined {
  if (target.mockMode === 'realistic') return `free-${purpose}`;
  return target.isBundledMock ? undefined : target.limitedKey;
}
