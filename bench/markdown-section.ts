/**
 * Replaces the generated part of one benchmark's section in docs/benchmarks.md, between
 * `<!-- NAME:start -->` and `<!-- NAME:end -->`, and keeps every other line. When the markers
 * are missing, the section is appended with `heading` and the generated part, so hand-written
 * notes around the markers survive the next run.
 */
export function replaceGeneratedPart(document: string, name: string, heading: string, generated: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${generated.trimEnd()}\n${end}`;

  const startIndex = document.indexOf(start);
  const endIndex = document.indexOf(end, startIndex);
  if (startIndex >= 0 && endIndex > startIndex) {
    return document.slice(0, startIndex) + block + document.slice(endIndex + end.length);
  }

  const base = document.trimEnd();
  const prefix = base === '' ? '' : `${base}\n\n`;
  return `${prefix}## ${heading}\n\n${block}\n`;
}

/** Renders a Markdown table; cells must not contain `|` or newlines. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
