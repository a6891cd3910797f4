// Which server the contract checks (and the sample runs) talk to. By default, the Prism mock that
// vitest's global setup starts on a free port; with CONTRACT_BASE_URL set, any other deployment.
import { inject } from 'vitest';

export interface ContractTarget {
  baseUrl: string;
  apiKey: string;
  /** True when the target is the mock this test run started, so Prism's `Prefer` header works. */
  isBundledMock: boolean;
  /** 'expect': documented headers must be present even when optional; 'allow-missing': only when present. */
  optionalHeaders: 'expect' | 'allow-missing';
}

declare module 'vitest' {
  export interface ProvidedContext {
    contractTarget: ContractTarget;
  }
}

export function contractTarget(): ContractTarget {
  return inject('contractTarget');
}
