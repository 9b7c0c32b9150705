// Entry of the store's writer thread: it owns the only writing connection to the database,
// so SQLite inserts and commits run beside the HTTP event loop instead of blocking it.
import { parentPort, workerData } from 'node:worker_threads';
import { fileIdentity } from './file-identity.js';
import Database from 'better-sqlite3';
import { ReportWriter } from './report-writer.js';
import { pruneHistory } from './prune.js';
import { applyPragmas } from './sqlite-pragmas.js';
import { toWireError, type WriteReply, type WriteRequest, type WriterData, type WriterNotice } from './write-protocol.js';

const { file } = workerData as WriterData;
const port = parentPort;
if (!port) {
  throw new Error('write-worker.js runs only as a worker thread of the collector store');
}

// The parent has opened and migrated the database before starting this thread.
const db = new Database(file);
applyPragmas(db);
const openedFile = fileIdentity(file);
const writer = new ReportWriter(db);

// A failed fold (a full disk) would otherwise run again after every batch and slow each one.
const FOLD_RETRY_MS = 30_000;
let foldNotBefore = 0;

port.on('message', (request: WriteRequest) => {
  port.postMessage(handle(request));
  if (request.type === 'close') {
    // With the port closed the thread has nothing left to wait for and ends.
    port.close();
    return;
  }
  // After the reply, so the acks of this batch do not wait for the fold.
  if (writer.foldDue && Date.now() >= foldNotBefore) {
    foldTotals();
  }
});

function foldTotals(): void {
  const started = performance.now();
  try {
    const folded = writer.fold();
    notify({ type: 'notice', level: 'info', message: 'folded totals deltas', details: { rows: folded, ms: Math.round(performance.now() - started) }, error: null });
  } catch (err) {
    // The deltas stay and still count in every read, so waiting before the next try loses nothing.
    foldNotBefore = Date.now() + FOLD_RETRY_MS;
    notify({ type: 'notice', level: 'warn', message: 'folding totals deltas failed; retrying in 30 s', details: {}, error: toWireError(err) });
  }
}

function notify(notice: WriterNotice): void {
  port?.postMessage(notice);
}

function handle(request: WriteRequest): WriteReply {
  try {
    if (request.type === 'close') {
      db.close();
      return { type: 'closed', id: request.id };
    }
    requireSameFile();
    if (request.type === 'prune') {
      return { type: 'prune', id: request.id, deleted: pruneHistory(db, request.cutoff) };
    }
    const { results, totals } = writer.writeBatch(request.batch);
    const wireResults = results.map((result) => (result.ok ? result : { ok: false as const, error: toWireError(result.error) }));
    return { type: 'batch', id: request.id, results: wireResults, totals };
  } catch (err) {
    return { type: 'failed', id: request.id, error: toWireError(err) };
  }
}

/**
 * Throws when the database path no longer names the file this thread has open. Writes would
 * still succeed into the unlinked file and vanish at the next start, so reports must fail.
 */
function requireSameFile(): void {
  const current = fileIdentity(file);
  if (current === null || current !== openedFile) {
    throw new Error(`database file ${file} was deleted or replaced while the collector ran; restart the collector so it opens the file at that path`);
  }
}
