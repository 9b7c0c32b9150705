import { defineErrors } from '../../core/errors.js';

export const verdictError = defineErrors({
  GW_VERDICT_IMAGE_LIST: {
    message: 'image list {file} line {line} is not a valid image reference: {text}',
    fix: 'write one reference a line, such as registry.example/team/app:1.2.3 or ...@sha256:<64 hex>; start comments with #',
  },
  GW_VERDICT_UNREADABLE: {
    message: 'cannot read {file}: {reason}',
    fix: 'check the path passed to --delete, --keep or --token-file and that this user can read it',
  },
  GW_VERDICT_REQUEST: {
    message: 'verdict request to {url} failed: {reason}',
    fix: 'check that the collector runs and --collector names it, and that --token-file holds a valid token',
  },
});
