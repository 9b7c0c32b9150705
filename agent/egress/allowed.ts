import { BlockList, isIP } from 'node:net';
import { egressError } from './errors.js';

/** Builds the allowed-networks list; throws GW_EGRESS_CIDR_INVALID naming the bad entry. */
export function buildAllowedList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefixText = '', ...rest] = cidr.split('/');
    const family = isIP(network);
    if (family === 0) {
      throw egressError('GW_EGRESS_CIDR_INVALID', { cidr, reason: `"${network}" is not an IP address` });
    }
    const prefix = Number(prefixText);
    const max = family === 4 ? 32 : 128;
    if (rest.length > 0 || !/^\d{1,3}$/.test(prefixText) || prefix > max) {
      throw egressError('GW_EGRESS_CIDR_INVALID', { cidr, reason: `prefix must be a number from 0 to ${max}` });
    }
    list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}
