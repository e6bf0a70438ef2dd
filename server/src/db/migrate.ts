import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as foundation from './migrations/20261126-0001-foundation.js';
import * as demands from './migrations/20261126-0002-demands.js';
import * as ratings from './migrations/20261126-0003-ratings.js';
import * as officeClose from './migrations/20261126-0004-demand-office-close.js';
import * as serviceItems from './migrations/20261126-0005-service-items.js';
import * as serviceApplications from './migrations/20261126-0006-service-applications.js';
import * as funds from './migrations/20261126-0007-funds.js';
import * as policies from './migrations/20261126-0008-policies.js';
import * as serviceStatsIndexes from './migrations/20261126-0009-service-stats-indexes.js';
import * as loginSecurity from './migrations/20261126-0010-login-security.js';
import * as grantReservations from './migrations/20261126-0011-grant-reservations.js';
import * as adminConsole from './migrations/20261127-0001-admin-console.js';
import * as factCountWords from './migrations/20261127-0010-fact-count-words.js';
import * as sessionChangeNotify from './migrations/20261207-0001-session-change-notify.js';
import * as enterpriseFactLines from './migrations/20261207-0002-enterprise-fact-lines.js';
import * as factLinesByPark from './migrations/20261207-0003-fact-lines-by-park.js';
import * as demandStatsIndexes from './migrations/20261207-0004-demand-stats-indexes.js';
import * as demandRollup from './migrations/20261207-0005-demand-rollup.js';
import * as ratingsLevelIndex from './migrations/20261207-0006-ratings-level-index.js';
import * as demandRollupDeltas from './migrations/20261207-0007-demand-rollup-deltas.js';
import * as demandRollupChangedOnce from './migrations/20261207-0008-demand-rollup-changed-once.js';
import * as factLineTokens from './migrations/20261207-0009-fact-line-tokens.js';
import * as demandRollupDiff from './migrations/20261207-0010-demand-rollup-diff.js';
import * as factTokensFromChanges from './migrations/20261207-0011-fact-tokens-from-changes.js';
import * as finance from './migrations/20261207-0012-finance.js';
import * as financeIndexes from './migrations/20261207-0018-finance-indexes.js';
import * as financeCredit from './migrations/20261207-0017-finance-credit.js';
import * as financeBridge from './migrations/20261207-0015-finance-bridge.js';
import * as financeCopper from './migrations/20261207-0016-finance-copper.js';
import * as industry from './migrations/20261207-0020-industry.js';
import * as land from './migrations/20261208-0001-land.js';
import * as landParcels from './migrations/20261208-0002-land-parcels.js';
import * as landEvaluation from './migrations/20261208-0003-land-evaluation.js';
import * as landCleanup from './migrations/20261208-0004-land-cleanup.js';
import * as landLeads from './migrations/20261208-0005-land-leads.js';
import * as landPremises from './migrations/20261208-0006-land-premises.js';
import * as landApartments from './migrations/20261208-0007-land-apartments.js';
import * as industryDashboards from './migrations/20261207-0025-industry-dashboards.js';
import * as industryDashboardsEnergy from './migrations/20261207-0025-industry-dashboards-energy.js';

/** Append-only list: a committed migration is never edited, only followed by a new one. */
const migrations: Record<string, Migration> = {
  '20261126-0001-foundation': foundation,
  '20261126-0002-demands': demands,
  '20261126-0003-ratings': ratings,
  '20261126-0004-demand-office-close': officeClose,
  '20261126-0005-service-items': serviceItems,
  '20261126-0006-service-applications': serviceApplications,
  '20261126-0007-funds': funds,
  '20261126-0008-policies': policies,
  '20261126-0009-service-stats-indexes': serviceStatsIndexes,
  '20261126-0010-login-security': loginSecurity,
  '20261126-0011-grant-reservations': grantReservations,
  '20261127-0001-admin-console': adminConsole,
  '20261127-0010-fact-count-words': factCountWords,
  '20261207-0001-session-change-notify': sessionChangeNotify,
  '20261207-0002-enterprise-fact-lines': enterpriseFactLines,
  '20261207-0003-fact-lines-by-park': factLinesByPark,
  '20261207-0004-demand-stats-indexes': demandStatsIndexes,
  '20261207-0005-demand-rollup': demandRollup,
  '20261207-0006-ratings-level-index': ratingsLevelIndex,
  '20261207-0007-demand-rollup-deltas': demandRollupDeltas,
  '20261207-0008-demand-rollup-changed-once': demandRollupChangedOnce,
  '20261207-0009-fact-line-tokens': factLineTokens,
  '20261207-0010-demand-rollup-diff': demandRollupDiff,
  '20261207-0011-fact-tokens-from-changes': factTokensFromChanges,
  '20261207-0012-finance': finance,
  '20261207-0018-finance-indexes': financeIndexes,
  '20261207-0017-finance-credit': financeCredit,
  '20261207-0015-finance-bridge': financeBridge,
  '20261207-0016-finance-copper': financeCopper,
  '20261207-0020-industry': industry,
  '20261207-0025-industry-dashboards': industryDashboards,
  '20261207-0025-industry-dashboards-energy': industryDashboardsEnergy,
  '20261208-0001-land': land,
  '20261208-0002-land-parcels': landParcels,
  '20261208-0003-land-evaluation': landEvaluation,
  '20261208-0004-land-cleanup': landCleanup,
  '20261208-0005-land-leads': landLeads,
  '20261208-0006-land-premises': landPremises,
  '20261208-0007-land-apartments': landApartments,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

export async function migrateToLatest(db: Kysely<any>): Promise<string> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return LATEST_MIGRATION;
}

export async function currentMigration(db: Kysely<any>): Promise<string | null> {
  const migrator = new Migrator({ db, provider });
  const list = await migrator.getMigrations();
  return list.filter((m) => m.executedAt).map((m) => m.name).sort().at(-1) ?? null;
}
