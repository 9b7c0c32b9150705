import { describe, expect, it } from 'vitest';
import { parseImageList } from './image-list.js';

const digest = `sha256:${'b'.repeat(64)}`;

describe('parseImageList', () => {
  it('skips comments and blanks', () => {
    const list = parseImageList('# release 2.0\n\nnginx:1.25  # web\n   \nquay.io/team/app:v1\r\n');

    expect(list.images.map((i) => i.ref.normalized)).toEqual(['docker.io/library/nginx:1.25', 'quay.io/team/app:v1']);
    expect(list.images.map((i) => i.line)).toEqual([3, 5]);
    expect(list.invalid).toEqual([]);
  });

  it('keeps valid lines around invalid', () => {
    const list = parseImageList('nginx:1.25\nNot A Ref!\nbusybox\n');

    expect(list.images.map((i) => i.text)).toEqual(['nginx:1.25', 'busybox']);
    expect(list.invalid).toHaveLength(1);
    expect(list.invalid[0]?.line).toBe(2);
  });

  it.each([
    { name: 'digest line accepted', text: `quay.io/team/app@${digest}`, images: 1, invalid: 0 },
    { name: 'tag and digest accepted', text: `quay.io/team/app:v1@${digest}`, images: 1, invalid: 0 },
    { name: 'tag only rejected', text: 'quay.io/team/app:v1', images: 0, invalid: 1 },
    { name: 'short digest rejected', text: 'quay.io/team/app@sha256:abc', images: 0, invalid: 1 },
  ])('transfer manifest $name', ({ text, images, invalid }) => {
    const list = parseImageList(text, { requireDigest: true });

    expect(list.images).toHaveLength(images);
    expect(list.invalid).toHaveLength(invalid);
  });

  it('shortens a 10 MB line', () => {
    const list = parseImageList(`nginx:1.25\n${'A'.repeat(10_000_000)}\n`);

    expect(list.images).toHaveLength(1);
    expect(list.invalid[0]?.text.length).toBeLessThan(300);
    expect(list.invalid[0]?.text).toContain('10000000 characters');
  });

  it('escapes binary line content', () => {
    const list = parseImageList('\u0000\u001b[31mred\u0007\n');

    expect(list.invalid[0]?.text).toBe('\\u0000\\u001b[31mred\\u0007');
  });

  it('reads BOM and CRLF lines', () => {
    const list = parseImageList('\uFEFFnginx:1.25\r\nbusybox\r\n');

    expect(list.images.map((i) => i.text)).toEqual(['nginx:1.25', 'busybox']);
  });
});
