import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/**
 * Test fixtures of accepted monthly figures (what the report review writes): a report row in the
 * given state and, when accepted, its figures. Used by the statistics and the credit tests.
 */
export type FigureFixture = {
  parkId: string;
  enterpriseId: string;
  chain: string | null;
  period: string;
  status?: 'accepted' | 'submitted' | 'returned' | 'draft';
  late?: boolean;
  values?: Record<string, number>;
};

export async function writeFigureFixtures(db: Kysely<DB>, fixtures: FigureFixture[]): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < fixtures.length; i += 500) {
    const chunk = fixtures.slice(i, i + 500);
    await db
      .insertInto('industry_reports')
      .values(
        chunk.map((f) => ({
          park_id: f.parkId,
          enterprise_id: f.enterpriseId,
          period: f.period,
          status: f.status ?? 'accepted',
          revision: (f.status ?? 'accepted') === 'accepted' ? 1 : 0,
          due_on: `${f.period.slice(0, 8)}14`,
          submitted_at: f.status === 'draft' ? null : at,
          late: f.late ?? false,
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['park_id', 'enterprise_id', 'period']).doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), late: eb.ref('excluded.late') })))
      .execute();
    const figures = chunk
      .filter((f) => (f.status ?? 'accepted') === 'accepted')
      .flatMap((f) => Object.entries(f.values ?? {}).map(([key, value]) => ({ park_id: f.parkId, enterprise_id: f.enterpriseId, period: f.period, indicator_key: key, value, chain: f.chain, revision: 1 })));
    for (let j = 0; j < figures.length; j += 1000) {
      await db
        .insertInto('industry_figures')
        .values(figures.slice(j, j + 1000))
        .onConflict((oc) => oc.columns(['park_id', 'period', 'indicator_key', 'enterprise_id']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
        .execute();
    }
  }
}
