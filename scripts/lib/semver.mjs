// The slice of semantic versioning the release gate needs: MAJOR.MINOR.PATCH, compared numerically.
import { StepFailure } from './steps.mjs';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function parseVersion(text, where) {
  const match = SEMVER.exec(String(text ?? '').trim());
  if (!match) {
    throw new StepFailure(`${where} is "${text}", which is not a MAJOR.MINOR.PATCH version.`, {
      hint: 'Use a plain semantic version such as 1.4.0 (pre-release tags are not supported).',
    });
  }
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text: match[0] };
}

/** Negative, zero or positive, like a sort comparator. */
export function compareVersions(a, b) {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function nextMajor(version) {
  return `${version.major + 1}.0.0`;
}
