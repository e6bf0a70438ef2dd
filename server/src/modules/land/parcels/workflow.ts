import { LAND_PARCEL_ACTION_LABELS, LAND_PARCEL_STATUS_LABELS, type LandParcelAction, type LandParcelStatus } from '@yuanqi/contract';
import type { Selectable } from 'kysely';
import type { LandParcelsTable } from '../../../db/schema-land.js';
import { caseEventsTable, defineWorkflow, type CaseStore, type GuardFailure } from '../../../platform/workflow/index.js';

export type ParcelRow = Selectable<LandParcelsTable>;

/**
 * Who moves a parcel: `office` — the park office with land:manage (调度专班, admin); `system` — the
 * clean-up campaign, the 亩均 publication and the seed, through `moveParcel` with no person.
 */
export const PARCEL_PARTIES = { office: '土地管理人员(调度专班)', system: '系统' } as const;
export type ParcelParty = keyof typeof PARCEL_PARTIES;

/** What the guards read of a step's input and of the parcel. */
export type ParcelStepGuardInput = { enterpriseId?: string | null; projectId?: string | null };
export type ParcelGuardState = { status: LandParcelStatus; construction_on: string | null };

const requireHolder = (what: string) => (input: ParcelStepGuardInput): GuardFailure | null =>
  input.enterpriseId || input.projectId ? null : { path: 'enterpriseId', message: `${what}须选择受让企业或招商项目` };

const WHO = ['office', 'system'] as const;

/**
 * The parcel workflow 地块状态: the main line 储备 → 出让 → 在建 → 投产, and around it
 * - 认定闲置 from 已出让 / 在建 / 再出让 (出让后未按期开工或停工), 认定低效 from 已投产 (亩均 grade D);
 * - 整改到位: an idle parcel returns to 在建 when construction had begun under its current holder
 *   (construction_on set), else to 已出让; an inefficient parcel returns to 已投产;
 * - 收回 from 闲置 / 低效 → 已收回 (the holder is cleared, the event keeps who it was);
 * - 再出让 from 已收回 → 再出让 (a new firm or project), then 开工 → 在建 → 投产 again;
 * - 纳入储备 from 已收回 → 储备.
 * Any other step skips the line and is refused (409 naming the state and the step).
 */
export const parcelWorkflow = defineWorkflow<LandParcelStatus, LandParcelAction, ParcelParty, ParcelStepGuardInput, ParcelGuardState>({
  subject: '地块',
  stateMessage: (label) => `地块当前状态为“${label}”`,
  states: LAND_PARCEL_STATUS_LABELS,
  actions: LAND_PARCEL_ACTION_LABELS,
  parties: PARCEL_PARTIES,
  buttons: ['transfer', 'start_construction', 'start_production', 'mark_idle', 'mark_inefficient', 'rectify', 'recover', 'reallocate', 'return_to_reserve'],
  probeInput: { enterpriseId: '00000000-0000-4000-8000-000000000000' },
  transitions: [
    { from: ['reserve'], action: 'transfer', to: 'transferred', who: WHO, guard: requireHolder('出让') },
    { from: ['transferred', 'reallocated'], action: 'start_construction', to: 'construction', who: WHO },
    { from: ['construction'], action: 'start_production', to: 'producing', who: WHO },
    { from: ['transferred', 'construction', 'reallocated'], action: 'mark_idle', to: 'idle', who: WHO },
    { from: ['producing'], action: 'mark_inefficient', to: 'inefficient', who: WHO },
    { from: ['idle'], action: 'rectify', to: (_input, state) => (state.construction_on ? 'construction' : 'transferred'), who: WHO },
    { from: ['inefficient'], action: 'rectify', to: 'producing', who: WHO },
    { from: ['idle', 'inefficient'], action: 'recover', to: 'recovered', who: WHO },
    { from: ['recovered'], action: 'reallocate', to: 'reallocated', who: WHO, guard: requireHolder('再出让') },
    { from: ['recovered'], action: 'return_to_reserve', to: 'reserve', who: WHO },
  ],
});

/** The next steps of the main line, for the 409's hint (出让 → 开工 → 投产). */
export function nextStepsFrom(status: LandParcelStatus): LandParcelAction[] {
  return parcelWorkflow.buttons.filter((a) => parcelWorkflow.find(status, a) !== null);
}

export const parcelEventLog = caseEventsTable('land_parcel_events', 'parcel_id', { order: 'time' });

export const parcelSnapshot = (row: ParcelRow): Record<string, unknown> => ({
  code: row.code,
  name: row.name,
  status: row.status,
  statusSince: row.status_since,
  areaMu: row.area_mu === null ? null : Number(row.area_mu),
  declaredAreaMu: row.declared_area_mu === null ? null : Number(row.declared_area_mu),
  zone: row.zone,
  plannedUse: row.planned_use,
  enterpriseId: row.enterprise_id,
  projectId: row.project_id,
  transferredOn: row.transferred_on,
  constructionOn: row.construction_on,
  producingOn: row.producing_on,
  landPriceFen: row.land_price_fen === null ? null : Number(row.land_price_fen),
  floorAreaM2: row.floor_area_m2 === null ? null : Number(row.floor_area_m2),
});

export const parcelStore: CaseStore<ParcelRow> = { table: 'land_parcels', entity: 'land_parcel', subject: '地块', events: parcelEventLog, snapshot: parcelSnapshot };
