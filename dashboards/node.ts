import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { datasourceVariable, green, nodeVariable, red, stat, table, timeseries } from './panels.js';

/** Builds the per-node dashboard: pulls, leak probes, egress, config findings and agent health. */
export function nodeDashboard(): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder('gapwatch / Node')
    .uid('gapwatch-node')
    .tags(['gapwatch', 'air-gap'])
    .description('Pulls, leak probes, egress, config findings and agent health of one node.')
    .refresh('1m')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('utc')
    .withVariable(datasourceVariable())
    .withVariable(nodeVariable())
    .withRow(new dashboard.RowBuilder('Agent'))
    .withPanel(
      stat(
        'Seconds since last report',
        'Age of the newest report from this node’s agent.',
        { expr: 'time() - max(gapwatch_agent_last_report_timestamp_seconds{node="$node"})' },
        's',
        [green(null), red(300)],
      ),
    )
    .withPanel(
      stat(
        'Reachable public registries',
        'Leak probes on this node that got an HTTP answer.',
        { expr: 'sum(gapwatch_leak_probe_reachable{node="$node"})' },
        'short',
        [green(null), red(1)],
      ),
    )
    .withPanel(
      stat(
        'Non-mirror outbound connections',
        'Connections from this node to watched ports outside the mirror networks.',
        { expr: 'sum(gapwatch_egress_connections{node="$node"})' },
        'short',
        [green(null), red(1)],
      ),
    )
    .withRow(new dashboard.RowBuilder('Pulls'))
    .withPanel(
      timeseries(
        'Pulls by source and outcome',
        'Pull rate on this node by what served them and how they ended.',
        [{ expr: 'sum by (served_by, outcome) (rate(gapwatch_image_pulls_total{node="$node"}[$__rate_interval]))', legend: '{{served_by}} {{outcome}}' }],
        'ops',
      ),
    )
    .withPanel(
      timeseries(
        'Pull latency p50 / p95 / p99',
        'Quantiles of pull duration on this node.',
        [
          { expr: 'histogram_quantile(0.5, sum by (le) (rate(gapwatch_image_pull_duration_seconds_bucket{node="$node"}[$__rate_interval])))', legend: 'p50' },
          { expr: 'histogram_quantile(0.95, sum by (le) (rate(gapwatch_image_pull_duration_seconds_bucket{node="$node"}[$__rate_interval])))', legend: 'p95' },
          { expr: 'histogram_quantile(0.99, sum by (le) (rate(gapwatch_image_pull_duration_seconds_bucket{node="$node"}[$__rate_interval])))', legend: 'p99' },
        ],
        's',
      ),
    )
    .withPanel(
      table(
        'Mirror fallbacks by host and cause',
        'Failed attempts on each host before containerd moved on, in the time range.',
        { expr: 'sum by (namespace, host, cause) (increase(gapwatch_mirror_fallbacks_total{node="$node"}[$__range]))' },
        'short',
      ),
    )
    .withRow(new dashboard.RowBuilder('Proof of the gap'))
    .withPanel(
      table(
        'Leak probe outcomes',
        'Current confirmed outcome of each probe target and path on this node.',
        { expr: 'gapwatch_leak_probe_outcome{node="$node"} == 1' },
        'short',
      ),
    )
    .withPanel(
      table(
        'Config findings',
        'Lint findings on this node by rule and severity; `gapwatch lint` on the node shows files and fixes.',
        { expr: 'sum by (rule, severity) (gapwatch_config_findings{node="$node"})' },
        'short',
      ),
    )
    .withPanel(
      table(
        'Filesystems',
        'Used fraction of containerd’s root and, on mirror hosts, the registry storage.',
        { expr: 'gapwatch_filesystem_used_ratio{node="$node"}' },
        'percentunit',
      ),
    );
}
