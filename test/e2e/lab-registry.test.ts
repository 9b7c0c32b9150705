import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { createLabPki, type LabPki } from '../lab/ca.js';
import { buildImage, buildMultiPlatformImage, createLayout, deleteManifest, pushImage, type Layout } from '../lab/images.js';
import { LAB_REGISTRY_TOOLS, missingTools, startRegistry, type LabRegistry } from '../lab/registry.js';

const missing = await missingTools(LAB_REGISTRY_TOOLS);
if (missing.length > 0 && process.env.CI === 'true') {
  throw new Error(`lab tools missing: ${missing.join(', ')}; install them with apt-get install -y docker-registry skopeo umoci openssl`);
}

describe.skipIf(missing.length > 0)('lab registry helpers', () => {
  let pki: LabPki;
  let registry: LabRegistry;
  let layout: Layout;
  let dispatcher: Agent;

  beforeAll(async () => {
    pki = await createLabPki();
    registry = await startRegistry({ tls: pki.server });
    layout = await createLayout();
    dispatcher = new Agent({ connect: { ca: await readFile(pki.ca.cert, 'utf8') } });
  });

  afterAll(async () => {
    await dispatcher?.close();
    await registry?.stop();
    await layout?.cleanup();
    await pki?.cleanup();
  });

  async function manifestStatus(repo: string, reference: string): Promise<number> {
    const response = await request(`${registry.url}/v2/${repo}/manifests/${reference}`, {
      method: 'HEAD',
      dispatcher,
      headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' },
    });
    await response.body.dump();
    return response.statusCode;
  }

  it('pushes single-platform image', async () => {
    const image = await buildImage(layout, 'solo');
    const pushed = await pushImage(layout, 'solo', { host: registry.host, certDir: pki.certDir }, 'lab/solo');

    expect(pushed).toBe(image.digest);
    expect(await manifestStatus('lab/solo', image.digest)).toBe(200);
  });

  it('pushes multi-platform index', async () => {
    const image = await buildMultiPlatformImage(layout, 'multi');
    const pushed = await pushImage(layout, 'multi', { host: registry.host, certDir: pki.certDir }, 'lab/multi');

    expect(pushed).toBe(image.digest);
    expect(image.platforms.map((p) => p.architecture)).toEqual(['amd64', 'arm64']);
    for (const platform of image.platforms) {
      expect(await manifestStatus('lab/multi', platform.digest)).toBe(200);
    }
  });

  it('deletes one platform manifest', async () => {
    const image = await buildMultiPlatformImage(layout, 'gap');
    const target = { host: registry.host, certDir: pki.certDir };
    await pushImage(layout, 'gap', target, 'lab/gap');
    const arm64 = image.platforms[1]!.digest;

    await deleteManifest(target, 'lab/gap', arm64);

    expect(await manifestStatus('lab/gap', arm64)).toBe(404);
    expect(await manifestStatus('lab/gap', image.digest)).toBe(200);
  });

  it('serves registry metrics', async () => {
    const response = await request(`${registry.debugUrl}/metrics`);
    const text = await response.body.text();

    expect(response.statusCode).toBe(200);
    expect(text).toContain('registry_http_requests_total');
  });

  it('basic auth rejects anonymous', async () => {
    const secured = await startRegistry({ tls: pki.server, auth: { kind: 'basic', users: { lab: 'lab-password' } } });
    try {
      const target = { host: secured.host, certDir: pki.certDir, creds: { username: 'lab', password: 'lab-password' } };
      const image = await buildImage(layout, 'private');
      await pushImage(layout, 'private', target, 'lab/private');

      const anonymous = await request(`${secured.url}/v2/lab/private/manifests/${image.digest}`, { method: 'HEAD', dispatcher });
      await anonymous.body.dump();
      const authorized = await request(`${secured.url}/v2/lab/private/manifests/${image.digest}`, {
        method: 'HEAD',
        dispatcher,
        headers: {
          authorization: `Basic ${Buffer.from('lab:lab-password').toString('base64')}`,
          accept: 'application/vnd.oci.image.manifest.v1+json',
        },
      });
      await authorized.body.dump();

      expect(anonymous.statusCode).toBe(401);
      expect(authorized.statusCode).toBe(200);
    } finally {
      await secured.stop();
    }
  });
});
