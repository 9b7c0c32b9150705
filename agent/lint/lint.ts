import type { Logger } from '../../core/log.js';
import { loadLintInput } from './load.js';
import { DEFAULT_CERTS_DIR, DEFAULT_CONFIG_FILE, DEFAULT_REGISTRIES_YAML, rootedResolver, underRoot } from './paths.js';
import { runLint } from './runner.js';
import type { LintFinding } from './types.js';

/** Lint target on one node; null paths use the defaults under `root`. */
export interface LintTarget {
  root: string;
  configFile: string | null;
  certsDir: string | null;
  /** Explicit registries.yaml paths; null checks the k3s and rke2 defaults under root. */
  registriesYaml: readonly string[] | null;
  nowMs: number;
  expiryWarningDays: number;
}

/** Reads the node's registry configuration and returns every finding. */
export async function lintNode(target: LintTarget, logger?: Logger): Promise<LintFinding[]> {
  const resolvePath = rootedResolver(target.root);
  const input = await loadLintInput({
    configFile: target.configFile ?? underRoot(target.root, DEFAULT_CONFIG_FILE),
    certsDir: target.certsDir,
    defaultCertsDir: underRoot(target.root, DEFAULT_CERTS_DIR),
    registriesYaml: target.registriesYaml ?? DEFAULT_REGISTRIES_YAML.map((path) => underRoot(target.root, path)),
    resolvePath,
  });
  return runLint(input, { nowMs: target.nowMs, expiryWarningDays: target.expiryWarningDays, resolvePath }, logger);
}
