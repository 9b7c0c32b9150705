import type { BlockList } from 'node:net';
import type { EgressConnection } from '../../wire/findings/egress.js';
import type { TcpSocket } from './proc-net.js';

/**
 * Picks outbound connections to a watched remote port whose remote address is outside the
 * allowed networks. Listening sockets have no peer and are skipped.
 */
export function selectEgress(sockets: readonly TcpSocket[], ports: readonly number[], allowed: BlockList): EgressConnection[] {
  const watched = new Set(ports);
  return sockets
    .filter((socket) => socket.state !== 'LISTEN' && watched.has(socket.remotePort))
    .filter((socket) => !allowed.check(socket.remote, socket.family))
    .map((socket) => ({
      remote: socket.remote,
      port: socket.remotePort,
      local: socket.local,
      localPort: socket.localPort,
      state: socket.state,
      family: socket.family,
    }));
}
