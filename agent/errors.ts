import { defineErrors } from '../core/errors.js';

/** Errors raised by the agent runtime: sources, spool, state and reporting. */
export const agentError = defineErrors({
  GW_AGENT_JOURNAL_MISSING: {
    message: 'no systemd journal found at {paths}',
    fix: 'set source.directory to the folder holding the *.journal files, or use source.kind "file" with the containerd log path',
  },
  GW_AGENT_JOURNALCTL_MISSING: {
    message: 'journalctl could not be started ({command}): {reason}',
    fix: 'install systemd (journalctl) in the agent image, or use source.kind "file"',
  },
  GW_AGENT_LOG_FILE_MISSING: {
    message: 'containerd log file {file} does not exist',
    fix: 'set source.path to the file containerd writes (k3s: /var/lib/rancher/k3s/agent/containerd/containerd.log)',
  },
  GW_AGENT_STATE_DIR: {
    message: 'state directory {dir} is not writable: {reason}',
    fix: 'create the directory and give the agent user write access, or set stateDir to a writable path',
  },
  GW_AGENT_STATE_CORRUPT: {
    message: 'state file {file} is invalid: {reason}',
    fix: 'delete {file}; the agent then re-reads the log from the start and the collector drops the repeated pulls by id',
  },
  GW_AGENT_TOKEN_UNREADABLE: {
    message: 'token file {file} cannot be read: {reason}',
    fix: 'check tokenFile in the agent config and that the file is readable by the agent user',
  },
  GW_AGENT_TOKEN_EMPTY: {
    message: 'token file {file} is empty',
    fix: 'write the collector\'s bearer token into {file}, or remove tokenFile when the collector needs no token',
  },
  GW_AGENT_COLLECTOR_CREDENTIALS: {
    message: 'collectorUrl {url} contains a user name or password, which the agent neither sends nor logs',
    fix: 'remove user:password@ from collectorUrl and put the collector\'s bearer token in the file named by tokenFile',
  },
  GW_AGENT_METRICS_LISTEN: {
    message: 'metrics listen address {address} is invalid',
    fix: 'write it as host:port, for example 127.0.0.1:9411 or [::1]:9411',
  },
  GW_AGENT_REPORT_REJECTED: {
    message: 'collector {url} rejected report seq {seq} with HTTP {status}: {body}',
    fix: 'read the collector error above; the report stays in the spool and is sent again after the cause is fixed',
  },
  GW_AGENT_REPORT_UNAVAILABLE: {
    message: 'collector {url} did not accept report seq {seq}: {reason}',
    fix: 'check that the collector runs and is reachable from the node; the agent keeps retrying with backoff',
  },
  GW_AGENT_SPOOL_CORRUPT: {
    message: 'spool file {file} has an invalid entry at line {line}: {reason}',
    fix: 'the file was moved to {quarantine}; inspect it and delete it when done. Valid entries were kept',
  },
});
