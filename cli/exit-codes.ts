// Exit codes shared by every subcommand, so scripts can tell a finding from a failure to run.
export const EXIT_OK = 0;
/** A finding: an UNSAFE verdict, a lint error. */
export const EXIT_FINDING = 1;
/** A second kind of finding: an UNKNOWN verdict, a reachable public registry. */
export const EXIT_FINDING_SECONDARY = 2;
/** The command could not do its job: bad usage, unreadable input, no connection. */
export const EXIT_ERROR = 3;
