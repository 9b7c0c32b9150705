import { defineErrors } from '../core/errors.js';

export const dashboardsError = defineErrors({
  GW_DASHBOARDS_NOT_DIRECTORY: {
    message: 'output directory {dir} is not a directory: {path} is a file',
    fix: 'pass to --output-dir a directory, or a path whose existing parts are directories',
  },
  GW_DASHBOARDS_MKDIR: {
    message: 'cannot create output directory {dir}: {reason}',
    fix: 'pass to --output-dir a directory on a writable filesystem that the current user may write to',
  },
  GW_DASHBOARDS_WRITE: {
    message: 'cannot write dashboard {file}: {reason}',
    fix: 'make {dir} writable for the current user, or pass another directory to --output-dir',
  },
});
