import type { Reason, VerdictRule } from '../types.js';

/**
 * Version N must resolve completely in the mirror, every image and platform by digest, before
 * N-1 goes; a registry that did not respond makes the verdict UNKNOWN.
 */
export const mirrorComplete: VerdictRule = (input) => {
  const reasons: Reason[] = [];
  const mirror = input.mirror;

  if (mirror.missing.length > 0) {
    reasons.push({
      rule: 'mirror-complete',
      severity: 'unsafe',
      message: `version N is incomplete in the mirror: ${mirror.missing.map((entry) => `${entry.image} (${entry.detail})`).join(', ')}`,
      objects: mirror.missing.map((entry) => ({ kind: 'Image', namespace: null, name: entry.image, node: null, image: entry.image })),
    });
  }
  if (!mirror.answered || mirror.unreachable.length > 0) {
    reasons.push({
      rule: 'mirror-complete',
      severity: 'unknown',
      message: `the registry did not respond for: ${mirror.unreachable.map((entry) => `${entry.image} (${entry.detail})`).join(', ') || 'all images'}`,
      objects: mirror.unreachable.map((entry) => ({ kind: 'Image', namespace: null, name: entry.image, node: null, image: entry.image })),
    });
  }
  return reasons;
};
