import { benchError } from './errors.js';

/** Returns a commander parser that accepts a whole number above zero for `option`. */
export function positiveInteger(option: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed <= 0) {
      throw benchError('GW_BENCH_OPTION', { option, value: JSON.stringify(value), hint: `pass a whole number above zero to ${option}` });
    }
    return parsed;
  };
}
