import type { FindingsSection, NodeFindings } from '../../wire/findings.js';

type SectionMap = Map<string, unknown>;

/**
 * Newest findings snapshot of each section per node, kept parsed in memory so a scrape reads
 * objects instead of parsing thousands of JSON bodies. The store fills it from SQLite at start
 * and updates it only after the transaction holding the new snapshot has committed.
 */
export class FindingsCache {
  private readonly sections = new Map<FindingsSection, SectionMap>();

  set(node: string, section: FindingsSection, body: unknown): void {
    let nodes = this.sections.get(section);
    if (!nodes) {
      nodes = new Map();
      this.sections.set(section, nodes);
    }
    nodes.set(node, body);
  }

  /** Every node's newest snapshot of one section, keyed by node; the map is the cache's own, so do not modify it. */
  latest<K extends FindingsSection>(section: K): ReadonlyMap<string, NonNullable<NodeFindings[K]>> {
    return (this.sections.get(section) ?? new Map()) as ReadonlyMap<string, NonNullable<NodeFindings[K]>>;
  }
}
