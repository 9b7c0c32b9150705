import { imageKey, matchImage } from '../image-match.js';
import type { Reason, VerdictRule } from '../types.js';

/** A node pulled a delete image within the observation window. */
export const recentPulls: VerdictRule = (input) => {
  const candidates = input.candidate.delete.map(imageKey);
  const windowStart = input.now - input.windows.observationMs;
  const objects: Reason['objects'] = [];
  const seen = new Set<string>();

  for (const pull of input.pulls) {
    if (pull.at < windowStart) {
      continue;
    }
    const match = matchImage(candidates, pull.image, pull.digest);
    const key = `${pull.node}\u0000${match?.text}`;
    if (match !== null && !seen.has(key)) {
      seen.add(key);
      objects.push({ kind: 'Node', namespace: null, name: pull.node, node: pull.node, image: match.text });
    }
  }

  if (objects.length === 0) {
    return [];
  }
  const days = Math.round((input.windows.observationMs / 86_400_000) * 10) / 10;
  return [{ rule: 'recent-pulls', severity: 'unsafe', message: `nodes pulled images to delete within the last ${days} days`, objects }];
};
