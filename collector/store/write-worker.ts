// Entry of the store's writer thread: it owns the only writing connection to the database,
// so SQLite inserts and commits run beside the HTTP event loop instead of blocking it.
import { parentPort, workerData } from 'node:worker_threads';
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
const writer = new ReportWriter(db);

port.on('message', (request: WriteRequest) => {
  port.postMessage(handle(request));
  if (request.type === 'close') {
    // With the port closed the thread has nothing left to wait for and ends.
    port.close();
    return;
  }
  // After the reply, so the acks of this batch do not wait for the fold.
  if (writer.foldDue) {
    foldTotals();
  }
});

function foldTotals(): void {
  const started = performance.now();
  try {
    const folded = writer.fold();
    notify({ type: 'notice', level: 'info', message: 'folded totals deltas', details: { rows: folded, ms: Math.round(performance.now() - started) }, error: null });
  } catch (err) {
    // The deltas stay and still count in every read; the next batch tries again.
    notify({ type: 'notice', level: 'warn', message: 'folding totals deltas failed; retrying after the next batch', details: {}, error: toWireError(err) });
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
