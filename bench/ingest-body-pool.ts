import type { Attempt, PullRecord } from '../wire/pull.js';
import { SeededRandom } from './fixture/seeded-random.js';
import { REPORT_INTERVAL_SECONDS } from './ingest-workload.js';

/**
 * One pull record serialized ahead of the run. The report body builder splices in the id and
 * the two times, which must differ per record, in front of `rest`.
 */
export interface PullFragment {
  /** Milliseconds from the pull's end to the report's sentAt. */
  endOffsetMs: number;
  /** Milliseconds from the pull's start to its end. */
  durationMs: number;
  /** UTF-8 JSON of every other field, without the opening brace and with the closing one. */
  rest: Buffer;
}

/** Pull record fields that the fragment leaves out because the builder adds them per record. */
type FragmentRecord = Omit<PullRecord, 'id' | 'startedAt' | 'endedAt'>;

const MIRROR_HOST = 'mirror.cluster.internal:5000';
// With 4096 fragments the pool's outcome shares stay within about half a point of the mix in
// pullRecord (an estimate from the binomial spread). Repeated fragments differ in id and times.
const MIN_POOL_SIZE = 4096;

/**
 * Builds the fragment pool of `seed`. Its size is the smallest multiple of the catalog size that
 * is at least 4096, and fragment i pulls image i modulo the catalog size. A uniform pick from the
 * pool is thus a uniform pick from the catalog.
 */
export function pullFragmentPool(seed: number, catalog: readonly string[]): PullFragment[] {
  if (catalog.length === 0) {
    throw new RangeError('pullFragmentPool() needs at least one image in the catalog');
  }

  const random = new SeededRandom(seed);
  const size = catalog.length * Math.ceil(MIN_POOL_SIZE / catalog.length);
  const pool: PullFragment[] = [];
  for (let index = 0; index < size; index++) {
    pool.push(pullFragment(random, catalog[index % catalog.length] as string));
  }
  return pool;
}

function pullFragment(random: SeededRandom, image: string): PullFragment {
  const durationSeconds = Math.round(random.next() ** 3 * 120_000) / 1000 + 0.05;
  const endOffsetMs = random.integer(0, REPORT_INTERVAL_SECONDS * 1000);
  const record = pullRecord(random, image, durationSeconds);
  return { endOffsetMs, durationMs: Math.round(durationSeconds * 1000), rest: Buffer.from(JSON.stringify(record).slice(1)) };
}

/**
 * Builds one pull with the mix a mirrored fleet shows: 92 % served by the mirror, 3 % by the upstream
 * after the mirror missed, 3 % failed after two hosts, 2 % canceled. These shares are an
 * assumption of the bench, not a measurement.
 */
function pullRecord(random: SeededRandom, image: string, durationSeconds: number): FragmentRecord {
  const namespace = image.slice(0, image.indexOf('/'));
  const roll = random.next();

  const base: FragmentRecord = {
    image,
    namespace,
    outcome: 'success',
    servedBy: 'mirror',
    servedHost: MIRROR_HOST,
    attempts: [],
    failureCause: null,
    failureDetail: null,
    durationSeconds,
    bytes: random.integer(2_000_000, 900_000_000),
    imageId: `sha256:${random.hex(64)}`,
    repoDigest: `${image.replace(/[:@].*$/, '')}@sha256:${random.hex(64)}`,
    ambiguousLines: 0,
  };

  if (roll < 0.92) {
    return base;
  }
  if (roll < 0.95) {
    const attempts: Attempt[] = [{ host: MIRROR_HOST, cause: 'not_found', detail: `unexpected status from HEAD request to https://${MIRROR_HOST}/v2/: 404 Not Found` }];
    return { ...base, servedBy: 'upstream', servedHost: namespace, attempts };
  }
  if (roll < 0.98) {
    const attempts: Attempt[] = [
      { host: MIRROR_HOST, cause: 'unreachable', detail: `dial tcp ${MIRROR_HOST}: connect: no route to host` },
      { host: namespace, cause: 'dns', detail: `dial tcp: lookup ${namespace}: no such host` },
    ];
    return {
      ...base,
      outcome: 'failure',
      servedBy: 'unknown',
      servedHost: null,
      attempts,
      failureCause: 'dns',
      failureDetail: `failed to resolve reference "${image}": dial tcp: lookup ${namespace}: no such host`,
      bytes: null,
      imageId: null,
      repoDigest: null,
      ambiguousLines: random.integer(0, 1),
    };
  }
  return {
    ...base,
    outcome: 'abandoned',
    servedBy: 'unknown',
    servedHost: null,
    failureCause: 'canceled',
    failureDetail: 'context canceled',
    bytes: null,
    imageId: null,
    repoDigest: null,
  };
}
