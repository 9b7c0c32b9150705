import type { Command } from 'commander';

type Register = (program: Command) => void;

// Each command loads only its own modules: the collector pulls in the Kubernetes client and
// OpenTelemetry, which would otherwise slow `gapwatch verdict` in a CI step by seconds.
const loaders: Record<string, () => Promise<{ register: Register }>> = {
  pulls: () => import('./pulls.js'),
  agent: () => import('./agent.js'),
  collector: () => import('./collector.js'),
  probe: () => import('./probe.js'),
  lint: () => import('./lint.js'),
  verdict: () => import('./verdict.js'),
  preflight: () => import('./preflight.js'),
  alerts: () => import('./alerts.js'),
  dashboards: () => import('./dashboards.js'),
  demo: () => import('./demo.js'),
};

/** Loads the named subcommand, or every subcommand (for the top-level help) when it is unknown. */
export async function loadCommands(name: string | undefined): Promise<Register[]> {
  const selected = name !== undefined && name in loaders ? [loaders[name]!] : Object.values(loaders);
  const modules = await Promise.all(selected.map((load) => load()));
  return modules.map((module) => module.register);
}
