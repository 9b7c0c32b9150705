import type { Registry } from 'prom-client';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';

/** Newest snapshot of one findings section for every node that reported it. */
export interface FindingsView {
  latest<K extends FindingsSection>(section: K): ReadonlyMap<string, NonNullable<NodeFindings[K]>>;
  /** Calls `listener` with each new snapshot as it is stored; views without live updates omit it. */
  subscribe?(listener: (node: string, section: FindingsSection, snapshot: unknown) => void): void;
}

/**
 * Registers gauges that read the newest findings at scrape time, so the exported values
 * always match what the store holds; each snapshot's samples are rendered once and reused.
 */
export type FindingsExporter = (registry: Registry, view: FindingsView) => void;
