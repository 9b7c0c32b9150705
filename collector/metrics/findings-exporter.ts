import type { Registry } from 'prom-client';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';

/** Newest snapshot of one findings section for every node that reported it. */
export interface FindingsView {
  latest<K extends FindingsSection>(section: K): ReadonlyMap<string, NonNullable<NodeFindings[K]>>;
}

/**
 * Registers gauges whose `collect()` reads the newest findings at scrape time, so the
 * exported values always match what the store holds.
 */
export type FindingsExporter = (registry: Registry, view: FindingsView) => void;
