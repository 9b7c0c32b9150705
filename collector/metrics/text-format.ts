/** Escapes a label value for the Prometheus text format (backslash, double quote, line feed). */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

/** Renders `name{a="x",b="y"}` followed by one space, ready for the sample value. */
export function samplePrefix(name: string, labelNames: readonly string[], labelValues: readonly string[]): string {
  if (labelNames.length === 0) {
    return `${name} `;
  }
  const pairs = labelNames.map((label, index) => `${label}="${escapeLabelValue(labelValues[index] ?? '')}"`);
  return `${name}{${pairs.join(',')}} `;
}

/** Renders a sample value as Prometheus does: `NaN`, `+Inf`, `-Inf` or the decimal number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Infinity) {
    return '+Inf';
  }
  if (value === -Infinity) {
    return '-Inf';
  }
  return String(value);
}

/** Renders the `# HELP` and `# TYPE` lines of a family, without a trailing line feed. */
export function familyHeader(name: string, help: string, type: string): string {
  return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}`;
}

/** Key of a label-value tuple; length prefixes keep any value unambiguous. */
export function valuesKey(labelValues: readonly string[]): string {
  let key = '';
  for (const value of labelValues) {
    key += `${value.length}:${value}|`;
  }
  return key;
}
