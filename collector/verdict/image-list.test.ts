import { describe, expect, it } from 'vitest';
import { isImageReference, parseImageList } from './image-list.js';

const references = [
  { name: 'tagged reference', text: 'registry.example/team/app:1.2.3', valid: true },
  { name: 'lowercase sha256 digest', text: `docker.io/library/nginx@sha256:${'a'.repeat(64)}`, valid: true },
  { name: 'uppercase sha256 digest', text: `docker.io/library/nginx@sha256:${'A'.repeat(64)}`, valid: false },
  { name: 'short digest', text: 'docker.io/library/nginx@sha256:zzzz', valid: false },
  { name: 'empty digest', text: 'docker.io/library/nginx@sha256:', valid: false },
];

describe('verdict image list', () => {
  it.each(references)('checks $name', ({ text, valid }) => {
    expect(isImageReference(text)).toBe(valid);
  });

  it('reads BOM, CRLF and comments', () => {
    const list = parseImageList('\uFEFFdocker.io/library/nginx:1.25\r\n# comment\r\n  registry.k8s.io/pause:3.9  # trailing\r\n');

    expect(list.images).toEqual(['docker.io/library/nginx:1.25', 'registry.k8s.io/pause:3.9']);
    expect(list.problems).toEqual([]);
  });

  it('shortens a 10 MB line', () => {
    const { problems } = parseImageList(`ok.example/app:1\n${'a'.repeat(10_000_000)}\n`);

    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.text.length).toBeLessThan(300);
    expect(problems[0]?.text).toContain('10000000 characters');
  });

  it('escapes binary line content', () => {
    const { problems } = parseImageList('\u0000\u001b[31mred\u0007');

    expect(problems[0]?.text).toBe('\\u0000\\u001b[31mred\\u0007');
  });
});
