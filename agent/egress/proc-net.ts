import type { TCP_STATES } from '../../wire/findings/egress.js';

export type TcpState = (typeof TCP_STATES)[number];

/** One socket line of /proc/net/tcp or /proc/net/tcp6. */
export interface TcpSocket {
  family: 'ipv4' | 'ipv6';
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  state: TcpState;
}

export interface ProcNetParse {
  sockets: TcpSocket[];
  malformedLines: number;
}

// Kernel state numbers, from include/net/tcp_states.h.
const STATES: Readonly<Record<number, TcpState>> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'NEW_SYN_RECV',
};

const LINE = /^\s*\d+:\s+([0-9A-Fa-f]+):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]+):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\s/;

/**
 * Parses the text of /proc/net/tcp or /proc/net/tcp6. The header line is skipped; a line that
 * does not match is counted in `malformedLines` and the rest are kept.
 */
export function parseProcNetTcp(text: string): ProcNetParse {
  const sockets: TcpSocket[] = [];
  let malformedLines = 0;

  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^\s*sl\s/.test(line)) {
      continue;
    }
    const match = LINE.exec(line);
    const local = match ? decodeAddress(match[1] as string) : null;
    const remote = match ? decodeAddress(match[3] as string) : null;
    if (!match || !local || !remote || local.family !== remote.family) {
      malformedLines += 1;
      continue;
    }
    sockets.push({
      family: remote.family,
      local: local.address,
      localPort: parseInt(match[2] as string, 16),
      remote: remote.address,
      remotePort: parseInt(match[4] as string, 16),
      state: STATES[parseInt(match[5] as string, 16)] ?? 'UNKNOWN',
    });
  }
  return { sockets, malformedLines };
}

/**
 * Decodes a kernel address: 8 hex digits for IPv4, 32 for IPv6, each 32-bit word printed in
 * host byte order (little-endian on x86 and arm64). IPv4-mapped IPv6 decodes to IPv4.
 */
// NOTE: assumes a little-endian host; on a big-endian kernel the words would need no swap.
export function decodeAddress(hex: string): { family: 'ipv4' | 'ipv6'; address: string } | null {
  if (hex.length === 8) {
    return { family: 'ipv4', address: wordBytes(hex).join('.') };
  }
  if (hex.length !== 32) {
    return null;
  }

  const bytes: number[] = [];
  for (let word = 0; word < 4; word++) {
    bytes.push(...wordBytes(hex.slice(word * 8, word * 8 + 8)));
  }
  const mapped = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) {
    return { family: 'ipv4', address: bytes.slice(12).join('.') };
  }

  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) {
    groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  }
  return { family: 'ipv6', address: compressIpv6(groups) };
}

// One 32-bit word printed by the kernel as %08X of a little-endian value: bytes come reversed.
function wordBytes(word: string): number[] {
  const bytes: number[] = [];
  for (let i = 6; i >= 0; i -= 2) {
    bytes.push(parseInt(word.slice(i, i + 2), 16));
  }
  return bytes;
}

// Shortens the longest run of two or more zero groups to "::", as RFC 5952 asks.
function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i += 1;
      continue;
    }
    let end = i;
    while (end < groups.length && groups[end] === '0') {
      end += 1;
    }
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  if (bestLength < 2) {
    return groups.join(':');
  }
  const head = groups.slice(0, bestStart).join(':');
  const tail = groups.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}
