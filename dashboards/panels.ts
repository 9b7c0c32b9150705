import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';

/** Every panel reads from the Prometheus chosen in the `datasource` variable. */
export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

export interface Query {
  expr: string;
  legend?: string;
  /** Set for table panels, which show the current value only. */
  instant?: boolean;
}

function target(query: Query, index: number): DataqueryBuilder {
  const builder = new DataqueryBuilder()
    .expr(query.expr)
    .refId(String.fromCharCode(65 + index))
    .datasource(DATASOURCE);
  if (query.legend) {
    builder.legendFormat(query.legend);
  }
  if (query.instant) {
    builder.instant().format(PromQueryFormat.Table);
  }
  return builder;
}

export function stat(title: string, description: string, query: Query, unit: string, steps: dashboard.Threshold[]): StatBuilder {
  return new StatBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .withTarget(target(query, 0))
    .thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps))
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']))
    .colorMode(common.BigValueColorMode.Background)
    .graphMode(common.BigValueGraphMode.None)
    .height(4)
    .span(4);
}

export function timeseries(title: string, description: string, queries: Query[], unit: string): TimeseriesBuilder {
  const panel = new TimeseriesBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .height(8)
    .span(12);
  queries.forEach((query, index) => panel.withTarget(target(query, index)));
  return panel;
}

export function table(title: string, description: string, query: Query, unit: string): TableBuilder {
  return new TableBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .withTarget(target({ ...query, instant: true }, 0))
    .height(8)
    .span(12);
}

export function barGauge(title: string, description: string, query: Query, unit: string, steps: dashboard.Threshold[]): BarGaugeBuilder {
  return new BarGaugeBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .min(0)
    .max(1)
    .withTarget(target(query, 0))
    .thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps))
    .height(8)
    .span(12);
}

export const green = (value: number | null = null): dashboard.Threshold => ({ value, color: 'green' });
export const amber = (value: number): dashboard.Threshold => ({ value, color: 'orange' });
export const red = (value: number | null): dashboard.Threshold => ({ value, color: 'red' });

export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus');
}

export function nodeVariable(): dashboard.QueryVariableBuilder {
  return new dashboard.QueryVariableBuilder('node')
    .label('Node')
    .datasource(DATASOURCE)
    .query('label_values(gapwatch_agent_last_report_timestamp_seconds, node)')
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc);
}
