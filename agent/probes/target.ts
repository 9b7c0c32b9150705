import { isIP } from 'node:net';
import { probeError } from './errors.js';

/** One host to probe; `label` is the `host[:port]` text used in reports and metrics. */
export interface ProbeTarget {
  label: string;
  host: string;
  port: number;
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\.?$/;

/** Parses `host[:port]` (port 443 when absent); throws GW_PROBE_TARGET_INVALID. */
export function parseTarget(text: string): ProbeTarget {
  const trimmed = text.trim();
  let host: string;
  let portText: string | undefined;

  if (trimmed.startsWith('[')) {
    const close = trimmed.indexOf(']');
    if (close < 0) {
      throw probeError('GW_PROBE_TARGET_INVALID', { target: text, reason: 'missing "]" after the IPv6 address' });
    }
    host = trimmed.slice(1, close);
    const rest = trimmed.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) {
      throw probeError('GW_PROBE_TARGET_INVALID', { target: text, reason: 'unexpected text after "]"' });
    }
    portText = rest === '' ? undefined : rest.slice(1);
    if (isIP(host) !== 6) {
      throw probeError('GW_PROBE_TARGET_INVALID', { target: text, reason: `"${host}" is not an IPv6 address` });
    }
  } else {
    const parts = trimmed.split(':');
    if (parts.length > 2) {
      throw probeError('GW_PROBE_TARGET_INVALID', { target: text, reason: 'IPv6 addresses need brackets' });
    }
    host = parts[0] ?? '';
    portText = parts[1];
    if (!HOSTNAME.test(host) && isIP(host) !== 4) {
      throw probeError('GW_PROBE_TARGET_INVALID', { target: text, reason: `"${host}" is not a hostname or IPv4 address` });
    }
  }

  const port = portText === undefined ? 443 : Number(portText);
  if (!/^\d{1,5}$/.test(portText ?? '443') || port < 1 || port > 65535) {
    throw probeError('GW_PROBE_TARGET_INVALID', { target: text, reason: `port "${portText}" is not a number from 1 to 65535` });
  }

  const label = port === 443 ? formatHost(host) : `${formatHost(host)}:${port}`;
  return { label, host, port };
}

/** Returns the host as it appears in a URL or a CONNECT line (IPv6 in brackets). */
export function formatHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
