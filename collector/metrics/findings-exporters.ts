import type { FindingsExporter } from './findings-exporter.js';
import { exportCertificates } from './findings-certificates.js';
import { exportEgress } from './findings-egress.js';
import { exportFilesystems } from './findings-filesystems.js';
import { exportLintFindings } from './findings-lint.js';
import { exportProbes } from './findings-probes.js';

/** Every findings exporter, one per section, each in its own file. */
export const findingsExporters: readonly FindingsExporter[] = [
  exportProbes,
  exportEgress,
  exportLintFindings,
  exportCertificates,
  exportFilesystems,
];
