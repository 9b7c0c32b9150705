import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Prober } from './prober.js';
import { formatHost } from './target.js';

/** HTTPS GET of `/v2/` straight to the target, as containerd would dial an upstream. */
export const directProber: Prober = ({ target, signal, ca }) =>
  new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: target.host,
      port: target.port,
      path: '/v2/',
      method: 'GET',
      headers: { host: target.port === 443 ? formatHost(target.host) : `${formatHost(target.host)}:${target.port}` },
      // SNI takes host names only.
      servername: isIP(target.host) === 0 ? target.host : '',
      ca: [...ca],
      agent: false,
      signal,
    });
    req.on('response', (res) => {
      res.resume();
      res.destroy();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
