import { defineErrors } from '../../core/errors.js';

export const diskError = defineErrors({
  GW_DISK_STATFS_FAILED: {
    message: 'cannot read filesystem usage of {path}: {reason}',
    fix: 'check that the path exists on this host (disk.paths in the agent config) and is readable by the agent',
  },
});
