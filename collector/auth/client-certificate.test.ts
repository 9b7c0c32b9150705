import { describe, expect, it } from 'vitest';
import { certificateIdentity } from './client-certificate.js';

describe('certificateIdentity', () => {
  it('binds CN and DNS SANs', () => {
    const identity = certificateIdentity({ subject: { CN: 'node-a' }, subjectaltname: 'DNS:node-a.cluster.local, IP Address:10.0.0.4, DNS:node-a' }, true);

    expect(identity?.nodes).toEqual(['node-a', 'node-a.cluster.local']);
  });

  it('leaves nodes unbound when configured', () => {
    expect(certificateIdentity({ subject: { CN: 'agents' } }, false)?.nodes).toBeNull();
  });

  it('rejects certificate without names', () => {
    expect(certificateIdentity({ subject: {}, subjectaltname: 'IP Address:10.0.0.4' }, true)).toBeNull();
  });
});
