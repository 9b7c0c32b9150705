import { describe, expect, it } from 'vitest';
import { parseImageRef, withoutDigest } from './image-ref.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

const CASES = [
  ['nginx:stable', 'docker.io', 'library/nginx', 'stable', null, 'docker.io/library/nginx:stable'],
  ['nginxinc/nginx-unprivileged:v1.25.1', 'docker.io', 'nginxinc/nginx-unprivileged', 'v1.25.1', null, 'docker.io/nginxinc/nginx-unprivileged:v1.25.1'],
  ['docker.io/mirror-test:debian-stable', 'docker.io', 'library/mirror-test', 'debian-stable', null, 'docker.io/library/mirror-test:debian-stable'],
  ['gcr.io/hello-world', 'gcr.io', 'hello-world', 'latest', null, 'gcr.io/hello-world:latest'],
  ['127.0.0.1:5444/solo-public/only-upstream:1.0', '127.0.0.1:5444', 'solo-public/only-upstream', '1.0', null, '127.0.0.1:5444/solo-public/only-upstream:1.0'],
  ['localhost/app', 'localhost', 'app', 'latest', null, 'localhost/app:latest'],
  [`nginx@${DIGEST}`, 'docker.io', 'library/nginx', null, DIGEST, `docker.io/library/nginx@${DIGEST}`],
  [`registry.example:5000/a/b:1@${DIGEST}`, 'registry.example:5000', 'a/b', '1', DIGEST, `registry.example:5000/a/b:1@${DIGEST}`],
  ['index.docker.io/library/redis:alpine', 'docker.io', 'library/redis', 'alpine', null, 'docker.io/library/redis:alpine'],
] as const;

describe('parseImageRef', () => {
  it.each(CASES)('normalises %s', (text, registry, repository, tag, digest, normalized) => {
    expect(parseImageRef(text)).toEqual({ registry, repository, tag, digest, normalized });
  });

  it.each(['', 'Nginx:1', 'a b', 'nginx@sha256:short'])('rejects %j', (text) => {
    expect(parseImageRef(text)).toBeNull();
  });

  it('drops digest for labels', () => {
    const ref = parseImageRef(`registry.example:5000/a/b:1@${DIGEST}`);
    expect(ref && withoutDigest(ref)).toBe('registry.example:5000/a/b:1');
  });
});
