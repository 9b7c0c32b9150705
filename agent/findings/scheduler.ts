import cron from 'node-cron';
import type { Clock } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { AgentMetrics } from '../metrics/registry.js';
import type { FindingsTask } from './task.js';

/**
 * Runs findings tasks on their node-cron schedules, times them, and keeps each section's
 * newest result until the next report takes it. A run that overlaps the previous one of the
 * same task is skipped.
 */
export class FindingsScheduler {
  private latest: NodeFindings = {};
  private readonly running = new Set<FindingsSection>();
  private readonly jobs: Array<{ stop(): void | Promise<void> }> = [];
  private readonly abort = new AbortController();
  private readonly rateLimited: RateLimitedLog;
  private readonly logger: Logger;

  constructor(
    private readonly tasks: readonly FindingsTask[],
    private readonly options: { clock: Clock; logger: Logger; metrics: AgentMetrics },
  ) {
    this.logger = options.logger.child({ component: 'findings' });
    this.rateLimited = new RateLimitedLog(10 * 60_000, () => options.clock.now());
  }

  start(): void {
    for (const task of this.tasks) {
      const job = cron.schedule(task.schedule, () => this.runTask(task), { name: `findings-${task.section}` });
      this.jobs.push(job);
    }
    this.logger.info({ sections: this.tasks.map((task) => task.section) }, 'findings tasks scheduled');
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.jobs.map((job) => job.stop()));
    this.logger.info('findings tasks stopped');
  }

  /** Runs one task now; failures are logged and recorded in metrics, never thrown. */
  async runTask(task: FindingsTask): Promise<void> {
    if (this.running.has(task.section)) {
      return;
    }
    this.running.add(task.section);
    const started = this.options.clock.now();
    try {
      const result = await task.run(this.abort.signal);
      this.latest = { ...this.latest, [task.section]: result };
      this.options.metrics.findingsSuccess.set({ section: task.section }, 1);
    } catch (err) {
      this.options.metrics.findingsSuccess.set({ section: task.section }, 0);
      this.rateLimited.run(task.section, (suppressed) => {
        this.logger.warn({ err, section: task.section, suppressed }, 'findings task failed; its section is left out of reports until it succeeds');
      });
    } finally {
      this.options.metrics.findingsDuration.set({ section: task.section }, (this.options.clock.now() - started) / 1000);
      this.running.delete(task.section);
    }
  }

  /** Hands the newest results to a report and clears them, so each is sent once. */
  takeLatest(): NodeFindings | undefined {
    if (Object.keys(this.latest).length === 0) {
      return undefined;
    }
    const taken = this.latest;
    this.latest = {};
    return taken;
  }
}
