import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_RULE_CATALOGUE, type RuleCatalogue } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { MatchingPolicy, MatchSummary } from './match.js';
import { createMatcher } from './match.js';
import { streamFirmColumns } from './load.js';

/**
 * The park-wide matching sweep on every core (issue 12): the park's firms are cut into as many id
 * ranges as there are workers (equal counts, from the primary key), and each worker thread streams
 * its range from the PostgreSQL server on a connection of its own, compiles the rules and matches
 * its firms; the totals are added up. The database gathers and the threads match at the same time
 * on every core. PGlite lives inside one thread, so there the sweep runs on the caller's thread.
 */
export type ParallelSweepOptions = {
  /** The PostgreSQL server (each worker opens its own connection); absent: one thread, `db`. */
  url?: string;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  batchSize?: number;
  catalogue?: RuleCatalogue;
};

export type SweepTotals = Omit<MatchSummary, 'results'> & {
  firms: number;
  partitions: { firms: number; ms: number }[];
};

export type WorkerInput = {
  url: string;
  parkId: string;
  asOf: string;
  policies: MatchingPolicy[];
  catalogue: RuleCatalogue;
  fromId: string | null;
  toId: string | null;
  batchSize: number;
};

/** The nice value of the sweep's worker threads (a request on the main thread comes first). */
export const SWEEP_NICE = 10;

export type WorkerOutput = { ok: true; summary: Omit<MatchSummary, 'results'>; firms: number; ms: number } | { ok: false; message: string };

/** Matches one id range: what a worker thread (and the single-thread fallback) runs. */
export async function sweepRange(
  db: Kysely<DB>,
  input: Omit<WorkerInput, 'url'>,
): Promise<{ summary: Omit<MatchSummary, 'results'>; firms: number; ms: number }> {
  const t0 = performance.now();
  const matcher = createMatcher(input.policies, input.asOf, { catalogue: input.catalogue });
  let firms = 0;
  for await (const batch of streamFirmColumns(db, input.parkId, matcher.layout, { batchSize: input.batchSize, fromId: input.fromId ?? undefined, toId: input.toId ?? undefined })) {
    matcher.addColumns(batch);
    firms += batch.size;
  }
  const { results: _results, ...summary } = matcher.summary();
  return { summary, firms, ms: performance.now() - t0 };
}

/** Id boundaries that cut the park's firms into `parts` ranges of (nearly) equal size. */
export async function partitionBounds(db: Kysely<DB>, parkId: string, parts: number): Promise<string[]> {
  if (parts <= 1) return [];
  const { rows } = await sql<{ id: string }>`
    select x.id from (select e.id, row_number() over (order by e.id) as rn, count(*) over () as n
                        from enterprises e where e.park_id = ${parkId}) x
     where x.rn > 1 and (x.rn - 1) % greatest(1, ceil(x.n::numeric / ${parts}))::int = 0
     order by x.id`.execute(db);
  return rows.map((r) => r.id).slice(0, parts - 1);
}

const WORKER_FILE = new URL('./sweep-worker-boot.mjs', import.meta.url);

type Job = { input: WorkerInput; resolve: (out: { summary: Omit<MatchSummary, 'results'>; firms: number; ms: number }) => void; reject: (e: Error) => void };

/**
 * Worker threads kept for the life of the process: starting one (a fresh V8 isolate loading the
 * server's modules) costs seconds, a sweep's range a fraction of that. Each runs one range at a
 * time and keeps its database connection between sweeps; they do not keep the process alive.
 */
export class SweepWorkers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly started: Promise<void>;
  private closed = false;

  constructor(readonly size: number) {
    this.started = Promise.all(Array.from({ length: size }, () => this.spawn())).then(() => undefined);
    this.started.catch(() => undefined);
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_FILE);
      worker.unref();
      let wasReady = false;
      worker.once('message', () => {
        wasReady = true;
        // the first message says it is ready
        worker.on('message', (out: WorkerOutput) => this.finish(worker, out));
        this.idle.push(worker);
        this.next();
        resolve();
      });
      worker.on('error', (e) => {
        const job = this.busy.get(worker);
        this.busy.delete(worker);
        job?.reject(e instanceof Error ? e : new Error(String(e)));
        reject(e);
      });
      worker.once('exit', (code) => {
        const job = this.busy.get(worker);
        this.busy.delete(worker);
        const at = this.idle.indexOf(worker);
        if (at >= 0) this.idle.splice(at, 1);
        job?.reject(new Error(`matching worker exited with code ${code}`));
        // a worker lost after it had started is replaced, so the pool keeps its size
        if (!this.closed && wasReady) void this.spawn().catch(() => undefined);
        if (!wasReady) reject(new Error(`matching worker exited with code ${code} before it was ready`));
      });
    });
  }

  /** Resolves once every worker has started (a benchmark waits for it before timing). */
  ready(): Promise<void> {
    return this.started;
  }

  run(input: WorkerInput): Promise<{ summary: Omit<MatchSummary, 'results'>; firms: number; ms: number }> {
    if (this.closed) return Promise.reject(new Error('matching workers closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage(job.input);
    }
  }

  private finish(worker: Worker, out: WorkerOutput): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (job) {
      if (out.ok) job.resolve(out);
      else job.reject(new Error(`matching worker: ${out.message}`));
    }
    this.next();
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy.keys()];
    await Promise.all(all.map((w) => w.terminate()));
  }
}

let shared: SweepWorkers | null = null;

/** The process's sweep workers (created on first use, `size` threads). */
export function sweepWorkers(size = os.availableParallelism()): SweepWorkers {
  if (!shared || shared.size !== size) {
    void shared?.close();
    shared = new SweepWorkers(size);
  }
  return shared;
}

function add(into: Omit<MatchSummary, 'results'>, s: Omit<MatchSummary, 'results'>): void {
  into.evaluated += s.evaluated;
  into.eligible += s.eligible;
  into.unknown += s.unknown;
  into.ineligible += s.ineligible;
  into.eligibleAmountFen += s.eligibleAmountFen;
  into.missingItems += s.missingItems;
  // every worker compiles the same rules: a rule that fails, fails in each
  if (into.failed.length === 0) into.failed.push(...s.failed);
}

/** Sweeps every firm of the park against `policies` at `asOf`, on `workers` threads when a server URL is given. */
export async function sweepPark(db: Kysely<DB>, parkId: string, asOf: string, policies: MatchingPolicy[], options: ParallelSweepOptions = {}): Promise<SweepTotals> {
  const catalogue = options.catalogue ?? DEFAULT_RULE_CATALOGUE;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 5000));
  const workers = Math.max(1, Math.floor(options.workers ?? os.availableParallelism()));
  const totals: SweepTotals = { evaluated: 0, eligible: 0, unknown: 0, ineligible: 0, eligibleAmountFen: 0, missingItems: 0, failed: [], firms: 0, partitions: [] };
  const base = { parkId, asOf, policies, catalogue, batchSize };
  const parts = options.url
    ? await (async () => {
        const bounds = await partitionBounds(db, parkId, workers);
        const edges: (string | null)[] = [null, ...bounds, null];
        const pool = sweepWorkers(workers);
        return Promise.all(edges.slice(0, -1).map((fromId, i) => pool.run({ ...base, url: options.url!, fromId, toId: edges[i + 1] ?? null })));
      })()
    : [await sweepRange(db, { ...base, fromId: null, toId: null })];
  for (const p of parts) {
    add(totals, p.summary);
    totals.firms += p.firms;
    totals.partitions.push({ firms: p.firms, ms: Math.round(p.ms) });
  }
  return totals;
}

/**
 * Sweeps several parks on `workers` threads (a province: 100 parks): each park is one job for the
 * next free thread (its rules compiled once there, its firms streamed on that thread's connection),
 * so both cores stay busy without cutting a park into ranges. A park's policies may still be on
 * their way (a promise): its job is queued as soon as they arrive, so reading and checking the
 * rules of the later parks overlaps the sweep of the first. Totals per park, in the order given.
 */
export async function sweepParks(
  parks: readonly { parkId: string; policies: MatchingPolicy[] | Promise<MatchingPolicy[]> }[],
  asOf: string,
  options: ParallelSweepOptions & { url: string },
): Promise<SweepTotals[]> {
  const catalogue = options.catalogue ?? DEFAULT_RULE_CATALOGUE;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 5000));
  const pool = sweepWorkers(Math.max(1, Math.floor(options.workers ?? os.availableParallelism())));
  const done = await Promise.all(parks.map(async (p) => pool.run({ url: options.url, parkId: p.parkId, asOf, policies: await p.policies, catalogue, fromId: null, toId: null, batchSize })));
  return done.map((p) => {
    const totals: SweepTotals = { evaluated: 0, eligible: 0, unknown: 0, ineligible: 0, eligibleAmountFen: 0, missingItems: 0, failed: [], firms: p.firms, partitions: [{ firms: p.firms, ms: Math.round(p.ms) }] };
    add(totals, p.summary);
    return totals;
  });
}
