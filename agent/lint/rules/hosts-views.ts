import { viewHosts, type HostsView } from '../hosts-view.js';
import type { LintInput } from '../inputs.js';

/** Views of every hosts.toml that parsed. */
export function hostsViews(input: LintInput): HostsView[] {
  return input.hostsFiles.map(viewHosts).filter((view): view is HostsView => view !== null);
}
