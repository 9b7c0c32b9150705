import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DemoPki } from './pki.js';

export interface DemoServer {
  /** `127.0.0.1:PORT`. */
  host: string;
  close(): Promise<void>;
}

/**
 * Starts a TLS server on loopback that serves `/v2/` as a registry does. With `status` 401 it
 * plays a public registry that the node can reach (a leak); with 200 it plays the mirror.
 */
export async function startRegistryStub(pki: DemoPki, status: 200 | 401): Promise<DemoServer> {
  const server: Server = createServer({ cert: readFileSync(pki.serverCert), key: readFileSync(pki.serverKey) }, (request, response) => {
    response.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    if (status === 401) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="https://127.0.0.1/token",service="demo"');
    }
    // Only the API root responds with `status`; every manifest is unknown, as in a mirror that lacks the image.
    if (request.url === '/v2/' || request.url === '/v2') {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end('{}');
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
