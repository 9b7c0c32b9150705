/** One PromQL query of a dashboard panel, with where it sits, for tests and reviews. */
export interface PanelQuery {
  dashboard: string;
  panel: string;
  refId: string;
  expr: string;
}

interface PanelModel {
  title?: string;
  type?: string;
  targets?: Array<{ expr?: string; refId?: string }>;
  panels?: PanelModel[];
}

/** Lists every query of a dashboard model, rows included. */
export function panelQueries(name: string, model: { panels?: PanelModel[] }): PanelQuery[] {
  const queries: PanelQuery[] = [];
  const visit = (panels: PanelModel[] = []) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr) {
          queries.push({ dashboard: name, panel: panel.title ?? '(untitled)', refId: target.refId ?? '?', expr: target.expr });
        }
      }
      visit(panel.panels);
    }
  };
  visit(model.panels);
  return queries;
}

/**
 * Replaces Grafana's built-in and dashboard variables so a query can run against Prometheus
 * directly: `$__range` and `$__rate_interval` become fixed windows, `$node` a node name.
 */
export function expandVariables(expr: string, values: { range: string; rateInterval: string; node: string }): string {
  return expr
    .replaceAll('$__range', values.range)
    .replaceAll('$__rate_interval', values.rateInterval)
    .replaceAll('$node', values.node);
}
