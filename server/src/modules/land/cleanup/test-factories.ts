import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** Test data of the clean-up: parcels, investment projects, graded years (the test's own park). */

type ParkRef = { id: string };

let counter = 0;

export async function buildParcel(
  db: Kysely<DB>,
  park: ParkRef,
  o: { status: string; transferredOn?: string | null; constructionOn?: string | null; enterpriseId?: string | null; areaMu?: number; code?: string },
): Promise<{ id: string; code: string; area_mu: number }> {
  counter += 1;
  const lng = 116 + counter * 0.001;
  const now = new Date();
  const row = await db
    .insertInto('land_parcels')
    .values({
      park_id: park.id,
      code: o.code ?? `QL-${counter}-${randomUUID().slice(0, 6)}`,
      name: `测试地块${counter}`,
      boundary: JSON.stringify({ type: 'Polygon', coordinates: [[[lng, 30], [lng + 0.0005, 30], [lng + 0.0005, 30.0005], [lng, 30.0005], [lng, 30]]] }),
      area_mu: o.areaMu ?? 30,
      centroid_lng: lng + 0.00025,
      centroid_lat: 30.00025,
      planned_use: 'industrial',
      enterprise_id: o.enterpriseId ?? null,
      status: o.status,
      status_since: o.transferredOn ?? '2020-01-01',
      transferred_on: o.transferredOn ?? null,
      construction_on: o.constructionOn ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'code', 'area_mu'])
    .executeTakeFirstOrThrow();
  return { ...row, area_mu: Number(row.area_mu) };
}

export async function buildProject(db: Kysely<DB>, park: ParkRef, o: { amountFen: number; signedOn?: string; enterpriseId?: string | null; name?: string }): Promise<{ id: string; name: string }> {
  counter += 1;
  const now = new Date();
  return db
    .insertInto('investment_projects')
    .values({
      park_id: park.id,
      code: `ZS-T${counter}-${randomUUID().slice(0, 6)}`,
      name: o.name ?? `测试招商项目${counter}`,
      investor: '测试投资方',
      enterprise_id: o.enterpriseId ?? null,
      amount_fen: o.amountFen,
      chain: null,
      signed_on: o.signedOn ?? '2026-06-01',
      stage: 'signed',
      stage_dates: JSON.stringify({}),
      contract_no: null,
      note: null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function gradeFirm(db: Kysely<DB>, park: ParkRef, enterpriseId: string, year: number, grade: 'A' | 'B' | 'C' | 'D'): Promise<void> {
  await db
    .insertInto('land_evaluations')
    .values({ park_id: park.id, year, enterprise_id: enterpriseId, land_mu: 30, grade, revenue_source: 'entered', computed_at: new Date() })
    .execute();
}
