import { isGapwatchError } from '../../core/errors.js';
import { readCertsDirUpstreams } from './certsd-upstreams.js';
import type { ProbesConfig } from './config.js';
import { parseTarget, type ProbeTarget } from './target.js';
import type { ProbeWarn } from './warn.js';

/**
 * Collects the targets of one run: the configured ones, then each certs.d upstream when
 * enabled. A configured target that does not parse throws GW_PROBE_TARGET_INVALID. An upstream
 * that does not parse is logged and added to `problems`, so one odd directory stops no other probe.
 */
export function collectTargets(config: ProbesConfig, certsDir: string | null, warn: ProbeWarn, problems: string[]): ProbeTarget[] {
  const targets = config.targets.map(parseTarget);
  if (!config.probeCertsDirUpstreams || certsDir === null) {
    return targets;
  }

  for (const upstream of readCertsDirUpstreams(certsDir, warn, problems)) {
    try {
      targets.push(parseTarget(upstream));
    } catch (err) {
      if (!isGapwatchError(err)) {
        throw err;
      }
      warn(`target ${upstream}`, { err, certsDir, upstream }, 'certs.d upstream is not a valid probe target, skipping it');
      problems.push(err.message);
    }
  }
  return targets;
}
