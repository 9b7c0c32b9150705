import { defineErrors } from '../core/errors.js';

/** Errors raised by the benchmarks: fixture generation, the baseline reader and the measured agent process. */
export const benchError = defineErrors({
  GW_BENCH_TOOL_MISSING: {
    message: '{tool} is not installed or not executable: {reason}',
    fix: 'install the Debian package {package} (apt-get install {package}) and run the bench again',
  },
  GW_BENCH_TOOL_FAILED: {
    message: '{tool} exited with {status}: {stderr}',
    fix: 'run the printed command by hand on the fixture in {dir} (kept with --keep) and read its error',
  },
  GW_BENCH_FIELD_NAME: {
    message: 'journal field name {name} is invalid',
    fix: 'use upper-case letters, digits and underscores, starting with a letter or one underscore for trusted fields',
  },
  GW_BENCH_READ_INCOMPLETE: {
    message: 'the agent read {seen} of {expected} lines before {seconds} s passed',
    fix: 'check that journalctl can read {directory} (run journalctl --directory {directory} -u containerd | tail) or raise --timeout',
  },
  GW_BENCH_AGENT_FAILED: {
    message: 'the agent reading process exited with {status} and printed no result: {stderr}',
    fix: 'run node dist/bench/agent-read.js --directory {directory} --certs-dir {certsDir} --lines {lines} by hand to see the full error',
  },
  GW_BENCH_PROC_STATUS: {
    message: 'no {field} line in {file}',
    fix: 'run the bench on Linux, where /proc/<pid>/status reports peak resident memory as VmHWM',
  },
  GW_BENCH_OPTION: {
    message: 'option {option} is invalid: {value}',
    fix: '{hint}',
  },
});
