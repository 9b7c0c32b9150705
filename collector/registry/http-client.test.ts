import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDigest } from './digest.js';
import { createRegistryClient } from './http-client.js';
import { OCI_MANIFEST } from './media-types.js';

const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { digest: `sha256:${'e'.repeat(64)}`, size: 1 }, layers: [] });
const digest = computeDigest(Buffer.from(body));
const TOKEN = 'lab-token-123';

/**
 * A loopback fake that speaks the distribution token protocol: /v2/ manifests need a bearer
 * token, which /token issues for basic credentials puller:pull-secret.
 */
async function startTokenRegistry(): Promise<{ app: FastifyInstance; url: string; tokenRequests: string[] }> {
  const app = Fastify();
  const tokenRequests: string[] = [];
  let url = '';

  app.get('/token', async (request, reply) => {
    tokenRequests.push(request.url);
    const expected = `Basic ${Buffer.from('puller:pull-secret').toString('base64')}`;
    if (request.headers.authorization !== expected) {
      return reply.code(401).send({ errors: [{ code: 'UNAUTHORIZED' }] });
    }
    return { token: TOKEN, expires_in: 300 };
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/v2/team/app/manifests/:reference',
    handler: async (request, reply) => {
      if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        const challenge = `Bearer realm="${url}/token",service="lab-registry",scope="repository:team/app:pull"`;
        return reply.code(401).header('www-authenticate', challenge).send({ errors: [{ code: 'UNAUTHORIZED' }] });
      }
      const { reference } = request.params as { reference: string };
      if (reference === 'corrupt') {
        return reply.header('content-type', OCI_MANIFEST).header('docker-content-digest', `sha256:${'0'.repeat(64)}`).send(body);
      }
      if (reference === 'broken') {
        return reply.code(503).send('unavailable');
      }
      return reply.header('content-type', OCI_MANIFEST).header('docker-content-digest', digest).send(body);
    },
  });

  url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, tokenRequests };
}

describe('HTTP registry client', () => {
  let server: Awaited<ReturnType<typeof startTokenRegistry>>;

  beforeAll(async () => {
    server = await startTokenRegistry();
  });

  afterAll(async () => {
    await server.app.close();
  });

  it('bearer challenge fetches token', async () => {
    const client = await createRegistryClient({ baseUrl: server.url, credentials: { username: 'puller', password: 'pull-secret' } });
    try {
      const manifest = await client.getManifest('team/app', '1.0');

      expect(manifest.digest).toBe(digest);
      expect(manifest.mediaType).toBe(OCI_MANIFEST);
      expect(server.tokenRequests.at(-1)).toContain('scope=repository%3Ateam%2Fapp%3Apull');
      expect(server.tokenRequests.at(-1)).toContain('service=lab-registry');
    } finally {
      await client.close();
    }
  });

  it('bearer token is reused', async () => {
    const client = await createRegistryClient({ baseUrl: server.url, credentials: { username: 'puller', password: 'pull-secret' } });
    try {
      const before = server.tokenRequests.length;
      await client.getManifest('team/app', '1.0');
      await client.headManifest('team/app', digest);

      expect(server.tokenRequests.length - before).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('rejected token credentials', async () => {
    const client = await createRegistryClient({ baseUrl: server.url, credentials: { username: 'puller', password: 'wrong' } });
    try {
      await expect(client.getManifest('team/app', '1.0')).rejects.toMatchObject({ code: 'GW_REGISTRY_UNAUTHORIZED' });
    } finally {
      await client.close();
    }
  });

  it.each([
    { reference: 'corrupt', code: 'GW_REGISTRY_DIGEST_MISMATCH' },
    { reference: `sha256:${'f'.repeat(64)}`, code: 'GW_REGISTRY_DIGEST_MISMATCH' },
    { reference: 'broken', code: 'GW_REGISTRY_SERVER_ERROR' },
  ])('$reference raises $code', async ({ reference, code }) => {
    const client = await createRegistryClient({ baseUrl: server.url, credentials: { username: 'puller', password: 'pull-secret' } });
    try {
      await expect(client.getManifest('team/app', reference)).rejects.toMatchObject({ code });
    } finally {
      await client.close();
    }
  });

  it('unreadable CA file', async () => {
    await expect(createRegistryClient({ baseUrl: server.url, caFile: '/nonexistent/ca.pem' })).rejects.toMatchObject({ code: 'GW_REGISTRY_CA_UNREADABLE' });
  });

  it('oversized manifest body', async () => {
    const client = await createRegistryClient({ baseUrl: server.url, credentials: { username: 'puller', password: 'pull-secret' }, maxManifestBytes: 10 });
    try {
      await expect(client.getManifest('team/app', '1.0')).rejects.toMatchObject({ code: 'GW_REGISTRY_BAD_MANIFEST' });
    } finally {
      await client.close();
    }
  });
});
