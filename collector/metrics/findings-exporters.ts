import type { FindingsExporter } from './findings-exporter.js';
import { exportCertificates } from './findings-certificates.js';
import { exportFilesystems } from './findings-filesystems.js';
import { exportLintFindings } from './findings-lint.js';

/** Every findings exporter, one per section, each in its own file. */
export const findingsExporters: readonly FindingsExporter[] = [exportLintFindings, exportCertificates, exportFilesystems];
