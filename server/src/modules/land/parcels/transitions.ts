import { LAND_PARCEL_ACTION_LABELS, LAND_PARCEL_STATUS_LABELS, type LandParcelAction, type LandParcelStatus } from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { AppError, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput, Notifier } from '../../../platform/notifications.js';
import { commitTransition } from '../../../platform/workflow/index.js';
import { nextStepsFrom, parcelStore, parcelWorkflow, type ParcelParty, type ParcelRow } from './workflow.js';

/** What a parcel step records: its date (YYYY-MM-DD) and, for 出让 / 再出让, the new holder. */
export type ParcelStepInput = {
  on: string;
  note?: string | null;
  enterpriseId?: string | null;
  projectId?: string | null;
  landPriceFen?: number | null;
};

/** In-site messages only (a parcel step sends no SMS); written in the caller's transaction. */
const inSiteNotifier: Notifier = {
  async notify(trx, items) {
    if (items.length === 0) return;
    await trx
      .insertInto('notifications')
      .values(items.map((n) => ({ park_id: n.parkId, user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null })))
      .execute();
  },
};

const HOLDER_ACTIONS: readonly LandParcelAction[] = ['transfer', 'reallocate'];

/**
 * Moves a parcel one step along its workflow (parcels/workflow.ts) inside the caller's transaction:
 * checks the step is allowed from the parcel's state (a step that skips the line is refused with a
 * 409 and a Chinese message), updates the row and its dates, writes the timeline event and the
 * audit entry. `actor` null = the system (a published evaluation, a seed). The clean-up campaign
 * recovers and re-allocates parcels through this, never by updating land_parcels itself.
 * (Seam owned by the parcels sub-domain; signature fixed by the skeleton.)
 *
 * Rules besides the table: the date is not after today (park time); it may be earlier than the day
 * the current state began (records entered late), and becomes the parcel's `status_since`; 出让 / 再出让 need a firm or an investment project of the park (400 naming the field), the
 * project's firm becomes the holder when no firm is given; 收回 clears the holder (the event keeps
 * who held it); 纳入储备 clears the holder, the dates and the price. The holding firm's users get
 * an in-site message when their parcel is transferred to them, marked idle / inefficient or recovered.
 */
export async function moveParcel(
  trx: Transaction<DB>,
  actor: Actor | null,
  parkId: string,
  parcelId: string,
  action: LandParcelAction,
  input: ParcelStepInput,
  now: Date,
): Promise<void> {
  const row = (await trx.selectFrom('land_parcels').selectAll().where('park_id', '=', parkId).where('id', '=', parcelId).forUpdate().executeTakeFirst()) as ParcelRow | undefined;
  if (!row) throw notFound('地块');
  const status = row.status as LandParcelStatus;
  const parties = new Set<ParcelParty>(actor === null ? ['system'] : can(actor, 'land:manage') ? ['office'] : []);
  if (!parcelWorkflow.find(status, action)) {
    const next = nextStepsFrom(status).map((a) => `“${LAND_PARCEL_ACTION_LABELS[a]}”`);
    throw invalidState(
      `${parcelWorkflow.invalidStateMessage(status, action)}(“${LAND_PARCEL_STATUS_LABELS[status]}”的地块只能${next.length ? next.join('、') : '保持现状'})`,
    );
  }
  const transition = parcelWorkflow.check({ status, construction_on: row.construction_on }, action, parties, input);
  const to = parcelWorkflow.target(transition, { status, construction_on: row.construction_on }, input);

  const on = input.on;
  const today = shanghaiDate(now);
  if (on > today) throw new AppError('VALIDATION_FAILED', `日期 ${on} 晚于今天,不能登记未来的状态变化`, [{ path: 'on', message: '日期不能晚于今天' }]);
  // A step may be back-dated (a 收回 recorded after the 亩均 publication marked the parcel, a sale
  // entered after the fact): its date is when it took effect; the timeline keeps the order of recording.

  const patch: Record<string, unknown> = { status_since: on, updated_at: now };
  const data: Record<string, unknown> = { on };
  let holderFirm: string | null = row.enterprise_id;
  if (HOLDER_ACTIONS.includes(action)) {
    let enterpriseId = input.enterpriseId ?? null;
    const projectId = input.projectId ?? null;
    if (projectId) {
      const project = await trx.selectFrom('investment_projects').select(['id', 'enterprise_id', 'name']).where('park_id', '=', parkId).where('id', '=', projectId).executeTakeFirst();
      if (!project) throw new AppError('VALIDATION_FAILED', '招商项目不存在', [{ path: 'projectId', message: '招商项目不存在' }]);
      enterpriseId = enterpriseId ?? project.enterprise_id;
      data.projectName = project.name;
    }
    if (enterpriseId) {
      const firm = await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
      if (!firm) throw new AppError('VALIDATION_FAILED', '受让企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
      data.enterpriseName = firm.name;
    }
    Object.assign(patch, { enterprise_id: enterpriseId, project_id: projectId, transferred_on: on, construction_on: null, producing_on: null });
    if (input.landPriceFen !== undefined && input.landPriceFen !== null) {
      patch.land_price_fen = input.landPriceFen;
      data.landPriceFen = input.landPriceFen;
    }
    if (row.enterprise_id && row.enterprise_id !== enterpriseId) data.previousEnterpriseId = row.enterprise_id;
    holderFirm = enterpriseId;
  } else if (action === 'start_construction') {
    patch.construction_on = on;
  } else if (action === 'start_production') {
    patch.producing_on = on;
  } else if (action === 'recover') {
    Object.assign(patch, { enterprise_id: null, project_id: null });
    data.previousEnterpriseId = row.enterprise_id;
    data.previousProjectId = row.project_id;
    data.areaMu = Number(row.area_mu);
  } else if (action === 'return_to_reserve') {
    Object.assign(patch, { enterprise_id: null, project_id: null, transferred_on: null, construction_on: null, producing_on: null, land_price_fen: null });
  }

  const notes: NotificationInput[] = [];
  const tell: Partial<Record<LandParcelAction, string>> = {
    transfer: '已出让给贵企业',
    reallocate: '已再出让给贵企业',
    mark_idle: '被认定为闲置土地,请尽快开工或说明情况',
    mark_inefficient: '被认定为低效用地,请制定提升方案',
    recover: '已由园区依法或依约收回',
  };
  if (holderFirm && tell[action]) {
    const users = await trx.selectFrom('users').select('id').where('park_id', '=', parkId).where('enterprise_id', '=', holderFirm).where('is_active', '=', true).execute();
    for (const u of users) notes.push({ parkId, userId: u.id, kind: `land.parcel_${action}`, title: `地块 ${row.code} ${tell[action]}`, body: input.note ?? undefined });
  }

  await commitTransition(trx, { notifier: inSiteNotifier }, actor, parcelStore, {
    row,
    to,
    patch,
    now,
    event: { action: parcelWorkflow.eventOf(transition), actorRole: actor === null ? 'system' : 'office', note: input.note ?? null, data },
    auditAction: `parcel.${action}`,
    notes,
  });
}
