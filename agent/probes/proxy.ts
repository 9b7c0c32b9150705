import { request as httpRequest } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { PROXY_TUNNEL_REJECTED } from './classify.js';
import type { Prober, ProbeRequest } from './prober.js';
import { formatHost } from './target.js';

/**
 * HTTPS GET of `/v2/` through an HTTP proxy: CONNECT host:port, then TLS to the target inside
 * the tunnel. A tunnel refused by the proxy rejects with code GW_PROXY_TUNNEL_REJECTED.
 */
export const proxyProber: Prober = (request) =>
  openTunnel(request).then((socket) => getThroughTunnel(request, socket));

function openTunnel({ target, signal, proxy }: ProbeRequest): Promise<Socket> {
  if (!proxy) {
    return Promise.reject(new Error('proxy prober called without a proxy'));
  }
  const authority = `${formatHost(target.host)}:${target.port}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.authorization) {
    headers['proxy-authorization'] = proxy.authorization;
  }

  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: authority, headers, agent: false, signal });
    req.on('connect', (res, socket) => {
      if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) {
        socket.destroy();
        reject(Object.assign(new Error(`proxy ${proxy.label} rejected CONNECT ${authority} with status ${res.statusCode} ${res.statusMessage ?? ''}`.trim()), {
          code: PROXY_TUNNEL_REJECTED,
        }));
        return;
      }
      resolve(socket);
    });
    req.on('error', (err) => reject(Object.assign(err, { message: `proxy ${proxy.label}: ${err.message}` })));
    req.end();
  });
}

function getThroughTunnel({ target, signal, ca }: ProbeRequest, tunnel: Socket): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    // `host` is what the certificate is checked against; SNI takes host names only.
    const tls = tlsConnect({ socket: tunnel, host: target.host, servername: isIP(target.host) === 0 ? target.host : '', ca: [...ca] });
    const onAbort = () => tls.destroy(Object.assign(new Error('probe aborted'), { code: 'ABORT_ERR' }));
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      tls.destroy();
      tunnel.destroy();
    };

    const req = httpRequest({
      method: 'GET',
      path: '/v2/',
      headers: { host: target.port === 443 ? formatHost(target.host) : `${formatHost(target.host)}:${target.port}` },
      // Without an agent, Node sends the request over the socket createConnection returns.
      createConnection: () => tls,
    });
    req.on('response', (res) => {
      res.resume();
      finish();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', (err) => {
      finish();
      reject(err);
    });
    tls.on('error', (err) => {
      finish();
      reject(err);
    });
    req.end();
  });
}
