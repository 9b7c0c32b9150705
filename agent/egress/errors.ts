import { defineErrors } from '../../core/errors.js';

export const egressError = defineErrors({
  GW_EGRESS_CIDR_INVALID: {
    message: 'allowed CIDR "{cidr}" is invalid: {reason}',
    fix: 'write each allowedCidrs entry as address/prefix, e.g. 10.20.0.0/16 or fd00::/64',
  },
});
