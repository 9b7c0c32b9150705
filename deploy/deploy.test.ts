import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { AgentConfigSchema } from '../agent/config.js';
import { CollectorConfigSchema } from '../collector/config.js';
import { validateConfig } from '../core/config.js';

const here = new URL('.', import.meta.url).pathname;
const base = join(here, 'kustomize/base');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
}

// Each kind with the model that checks it against the Kubernetes (or Prometheus Operator) schema.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ServiceAccount,
  DaemonSet,
  Deployment,
  Service,
  PersistentVolumeClaim,
  ClusterRole,
  ClusterRoleBinding,
  NetworkPolicy,
  ServiceMonitor,
  PodMonitor,
  PrometheusRule,
};

function loadBase(): Manifest[] {
  const kustomization = parse(readFileSync(join(base, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(base, file), 'utf8')).map((document) => document.toJSON() as Manifest),
  );
}

function find<T = Manifest>(manifests: Manifest[], kind: string, name: string): T {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  expect(found, `${kind}/${name} exists`).toBeDefined();
  return found as T;
}

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl && process.env.CI === 'true') {
  throw new Error('kubectl is missing: install the Debian package kubernetes-client (apt-get install kubernetes-client)');
}

describe('deploy manifests', () => {
  const manifests = loadBase();

  it.each(manifests.map((manifest) => [`${manifest.kind}/${manifest.metadata.name}`, manifest] as const))(
    '%s validates against its schema',
    (_name, manifest) => {
      const Model = MODELS[manifest.kind];
      expect(Model, `a schema model for ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest as never).validate()).not.toThrow();
    },
  );

  it('agent runs unprivileged with read-only mounts', () => {
    const agent = find<DaemonSet>(manifests, 'DaemonSet', 'gapwatch-agent');
    const pod = agent.spec!.template.spec!;
    const container = pod.containers[0]!;

    expect(container.securityContext?.privileged).toBe(false);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext?.capabilities?.drop).toEqual(['ALL']);
    expect(container.securityContext?.capabilities?.add).toBeUndefined();
    expect(pod.tolerations).toContainEqual({ operator: 'Exists' });
    expect(container.resources?.requests?.memory).toBeDefined();
    expect(container.resources?.limits?.memory).toBeDefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('agent mounts exactly the host paths it reads', () => {
    const agent = find<DaemonSet>(manifests, 'DaemonSet', 'gapwatch-agent');
    const pod = agent.spec!.template.spec!;
    const hostPaths = new Map(pod.volumes!.filter((volume) => volume.hostPath).map((volume) => [volume.name, volume.hostPath!.path]));
    expect([...hostPaths.values()].sort()).toEqual([
      '/etc/containerd',
      '/etc/machine-id',
      '/etc/systemd/system/containerd.service.d',
      '/run/log/journal',
      '/var/lib/gapwatch',
      '/var/log/journal',
    ]);

    for (const mount of pod.containers[0]!.volumeMounts!) {
      const path = hostPaths.get(mount.name);
      if (path && path !== '/var/lib/gapwatch') {
        expect(mount.readOnly, `${path} is mounted read-only`).toBe(true);
      }
    }
  });

  it('collector role only reads', () => {
    const role = find<ClusterRole>(manifests, 'ClusterRole', 'gapwatch-collector');
    for (const rule of role.rules!) {
      expect(rule.verbs.sort()).toEqual(['get', 'list', 'watch']);
    }
    const resources = role.rules!.flatMap((rule) => rule.resources ?? []).sort();
    expect(resources).toEqual(['cronjobs', 'daemonsets', 'deployments', 'jobs', 'nodes', 'pods', 'replicasets', 'statefulsets']);
  });

  it('collector runs as non-root on its volume', () => {
    const collector = find<Deployment>(manifests, 'Deployment', 'gapwatch-collector');
    const pod = collector.spec!.template.spec!;
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.containers[0]!.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0]!.securityContext?.capabilities?.drop).toEqual(['ALL']);
    expect(pod.volumes!.find((volume) => volume.persistentVolumeClaim)?.persistentVolumeClaim?.claimName).toBe('gapwatch-collector-data');
    expect(pod.serviceAccountName).toBe('gapwatch-collector');
  });

  it('PrometheusRule matches the generated alerts', () => {
    expect(readFileSync(join(base, 'prometheusrule.yaml'), 'utf8')).toBe(
      readFileSync(join(here, '../alerts/generated/prometheusrule.yaml'), 'utf8'),
    );
  });

  it('bundled configs pass their schemas', () => {
    const agent = parse(readFileSync(join(base, 'agent-config.yaml'), 'utf8'));
    const collector = parse(readFileSync(join(base, 'collector-config.yaml'), 'utf8'));
    expect(() => validateConfig(AgentConfigSchema, agent, 'agent-config.yaml')).not.toThrow();
    expect(() => validateConfig(CollectorConfigSchema, collector, 'collector-config.yaml')).not.toThrow();
  });
});

describe('production overlay', () => {
  it('probes the same registries as the probe config', () => {
    const overlay = parse(readFileSync(join(here, 'kustomize/overlays/production/agent-config.yaml'), 'utf8')) as { probes: unknown };
    const probes = parse(readFileSync(join(here, 'config/agent-probes.yaml'), 'utf8')) as { targets: string[] };
    const agent = validateConfig(AgentConfigSchema, overlay, 'production agent-config.yaml');
    expect(agent.probes.targets).toEqual(probes.targets);
  });
});

describe.skipIf(!hasKubectl)('kustomize build', () => {
  it.each(['kustomize/base', 'kustomize/overlays/production'])('%s builds', (directory) => {
    const output = execFileSync('kubectl', ['kustomize', join(here, directory)], { encoding: 'utf8' });
    const kinds = parseAllDocuments(output).map((document) => (document.toJSON() as Manifest).kind);
    expect(kinds).toContain('DaemonSet');
    expect(kinds).toContain('Deployment');
  });
});

describe('systemd unit', () => {
  const unit = readFileSync(join(here, 'systemd/gapwatch-agent.service'), 'utf8');

  it.each(['NoNewPrivileges=yes', 'CapabilityBoundingSet=\n', 'ProtectSystem=strict', 'PrivateTmp=yes', 'StateDirectory=gapwatch'])(
    'sets %s',
    (setting) => {
      expect(unit).toContain(setting);
    },
  );

  // systemd-analyze scores exposure 0 to 100 internally and prints it divided by ten.
  it.skipIf(spawnSync('systemd-analyze', ['--version']).status !== 0)('exposure stays low', () => {
    const result = spawnSync('systemd-analyze', ['security', '--offline=yes', '--threshold=30', join(here, 'systemd/gapwatch-agent.service')], {
      encoding: 'utf8',
    });
    expect(result.stdout).toMatch(/Overall exposure level for gapwatch-agent\.service: [0-2]\.\d/);
    expect(result.status).toBe(0);
  });
});
