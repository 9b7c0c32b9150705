import { createServer, type Server } from 'node:http';
import type { Logger } from '../../core/log.js';
import { agentError } from '../errors.js';
import type { AgentMetrics } from './registry.js';

/** Splits `host:port` or `[v6]:port`. */
export function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address);
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw agentError('GW_AGENT_METRICS_LISTEN', { address });
  }
  return { host: match[1] ?? match[2]!, port };
}

/** Serves /metrics and /healthz; `healthy` decides the /healthz status. */
export async function startMetricsServer(options: {
  listen: string;
  metrics: AgentMetrics;
  healthy: () => boolean;
  logger: Logger;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const { host, port } = parseListenAddress(options.listen);

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      options.metrics.registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
          res.end(body);
        })
        .catch((err: unknown) => {
          options.logger.error({ err }, 'rendering /metrics failed');
          res.writeHead(500).end();
        });
      return;
    }
    if (req.method === 'GET' && req.url === '/healthz') {
      const healthy = options.healthy();
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(healthy ? 'ok\n' : 'unhealthy\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  options.logger.info({ host, port: boundPort }, 'agent metrics server listening');

  return {
    server,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
