import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { amber, barGauge, datasourceVariable, green, red, stat, table, timeseries } from './panels.js';

/** Builds the cluster-wide dashboard: is the gap closed, is the mirror serving, what breaks next. */
export function overviewDashboard(): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder('gapwatch / Overview')
    .uid('gapwatch-overview')
    .tags(['gapwatch', 'air-gap'])
    .description('Mirror hit ratio, upstream leaks, pull latency, failures, certificates, mirror disk, stale sidecars and GC verdicts.')
    .refresh('1m')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('utc')
    .withVariable(datasourceVariable())
    .withRow(new dashboard.RowBuilder('Air gap'))
    .withPanel(
      stat(
        'Mirror hit ratio',
        'Successful pulls served by a mirror, out of all pulls in the time range.',
        {
          expr: 'sum(increase(gapwatch_image_pulls_total{served_by="mirror",outcome="success"}[$__range])) / sum(increase(gapwatch_image_pulls_total[$__range]))',
        },
        'percentunit',
        [red(null), amber(0.95), green(0.99)],
      ),
    )
    .withPanel(
      stat(
        'Pulls served by upstream',
        'Pulls that completed from the public upstream: each one is a leak of the air gap.',
        // A series created by its first leak starts at 1, which increase() misses, so new series count in full.
        {
          expr: 'sum((gapwatch_image_pulls_total{served_by="upstream",outcome="success"} unless gapwatch_image_pulls_total{served_by="upstream",outcome="success"} offset $__range) or increase(gapwatch_image_pulls_total{served_by="upstream",outcome="success"}[$__range])) or vector(0)',
        },
        'short',
        [green(null), red(1)],
      ),
    )
    .withPanel(
      stat(
        'Reachable public registries',
        'Leak probes that got an HTTP answer from a public registry, over every node and path.',
        { expr: 'sum(gapwatch_leak_probe_reachable)' },
        'short',
        [green(null), red(1)],
      ),
    )
    .withPanel(
      stat(
        'Non-mirror outbound connections',
        'Connections to watched ports on addresses outside the mirror networks, over every node.',
        { expr: 'sum(gapwatch_egress_connections)' },
        'short',
        [green(null), red(1)],
      ),
    )
    .withPanel(
      timeseries(
        'Pulls by source',
        'Pull rate by what served them: mirror, upstream (a leak) or unknown (failed or abandoned).',
        [{ expr: 'sum by (served_by, outcome) (rate(gapwatch_image_pulls_total[$__rate_interval]))', legend: '{{served_by}} {{outcome}}' }],
        'ops',
      ),
    )
    .withPanel(
      timeseries(
        'Mirror fallbacks by host and cause',
        'Failed attempts on a host before containerd moved to the next one.',
        [{ expr: 'sum by (host, cause) (rate(gapwatch_mirror_fallbacks_total[$__rate_interval]))', legend: '{{host}} {{cause}}' }],
        'ops',
      ),
    )
    .withRow(new dashboard.RowBuilder('Pulls'))
    .withPanel(
      timeseries(
        'Pull latency p50 / p95 / p99 by node',
        'Quantiles of pull duration from containerd’s own timestamps.',
        [
          { expr: 'histogram_quantile(0.5, sum by (node, le) (rate(gapwatch_image_pull_duration_seconds_bucket[$__rate_interval])))', legend: 'p50 {{node}}' },
          { expr: 'histogram_quantile(0.95, sum by (node, le) (rate(gapwatch_image_pull_duration_seconds_bucket[$__rate_interval])))', legend: 'p95 {{node}}' },
          { expr: 'histogram_quantile(0.99, sum by (node, le) (rate(gapwatch_image_pull_duration_seconds_bucket[$__rate_interval])))', legend: 'p99 {{node}}' },
        ],
        's',
      ),
    )
    .withPanel(
      table(
        'Failures by image and cause',
        'Failed and abandoned pulls in the time range, top 20.',
        { expr: 'topk(20, sum by (image, outcome, cause) (increase(gapwatch_image_pull_results_total{outcome!="success"}[$__range])))' },
        'short',
      ),
    )
    .withRow(new dashboard.RowBuilder('Mirror health'))
    .withPanel(
      table(
        'Certificates by days left',
        'Every CA, client and served certificate the nodes report, soonest expiry first.',
        { expr: 'sort((min by (subject, source, path_or_host) (gapwatch_certificate_not_after_timestamp_seconds) - time()) / 86400)' },
        'd',
      ),
    )
    .withPanel(
      barGauge(
        'Mirror disk used',
        'Used fraction of the registry storage on mirror hosts.',
        { expr: 'max by (node, path) (gapwatch_filesystem_used_ratio{role="mirror"})', legend: '{{node}} {{path}}' },
        'percentunit',
        [green(null), amber(0.7), red(0.8)],
      ),
    )
    .withRow(new dashboard.RowBuilder('Upgrades and retention'))
    .withPanel(
      timeseries(
        'Istio data plane pods by version',
        'istio-proxy sidecars, ztunnel and waypoints by version; stale ones keep old images in use.',
        [{ expr: 'sum by (version, mode, stale) (gapwatch_istio_proxy_pods)', legend: '{{version}} {{mode}} stale={{stale}}' }],
        'short',
      ),
    )
    .withPanel(
      table(
        'GC verdicts',
        'Configured retention candidates: 1 SAFE, 0 UNSAFE, -1 UNKNOWN.',
        { expr: 'gapwatch_gc_verdict' },
        'short',
      ),
    );
}
