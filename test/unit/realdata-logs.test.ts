import { describe, expect, it } from 'vitest';
import type { PullRecord } from '../../wire/pull.js';
import { readFixture, type CertsPhase } from './realdata-reader.js';

/** The reading a fixture's header gives, one entry per pull in the order pulls end. */
interface ExpectedPull {
  image: string;
  outcome: PullRecord['outcome'];
  servedBy?: PullRecord['servedBy'];
  servedHost?: string | null;
  attempts?: string[];
  failureCause?: PullRecord['failureCause'];
  durationSeconds?: number | null;
  bytes?: number | null;
}

interface FixtureCase {
  name: string;
  file: string;
  certs: CertsPhase[] | null;
  pulls: ExpectedPull[];
  unattributedLines?: number;
}

const from = (dir: string): CertsPhase[] => [{ fromMs: 0, dir }];
const LAB_INFO_CERTS: CertsPhase[] = [
  { fromMs: 0, dir: 'lab-a' },
  // The lab pointed hosts.toml at two closed ports before pull 5.
  { fromMs: Date.parse('2026-12-04T19:12:36.700Z'), dir: 'lab-b' },
];

const CASES: FixtureCase[] = [
  {
    name: 'lab info six pulls',
    file: 'lab-containerd-1.6.20-info.log',
    certs: LAB_INFO_CERTS,
    pulls: [
      { image: 'us-docker.pkg.dev/solo-public/agentgateway:2026.5.0', outcome: 'success', servedBy: 'mirror', servedHost: '127.0.0.1:5443', attempts: [], durationSeconds: 0.020220114 },
      { image: 'us-docker.pkg.dev/solo-public/only-upstream:1.0', outcome: 'success', servedBy: 'upstream', servedHost: '127.0.0.1:5444', attempts: ['127.0.0.1:5443 not_found'] },
      { image: 'us-docker.pkg.dev/solo-public/nowhere:9.9', outcome: 'failure', failureCause: 'not_found', attempts: ['127.0.0.1:5443 not_found', '127.0.0.1:5444 not_found'] },
      { image: 'us-docker.pkg.dev/solo-public/only-upstream:1.0', outcome: 'success', servedBy: 'upstream', servedHost: '127.0.0.1:5444', attempts: ['127.0.0.1:5443 tls'] },
      { image: 'us-docker.pkg.dev/solo-public/agentgateway:2026.5.0', outcome: 'failure', failureCause: 'refused', attempts: ['127.0.0.1:5499 refused', '127.0.0.1:9 refused'] },
      { image: '127.0.0.1:5444/solo-public/only-upstream:1.0', outcome: 'failure', failureCause: 'other', attempts: [] },
    ],
  },
  {
    name: 'lab debug mirror hit',
    file: 'lab-containerd-1.6.20-debug.log',
    certs: from('lab-debug'),
    pulls: [
      { image: 'us-docker.pkg.dev/solo-public/agentgateway:2026.5.0', outcome: 'success', servedBy: 'mirror', servedHost: '127.0.0.1:5443', durationSeconds: 0.039037314 },
      { image: 'us-docker.pkg.dev/solo-public/missing:1.0', outcome: 'failure', failureCause: 'refused', attempts: ['127.0.0.1:5443 not_found', '127.0.0.1:9 refused'] },
    ],
  },
  {
    name: 'k3s logfmt via mirror',
    file: '01-k3s-v1.6-debug-logfmt-success-via-mirror.log',
    certs: from('k3s-mirror'),
    pulls: [{ image: 'docker.io/library/nginx:stable', outcome: 'success', servedBy: 'mirror', servedHost: 'docker-io-mirror:5000', durationSeconds: 1.851753043 }],
  },
  {
    name: 'k3s JSON in progress',
    file: '02-k3s-v1.6-json-format-debug-via-mirror.log',
    certs: from('k3s-mirror'),
    pulls: [{ image: 'docker.io/library/nginx:stable', outcome: 'abandoned', durationSeconds: null }],
  },
  {
    name: 'containerd 2 short prefix',
    file: '04-containerd-2.x-journalctl-short-success-size-duration.log',
    certs: null,
    pulls: [{ image: 'registry.k8s.io/kube-apiserver:v1.34.2', outcome: 'success', servedBy: 'unknown', durationSeconds: 1.45413009, bytes: 0 }],
  },
  {
    // The header has no end line; the stored image and `stop pulling` prove success.
    name: 'two mirrors fail first',
    file: '05-bottlerocket-journal-no-hostname-two-mirrors-fail-then-success.log',
    certs: from('bottlerocket'),
    pulls: [
      {
        image: 'docker.io/library/mirror-test:debian-stable',
        outcome: 'success',
        servedBy: 'upstream',
        servedHost: 'registry-1.docker.io',
        attempts: ['www.google.com:81 timeout', 'localhost:8080 other'],
        durationSeconds: 274.455863017,
        bytes: 48495295,
      },
    ],
  },
  {
    name: 'logrus text mirror fallback',
    file: '06-containerd-1.5rc-logrus-text-mirror-fallback-debug.log',
    certs: null,
    pulls: [{ image: 'gcr.io/hello-world:latest', outcome: 'abandoned', attempts: ['172.18.0.7:5000 unreachable'] }],
  },
  {
    // The 404 lines precede the excerpt's only pull, so no pull can own them.
    name: 'k3s excerpt pulled 36s',
    file: '08-k3s-containerd.log-404-trying-next-host-then-pulled-36s.log',
    certs: null,
    pulls: [{ image: 'registry.internal/team/common/nacos-server:v2.2.1', outcome: 'success', servedBy: 'unknown', durationSeconds: 36.48005662, bytes: 605736341 }],
    unattributedLines: 3,
  },
  {
    name: 'canceled for no progress',
    file: '10-pull-cancelled-no-progress-1m0s-context-canceled.log',
    certs: from('empty'),
    pulls: [{ image: 'private_registery.mydomain/csg/idrac_to_kafka:20250429T0012', outcome: 'failure', failureCause: 'timeout', durationSeconds: null }],
  },
  {
    // The excerpt holds only debug request lines; the pull's start and end are outside it.
    name: 'wrapped debug lines',
    file: '12-aks-containerd-1.4.3-debug-401-terminal-wrapped-multiline.log',
    certs: null,
    pulls: [],
  },
  {
    // The `failed` line is cut from the excerpt; every host in hosts.toml failed, so containerd failed the pull.
    name: 'k0s nested mirror dns',
    file: '13-k0s-nested-containerd-logfmt-404-mirror-then-docker.io-dns-fail.log',
    certs: from('k0s'),
    pulls: [
      { image: 'docker.io/nginxinc/nginx-unprivileged:v1.25.1', outcome: 'failure', failureCause: 'dns', attempts: ['registry.home.lab not_found', 'docker.io dns'] },
    ],
  },
  {
    name: 'debug upstream blobs',
    file: '15-containerd-2.0.5-bottlerocket-debug-progress-upstream-blobs-wrapped-url.log',
    certs: null,
    pulls: [{ image: 'docker.io/library/debian:trixie-backports', outcome: 'abandoned', servedBy: 'upstream', servedHost: 'registry-1.docker.io' }],
  },
  {
    name: 'reversed mixed window',
    file: '19-gke-journald-message-only-reverse-order-mixed-units-window.log',
    certs: from('empty'),
    pulls: [
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:10.1.0-ephemeral-oss-77506-8314-2', outcome: 'failure', failureCause: 'not_found', attempts: ['us.gcr.io not_found'] },
      { image: 'us.gcr.io/hosted-grafana/hgrun:0.1.452', outcome: 'success', servedBy: 'upstream', durationSeconds: 3.751908524, bytes: 15714567 },
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:10.1.0-ephemeral-oss-77506-8314-2', outcome: 'failure', failureCause: 'unauthorized', attempts: [] },
      { image: 'us.gcr.io/hosted-grafana/hgrun:0.1.452', outcome: 'success', servedBy: 'upstream', servedHost: 'us.gcr.io', durationSeconds: 0.781210092, bytes: 6766 },
      { image: 'us.gcr.io/hosted-grafana/hg-plugins:2024-05-07-v545244-f51851984', outcome: 'abandoned' },
    ],
  },
  {
    name: 'reversed pull lines',
    file: '20-gke-journald-containerd-1.7-pull-lines-only-reverse-order-403-404-success.log',
    certs: from('empty'),
    pulls: [
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:11.1.0-70397', outcome: 'success', servedBy: 'upstream', durationSeconds: 14.680303992, bytes: 173418678 },
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:11.1.0-70397', outcome: 'success', servedBy: 'upstream', durationSeconds: 1.763700178, bytes: 6802 },
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:11.1.0-ephemeral-6436-938-1', outcome: 'failure', failureCause: 'not_found', attempts: ['us.gcr.io not_found'] },
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:11.1.0-ephemeral-6436-938-1', outcome: 'failure', failureCause: 'unauthorized', attempts: [] },
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:10.1.0-ephemeral-oss-77506-8314-2', outcome: 'failure', failureCause: 'not_found', attempts: ['us.gcr.io not_found'] },
      { image: 'us.gcr.io/hosted-grafana/hgrun:0.1.452', outcome: 'success', durationSeconds: 3.751908524, bytes: 15714567 },
      { image: 'us.gcr.io/hosted-grafana/hosted-grafana-pro:10.1.0-ephemeral-oss-77506-8314-2', outcome: 'failure', failureCause: 'unauthorized' },
      { image: 'us.gcr.io/hosted-grafana/hgrun:0.1.452', outcome: 'success', durationSeconds: 0.781210092, bytes: 6766 },
      { image: 'us.gcr.io/hosted-grafana/hg-plugins:2024-05-07-v545244-f51851984', outcome: 'abandoned' },
    ],
  },
  {
    name: 'kind pause not found',
    file: '21-kind-journalctl-containerd-404-not-found-registry.k8s.io.log',
    certs: from('empty'),
    pulls: [{ image: 'registry.k8s.io/pause:3.10', outcome: 'failure', failureCause: 'not_found', attempts: ['registry.k8s.io not_found'], durationSeconds: 0.533135 }],
  },
  {
    name: 'kubeadm back to back',
    file: '22-usernetes-containerd-1.7-journal-back-to-back-kubeadm-image-pulls.log',
    certs: from('empty'),
    pulls: [
      { image: 'registry.k8s.io/kube-controller-manager:v1.27.5', outcome: 'success', servedBy: 'upstream', servedHost: 'registry.k8s.io', durationSeconds: 1.067043121, bytes: 30978722 },
      { image: 'registry.k8s.io/kube-scheduler:v1.27.5', outcome: 'abandoned' },
    ],
  },
  { name: 'journal JSON non-pull', file: '25-journald-json-record-containerd-collector-export-non-pull.log', certs: from('empty'), pulls: [] },
  {
    // The `fetch failed` line comes before the pull's only line, so it stays unattributed.
    name: 'containerd 2.1 failures',
    file: '26-containerd-2.1.3-journal-fetch-failed-auth-denied-ipv6-timeout-and-success.log',
    certs: from('empty'),
    pulls: [
      { image: 'docker.io/calico/cni:v3.27.0', outcome: 'failure', failureCause: 'timeout' },
      { image: 'registry.aliyuncs.com/google_containers/calico/cni:v3.30.2', outcome: 'failure', failureCause: 'unauthorized' },
      { image: 'ghcr.io/flannel-io/flannel-cni-plugin:v1.7.1-flannel1', outcome: 'success', durationSeconds: 5.094745543, bytes: 4878976 },
    ],
    unattributedLines: 1,
  },
  { name: 'config warnings only', file: '27-containerd-2.1.3-journal-ignoring-unknown-key-registry-mirrors-plus-kubelet-backoff.log', certs: from('empty'), pulls: [] },
];

describe('realdata logs', () => {
  describe.each(CASES)('$name', ({ file, certs, pulls, unattributedLines }) => {
    const { records, stats } = readFixture(file, certs);

    it('finds every pull', () => {
      expect(records.map((record) => record.image)).toEqual(pulls.map((pull) => pull.image));
    });

    it.each(pulls.map((pull, index) => [index, pull] as const))('reads pull %i', (index, pull) => {
      const record = records[index];
      expect(record?.outcome).toBe(pull.outcome);
      if (pull.servedBy !== undefined) {
        expect(record?.servedBy).toBe(pull.servedBy);
      }
      if (pull.servedHost !== undefined) {
        expect(record?.servedHost).toBe(pull.servedHost);
      }
      if (pull.attempts !== undefined) {
        expect(record?.attempts.map((attempt) => `${attempt.host} ${attempt.cause}`)).toEqual(pull.attempts);
      }
      if (pull.failureCause !== undefined) {
        expect(record?.failureCause).toBe(pull.failureCause);
      }
      if (pull.durationSeconds === null) {
        expect(record?.durationSeconds).toBeNull();
      } else if (pull.durationSeconds !== undefined) {
        expect(record?.durationSeconds).toBeCloseTo(pull.durationSeconds, 6);
      }
      if (pull.bytes !== undefined) {
        expect(record?.bytes).toBe(pull.bytes);
      }
    });

    it('attributes host lines', () => {
      expect(stats.unattributedLines).toBe(unattributedLines ?? 0);
    });

    it('finds no ambiguous lines', () => {
      expect(stats.ambiguousLines).toBe(0);
    });
  });
});
