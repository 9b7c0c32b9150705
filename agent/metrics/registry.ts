import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { PULL_OUTCOMES } from '../../wire/pull.js';

/** The agent's own metrics on a private registry, in base units. */
export class AgentMetrics {
  readonly registry = new Registry();

  readonly linesRead = this.counter('gapwatch_agent_lines_read_total', 'containerd log lines read from the source.');
  readonly malformedLines = this.counter('gapwatch_agent_malformed_lines_total', 'Lines that were not containerd log lines, including journal records without a message.');
  readonly ignoredLines = this.counter('gapwatch_agent_ignored_lines_total', 'Well-formed containerd lines that say nothing about pulls.');
  readonly ambiguousLines = this.counter('gapwatch_agent_ambiguous_lines_total', '"trying next host" lines that matched more than one in-flight pull.');
  readonly pullsCompleted = new Counter({
    name: 'gapwatch_agent_pulls_completed_total',
    help: 'Pull records built from the log, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly reportsSent = this.counter('gapwatch_agent_reports_sent_total', 'Reports the collector acknowledged.');
  readonly reportRetries = this.counter('gapwatch_agent_report_retries_total', 'Report attempts that failed and will be retried.');
  readonly droppedRecords = this.counter('gapwatch_agent_dropped_records_total', 'Pull records dropped because the spool reached its byte bound.');
  readonly spoolQuarantined = this.counter('gapwatch_agent_spool_quarantined_files_total', 'Corrupt spool files moved to the quarantine folder.');
  readonly sourceRestarts = this.counter('gapwatch_agent_source_restarts_total', 'Source restarts: journalctl exits, file rotations and truncations.');
  readonly spoolBytes = this.gauge('gapwatch_agent_spool_bytes', 'Bytes of unsent reports in the on-disk spool.');
  readonly spoolRecords = this.gauge('gapwatch_agent_spool_records', 'Pull records in the on-disk spool.');
  readonly lagSeconds = this.gauge('gapwatch_agent_lag_seconds', 'Seconds between now and the timestamp of the newest line read.');
  readonly lastReportSuccess = this.gauge('gapwatch_agent_last_report_success_timestamp_seconds', 'Unix time of the last acknowledged report.');
  readonly findingsDuration = new Gauge({
    name: 'gapwatch_agent_findings_task_duration_seconds',
    help: 'Duration of the last run of each findings task.',
    labelNames: ['section'] as const,
    registers: [this.registry],
  });
  readonly findingsSuccess = new Gauge({
    name: 'gapwatch_agent_findings_task_success',
    help: '1 when the last run of the findings task succeeded, 0 when it failed.',
    labelNames: ['section'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    for (const outcome of PULL_OUTCOMES) {
      this.pullsCompleted.inc({ outcome }, 0);
    }
    if (options.processMetrics) {
      collectDefaultMetrics({ register: this.registry, prefix: 'gapwatch_agent_' });
      // prom-client names these gauges with `_total`, which the exposition format reserves for
      // counters (promtool check metrics rejects them); the handle counts are not needed here.
      for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
        this.registry.removeSingleMetric(`gapwatch_agent_${name}`);
      }
    }
  }

  private counter(name: string, help: string): Counter {
    return new Counter({ name, help, registers: [this.registry] });
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }
}
