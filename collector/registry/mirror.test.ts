import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../core/image-ref.js';
import { parseMirrorUrl, toMirrorTarget } from './mirror.js';

describe('parseMirrorUrl', () => {
  it.each([
    { text: 'https://127.0.0.1:5000', baseUrl: 'https://127.0.0.1:5000', prefix: '' },
    { text: 'https://127.0.0.1:5000/', baseUrl: 'https://127.0.0.1:5000', prefix: '' },
    { text: 'http://127.0.0.1:5000/proxy/docker.io/', baseUrl: 'http://127.0.0.1:5000', prefix: 'proxy/docker.io' },
    { text: 'https://registry.internal/v2/', baseUrl: 'https://registry.internal', prefix: '' },
  ])('parses $text', ({ text, baseUrl, prefix }) => {
    expect(parseMirrorUrl(text)).toEqual({ baseUrl, prefix });
  });

  it.each(['127.0.0.1:5000', 'ftp://127.0.0.1', 'https://user:pw@127.0.0.1', 'https://127.0.0.1/?x=1'])('rejects %s', (text) => {
    expect(() => parseMirrorUrl(text)).toThrow(expect.objectContaining({ code: 'GW_REGISTRY_MIRROR_URL' }));
  });
});

describe('toMirrorTarget', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  const cases = [
    { listed: 'nginx:1.25', prefix: '', repository: 'library/nginx', tag: '1.25', digest: null },
    { listed: 'us-docker.pkg.dev/proj/repo/app', prefix: '', repository: 'proj/repo/app', tag: 'latest', digest: null },
    { listed: `registry.example:5000/team/app@${digest}`, prefix: '', repository: 'team/app', tag: null, digest },
    { listed: `quay.io/team/app:v1@${digest}`, prefix: 'proxy', repository: 'proxy/team/app', tag: 'v1', digest },
  ];

  it.each(cases)('rewrites $listed', ({ listed, prefix, repository, tag, digest: expectedDigest }) => {
    const ref = parseImageRef(listed)!;
    const target = toMirrorTarget(ref, { baseUrl: 'https://127.0.0.1:5000', prefix }, listed);

    expect(target).toEqual({ image: listed, repository, tag, digest: expectedDigest });
  });
});
