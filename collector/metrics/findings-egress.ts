/**
 * Egress-watch metrics, from each node's newest `egress` findings.
 *
 * | name                               | type  | labels                    | meaning |
 * |------------------------------------|-------|---------------------------|---------|
 * | gapwatch_egress_connections        | gauge | node                      | TCP connections to a watched port outside the allowed mirror networks |
 * | gapwatch_egress_connection_info    | gauge | node, remote, port, state | 1 per such connection, at most 20 per node (the first reported) |
 */
import type { FindingsExporter } from './findings-exporter.js';
import { registerSnapshotGauge } from './snapshot-gauge.js';

/** Connections per node kept as info series, so one noisy node cannot explode cardinality. */
export const MAX_INFO_SERIES_PER_NODE = 20;

export const exportEgress: FindingsExporter = (registry, view) => {
  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_egress_connections',
    help: 'TCP connections from the node to a watched port outside the allowed mirror networks.',
    labelNames: ['node'],
    section: 'egress',
    samples(node, section, emit) {
      emit([node], section.total);
    },
  });

  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_egress_connection_info',
    help: `1 per outbound connection outside the mirror networks, at most ${MAX_INFO_SERIES_PER_NODE} per node.`,
    labelNames: ['node', 'remote', 'port', 'state'],
    section: 'egress',
    samples(node, section, emit) {
      for (const connection of section.connections.slice(0, MAX_INFO_SERIES_PER_NODE)) {
        emit([node, connection.remote, String(connection.port), connection.state], 1);
      }
    },
  });
};
