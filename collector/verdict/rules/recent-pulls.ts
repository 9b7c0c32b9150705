import { imageKey, matchImage } from '../image-match.js';
import type { Reason, VerdictRule } from '../types.js';
import { countOf } from './count-noun.js';

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
  const nodes = new Set(objects.map((object) => object.node)).size;
  const images = new Set(objects.map((object) => object.image)).size;
  const message = `${countOf(nodes, 'node', 'nodes')} pulled ${countOf(images, 'image', 'images')} to delete within the last ${countOf(days, 'day', 'days')}`;
  return [{ rule: 'recent-pulls', severity: 'unsafe', message, objects }];
};
