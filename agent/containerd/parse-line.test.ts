import { describe, expect, it } from 'vitest';
import { parseLine, type LogEntry } from './parse-line.js';

function entry(line: string): LogEntry {
  const parsed = parseLine(line);
  if (parsed.kind !== 'entry') {
    throw new Error(`expected an entry, got ${parsed.kind}: ${parsed.reason}`);
  }
  return parsed.entry;
}

const PULL_MSG = 'PullImage "nginx:stable"';

const FORMATS = [
  ['logfmt', `time="2023-05-31T15:38:24.408285894Z" level=info msg="PullImage \\"nginx:stable\\""`],
  ['logrus JSON', `{"level":"info","msg":"PullImage \\"nginx:stable\\"","time":"2023-05-31T15:38:24.408285894Z"}`],
  ['logrus TEXT', `INFO[2023-05-31T15:38:24.408285894Z] PullImage "nginx:stable"               `],
  ['syslog prefix', `Apr 17 14:52:09 node-1 containerd[5504]: time="2023-05-31T15:38:24.408285894Z" level=info msg="PullImage \\"nginx:stable\\""`],
  ['prefix without host', `Jun 25 00:22:36 containerd[126595]: time="2023-05-31T15:38:24.408285894Z" level=info msg="PullImage \\"nginx:stable\\""`],
  ['short-iso prefix', `2023-05-31T15:38:24+0000 node-1 containerd[5504]: time="2023-05-31T15:38:24.408285894Z" level=info msg="PullImage \\"nginx:stable\\""`],
  [
    'k0s nested logfmt',
    `Jan 25 19:34:57 worker0 k0s[818854]: time="2025-01-25 19:34:57" level=info msg="time=\\"2023-05-31T15:38:24.408285894Z\\" level=info msg=\\"PullImage \\\\\\"nginx:stable\\\\\\"\\"" component=containerd stream=stderr`,
  ],
  [
    'journal JSON',
    JSON.stringify({ __CURSOR: 's=1;i=2', _HOSTNAME: 'node-1', _SYSTEMD_UNIT: 'containerd.service', MESSAGE: `time="2023-05-31T15:38:24.408285894Z" level=info msg="PullImage \\"nginx:stable\\""` }),
  ],
] as const;

describe('parseLine', () => {
  describe.each(FORMATS)('%s format', (_name, line) => {
    const parsed = entry(line);

    it('reads the message', () => {
      expect(parsed.msg).toBe(PULL_MSG);
    });

    it('reads the level', () => {
      expect(parsed.level).toBe('info');
    });

    it('keeps nanosecond time', () => {
      expect(parsed.time?.subMsNanos).toBe(285894);
    });

    it('reads the epoch milliseconds', () => {
      expect(parsed.time?.ms).toBe(Date.parse('2023-05-31T15:38:24.408Z'));
    });
  });

  it('reads logfmt fields unescaped', () => {
    const parsed = entry(`time="2026-12-04T19:12:36.645225425Z" level=info msg="trying next host" error="Head \\"https://a/v2\\": x509" host="127.0.0.1:5443"`);
    expect(parsed.fields).toEqual({ error: 'Head "https://a/v2": x509', host: '127.0.0.1:5443' });
  });

  it('applies a zone offset', () => {
    expect(entry(`time="2024-07-17T11:00:37.480526638+08:00" level=info msg=x`).time?.ms).toBe(Date.parse('2024-07-17T03:00:37.480Z'));
  });

  it('reads TEXT fields after padding', () => {
    const parsed = entry(`INFO[2021-04-14T13:44:56.185820263-05:00] trying next host                              error="dial tcp: no route to host" host="172.18.0.7:5000"`);
    expect(parsed.fields).toEqual({ error: 'dial tcp: no route to host', host: '172.18.0.7:5000' });
  });

  it('reads journal metadata', () => {
    const parsed = entry(FORMATS[7][1]);
    expect(parsed.origin).toEqual({ hostname: 'node-1', unit: 'containerd.service', cursor: 's=1;i=2', realtimeMicros: null });
  });

  it('decodes journal byte messages', () => {
    const bytes = [...Buffer.from('time="2026-01-01T00:00:00Z" level=info msg="caf'), 0xff, ...Buffer.from('"')];
    expect(entry(JSON.stringify({ MESSAGE: bytes })).msg).toBe('caf\ufffd');
  });

  it('accepts lines without time', () => {
    expect(entry(`level=error msg="cancel pulling image a:1 because of no progress in 1m0s"`).time).toBeNull();
  });

  it('flags a cut-off value', () => {
    expect(entry(`time="2023-05-31T15:38:24.4Z" level=debug msg="do request" url="http://mirror:5000/v2/a`).truncated).toBe(true);
  });

  const OTHERS = [
    ['', 'ignored'],
    ['I0507 11:59:38.195145    2791 kubelet.go:2421] "SyncLoop (PLEG): event for pod"', 'ignored'],
    ['AVC apparmor="DENIED" operation="ptrace"', 'ignored'],
    ['{"MESSAGE":"I0507 kubelet line"}', 'ignored'],
    ['{"a":1}', 'ignored'],
    ['{"level":"info","msg":', 'malformed'],
    ['time="2023-05-31T15:38:24Z" level=info', 'malformed'],
    ['time="yesterday" level=info msg=x', 'malformed'],
    ['time="2023-05-31T15:38:24Z" garbage level=info msg=x', 'malformed'],
    ['registry-1.docker.io', 'malformed'],
    ['{"MESSAGE":[1,2,999]}', 'malformed'],
  ] as const;

  it.each(OTHERS)('classifies %j', (line, kind) => {
    expect(parseLine(line).kind).toBe(kind);
  });
});
