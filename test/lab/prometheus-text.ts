/** One sample of a Prometheus text exposition. */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

/**
 * Returns the samples of metric `name` from a Prometheus text exposition (version 0.0.4).
 * Only lines whose metric name equals `name` exactly count, so `_bucket` or `_created`
 * series of the same family are left out.
 */
export function parseSamples(text: string, name: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) {
      continue;
    }
    const rest = line.slice(name.length);
    if (rest.startsWith('{')) {
      const { labels, end } = parseLabels(rest);
      samples.push({ labels, value: Number(rest.slice(end).trim().split(/\s+/)[0]) });
    } else if (rest.startsWith(' ')) {
      samples.push({ labels: {}, value: Number(rest.trim().split(/\s+/)[0]) });
    }
  }
  return samples;
}

/** Parses `{a="x",b="y"}` at the start of `text`; returns the labels and the index after `}`. */
function parseLabels(text: string): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let index = 1;
  while (index < text.length && text[index] !== '}') {
    const equals = text.indexOf('=', index);
    const labelName = text.slice(index, equals).trim();
    index = equals + 2; // skip `="`
    let value = '';
    while (index < text.length && text[index] !== '"') {
      if (text[index] === '\\') {
        const escaped = text[index + 1];
        value += escaped === 'n' ? '\n' : (escaped ?? '');
        index += 2;
      } else {
        value += text[index];
        index += 1;
      }
    }
    labels[labelName] = value;
    index += 1; // closing quote
    if (text[index] === ',') {
      index += 1;
    }
  }
  return { labels, end: index + 1 };
}
