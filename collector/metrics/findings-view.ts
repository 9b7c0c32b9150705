import type { CollectorStore } from '../store/types.js';
import type { FindingsView } from './findings-exporter.js';

/** Reads the newest findings on every call, i.e. at scrape time, from the store's parsed copies in memory. */
export function storeFindingsView(store: CollectorStore): FindingsView {
  return {
    latest: (section) => store.latestFindings(section),
    subscribe: (listener) => store.onFindingsStored(listener),
  };
}
