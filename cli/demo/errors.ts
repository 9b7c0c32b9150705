import { defineErrors } from '../../core/errors.js';

export const demoError = defineErrors({
  GW_DEMO_DIR_NOT_EMPTY: {
    message: 'demo directory {directory} already holds files the demo did not create',
    fix: 'pass --dir with a new or empty directory; the demo empties its directory before each run',
  },
  GW_DEMO_DIR_NOT_DIRECTORY: {
    message: 'demo directory {directory} is a file, not a directory',
    fix: 'pass --dir with a new or empty directory',
  },
  GW_DEMO_OPENSSL_MISSING: {
    message: 'openssl could not make the demo certificates: {reason}',
    fix: 'install openssl (apt-get install openssl) and run the demo again',
  },
});
