import { defineErrors } from '../core/errors.js';

/** Errors raised by the collector: config, store, ingest and query API. */
export const collectorError = defineErrors({
  GW_COLLECTOR_LISTEN_INVALID: {
    message: 'listen address {value} is invalid',
    fix: 'write it as HOST:PORT, e.g. 127.0.0.1:9410 or [::1]:9410',
  },
  GW_COLLECTOR_TOKEN_FILE: {
    message: 'agent token file {file} is unusable: {reason}',
    fix: 'make the file readable by the collector and put one non-empty token on its first line',
  },
  GW_STORE_OPEN: {
    message: 'cannot open the collector database {file}: {reason}',
    fix: 'check that the directory of databasePath exists and is writable, and that no other program locks the file',
  },
  GW_STORE_SCHEMA_NEWER: {
    message: 'database {file} has schema version {found}, newer than the {known} this collector knows',
    fix: 'run a gapwatch collector at least as new as the one that last wrote this database',
  },
  GW_STORE_WORKER_MISSING: {
    message: 'the store writer thread script {path} is missing',
    fix: 'run `npm run build` so dist/ holds the compiled collector, then start it again',
  },
  GW_STORE_WRITER_STOPPED: {
    message: 'the store writer thread of {file} stopped ({reason}) before replying',
    fix: 'the agent keeps the report and sends it again; if this repeats, read the collector log for the thread error',
  },
  GW_STORE_WRITE_FAILED: {
    message: 'storing the report from node {node} failed: {reason}',
    fix: 'check free disk space and permissions of the database; the agent keeps the report and sends it again',
  },
  GW_INGEST_INVALID: {
    message: 'report field {field} is invalid: {problem}',
    fix: '{fix}',
  },
  GW_INGEST_NOT_JSON: {
    message: 'report body is not valid JSON: {reason}',
    fix: 'send one JSON object as defined by the report schema, with Content-Type: application/json',
  },
  GW_INGEST_TOO_LARGE: {
    message: 'report body is larger than the limit of {limit} bytes',
    fix: 'send fewer pull records per report (agent batchSize) or raise bodyLimitBytes in the collector config',
  },
  GW_INGEST_CONTENT_TYPE: {
    message: 'report content type {contentType} is not supported',
    fix: 'send the report with Content-Type: application/json',
  },
  GW_API_QUERY_INVALID: {
    message: 'query parameter {field} is invalid: {problem}',
    fix: '{fix}',
  },
});
