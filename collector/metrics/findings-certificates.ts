/**
 * Metrics from the certificates section of node reports:
 *
 *   gapwatch_certificate_not_after_timestamp_seconds{node,source,path_or_host,subject}  gauge
 *     notAfter of each certificate as Unix seconds; `source` is `file` (ca/client files) or
 *     `served` (the chain a mirror serves). Alert on `... - time() < 30 * 86400`.
 */
import type { FindingsExporter } from './findings-exporter.js';
import { registerSnapshotGauge } from './snapshot-gauge.js';

export const exportCertificates: FindingsExporter = (registry, view) => {
  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_certificate_not_after_timestamp_seconds',
    help: 'Expiry time (notAfter) of each certificate a node trusts or is served, as Unix seconds.',
    labelNames: ['node', 'source', 'path_or_host', 'subject'],
    section: 'certificates',
    samples(node, section, emit) {
      // Two certificates of one bundle may share a subject; the earliest expiry is the one that matters.
      const earliest = new Map<string, { labels: string[]; seconds: number }>();
      for (const certificate of section.certificates) {
        const labels = [node, certificate.source, certificate.pathOrHost, certificate.subject];
        const key = JSON.stringify(labels);
        const seconds = Date.parse(certificate.notAfter) / 1000;
        const current = earliest.get(key);
        if (!current || seconds < current.seconds) {
          earliest.set(key, { labels, seconds });
        }
      }
      for (const { labels, seconds } of earliest.values()) {
        emit(labels, seconds);
      }
    },
  });
};
