/** Writes `count` with the singular or plural form: `countOf(1, 'node', 'nodes')` is "1 node". */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Picks the verb form that agrees with `count`: `agree(1, 'runs', 'run')` is "runs". */
export function agree(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural;
}
