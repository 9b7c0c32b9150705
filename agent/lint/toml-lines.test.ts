import { describe, expect, it } from 'vitest';
import { duplicateTables, lineOf, scanTomlLines, splitDottedKey } from './toml-lines.js';

describe('splitDottedKey', () => {
  const cases = [
    { text: 'plugins."io.containerd.grpc.v1.cri".registry', parts: ['plugins', 'io.containerd.grpc.v1.cri', 'registry'] },
    { text: "host.'https://mirror:5000'", parts: ['host', 'https://mirror:5000'] },
    { text: ' a . b ', parts: ['a', 'b'] },
    { text: 'a..b', parts: null },
  ];

  it.each(cases)('splits $text', ({ text, parts }) => {
    expect(splitDottedKey(text)).toEqual(parts);
  });
});

describe('scanTomlLines', () => {
  const text = [
    'version = 2',
    '[plugins."io.containerd.grpc.v1.cri"]',
    '  registry.config_path = "/etc/containerd/certs.d"',
    'note = """',
    'x = 1',
    '"""',
    '[plugins."io.containerd.grpc.v1.cri"]',
  ].join('\n');
  const entries = scanTomlLines(text);

  it('locates dotted key line', () => {
    expect(lineOf(entries, ['plugins', 'io.containerd.grpc.v1.cri', 'registry', 'config_path'])).toBe(3);
  });

  it('skips multi-line string body', () => {
    expect(lineOf(entries, ['plugins', 'io.containerd.grpc.v1.cri', 'x'])).toBe(2);
  });

  it('finds repeated table header', () => {
    expect(duplicateTables(entries).map((entry) => entry.line)).toEqual([7]);
  });
});

describe('splitDottedKey hostile input', () => {
  it('rejects raw control characters', () => {
    expect(splitDottedKey('host."https://x\u0001y:5000"')).toBeNull();
  });
});
