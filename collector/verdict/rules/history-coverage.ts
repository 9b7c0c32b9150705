import type { VerdictRule } from '../types.js';

/** The observation window starts before the collector began keeping pull history. */
export const historyCoverage: VerdictRule = (input) => {
  const windowStart = input.now - input.windows.observationMs;
  if (input.historyStartedAt !== null && input.historyStartedAt <= windowStart) {
    return [];
  }
  const started = input.historyStartedAt === null ? 'no history is stored yet' : `history starts at ${new Date(input.historyStartedAt).toISOString()}`;
  return [
    {
      rule: 'history-coverage',
      severity: 'unknown',
      message: `the observation window starts at ${new Date(windowStart).toISOString()} but ${started}; wait, or pass a shorter --window-seconds (verdict.observationWindowSeconds for scheduled candidates)`,
      objects: [],
    },
  ];
};
