import { describe, expect, it } from 'vitest';
import { IncrementSum } from './increment-sum.js';

describe('increment sum', () => {
  it('sums equal label sets', () => {
    const sum = new IncrementSum();
    sum.add({ metric: 'm', labels: { node: 'a', le: '1' }, value: 1, sum: 0.5 });
    sum.add({ metric: 'm', labels: { node: 'a', le: '1' }, value: 2, sum: 0.25 });

    expect(sum.list()).toEqual([{ metric: 'm', labels: { node: 'a', le: '1' }, value: 3, sum: 0.75 }]);
  });

  it('keeps metrics and labels apart', () => {
    const sum = new IncrementSum();
    const cases = [
      { metric: 'm', labels: { node: 'a' }, value: 1, sum: 0 },
      { metric: 'n', labels: { node: 'a' }, value: 1, sum: 0 },
      { metric: 'm', labels: { node: 'b' }, value: 1, sum: 0 },
      { metric: 'm', labels: { node: 'a', host: 'x' }, value: 1, sum: 0 },
      { metric: 'm', labels: { node: 'a","host":"x' }, value: 1, sum: 0 },
    ];
    sum.addAll(cases);

    expect(sum.size).toBe(cases.length);
  });

  it('leaves added increments unchanged', () => {
    const sum = new IncrementSum();
    const first = { metric: 'm', labels: { node: 'a' }, value: 1, sum: 0 };
    sum.add(first);
    sum.add({ metric: 'm', labels: { node: 'a' }, value: 1, sum: 0 });

    expect(first.value).toBe(1);
  });
});
