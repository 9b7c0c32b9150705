import { describe, expect, it } from 'vitest';
import { parseEnvironmentFile, parseUnitEnvironment } from './systemd-env.js';

const UNIT = `[Unit]
Description=containerd container runtime
Environment=NOT_SERVICE=1

[Service]
ExecStart=/usr/bin/containerd
Environment="HTTPS_PROXY=http://proxy.internal:3128" "NO_PROXY=localhost,10.0.0.0/8"
Environment=HTTP_PROXY=http://proxy.internal:3128 'https_proxy=http://lower:1'
# Environment=HTTPS_PROXY=http://commented:1
EnvironmentFile=-/etc/default/containerd
EnvironmentFile=/etc/containerd/proxy.env
`;

describe('parseUnitEnvironment', () => {
  it('reads quoted Environment words', () => {
    const env = new Map(parseUnitEnvironment(UNIT).assignments);
    expect(env.get('HTTPS_PROXY')).toBe('http://proxy.internal:3128');
    expect(env.get('NO_PROXY')).toBe('localhost,10.0.0.0/8');
    expect(env.get('https_proxy')).toBe('http://lower:1');
  });

  it('ignores lines outside Service', () => {
    expect(new Map(parseUnitEnvironment(UNIT).assignments).has('NOT_SERVICE')).toBe(false);
  });

  it('lists EnvironmentFile entries', () => {
    expect(parseUnitEnvironment(UNIT).files).toEqual([
      { path: '/etc/default/containerd', optional: true },
      { path: '/etc/containerd/proxy.env', optional: false },
    ]);
  });

  it('lets drop-in override unit', () => {
    const base = parseUnitEnvironment(UNIT);
    const dropIn = parseUnitEnvironment('[Service]\nEnvironment="HTTPS_PROXY=http://dropin:8080"\n', base);
    const env = new Map(dropIn.assignments);
    expect(env.get('HTTPS_PROXY')).toBe('http://dropin:8080');
  });

  it('empty Environment clears earlier ones', () => {
    const base = parseUnitEnvironment(UNIT);
    const dropIn = parseUnitEnvironment('[Service]\nEnvironment=\nEnvironment=A=1\n', base);
    expect(dropIn.assignments).toEqual([['A', '1']]);
  });

  it('joins continuation lines', () => {
    const parsed = parseUnitEnvironment('[Service]\nEnvironment=A=1 \\\n  B=2\n');
    expect(parsed.assignments).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
  });
});

describe('parseEnvironmentFile', () => {
  it('reads assignments and strips quotes', () => {
    const text = '# proxy for pulls\nHTTPS_PROXY="http://file:3128"\n; old\nNO_PROXY=.internal\nbroken line\n';
    expect(parseEnvironmentFile(text)).toEqual([
      ['HTTPS_PROXY', 'http://file:3128'],
      ['NO_PROXY', '.internal'],
    ]);
  });
});
