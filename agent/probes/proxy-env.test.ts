import { describe, expect, it } from 'vitest';
import { bypassesProxy, parseProxyUrl, proxyFromEnvironment } from './proxy-env.js';
import { parseTarget } from './target.js';

describe('proxyFromEnvironment', () => {
  it('returns null without proxy', () => {
    expect(proxyFromEnvironment(new Map([['HTTP_PROXY', 'http://x:1']]), 'test')).toBeNull();
  });

  it('prefers upper-case HTTPS_PROXY', () => {
    const env = new Map([
      ['https_proxy', 'http://lower:1'],
      ['HTTPS_PROXY', 'http://upper:2'],
    ]);
    expect(proxyFromEnvironment(env, 'test')?.proxy.label).toBe('http://upper:2');
  });

  it('splits and lower-cases NO_PROXY', () => {
    const env = new Map([
      ['HTTPS_PROXY', 'http://p:3128'],
      ['no_proxy', ' Mirror.Internal , .svc,,10.0.0.0/8 '],
    ]);
    expect(proxyFromEnvironment(env, 'test')?.noProxy).toEqual(['mirror.internal', '.svc', '10.0.0.0/8']);
  });
});

describe('parseProxyUrl', () => {
  it('defaults scheme and port', () => {
    expect(parseProxyUrl('proxy.internal', 'test')).toEqual({ label: 'http://proxy.internal', host: 'proxy.internal', port: 80 });
  });

  it('keeps credentials out of label', () => {
    const proxy = parseProxyUrl('http://user:s3cret@127.0.0.1:3128', 'test');
    expect(proxy.label).toBe('http://127.0.0.1:3128');
    expect(proxy.authorization).toBe(`Basic ${Buffer.from('user:s3cret').toString('base64')}`);
  });

  it('rejects socks proxy', () => {
    expect(() => parseProxyUrl('socks5://127.0.0.1:1080', 'test')).toThrow(expect.objectContaining({ code: 'GW_PROBE_PROXY_INVALID' }));
  });

  it('hides password in error', () => {
    let message = '';
    try {
      parseProxyUrl('socks5://user:s3cret@127.0.0.1:1080', 'test');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('[redacted]');
    expect(message).not.toContain('s3cret');
  });
});

describe('bypassesProxy', () => {
  it.each<[string, string[], boolean]>([
    ['quay.io', ['*'], true],
    ['quay.io', ['quay.io'], true],
    ['cdn.quay.io', ['quay.io'], true],
    ['cdn.quay.io', ['.quay.io'], true],
    ['notquay.io', ['quay.io'], false],
    ['quay.io', ['quay.io:5000'], false],
    ['quay.io:5000', ['quay.io:5000'], true],
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['127.0.0.1', ['10.0.0.0/8'], false],
    ['[::1]', ['::1'], true],
    ['ghcr.io', [], false],
  ])('target %s with %j gives %s', (target, noProxy, expected) => {
    expect(bypassesProxy(parseTarget(target), noProxy)).toBe(expected);
  });
});
