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
import { Gauge, type Registry } from 'prom-client';
import type { FilesystemRecord } from '../../wire/findings/filesystems.js';
import type { FindingsExporter, FindingsView } from './findings-exporter.js';

export const exportFilesystems: FindingsExporter = (registry: Registry, view: FindingsView) => {
  const gauge = (name: string, help: string, value: (record: FilesystemRecord) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['node', 'path', 'role'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [node, section] of view.latest('filesystems')) {
          for (const record of section.filesystems) {
            this.set({ node, path: record.path, role: record.role }, value(record));
          }
        }
      },
    });

  gauge('gapwatch_filesystem_used_ratio', 'Used fraction of the filesystem holding each watched path, as df computes it.', (r) => r.usedRatio);
  gauge('gapwatch_filesystem_size_bytes', 'Size of the filesystem holding each watched path, in bytes.', (r) => r.sizeBytes);
  gauge('gapwatch_filesystem_avail_bytes', 'Bytes available to non-root writers on the filesystem holding each watched path.', (r) => r.availBytes);
};
