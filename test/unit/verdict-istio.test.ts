import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { findDataPlanePods } from '../../collector/kube/istio/data-plane.js';
import { comparableVersion } from '../../collector/kube/istio/version.js';
import { parseImageList } from '../../collector/verdict/image-list.js';

describe('istio version parsing', () => {
  it.each([
    ['1.25.0', '1.25.0'],
    ['1.25.0-solo', '1.25.0'],
    ['1.25.0-distroless', '1.25.0'],
    ['1.25.0-solo-fips-distroless', '1.25.0'],
    ['1.26.0-beta.1', '1.26.0-beta.1'],
    ['latest', 'latest'],
  ])('tag %s compares as %s', (tag, expected) => {
    expect(comparableVersion(tag)).toBe(expected);
  });
});

describe('istio data plane modes', () => {
  const pod = (labels: Record<string, string>, spec: Partial<V1Pod['spec']>): V1Pod =>
    ({ metadata: { name: 'p', namespace: 'n', labels }, spec: { containers: [], nodeName: 'node-a', ...spec } }) as V1Pod;

  it.each([
    { mode: 'sidecar', value: pod({}, { containers: [{ name: 'app', image: 'a:1' }, { name: 'istio-proxy', image: 'r.example/proxyv2:1.24.2' }] }) },
    { mode: 'native-sidecar', value: pod({}, { containers: [{ name: 'app', image: 'a:1' }], initContainers: [{ name: 'istio-proxy', image: 'r.example/proxyv2:1.24.2', restartPolicy: 'Always' }] }) },
    { mode: 'ztunnel', value: pod({ app: 'ztunnel' }, { containers: [{ name: 'istio-proxy', image: 'r.example/ztunnel:1.24.2' }] }) },
    { mode: 'waypoint', value: pod({ 'gateway.istio.io/managed': 'istio.io-mesh-controller' }, { containers: [{ name: 'istio-proxy', image: 'r.example/proxyv2:1.24.2' }] }) },
  ])('pod classified as $mode', ({ mode, value }) => {
    expect(findDataPlanePods([value])[0]?.mode).toBe(mode);
  });

  it('plain init container ignored', () => {
    const value = pod({}, { containers: [{ name: 'app', image: 'a:1' }], initContainers: [{ name: 'istio-proxy', image: 'r.example/proxyv2:1.24.2' }] });
    expect(findDataPlanePods([value])).toEqual([]);
  });
});

describe('verdict image list', () => {
  it('skips comments and blanks', () => {
    expect(parseImageList('# N-1\n\nregistry.example/a:1 # app\n').images).toEqual(['registry.example/a:1']);
  });

  it('reports invalid line number', () => {
    expect(parseImageList('registry.example/a:1\nNOT VALID\n').problems).toEqual([{ line: 2, text: 'NOT VALID' }]);
  });
});
