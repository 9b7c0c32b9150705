import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeDashboard } from './node.js';
import { overviewDashboard } from './overview.js';

/** Builds every dashboard, keyed by the file name of its generated JSON. */
export function buildDashboards(): Record<string, object> {
  return {
    'gapwatch-overview.json': overviewDashboard().build(),
    'gapwatch-node.json': nodeDashboard().build(),
  };
}

export function renderDashboard(model: object): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** Writes the generated JSON that Grafana provisioning and the ConfigMap use. */
export function writeDashboards(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  return Object.entries(buildDashboards()).map(([name, model]) => {
    const file = join(directory, name);
    writeFileSync(file, renderDashboard(model));
    return file;
  });
}
