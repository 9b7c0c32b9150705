import type { CollectorStore } from '../store/types.js';
import type { FindingsView } from './findings-exporter.js';

/** Reads the newest findings from the store on every call, i.e. at scrape time. */
export function storeFindingsView(store: CollectorStore): FindingsView {
  return {
    latest: (section) => store.latestFindings(section),
  };
}
