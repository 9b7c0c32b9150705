/**
 * Metrics from the filesystems section of node reports, one series per configured path:
 *
 *   gapwatch_filesystem_used_ratio{node,path,role}   gauge  used / (used + avail), as df's Use%
 *   gapwatch_filesystem_size_bytes{node,path,role}   gauge  filesystem size
 *   gapwatch_filesystem_avail_bytes{node,path,role}  gauge  bytes still available to non-root writers
 *
 * `role` is `node` (containerd's root) or `mirror` (the registry's storage); alert on the
 * mirror's ratio above 0.8.
 */
import type { FilesystemRecord } from '../../wire/findings/filesystems.js';
import type { FindingsExporter } from './findings-exporter.js';
import { registerSnapshotGauge } from './snapshot-gauge.js';

export const exportFilesystems: FindingsExporter = (registry, view) => {
  const gauge = (name: string, help: string, value: (record: FilesystemRecord) => number) =>
    registerSnapshotGauge(registry, view, {
      name,
      help,
      labelNames: ['node', 'path', 'role'],
      section: 'filesystems',
      samples(node, section, emit) {
        for (const record of section.filesystems) {
          emit([node, record.path, record.role], value(record));
        }
      },
    });

  gauge('gapwatch_filesystem_used_ratio', 'Used fraction of the filesystem holding each watched path, as df computes it.', (r) => r.usedRatio);
  gauge('gapwatch_filesystem_size_bytes', 'Size of the filesystem holding each watched path, in bytes.', (r) => r.sizeBytes);
  gauge('gapwatch_filesystem_avail_bytes', 'Bytes available to non-root writers on the filesystem holding each watched path.', (r) => r.availBytes);
};
