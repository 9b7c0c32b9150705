import { defineErrors } from '../../core/errors.js';

export const lintError = defineErrors({
  GW_LINT_ROOT_MISSING: {
    message: 'lint root {root} is not a directory',
    fix: 'pass --root with the directory that holds the node filesystem (its etc/containerd), or omit --root to lint this node',
  },
  GW_LINT_RULE_FAILED: {
    message: 'lint rule {rule} failed: {reason}',
    fix: 'report this as a gapwatch bug with the config files involved; the other rules still ran',
  },
});
