import { applyFixture, readFixture } from '../../test/fakes/kube-api/load-fixture.js';
import { FakeKubeApi } from '../../test/fakes/kube-api/server.js';

export interface DemoCluster {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a small mesh cluster (nodes node-a and node-b, Istio sidecars on two versions, ztunnel,
 * a waypoint, a CronJob, a static pod) from the Kubernetes API fake the tests use, since the demo
 * may not touch a real cluster.
 */
export async function startDemoCluster(): Promise<DemoCluster> {
  const api = new FakeKubeApi();
  applyFixture(api, readFixture('mesh-cluster.json'));
  const url = await api.start();
  return { url, stop: () => api.stop() };
}
