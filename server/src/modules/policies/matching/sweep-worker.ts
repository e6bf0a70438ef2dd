// A worker thread of the parallel matching sweep (parallel.ts): its own connection to the
// PostgreSQL server, one id range of the park, the totals posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/connection.js';
import { sweepRange, type WorkerInput, type WorkerOutput } from './parallel.js';

const input = workerData as WorkerInput;
// two connections: the next batch is gathered by the server while this one is matched
const database = await openDatabase({ url: input.url, poolSize: 2 });
let out: WorkerOutput;
try {
  out = { ok: true, ...(await sweepRange(database.db, input)) };
} catch (e) {
  out = { ok: false, message: e instanceof Error ? e.message : String(e) };
} finally {
  await database.close();
}
parentPort!.postMessage(out!);
