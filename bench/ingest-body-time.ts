const DAY_MS = 86_400_000;
// Length of `YYYY-MM-DDT`, the part cached per UTC day.
const DATE_PREFIX_LENGTH = 11;
// ASCII digit pairs `00` to `99`: the pair of value v sits at 2v and 2v + 1.
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0')).join(''), 'latin1');
const COLON = 0x3a;
const DOT = 0x2e;
const ZULU = 0x5a;

/** Length in bytes of a time written by IsoTimeWriter, `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export const ISO_TIME_LENGTH = 24;

/**
 * Writes epoch milliseconds as the ASCII bytes of `Date.prototype.toISOString`, for years 0000 to
 * 9999, at a fraction of its cost. Date formats the date part of the two UTC days used last,
 * because the records of one report span a few minutes and so at most one midnight.
 */
export class IsoTimeWriter {
  private readonly dayNumbers = [Number.NaN, Number.NaN];
  private readonly datePrefixes = [Buffer.alloc(DATE_PREFIX_LENGTH), Buffer.alloc(DATE_PREFIX_LENGTH)];
  private nextSlot = 0;

  /** Writes the time at `offset` and returns the offset after it. */
  write(target: Buffer, offset: number, epochMs: number): number {
    const dayNumber = Math.floor(epochMs / DAY_MS);
    const datePrefix = this.datePrefixOf(dayNumber);

    // A byte loop, because TypedArray.set costs more than the copy for 11 bytes.
    for (let index = 0; index < DATE_PREFIX_LENGTH; index++) {
      target[offset + index] = datePrefix[index] as number;
    }

    // Every value below fits in 32 bits, so `| 0` truncates like Math.floor.
    const msOfDay = (epochMs - dayNumber * DAY_MS) | 0;
    const seconds = (msOfDay / 1000) | 0;
    const milliseconds = msOfDay - seconds * 1000;
    let at = offset + DATE_PREFIX_LENGTH;
    at = writePair(target, at, (seconds / 3600) | 0);
    target[at++] = COLON;
    at = writePair(target, at, ((seconds / 60) | 0) % 60);
    target[at++] = COLON;
    at = writePair(target, at, seconds % 60);
    target[at++] = DOT;
    target[at++] = 0x30 + ((milliseconds / 100) | 0);
    at = writePair(target, at, milliseconds % 100);
    target[at++] = ZULU;
    return at;
  }

  private datePrefixOf(dayNumber: number): Buffer {
    for (let slot = 0; slot < this.dayNumbers.length; slot++) {
      if (this.dayNumbers[slot] === dayNumber) {
        return this.datePrefixes[slot] as Buffer;
      }
    }

    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % this.dayNumbers.length;
    this.dayNumbers[slot] = dayNumber;
    const datePrefix = this.datePrefixes[slot] as Buffer;
    datePrefix.write(new Date(dayNumber * DAY_MS).toISOString().slice(0, DATE_PREFIX_LENGTH), 'latin1');
    return datePrefix;
  }

  /** Returns the time that write() writes, as a string. */
  format(epochMs: number): string {
    const bytes = Buffer.alloc(ISO_TIME_LENGTH);
    this.write(bytes, 0, epochMs);
    return bytes.toString('latin1');
  }
}

function writePair(target: Buffer, offset: number, value: number): number {
  target[offset] = DIGIT_PAIRS[2 * value] as number;
  target[offset + 1] = DIGIT_PAIRS[2 * value + 1] as number;
  return offset + 2;
}
