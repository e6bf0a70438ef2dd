// A worker thread of the parallel matching sweep (parallel.ts: SweepWorkers): says it is ready,
// then matches one id range per message on its own connection to the PostgreSQL server (kept
// between sweeps) and posts the totals back.
import { parentPort } from 'node:worker_threads';
import { openDatabase, type Database } from '../../../db/connection.js';
import { sweepRange, type WorkerInput, type WorkerOutput } from './parallel.js';

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
