import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { computeDigest } from './digest.js';
import { OCI_INDEX, OCI_MANIFEST } from './media-types.js';
import { mirrorCompleteness } from './mirror-completeness.js';

const CONFIG_DIGEST = `sha256:${'c'.repeat(64)}`;
const MISSING_DIGEST = `sha256:${'d'.repeat(64)}`;
const manifest = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: CONFIG_DIGEST, size: 2 }, layers: [] });
const manifestDigest = computeDigest(Buffer.from(manifest));
const index = JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: [
    { mediaType: OCI_MANIFEST, digest: manifestDigest, size: manifest.length, platform: { os: 'linux', architecture: 'amd64' } },
    { mediaType: OCI_MANIFEST, digest: MISSING_DIGEST, size: 10, platform: { os: 'linux', architecture: 'arm64' } },
  ],
});

/** Starts a plain-HTTP loopback registry where `team/app:2.0` is whole and `team/gap:2.0` lacks its arm64 manifest. */
async function startMirror(): Promise<{ app: FastifyInstance; url: string; openSockets: () => number }> {
  const app = Fastify();
  let open = 0;
  app.server.on('connection', (socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/v2/team/:repo/manifests/:reference',
    handler: async (request, reply) => {
      const { repo, reference } = request.params as { repo: string; reference: string };
      if (repo === 'app' && (reference === '2.0' || reference === manifestDigest)) {
        return reply.header('content-type', OCI_MANIFEST).header('docker-content-digest', manifestDigest).send(manifest);
      }
      if (repo === 'gap' && reference === '2.0') {
        return reply.header('content-type', OCI_INDEX).header('docker-content-digest', computeDigest(Buffer.from(index))).send(index);
      }
      if (repo === 'gap' && reference === manifestDigest) {
        return reply.header('content-type', OCI_MANIFEST).header('docker-content-digest', manifestDigest).send(manifest);
      }
      return reply.code(404).send({ errors: [{ code: 'MANIFEST_UNKNOWN' }] });
    },
  });
  app.head('/v2/team/:repo/blobs/:digest', async (request, reply) => {
    const { digest } = request.params as { digest: string };
    return digest === CONFIG_DIGEST ? reply.header('content-length', '2').send() : reply.code(404).send();
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, openSockets: () => open };
}

describe('mirrorCompleteness', () => {
  let mirror: Awaited<ReturnType<typeof startMirror>>;

  beforeAll(async () => {
    mirror = await startMirror();
  });

  afterAll(async () => {
    await mirror.app.close();
  });

  it('complete image is answered', async () => {
    const check = mirrorCompleteness({ mirrorUrl: mirror.url, timeoutSeconds: 5 }, silentLogger());
    const result = await check.check(['registry.example/team/app:2.0']);

    expect(result).toEqual({ answered: true, missing: [], unreachable: [] });
  });

  it('missing platform is named', async () => {
    const check = mirrorCompleteness({ mirrorUrl: mirror.url, timeoutSeconds: 5 }, silentLogger());
    const result = await check.check(['registry.example/team/gap:2.0']);

    expect(result.answered).toBe(true);
    expect(result.missing.map((entry) => entry.image)).toEqual(['registry.example/team/gap:2.0']);
    expect(result.missing[0]?.detail).toContain(`platform linux/arm64 (${MISSING_DIGEST}) does not resolve`);
  });

  it('check releases its sockets', async () => {
    const check = mirrorCompleteness({ mirrorUrl: mirror.url, timeoutSeconds: 5 }, silentLogger());
    for (let run = 0; run < 3; run += 1) {
      await check.check(['registry.example/team/app:2.0']);
    }
    const deadline = Date.now() + 2_000;
    while (mirror.openSockets() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(mirror.openSockets()).toBe(0);
  });

  it('closed port is unanswered', async () => {
    const closed = Fastify();
    const url = await closed.listen({ host: '127.0.0.1', port: 0 });
    await closed.close();
    const check = mirrorCompleteness({ mirrorUrl: url, timeoutSeconds: 2 }, silentLogger());
    const result = await check.check(['registry.example/team/app:2.0']);

    expect(result.answered).toBe(false);
    expect(result.unreachable.map((entry) => entry.image)).toEqual(['registry.example/team/app:2.0']);
  });

  it('no registry section never answers', async () => {
    const check = mirrorCompleteness(undefined, silentLogger());
    const result = await check.check(['registry.example/team/app:2.0']);

    expect(result.answered).toBe(false);
    expect(result.unreachable[0]?.detail).toContain('registry.mirrorUrl');
  });
});
