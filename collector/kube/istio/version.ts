import { parseImageRef } from '../../../core/image-ref.js';

const RELEASE = /^v?(\d+\.\d+\.\d+(?:-(?:alpha|beta|rc)\.?\d*)?)/;

/** Tag of an image reference, or null for digest-only or unparsable references. */
export function imageTag(image: string): string | null {
  return parseImageRef(image)?.tag ?? null;
}

/**
 * The Istio release a tag names, with vendor suffixes (`-solo`, `-distroless`, `-fips`) dropped
 * so `1.25.0-solo` and `1.25.0-distroless` compare equal to `1.25.0`. Pre-release parts stay.
 * A tag that is not a release (`latest`, a commit hash) is returned unchanged.
 */
export function comparableVersion(tag: string): string {
  return RELEASE.exec(tag)?.[1] ?? tag;
}

/** Orders release strings numerically; non-release strings sort before releases. */
export function compareVersions(a: string, b: string): number {
  const left = releaseNumbers(a);
  const right = releaseNumbers(b);
  if (left === null || right === null) {
    return (left === null ? 0 : 1) - (right === null ? 0 : 1) || a.localeCompare(b);
  }
  for (let i = 0; i < 3; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) {
      return diff;
    }
  }
  // A pre-release sorts before its release.
  return Number(!a.includes('-')) - Number(!b.includes('-')) || a.localeCompare(b);
}

function releaseNumbers(version: string): number[] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])];
}
