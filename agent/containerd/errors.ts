import { defineErrors } from '../../core/errors.js';

/** Coded errors of the containerd log reader and the `pulls` command. */
export const containerdError = defineErrors({
  GW_CERTSD_UNREADABLE: {
    message: 'cannot read certs.d directory {dir}: {reason}',
    fix: 'pass the directory set as config_path in containerd\'s config.toml (often /etc/containerd/certs.d) and check that this user can read it',
  },
  GW_PULLS_INPUT_UNREADABLE: {
    message: 'cannot read containerd log {file}: {reason}',
    fix: 'pass an existing log file, or "-" and pipe the log (journalctl -u containerd -o json) to standard input',
  },
});
