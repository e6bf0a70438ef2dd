import { sql, type Kysely, type Transaction } from 'kysely';
import { INDUSTRY_SETTING_DEFAULTS } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import type { AppContext } from '../../../platform/context.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Raw readings (`iot_readings`) are partitioned by calendar month of `ts` (UTC month bounds), one
 * table per month named `iot_readings_pYYYYMM`, plus the default partition for anything else.
 * The maintenance sweep makes the previous, current and next two months' partitions ahead of time
 * and removes raw data older than the parks' retention (rollups are kept).
 *
 * Safe with several processes: everything runs under one transaction-level advisory lock, and a
 * month whose rows already sit in the default partition (readings that came before the partition
 * existed, or a demo seed) is made by moving those rows into a new table and attaching it, since
 * PostgreSQL refuses to create a partition over rows the default partition holds.
 */
const LOCK_KEY = 7_301_207_023; // any constant shared by every process

export function partitionName(year: number, month: number): string {
  return `iot_readings_p${year}${String(month).padStart(2, '0')}`;
}

function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1));
}

/** The months [year, month] from `from` months before `at` to `to` months after it. */
function monthsAround(at: Date, from: number, to: number): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  for (let d = from; d <= to; d++) {
    const x = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + d, 1));
    out.push({ year: x.getUTCFullYear(), month: x.getUTCMonth() + 1 });
  }
  return out;
}

/** The month partitions that exist, by name. */
export async function readingPartitions(db: Executor): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'iot_readings'::regclass and c.relname ~ '^iot_readings_p[0-9]{6}$'
    order by c.relname`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function createMonth(trx: Transaction<DB>, year: number, month: number, existing: Set<string>): Promise<'created' | 'moved' | null> {
  const name = partitionName(year, month);
  if (existing.has(name)) return null;
  const from = monthStart(year, month).toISOString();
  const to = monthStart(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1).toISOString();
  const held = await sql<{ n: number }>`select count(*)::int as n from (select 1 from iot_readings_default where ts >= ${from}::timestamptz and ts < ${to}::timestamptz limit 1) x`.execute(trx);
  const bounds = sql.raw(`from ('${from}') to ('${to}')`);
  if ((held.rows[0]?.n ?? 0) === 0) {
    await sql`create table if not exists ${sql.id(name)} partition of iot_readings for values ${bounds}`.execute(trx);
    existing.add(name);
    return 'created';
  }
  // rows of this month wait in the default partition: move them into the new month's table, then attach it
  await sql`create table ${sql.id(name)} (like iot_readings including defaults)`.execute(trx);
  await sql`
    with moved as (delete from iot_readings_default where ts >= ${from}::timestamptz and ts < ${to}::timestamptz returning *)
    insert into ${sql.id(name)} select * from moved`.execute(trx);
  await sql`alter table iot_readings attach partition ${sql.id(name)} for values ${bounds}`.execute(trx);
  existing.add(name);
  return 'moved';
}

/**
 * Makes the month partitions around `now` (previous, current, next two) exist. Idempotent; cheap
 * when they do (one catalogue read). The seed may call it before bulk-inserting readings.
 */
export async function ensureReadingPartitions(db: Kysely<DB>, now: Date): Promise<{ created: string[] }> {
  const existing = new Set(await readingPartitions(db));
  const wanted = monthsAround(now, -1, 2);
  if (wanted.every((m) => existing.has(partitionName(m.year, m.month)))) return { created: [] };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    // Writers wait for these few statements: taking the table's strongest lock first (rather than
    // the default partition's, then the table's) leaves no order in which an insert and this could
    // deadlock, and no row can slip into the default partition between the check and the create.
    await sql`lock table iot_readings in access exclusive mode`.execute(trx);
    const fresh = new Set(await readingPartitions(trx));
    const created: string[] = [];
    for (const m of wanted) if (await createMonth(trx, m.year, m.month, fresh)) created.push(partitionName(m.year, m.month));
    return { created };
  });
}

export type RetentionResult = { created: string[]; droppedPartitions: string[]; deletedRows: number };

/**
 * The maintenance sweep: partitions ahead, then raw data past retention. A month partition is
 * dropped whole once it lies entirely before the longest retention of any park; parks with a
 * shorter retention have their older rows deleted (only the partitions in that range are read).
 */
export async function maintainReadings(ctx: AppContext): Promise<RetentionResult> {
  const now = ctx.clock.now();
  const { created } = await ensureReadingPartitions(ctx.db, now);
  const settings = await ctx.db.selectFrom('industry_settings').select(['park_id', 'raw_retention_days']).execute();
  const parks = await ctx.db.selectFrom('parks').select('id').execute();
  const retentionOf = new Map(settings.map((s) => [s.park_id, s.raw_retention_days]));
  const retentions = parks.map((p) => retentionOf.get(p.id) ?? INDUSTRY_SETTING_DEFAULTS.rawRetentionDays);
  if (retentions.length === 0) return { created, droppedPartitions: [], deletedRows: 0 };
  const longest = Math.max(...retentions);
  const globalCutoff = new Date(now.getTime() - longest * 86_400_000);

  // whole months first, in a short transaction of their own (dropping a partition locks the table)
  const droppedPartitions = await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    const expired = (await readingPartitions(trx)).filter((name) => {
      const year = Number(name.slice(-6, -2));
      const month = Number(name.slice(-2));
      return monthStart(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1).getTime() <= globalCutoff.getTime();
    });
    if (expired.length === 0) return [];
    await sql`lock table iot_readings in access exclusive mode`.execute(trx);
    for (const name of expired) await sql`drop table if exists ${sql.id(name)}`.execute(trx);
    return expired;
  });
  // then rows: older than every park keeps (the default partition may hold some), and older than a
  // park with a shorter retention keeps — plain deletes, idempotent, that do not stop ingest
  let deletedRows = 0;
  const old = await sql`delete from iot_readings where ts < ${globalCutoff}`.execute(ctx.db);
  deletedRows += Number(old.numAffectedRows ?? 0);
  for (const park of parks) {
    const days = retentionOf.get(park.id) ?? INDUSTRY_SETTING_DEFAULTS.rawRetentionDays;
    if (days >= longest) continue;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    const res = await sql`delete from iot_readings where park_id = ${park.id} and ts < ${cutoff} and ts >= ${globalCutoff}`.execute(ctx.db);
    deletedRows += Number(res.numAffectedRows ?? 0);
  }
  return { created, droppedPartitions, deletedRows };
}

let registered = false;

/** 原始数据分区与保留: every 6 hours (and shortly after start), idempotent, one process at a time. */
export function registerReadingsMaintenance(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'iot-readings-maintenance', everyMs: 6 * 60 * 60_000, run: (ctx) => maintainReadings(ctx) });
}
