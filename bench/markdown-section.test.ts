import { describe, expect, it } from 'vitest';
import { markdownTable, replaceGeneratedPart } from './markdown-section.js';

const DOC = [
  '# Benchmarks',
  '',
  '## Agent',
  '',
  'Hand-written notes before.',
  '',
  '<!-- agent:start -->',
  'old table',
  '<!-- agent:end -->',
  '',
  'Hand-written notes after.',
  '',
  '## Verdict',
  '',
  'verdict numbers',
  '',
].join('\n');

describe('replaceGeneratedPart', () => {
  it('replaces only between markers', () => {
    const updated = replaceGeneratedPart(DOC, 'agent', 'Agent', 'new table\n');

    expect(updated).toBe(DOC.replace('old table', 'new table'));
  });

  it('appends section when markers missing', () => {
    const updated = replaceGeneratedPart(DOC, 'collector', 'Collector ingest', 'rows');

    expect(updated).toBe(`${DOC.trimEnd()}\n\n## Collector ingest\n\n<!-- collector:start -->\nrows\n<!-- collector:end -->\n`);
  });

  it('starts empty document with section', () => {
    expect(replaceGeneratedPart('', 'agent', 'Agent', 'rows')).toBe('## Agent\n\n<!-- agent:start -->\nrows\n<!-- agent:end -->\n');
  });
});

describe('markdownTable', () => {
  it('renders header, rule and rows', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});
