// A worker thread of the parallel matching sweep (parallel.ts: SweepWorkers): says it is ready,
// then matches one id range per message on its own connection to the PostgreSQL server (kept
// between sweeps) and posts the totals back.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { openDatabase, type Database } from '../../../db/connection.js';
import { SWEEP_NICE, sweepRange, type WorkerInput, type WorkerOutput } from './parallel.js';

// A sweep is background work: on Linux a thread's nice value is its own (setpriority on the
// calling thread), so the sweep's threads yield the cores to the process's requests — a firm's
// data change re-matched while a sweep runs — and take whatever is left otherwise.
try {
  os.setPriority(SWEEP_NICE);
} catch {
  // not permitted here: the threads run at the process's priority
}

const databases = new Map<string, Promise<Database>>();
// two connections: the next batch is gathered by the server while this one is matched
const databaseFor = (url: string) => {
  let d = databases.get(url);
  if (!d) {
    d = openDatabase({ url, poolSize: 2 });
    databases.set(url, d);
  }
  return d;
};

parentPort!.on('message', async (input: WorkerInput) => {
  let out: WorkerOutput;
  try {
    out = { ok: true, ...(await sweepRange((await databaseFor(input.url)).db, input)) };
  } catch (e) {
    out = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(out);
});
parentPort!.postMessage({ ready: true });
