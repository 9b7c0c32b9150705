import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { FindingsView } from './findings-exporter.js';
import { exportCertificates } from './findings-certificates.js';

function viewOf(sections: Partial<{ [K in FindingsSection]: Record<string, NonNullable<NodeFindings[K]>> }>): FindingsView {
  return {
    latest(section) {
      return new Map(Object.entries(sections[section] ?? {})) as never;
    },
  };
}

const certificate = (subject: string, notAfter: string) => ({
  source: 'file' as const,
  pathOrHost: '/etc/ca.pem',
  index: 0,
  subject,
  issuer: subject,
  serial: '01',
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter,
  fingerprint: 'AA',
});

describe('certificates exporter', () => {
  it('exports earliest certificate expiry', async () => {
    const registry = new Registry();
    exportCertificates(
      registry,
      viewOf({
        certificates: {
          'node-1': { certificates: [certificate('CN=ca', '2026-03-01T00:00:00.000Z'), certificate('CN=ca', '2026-02-01T00:00:00.000Z')], errors: [] },
        },
      }),
    );
    const text = await registry.metrics();

    expect(text).toContain(
      `gapwatch_certificate_not_after_timestamp_seconds{node="node-1",source="file",path_or_host="/etc/ca.pem",subject="CN=ca"} ${Date.parse('2026-02-01T00:00:00Z') / 1000}`,
    );
  });
});
