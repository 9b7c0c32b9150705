import { describe, expect, it } from 'vitest';
import { parseJournalLine } from './journal-record.js';
import { skimJournalLine } from './journal-skim.js';

const cursor = 's=c6fabd33e9e04dea8a28040cf9d70bb3;i=2;b=0123456789abcdef0123456789abcdef;m=0;t=661d3fda65be2;x=5c43285282f8552e';

// Records as systemd 252 prints them with --output-fields=MESSAGE: cursor in the middle, not first.
const readable: Array<[string, string]> = [
  ['systemd 252 order', `{"_BOOT_ID":"0123","MESSAGE":"level=info msg=\\"started\\"","__CURSOR":"${cursor}","__MONOTONIC_TIMESTAMP":"0","__REALTIME_TIMESTAMP":"1796412981795810"}`],
  ['cursor first', `{"__CURSOR":"${cursor}","__REALTIME_TIMESTAMP":"1796412981795810","MESSAGE":"x"}`],
  ['cursor text in message', `{"MESSAGE":"\\"__CURSOR\\":\\"fake\\"","__CURSOR":"${cursor}"}`],
  ['no timestamp', `{"MESSAGE":"x","__CURSOR":"${cursor}"}`],
];

describe('skimJournalLine', () => {
  for (const [name, line] of readable) {
    it(`matches full parse: ${name}`, () => {
      const full = parseJournalLine(line);
      const skimmed = skimJournalLine(line);
      expect(full.ok).toBe(true);
      expect(skimmed).toEqual(full.ok ? { cursor: full.record.cursor, realtimeMs: full.record.realtimeMs } : null);
    });
  }

  const deferred: Array<[string, string]> = [
    ['byte array message', `{"MESSAGE":[98,255],"__CURSOR":"${cursor}"}`],
    ['null message', `{"MESSAGE":null,"__CURSOR":"${cursor}"}`],
    ['missing cursor', '{"MESSAGE":"x"}'],
    ['truncated record', `{"MESSAGE":"x","__CURSOR":"${cursor}","__REAL`],
    ['escaped cursor', '{"MESSAGE":"x","__CURSOR":"s=1\\u0041"}'],
    ['empty cursor', '{"MESSAGE":"x","__CURSOR":""}'],
  ];
  for (const [name, line] of deferred) {
    it(`defers ${name} to parse`, () => {
      expect(skimJournalLine(line)).toBeNull();
    });
  }
});
