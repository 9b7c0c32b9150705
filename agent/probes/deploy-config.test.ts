import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../core/config.js';
import { ProbesConfigSchema } from './config.js';
import { parseTarget } from './target.js';

const FILE = fileURLToPath(new URL('../../deploy/config/agent-probes.yaml', import.meta.url));

describe('deploy probes config', () => {
  it('validates against schema', () => {
    expect(loadConfigFile(ProbesConfigSchema, FILE).targets).toHaveLength(7);
  });

  it('lists only valid targets', () => {
    for (const target of loadConfigFile(ProbesConfigSchema, FILE).targets) {
      expect(() => parseTarget(target), target).not.toThrow();
    }
  });
});
