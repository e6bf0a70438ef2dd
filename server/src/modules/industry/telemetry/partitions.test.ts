import fs from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../../db/connection.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { fixedClock } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/context.js';
import { buildPark, type TestPark } from '../../../../test/factories.js';
import { ensureReadingPartitions, maintainReadings, readingPartitions } from './partitions.js';

/**
 * Partitions and retention act on the whole `iot_readings` table, so this file uses a database of
 * its own (PGlite: a copy of the migrated template; PostgreSQL: a fresh database, dropped after).
 */
let database: Database;
let dropDatabase: (() => Promise<void>) | null = null;
const clock = fixedClock(new Date('2026-12-07T02:00:00Z'));
let ctx: AppContext;
let parkA: TestPark;
let parkB: TestPark;

beforeAll(async () => {
  const target = inject('testDatabase');
  if (target.kind === 'postgres') {
    const name = `yq_partitions_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 4 });
    await migrateToLatest(database.db);
    dropDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(target.file)]) });
  }
  ctx = { db: database.db, database, clock } as unknown as AppContext;
  parkA = await buildPark(database.db, '保留30天园区');
  parkB = await buildPark(database.db, '默认保留园区');
  await database.db.insertInto('industry_settings').values({ park_id: parkA.id, raw_retention_days: 30 }).execute();
});
afterAll(async () => {
  await database?.close();
  await dropDatabase?.();
});

async function insertReading(parkId: string, ts: string, deviceId = randomUUID()): Promise<string> {
  await database.db.insertInto('iot_readings').values({ park_id: parkId, device_id: deviceId, metric: 'temp_c', ts: new Date(ts), value: 1 }).execute();
  return deviceId;
}

async function countIn(table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
  return Number(r.rows[0]!.n);
}

describe('month partitions', () => {
  it('makes the previous, current and next two months, moving rows the default partition already holds', async () => {
    // a reading that came before its month's partition existed waits in the default partition
    await insertReading(parkB.id, '2026-12-05T08:00:00Z');
    expect(await countIn('iot_readings_default')).toBe(1);
    const { created } = await ensureReadingPartitions(database.db, clock.now());
    expect(created).toEqual(['iot_readings_p202611', 'iot_readings_p202612', 'iot_readings_p202701', 'iot_readings_p202702']);
    expect(await countIn('iot_readings_default')).toBe(0);
    expect(await countIn('iot_readings_p202612')).toBe(1);
    // idempotent
    expect((await ensureReadingPartitions(database.db, clock.now())).created).toEqual([]);
    // new rows go to their month; the unique key still drops a duplicate across the partitioned table
    const device = await insertReading(parkB.id, '2027-01-02T00:00:00Z');
    await database.db
      .insertInto('iot_readings')
      .values({ park_id: parkB.id, device_id: device, metric: 'temp_c', ts: new Date('2027-01-02T00:00:00Z'), value: 2 })
      .onConflict((oc) => oc.doNothing())
      .execute();
    expect(await countIn('iot_readings_p202701')).toBe(1);
  });

  it('is safe when several processes make the same partitions at once, while rows of that month arrive', async () => {
    const at = new Date('2027-06-15T00:00:00Z');
    // …while readings of that month keep arriving
    const writes = Array.from({ length: 20 }, (_, i) => insertReading(parkB.id, `2027-06-10T00:${String(i).padStart(2, '0')}:00Z`));
    const [results] = await Promise.all([
      Promise.all([ensureReadingPartitions(database.db, at), ensureReadingPartitions(database.db, at), ensureReadingPartitions(database.db, at)]),
      Promise.all(writes),
    ]);
    const created = results.flatMap((r) => r.created).sort();
    // every reading ends up in its month's partition, none left behind in the default one
    expect(await countIn('iot_readings_p202706')).toBe(20);
    expect(await countIn('iot_readings_default')).toBe(0);
    expect(created).toEqual(['iot_readings_p202705', 'iot_readings_p202706', 'iot_readings_p202707', 'iot_readings_p202708']);
    expect(await readingPartitions(database.db)).toEqual(expect.arrayContaining(created));
  });
});

describe('retention', () => {
  it('drops whole months past the longest retention and deletes older rows of parks that keep less', async () => {
    // an old month with its own partition, and an old row in the default partition
    await ensureReadingPartitions(database.db, new Date('2025-06-15T00:00:00Z'));
    expect(await readingPartitions(database.db)).toContain('iot_readings_p202506');
    await insertReading(parkB.id, '2025-06-10T00:00:00Z');
    await insertReading(parkB.id, '2024-01-01T00:00:00Z');
    // park A keeps 30 days, park B the default 400
    const aOld = await insertReading(parkA.id, '2026-10-01T00:00:00Z');
    const aNew = await insertReading(parkA.id, '2026-11-20T00:00:00Z');
    const bOld = await insertReading(parkB.id, '2026-10-01T00:00:00Z');

    const result = await maintainReadings(ctx);
    // longest retention 400 days: before 2025-11-02 nothing raw is kept
    expect(result.droppedPartitions).toEqual(['iot_readings_p202505', 'iot_readings_p202506', 'iot_readings_p202507', 'iot_readings_p202508']);
    expect(await readingPartitions(database.db)).not.toContain('iot_readings_p202506');
    expect(result.deletedRows).toBe(2); // the 2024 row in the default partition and park A's October row
    const left = await database.db.selectFrom('iot_readings').select('device_id').where('device_id', 'in', [aOld, aNew, bOld]).execute();
    expect(left.map((r) => r.device_id).sort()).toEqual([aNew, bOld].sort());
    // the partitions around now are there, and a second run changes nothing
    expect(result.created).toEqual([]);
    const again = await maintainReadings(ctx);
    expect(again).toEqual({ created: [], droppedPartitions: [], deletedRows: 0 });
  });
});
