import { describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { parseTarget } from './target.js';

describe('parseTarget', () => {
  it.each([
    ['registry-1.docker.io', { label: 'registry-1.docker.io', host: 'registry-1.docker.io', port: 443 }],
    ['quay.io:443', { label: 'quay.io', host: 'quay.io', port: 443 }],
    ['127.0.0.1:9', { label: '127.0.0.1:9', host: '127.0.0.1', port: 9 }],
    ['[::1]:8443', { label: '[::1]:8443', host: '::1', port: 8443 }],
    ['[::1]', { label: '[::1]', host: '::1', port: 443 }],
  ])('parses valid target %s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each(['', 'a b', '::1', 'host:0', 'host:99999', 'host:https', '[::1', '[nothost]:443', 'https://quay.io'])(
    'rejects invalid target "%s"',
    (text) => {
      expect(() => parseTarget(text)).toThrow(expect.objectContaining({ code: 'GW_PROBE_TARGET_INVALID' }));
    },
  );

  it('names the target in error', () => {
    let message = '';
    try {
      parseTarget('host:99999');
    } catch (err) {
      message = isGapwatchError(err) ? err.message : '';
    }
    expect(message).toContain('"host:99999"');
  });
});
