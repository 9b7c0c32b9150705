import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardsError } from './errors.js';
import { nodeDashboard } from './node.js';
import { describeFsError, ensureOutputDirectory } from './output-dir.js';
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

/** Writes the generated JSON that Grafana provisioning and the ConfigMap use; throws coded errors. */
export function writeDashboards(directory: string): string[] {
  ensureOutputDirectory(directory);

  return Object.entries(buildDashboards()).map(([name, model]) => {
    const file = join(directory, name);
    try {
      writeFileSync(file, renderDashboard(model));
    } catch (err) {
      throw dashboardsError('GW_DASHBOARDS_WRITE', { file, dir: directory, reason: describeFsError(err, file) }, err);
    }
    return file;
  });
}
