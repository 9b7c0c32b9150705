import { describe, expect, it } from 'vitest';
import { ImageLabelBound, OTHER_IMAGE } from './image-label-bound.js';

describe('image label bound', () => {
  it('seeds the busiest images', () => {
    const bound = new ImageLabelBound(2);
    bound.seed(new Map([['a', 1], ['b', 5], ['c', 3]]));

    expect(bound.labelOf('b')).toBe('b');
    expect(bound.labelOf('c')).toBe('c');
    expect(bound.labelOf('a')).toBe(OTHER_IMAGE);
  });

  it('fills free slots in arrival order', () => {
    const bound = new ImageLabelBound(2);
    const labels = ['x', 'y', 'z', 'x'].map((image) => bound.labelOf(image));

    expect(labels).toEqual(['x', 'y', OTHER_IMAGE, 'x']);
  });
});
