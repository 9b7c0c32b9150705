import { describe, expect, it } from 'vitest';
import { checkImagesComplete, type ImageTarget } from './completeness.js';
import { registryError } from './errors.js';
import { FakeRegistryClient } from './fake-client.js';
import { OCI_INDEX, OCI_MANIFEST } from './media-types.js';

const config = `sha256:${'c'.repeat(64)}`;
const layer = `sha256:${'d'.repeat(64)}`;

function imageManifest(note: string) {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 2 },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer, size: 3 }],
    annotations: { note },
  };
}

/** A registry with team/app:1.0 as an index over amd64 and arm64. */
function registryWithIndex() {
  const client = new FakeRegistryClient();
  client.putBlob('team/app', config);
  client.putBlob('team/app', layer);
  const amd64 = client.putManifest('team/app', imageManifest('amd64'), OCI_MANIFEST);
  const arm64 = client.putManifest('team/app', imageManifest('arm64'), OCI_MANIFEST);
  const index = client.putManifest(
    'team/app',
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: amd64, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: OCI_MANIFEST, digest: arm64, size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    },
    OCI_INDEX,
    ['1.0'],
  );
  return { client, amd64, arm64, index };
}

const byTag: ImageTarget = { image: 'team/app:1.0', repository: 'team/app', tag: '1.0', digest: null };

describe('checkImagesComplete', () => {
  it('index with all platforms', async () => {
    const { client, index } = registryWithIndex();
    const [result] = await checkImagesComplete([byTag], client);

    expect(result?.status).toBe('complete');
    expect(result?.digest).toBe(index);
    expect(result?.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
  });

  it('follows platforms by digest', async () => {
    const { client, amd64, arm64 } = registryWithIndex();
    await checkImagesComplete([byTag], client);

    expect(client.calls).toContain(`GET team/app ${amd64}`);
    expect(client.calls).toContain(`GET team/app ${arm64}`);
  });

  it('deleted platform is incomplete', async () => {
    const { client, arm64 } = registryWithIndex();
    client.deleteManifest('team/app', arm64);
    const [result] = await checkImagesComplete([byTag], client);

    expect(result?.status).toBe('incomplete');
    expect(result?.platforms[1]?.resolves).toBe(false);
    expect(result?.platforms[1]?.error?.code).toBe('GW_REGISTRY_NOT_FOUND');
  });

  it('missing layer is incomplete', async () => {
    const client = new FakeRegistryClient();
    client.putBlob('team/solo', config);
    client.putManifest('team/solo', imageManifest('solo'), OCI_MANIFEST, ['2.0']);
    const [result] = await checkImagesComplete([{ image: 'solo', repository: 'team/solo', tag: '2.0', digest: null }], client);

    expect(result?.status).toBe('incomplete');
    expect(result?.platforms[0]?.error?.message).toContain(layer);
  });

  it('tag moved is mismatch', async () => {
    const { client, index } = registryWithIndex();
    const other = client.putManifest('team/app', imageManifest('other'), OCI_MANIFEST, ['1.0']);
    const [result] = await checkImagesComplete([{ ...byTag, digest: index }], client);

    expect(result?.status).toBe('mismatch');
    expect(result?.error?.message).toContain(other);
  });

  it('unknown tag is missing', async () => {
    const { client } = registryWithIndex();
    const [result] = await checkImagesComplete([{ ...byTag, tag: '9.9' }], client);

    expect(result?.status).toBe('missing');
  });

  it('unreachable registry is error', async () => {
    const { client } = registryWithIndex();
    client.failRepository('*', () => registryError('GW_REGISTRY_UNREACHABLE', { url: client.baseUrl, reason: 'connect ECONNREFUSED' }));
    const [result] = await checkImagesComplete([byTag], client);

    expect(result?.status).toBe('error');
    expect(result?.error?.code).toBe('GW_REGISTRY_UNREACHABLE');
  });

  it('invalid manifest JSON is incomplete', async () => {
    const client = new FakeRegistryClient();
    client.putManifest('team/bad', '{"schemaVersion": 2,', OCI_MANIFEST, ['1']);
    const [result] = await checkImagesComplete([{ image: 'bad', repository: 'team/bad', tag: '1', digest: null }], client);

    expect(result?.status).toBe('incomplete');
    expect(result?.error?.code).toBe('GW_REGISTRY_BAD_MANIFEST');
  });

  it('keeps input order', async () => {
    const { client } = registryWithIndex();
    const targets = [{ ...byTag, image: 'a', tag: 'x' }, byTag, { ...byTag, image: 'c', tag: 'y' }];
    const results = await checkImagesComplete(targets, client, { concurrency: 3 });

    expect(results.map((r) => r.image)).toEqual(['a', 'team/app:1.0', 'c']);
  });
});
