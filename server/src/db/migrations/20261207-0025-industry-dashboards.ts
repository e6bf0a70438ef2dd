import { sql, type Kysely } from 'kysely';

/**
 * 产业云总览 (industry dashboards): the park's latest alarms and those raised today are read by
 * time whatever their state; iot_alarms_park_idx leads with the state, so without this index the
 * office dashboard would sort every alarm the park ever had.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index iot_alarms_raised_idx on iot_alarms (park_id, raised_at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
