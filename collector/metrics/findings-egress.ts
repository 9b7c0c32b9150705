/**
 * Egress-watch metrics, read from each node's newest `egress` findings at scrape time.
 *
 * | name                               | type  | labels                    | meaning |
 * |------------------------------------|-------|---------------------------|---------|
 * | gapwatch_egress_connections        | gauge | node                      | TCP connections to a watched port outside the allowed mirror networks |
 * | gapwatch_egress_connection_info    | gauge | node, remote, port, state | 1 per such connection, at most 20 per node (the first reported) |
 */
import { Gauge } from 'prom-client';
import type { FindingsExporter } from './findings-exporter.js';

/** Connections per node kept as info series, so one noisy node cannot explode cardinality. */
export const MAX_INFO_SERIES_PER_NODE = 20;

export const exportEgress: FindingsExporter = (registry, view) => {
  new Gauge({
    name: 'gapwatch_egress_connections',
    help: 'TCP connections from the node to a watched port outside the allowed mirror networks.',
    labelNames: ['node'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [node, section] of view.latest('egress')) {
        this.set({ node }, section.total);
      }
    },
  });

  new Gauge({
    name: 'gapwatch_egress_connection_info',
    help: `1 per outbound connection outside the mirror networks, at most ${MAX_INFO_SERIES_PER_NODE} per node.`,
    labelNames: ['node', 'remote', 'port', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [node, section] of view.latest('egress')) {
        for (const connection of section.connections.slice(0, MAX_INFO_SERIES_PER_NODE)) {
          this.set({ node, remote: connection.remote, port: String(connection.port), state: connection.state }, 1);
        }
      }
    },
  });
};
