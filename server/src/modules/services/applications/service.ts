/**
 * 办件: filing (企业自办 or 代办), the workflow (受理, 不予受理, 补正, 容缺受理, 告知承诺 即时决定,
 * 特别程序, 审查, 决定 = 办结, 撤回, 到现场), reading (list, board, detail) and the rating. Every
 * step writes its event, audit entry and notifications in the transaction of the change.
 */
import {
  APPLICATION_OUTCOME_LABELS,
  APPLICATION_STATUSES,
  CHENGNUO_BAD_CREDIT_TAG,
  DEFAULT_POSTCHECK_DAYS,
  RATEABLE_APPLICATION_OUTCOMES,
  SERVICE_APPLICATION_LINKS,
  type ApplicationAction,
  type ApplicationBoard,
  type ApplicationDetailView,
  type ApplicationStatus,
  type ApplicationView,
  type CreateServiceApplicationRequest,
  type ListServiceApplicationsQuery,
  type Paged,
  type RateRequest,
  type RatingView,
  type ServiceApplicationActionRequest,
  type ServiceApplicationSettings,
  type ServiceMaterial,
} from '@yuanqi/contract';
import type { Transaction, Updateable } from 'kysely';
import type { ServiceApplicationPauseRow, ServiceApplicationsTable } from '../../../db/schema-service-applications.js';
import type { DB } from '../../../db/schema.js';
import { hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { endOfShanghaiDay, shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { checkUpload } from '../../../platform/uploads.js';
import { commitTransition, finishFigures, pausedWorkingDays, reminderAt, runningDeadlines, withLenientCalendar, type CaseEvent, type PartyOf } from '../../../platform/workflow/index.js';
import { findRatingForSubject, rateSubject, ratedCaseEvent, type RatingSubject } from '../../ratings/service.js';
import { ratingWindowOpen } from '../../ratings/measures.js';
import { applicationScopeOf } from './policy.js';
import {
  clockViewOf,
  missingMaterials,
  pauseIntervalOf,
  presentApplication,
  presentChengnuo,
  presentEvent,
  presentMaterials,
  presentRongque,
  snapshotOf,
} from './presenter.js';
import * as repo from './repository.js';
import { latestRongqueDeadline } from './clock.js';
import { findPostcheckView } from './postcheck.js';
import { applicationEvents, applicationStore } from './store.js';
import { applicationWorkflow, partiesOf } from './workflow.js';

export const applicationLink = SERVICE_APPLICATION_LINKS.application;

/** One uploaded file of a material (multipart field `material.<key>`). */
export type MaterialUpload = { key: string; filename: string; buffer: Buffer };

const fieldError = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** The role an event names for its actor: the capacity in which the person acted. */
function roleOf(actor: Actor, party?: PartyOf<typeof applicationWorkflow>): string {
  if (party === 'applicant') return hasRole(actor, 'enterprise') ? 'enterprise' : hasRole(actor, 'liaison') ? 'liaison' : (actor.roles[0] ?? 'user');
  if (party === 'handler') return hasRole(actor, 'approver') ? 'approver' : (actor.roles[0] ?? 'user');
  const order = ['enterprise', 'liaison', 'approver', 'dispatcher', 'admin', 'leader'] as const;
  return order.find((r) => hasRole(actor, r)) ?? actor.roles[0] ?? 'user';
}

const isBadCredit = (tags: readonly string[]) => tags.includes(CHENGNUO_BAD_CREDIT_TAG);

/** The park's post-check delay in working days (dictionary service_setting/postcheck_days). */
export async function postcheckDaysOf(db: repo.Executor, parkId: string): Promise<number> {
  const extra = await repo.settingOf(db, parkId, 'postcheck_days');
  const days = Number(extra?.days);
  return Number.isInteger(days) && days >= 1 && days <= 120 ? days : DEFAULT_POSTCHECK_DAYS;
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<ServiceApplicationSettings> {
  return { postcheckDays: await postcheckDaysOf(ctx.db, actor.parkId) };
}

export async function putSettings(ctx: AppContext, actor: Actor, input: ServiceApplicationSettings): Promise<ServiceApplicationSettings> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await postcheckDaysOf(trx, actor.parkId);
    await repo.putSetting(trx, actor.parkId, 'postcheck_days', '告知承诺事后核查期限', { days: input.postcheckDays });
    await recordAudit(trx, actor, actor.parkId, [{ action: 'settings', entity: 'service_setting', entityId: null, before: { postcheckDays: before }, after: input }], now);
  });
  return getSettings(ctx, actor);
}

// ---------------------------------------------------------------------------------------------
// Filing
// ---------------------------------------------------------------------------------------------

type Firm = NonNullable<Awaited<ReturnType<typeof repo.findFirm>>>;

/**
 * Who files for which firm: an enterprise user for its own firm (企业自办); a liaison for the firms
 * it serves, recorded as 代办; other staff holding service:apply for any firm of the park (代办).
 */
function resolveFiler(actor: Actor, firm: Firm): { isDaiban: boolean } {
  if (hasRole(actor, 'enterprise') && actor.enterpriseId) {
    if (firm.id !== actor.enterpriseId) throw forbidden('只能为本企业申请办件');
    return { isDaiban: false };
  }
  if (hasRole(actor, 'liaison') && firm.liaison_id !== actor.userId) {
    throw forbidden('只能为您服务的企业代办');
  }
  return { isDaiban: true };
}

/** Checks each upload (type by magic bytes) and that its material belongs to the item. */
function checkUploads(uploads: MaterialUpload[], materials: readonly ServiceMaterial[]) {
  return uploads.map((u) => {
    const material = materials.find((m) => m.key === u.key);
    if (!material) throw fieldError(`material.${u.key}`, `材料“${u.key}”不是该事项的申请材料`);
    const checked = checkUpload('attachment', u.filename, u.buffer, `material.${u.key}`);
    return { material, filename: checked.filename, contentType: checked.contentType, buffer: u.buffer };
  });
}

type CheckedUpload = ReturnType<typeof checkUploads>[number];

function materialRows(parkId: string, applicationId: string, uploads: CheckedUpload[], stage: 'filing' | 'supplement' | 'rongque', actor: Actor, now: Date) {
  // One millisecond apart, so the list keeps the order of the upload.
  return uploads.map((u, i) => ({
    park_id: parkId,
    application_id: applicationId,
    material_key: u.material.key,
    material_name: u.material.name,
    stage,
    filename: u.filename,
    content_type: u.contentType,
    size: u.buffer.length,
    data: u.buffer,
    uploaded_by: actor.userId,
    created_at: new Date(now.getTime() + i),
  }));
}

/**
 * The name a 告知承诺 is signed with: the signer's own name as typed (2–50 characters), not the
 * company's — the account that signs is recorded beside it.
 */
export function checkChengnuoSigner(raw: string | undefined, firmName: string): string {
  const name = (raw ?? '').trim();
  if (!name) throw fieldError('chengnuoSigner', '请输入签署人本人姓名');
  if (name.length < 2) throw fieldError('chengnuoSigner', '签署人姓名至少2个字');
  if (name.includes(firmName) || (name.length >= 6 && firmName.includes(name)) || /(公司|企业|厂|集团|中心)$/.test(name)) {
    throw fieldError('chengnuoSigner', '签署人请填写本人姓名,不是企业名称');
  }
  return name;
}

/**
 * `POST /api/service-applications`. Every required material must be uploaded, asked for under
 * 容缺 (non-key, 容缺-allowed ones) or replaced by the signed 告知承诺 (where the item allows it).
 * A firm flagged for a false promise gets neither 容缺 nor 承诺.
 */
export async function fileApplication(ctx: AppContext, actor: Actor, input: CreateServiceApplicationRequest & { rongqueKeys: string[]; chengnuo: boolean }, uploads: MaterialUpload[]): Promise<ApplicationDetailView> {
  const now = ctx.clock.now();
  const parkId = actor.parkId;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const item = await repo.findItem(trx, parkId, input.itemId);
    if (!item) throw fieldError('itemId', '事项不存在');
    if (item.status !== 'active') throw conflict(`事项“${item.name}”已停用,暂不受理申请`);
    const materials = item.materials as ServiceMaterial[];

    const enterpriseId = input.enterpriseId ?? (hasRole(actor, 'enterprise') ? actor.enterpriseId : null);
    if (!enterpriseId) throw fieldError('enterpriseId', '请选择申请办件的企业');
    const firm = await repo.findFirm(trx, parkId, enterpriseId);
    if (!firm) throw fieldError('enterpriseId', '企业不存在');
    const { isDaiban } = resolveFiler(actor, firm);

    if (input.projectId) {
      const project = await trx.selectFrom('service_projects').select(['id', 'enterprise_id', 'status']).where('park_id', '=', parkId).where('id', '=', input.projectId).executeTakeFirst();
      if (!project || project.enterprise_id !== firm.id) throw fieldError('projectId', '工程建设项目不存在或不属于该企业');
      if (project.status !== 'active') throw fieldError('projectId', '该工程建设项目已完成或已撤销,不能再申请');
      if (!item.project_stage) throw fieldError('projectId', `事项“${item.name}”不属于工程建设项目审批的任何阶段`);
    }

    const checked = checkUploads(uploads, materials);
    const uploadedKeys = new Set(checked.map((u) => u.material.key));

    // 容缺 asked for at filing.
    const rongqueKeys = [...new Set(input.rongqueKeys)];
    for (const key of rongqueKeys) {
      const m = materials.find((x) => x.key === key);
      if (!m) throw fieldError('rongqueKeys', `材料“${key}”不是该事项的申请材料`);
      if (m.isKey || !m.rongqueAllowed) throw fieldError('rongqueKeys', `“${m.name}”${m.isKey ? '是关键材料' : '不在可容缺材料之列'},不能容缺后补`);
      if (uploadedKeys.has(key)) throw fieldError('rongqueKeys', `“${m.name}”已上传,无需容缺`);
    }
    if (rongqueKeys.length > 0 && isBadCredit(firm.tags)) throw fieldError('rongqueKeys', '该企业因虚假承诺被列入失信名单,不适用容缺受理');

    // 告知承诺: the commitment replaces every replaceable material not uploaded.
    let replacedKeys: string[] = [];
    let signer = '';
    if (input.chengnuo) {
      if (!item.chengnuo_allowed || !item.chengnuo_text) throw fieldError('chengnuo', `事项“${item.name}”不适用告知承诺制`);
      if (isBadCredit(firm.tags)) throw fieldError('chengnuo', '该企业因虚假承诺被列入失信名单,不适用告知承诺制');
      if (!hasRole(actor, 'enterprise')) throw fieldError('chengnuo', '告知承诺书须由申请企业本人签署,代办人员不能代为承诺');
      signer = checkChengnuoSigner(input.chengnuoSigner, firm.name);
      replacedKeys = materials.filter((m) => m.chengnuoReplaceable && !uploadedKeys.has(m.key)).map((m) => m.key);
    }

    const absent = materials.filter((m) => m.required && !uploadedKeys.has(m.key) && !replacedKeys.includes(m.key) && !rongqueKeys.includes(m.key));
    if (absent.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `请上传申请材料:${absent.map((m) => `“${m.name}”`).join('、')}`,
        absent.map((m) => ({ path: `material.${m.key}`, message: `请上传“${m.name}”` })),
      );
    }

    const day = shanghaiDate(now).replaceAll('-', '');
    const sequence = await repo.nextApplicationSequence(trx, parkId, day);
    const number = `BJ${day}-${String(sequence).padStart(4, '0')}`;
    const row = await repo.insertApplication(trx, {
      park_id: parkId,
      number,
      item_id: item.id,
      enterprise_id: firm.id,
      project_id: input.projectId ?? null,
      applicant_user_id: actor.userId,
      applicant_name: isDaiban ? `${actor.displayName}(代办)` : actor.displayName,
      contact_name: input.contactName || firm.contact_name || null,
      contact_phone: input.contactPhone || firm.contact_phone || null,
      description: input.description || null,
      is_daiban: isDaiban,
      daiban_liaison_id: isDaiban ? actor.userId : null,
      case_kind: item.case_kind,
      rongque_keys: rongqueKeys,
      mode: input.chengnuo ? 'chengnuo' : 'normal',
      status: 'submitted',
      submitted_at: now,
      committed_days: item.committed_days,
      legal_days: item.legal_days,
      created_at: now,
      updated_at: now,
    });
    const saved = await repo.insertMaterials(trx, materialRows(parkId, row.id, checked, 'filing', actor, now));
    const base = { actor_id: actor.userId, actor_name: actor.displayName, actor_role: roleOf(actor, 'applicant'), at: now };
    const events: CaseEvent[] = [
      {
        ...base,
        action: 'submit',
        from_status: null,
        to_status: 'submitted',
        note: isDaiban ? `驻企专员代办` : null,
        data: { itemId: item.id, isDaiban, files: saved.length, rongqueKeys, projectId: input.projectId ?? null },
      },
    ];
    if (input.chengnuo) {
      await trx
        .insertInto('service_chengnuo')
        .values({ park_id: parkId, application_id: row.id, text: item.chengnuo_text!, replaced_keys: replacedKeys, signer_id: actor.userId, signer_name: signer, signed_at: now })
        .execute();
      events.push({ ...base, action: 'sign_chengnuo', from_status: 'submitted', to_status: 'submitted', note: `${signer}签署;承诺替代:${replacedKeys.map((k) => materials.find((m) => m.key === k)!.name).join('、') || '无'}`, data: { replacedKeys, signerName: signer } });
    }
    await applicationEvents.write(trx, parkId, row.id, events);
    await recordAudit(trx, actor, parkId, [{ action: 'submit', entity: 'service_application', entityId: row.id, before: null, after: { ...snapshotOf(row), files: saved.map((f) => ({ id: f.id, key: f.material_key, filename: f.filename, size: f.size })), chengnuoKeys: replacedKeys, ...(input.chengnuo ? { chengnuoSigner: signer } : {}) } }], now);

    const link = applicationLink(row.id);
    const notes: NotificationInput[] = (await repo.activeApprovers(trx, parkId, item.approver_ids)).map((userId) => ({
      parkId,
      userId,
      kind: 'application.submitted',
      title: `新办件待受理 ${number}`,
      body: `${firm.name}申请“${item.name}”${input.chengnuo ? '(告知承诺,可当场决定)' : rongqueKeys.length ? '(申请容缺受理)' : ''}`,
      link,
    }));
    if (isDaiban) {
      for (const userId of await repo.enterpriseUserIds(trx, parkId, firm.id)) {
        notes.push({ parkId, userId, kind: 'application.daiban', title: `${actor.displayName}已为贵企业代办 ${number}`, body: `事项:${item.name}`, link });
      }
    }
    await ctx.notifier.notify(trx, notes);
    return row.id;
  });
  return getApplication(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

async function dueSoonBefore(ctx: AppContext, now: Date): Promise<Date> {
  const calendar = await ctx.calendar.get();
  const { value } = withLenientCalendar(calendar, now, (cal) => endOfShanghaiDay(cal.nextWorkingDay(shanghaiDate(now))));
  return value;
}

export async function listApplications(ctx: AppContext, actor: Actor, query: ListServiceApplicationsQuery): Promise<Paged<ApplicationView>> {
  const now = ctx.clock.now();
  const scope = applicationScopeOf(actor);
  const { rows, total } = await repo.listApplications(ctx.db, scope, { ...query, now, userId: actor.userId, dueSoonBefore: await dueSoonBefore(ctx, now) });
  const ids = rows.map((r) => r.id);
  const [pauses, deadlines, calendar] = await Promise.all([repo.listPauses(ctx.db, actor.parkId, ids), repo.rongqueDeadlines(ctx.db, actor.parkId, ids), ctx.calendar.get()]);
  const pausesOf = groupPauses(pauses);
  return {
    items: rows.map((r) => presentApplication(r, clockViewOf(calendar, r, pausesOf.get(r.id) ?? [], now), deadlines.get(r.id) ?? null)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function groupPauses(pauses: ServiceApplicationPauseRow[]): Map<string, ServiceApplicationPauseRow[]> {
  const map = new Map<string, ServiceApplicationPauseRow[]>();
  for (const p of pauses) map.set(p.application_id, [...(map.get(p.application_id) ?? []), p]);
  return map;
}

export async function applicationBoard(ctx: AppContext, actor: Actor): Promise<ApplicationBoard> {
  const now = ctx.clock.now();
  const scope = applicationScopeOf(actor);
  const counts = await repo.boardCounts(ctx.db, scope, now, await dueSoonBefore(ctx, now));
  const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, counts[s]])) as Record<ApplicationStatus, number>;
  const postchecks =
    scope.kind === 'park' || scope.kind === 'approver'
      ? await ctx.db
          .selectFrom('service_postchecks as c')
          .innerJoin('service_items as i', 'i.id', 'c.item_id')
          .where('c.park_id', '=', actor.parkId)
          .where('c.status', '=', 'scheduled')
          .$if(scope.kind === 'approver', (q) => q.where((eb) => eb(eb.val(actor.userId), '=', eb.fn.any('i.approver_ids'))))
          .select((eb) => [eb.fn.countAll<number>().as('scheduled'), eb.fn.count<number>('c.id').filterWhere('c.due_at', '<', now).as('overdue')])
          .executeTakeFirstOrThrow()
      : { scheduled: 0, overdue: 0 };
  const rongquePending = await ctx.db
    .selectFrom('service_applications as a')
    .where(repo.inApplicationScope(scope))
    .where('a.status', '=', 'rongque')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    total: counts.total,
    open: byStatus.submitted + byStatus.supplementing + byStatus.accepted + byStatus.rongque + byStatus.special + byStatus.reviewing,
    byStatus,
    dueSoon: counts.due_soon,
    overdue: counts.overdue,
    rongquePending: Number(rongquePending.n),
    postchecksScheduled: Number(postchecks.scheduled),
    postchecksOverdue: Number(postchecks.overdue),
  };
}

/** Everything a case carries besides its row (files, pauses, 容缺, 承诺), read in one place. */
async function loadCase(db: repo.Executor, app: repo.ApplicationWithNames) {
  const [files, pauses, rongque, chengnuo] = await Promise.all([
    repo.listMaterialFiles(db, app.park_id, app.id),
    repo.listPauses(db, app.park_id, [app.id]),
    repo.findRongque(db, app.park_id, app.id),
    repo.findChengnuo(db, app.park_id, app.id),
  ]);
  const openPause = pauses.find((p) => p.ended_at === null) ?? null;
  return { files, pauses, rongque: rongque ?? null, chengnuo: chengnuo ?? null, openPause };
}
type LoadedCase = Awaited<ReturnType<typeof loadCase>>;

const factsOf = (app: repo.ApplicationWithNames) => ({
  enterprise_id: app.enterprise_id,
  approver_ids: app.approver_ids,
  firm_liaison_id: app.firm_liaison_id,
  applicant_user_id: app.applicant_user_id,
  daiban_liaison_id: app.daiban_liaison_id,
});

/** The actions open to the actor now: the workflow table, narrowed by what the materials allow. */
function actionsFor(actor: Actor, app: repo.ApplicationWithNames, loaded: LoadedCase): ApplicationAction[] {
  const parties = partiesOf(actor, factsOf(app));
  // The table's buttons are person-taken actions only.
  const actions = applicationWorkflow.allowedActions(app, parties) as ApplicationAction[];
  const missing = missingMaterials(app.item_materials, loaded.files, loaded.chengnuo);
  return actions.filter((action) => {
    if (action === 'accept') return missing.length === 0;
    if (action === 'approve' && app.status === 'submitted') return missing.length === 0;
    if (action === 'accept_rongque') return rongqueProblem(app, missing) === null;
    return true;
  });
}

/** Why 容缺受理 is not possible (null when it is): something missing, only non-key 容缺-allowed materials, no bad credit. */
function rongqueProblem(app: Pick<repo.ApplicationWithNames, 'enterprise_tags'>, missing: ServiceMaterial[]): string | null {
  if (isBadCredit(app.enterprise_tags)) return '该企业因虚假承诺被列入失信名单,不适用容缺受理';
  if (missing.length === 0) return '申请材料齐全,请直接受理';
  const key = missing.find((m) => m.isKey);
  if (key) return `关键材料“${key.name}”未提交,不能容缺受理`;
  const other = missing.find((m) => !m.rongqueAllowed);
  if (other) return `“${other.name}”不在可容缺材料之列,请一次性告知补正`;
  return null;
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string): Promise<ApplicationDetailView> {
  const app = await repo.findApplication(ctx.db, applicationScopeOf(actor), id);
  if (!app) throw notFound('办件');
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  const loaded = await loadCase(ctx.db, app);
  const [events, rating, postcheck] = await Promise.all([
    applicationEvents.list(ctx.db, app.park_id, id),
    findRatingForSubject(ctx.db, app.park_id, 'application', id, actor),
    findPostcheckView(ctx.db, actor, app.park_id, id, now),
  ]);
  const clock = clockViewOf(calendar, app, loaded.pauses, now);
  const allowed = actionsFor(actor, app, loaded);
  const missing = missingMaterials(app.item_materials, loaded.files, loaded.chengnuo);
  const rongquePending = app.status === 'rongque' && loaded.rongque ? loaded.rongque.deadline : null;
  const currentPause = loaded.openPause ? clock.pauses.find((p) => p.id === loaded.openPause!.id) ?? null : null;
  const rateable = (RATEABLE_APPLICATION_OUTCOMES as readonly string[]).includes(app.outcome ?? '') && app.finished_at !== null;
  const canRate =
    rateable && rating === null && hasRole(actor, 'enterprise') && actor.enterpriseId === app.enterprise_id && ratingWindowOpen(app.finished_at!, now);
  return {
    ...presentApplication(app, clock, rongquePending),
    description: app.description,
    contactName: app.contact_name,
    contactPhone: app.contact_phone,
    decisionNote: app.decision_note,
    decidedAt: app.decided_at?.toISOString() ?? null,
    decidedByName: app.decided_by_name,
    acceptedByName: app.accepted_by_name,
    specialProcedures: app.special_procedures,
    chengnuoAllowed: app.chengnuo_allowed,
    materials: presentMaterials(app.item_materials, { status: app.status, rongqueKeys: app.rongque_keys, files: loaded.files, chengnuo: loaded.chengnuo, rongque: loaded.rongque, openPause: loaded.openPause }),
    clock,
    currentPause,
    rongque: loaded.rongque ? presentRongque(loaded.rongque, app.status) : null,
    chengnuo: loaded.chengnuo ? presentChengnuo(loaded.chengnuo, app.item_materials) : null,
    postcheck,
    timeline: events.map(presentEvent),
    allowedActions: allowed,
    rongqueCandidates: allowed.includes('accept_rongque') ? missing.map((m) => ({ key: m.key, name: m.name, form: m.form })) : [],
    rongqueLatestDeadline: allowed.includes('accept_rongque') ? withLenientCalendar(calendar, now, (cal) => latestRongqueDeadline(cal, now, app.committed_days)).value : null,
    rating,
    canRate,
  };
}

export async function readMaterialFile(ctx: AppContext, actor: Actor, id: string, fileId: string) {
  const app = await repo.findApplication(ctx.db, applicationScopeOf(actor), id);
  if (!app) throw notFound('办件');
  const file = await repo.findMaterialFile(ctx.db, app.park_id, id, fileId);
  if (!file) throw notFound('材料文件');
  return file;
}

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

type Applied = { patch: Updateable<ServiceApplicationsTable>; data: Record<string, unknown>; notes: NotificationInput[]; extraEvents?: CaseEvent[] };

type StepContext = {
  trx: Transaction<DB>;
  ctx: AppContext;
  actor: Actor;
  app: repo.ApplicationWithNames;
  loaded: LoadedCase;
  input: ServiceApplicationActionRequest;
  uploads: CheckedUpload[];
  calendar: WorkingCalendar;
  now: Date;
};

/** The applicant side's inboxes: the firm's users, and the liaison who filed it as 代办. */
async function applicantRecipients(trx: Transaction<DB>, app: repo.ApplicationWithNames): Promise<string[]> {
  const users = await repo.enterpriseUserIds(trx, app.park_id, app.enterprise_id);
  return [...new Set([...users, ...(app.daiban_liaison_id ? [app.daiban_liaison_id] : [])])];
}

async function toApplicant(s: StepContext, kind: string, title: string, body: string, sms = false): Promise<NotificationInput[]> {
  return (await applicantRecipients(s.trx, s.app)).map((userId) => ({ parkId: s.app.park_id, userId, kind, title, body, link: applicationLink(s.app.id), sms }));
}

async function toHandlers(s: StepContext, kind: string, title: string, body: string): Promise<NotificationInput[]> {
  return (await repo.activeApprovers(s.trx, s.app.park_id, s.app.approver_ids))
    .filter((userId) => userId !== s.actor.userId)
    .map((userId) => ({ parkId: s.app.park_id, userId, kind, title, body, link: applicationLink(s.app.id) }));
}

/** Deadlines of a clock started (or resumed) now, with a lenient calendar for unannounced years. */
function startClock(s: StepContext, acceptedAt: Date, closedPausedDays: number) {
  const { value, guessed } = withLenientCalendar(s.calendar, acceptedAt, (cal) => {
    const d = runningDeadlines(cal, { startedAt: acceptedAt, limitDays: s.app.committed_days, legalDays: s.app.legal_days, closedPausedDays });
    return { ...d, warnAt: d.dueAt.getTime() > s.now.getTime() ? reminderAt(cal, s.now, d.dueAt) : null };
  });
  return {
    due_at: value.dueAt,
    legal_due_at: value.legalDueAt,
    warn_at: value.warnAt,
    warned_at: null,
    overdue_at: value.dueAt.getTime() < s.now.getTime() ? s.app.overdue_at : null,
    ...(guessed ? { calendar_guessed: true } : {}),
  };
}

/** The patch of a case that ends now: the clock's figures, no deadline left running. */
function finishPatch(s: StepContext, acceptedAt: Date | null): Updateable<ServiceApplicationsTable> {
  const figures = finishFigures(
    s.calendar,
    { startedAt: acceptedAt, limitDays: s.app.committed_days, pauses: s.loaded.pauses.map(pauseIntervalOf) },
    s.now,
  );
  return {
    finished_at: s.now,
    working_days_used: figures.workingDaysUsed,
    within_limit: figures.withinLimit,
    warn_at: null,
    paused_since: null,
    resume_status: null,
  };
}

/** Closes the running pause (if any); answers the case's paused working days with it closed. */
async function endPause(s: StepContext): Promise<{ pausedDays: number; pauseDays: number } | null> {
  const open = s.loaded.openPause;
  if (!open) return null;
  const accepted = s.app.accepted_at;
  const pauseDays = accepted ? withLenientCalendar(s.calendar, s.now, (cal) => pausedWorkingDays(cal, accepted, [{ startedAt: open.started_at, endedAt: s.now }], s.now)).value : 0;
  await repo.closeOpenPause(s.trx, s.app.park_id, s.app.id, { ended_at: s.now, ended_by: s.actor.userId, working_days: pauseDays });
  const closed = s.loaded.pauses.map((p) => (p.id === open.id ? { ...p, ended_at: s.now } : p));
  s.loaded.pauses = closed;
  s.loaded.openPause = null;
  const pausedDays = accepted
    ? withLenientCalendar(s.calendar, s.now, (cal) => pausedWorkingDays(cal, accepted, closed.map((p) => ({ startedAt: p.started_at, endedAt: p.ended_at })), s.now)).value
    : 0;
  return { pausedDays, pauseDays };
}

/** Opens a pause: the clock stops, no deadline runs until it ends. */
async function beginPause(s: StepContext, pause: { kind: 'supplement' | 'special'; name: string; materialKeys?: string[]; maxDays?: number | null }): Promise<Updateable<ServiceApplicationsTable>> {
  const row = await repo.insertPause(s.trx, {
    park_id: s.app.park_id,
    application_id: s.app.id,
    kind: pause.kind,
    name: pause.name,
    material_keys: pause.materialKeys ?? [],
    note: s.input.note || null,
    max_days: pause.maxDays ?? null,
    started_at: s.now,
    started_by: s.actor.userId,
  });
  s.loaded.pauses.push(row);
  s.loaded.openPause = row;
  return { paused_since: s.now, resume_status: s.app.status, due_at: null, legal_due_at: null, warn_at: null };
}

async function schedulePostcheck(s: StepContext): Promise<{ dueAt: Date; days: number }> {
  const days = await postcheckDaysOf(s.trx, s.app.park_id);
  const { value: dueAt } = withLenientCalendar(s.calendar, s.now, (cal) => cal.computeDueAt(s.now, days));
  await s.trx
    .insertInto('service_postchecks')
    .values({ park_id: s.app.park_id, application_id: s.app.id, enterprise_id: s.app.enterprise_id, item_id: s.app.item_id, status: 'scheduled', due_at: dueAt, created_at: s.now })
    .execute();
  return { dueAt, days };
}

async function applyAction(s: StepContext): Promise<Applied> {
  const { app, input, now, actor } = s;
  const item = app.item_name;
  const materials = app.item_materials;
  switch (input.action) {
    case 'accept': {
      const missing = missingMaterials(materials, s.loaded.files, s.loaded.chengnuo);
      if (missing.length > 0) throw invalidState(`尚缺申请材料:${missing.map((m) => `“${m.name}”`).join('、')}。请一次性告知补正,或对可容缺的材料容缺受理`);
      const clock = startClock(s, now, 0);
      const notes = await toApplicant(s, 'application.accepted', `办件已受理 ${app.number}`, `“${item}”已受理,承诺于${shanghaiDate(clock.due_at)}前办结。`);
      return { patch: { ...clock, accepted_at: now, accepted_by: actor.userId }, data: { dueAt: clock.due_at, legalDueAt: clock.legal_due_at }, notes };
    }
    case 'not_accept': {
      const ended = await endPause(s);
      const notes = await toApplicant(s, 'application.not_accepted', `办件不予受理 ${app.number}`, `“${item}”不予受理:${input.note}`, true);
      return {
        patch: { ...finishPatch(s, null), outcome: 'not_accepted', decided_at: now, decided_by: actor.userId, decision_note: input.note!, paused_days: ended?.pausedDays ?? app.paused_days },
        data: {},
        notes,
      };
    }
    case 'request_supplement': {
      const keys = [...new Set(input.materialKeys!)];
      const unknown = keys.find((k) => !materials.some((m) => m.key === k));
      if (unknown) throw fieldError('materialKeys', `材料“${unknown}”不是该事项的申请材料`);
      const names = keys.map((k) => materials.find((m) => m.key === k)!.name);
      const patch = await beginPause(s, { kind: 'supplement', name: '补正', materialKeys: keys });
      const notes = await toApplicant(s, 'application.supplement', `办件需补正材料 ${app.number}`, `请补正:${names.join('、')}。${input.note}${app.accepted_at ? '(补正期间办理时限暂停计算)' : ''}`, true);
      return { patch, data: { materialKeys: keys, materials: names }, notes };
    }
    case 'supply':
      return supply(s);
    case 'accept_rongque': {
      const missing = missingMaterials(materials, s.loaded.files, s.loaded.chengnuo);
      const problem = rongqueProblem(app, missing);
      if (problem) throw invalidState(problem);
      const latest = withLenientCalendar(s.calendar, now, (cal) => latestRongqueDeadline(cal, now, app.committed_days)).value;
      const today = shanghaiDate(now);
      const deadline = input.deadline!;
      if (deadline < today) throw fieldError('deadline', `补齐期限${deadline}早于今天(${today})`);
      if (deadline > latest) {
        throw fieldError('deadline', `补齐期限${deadline}晚于承诺办结期限${latest}:容缺材料须在承诺办结时限(${app.committed_days}个工作日,至${latest})内补齐`);
      }
      const clock = startClock(s, now, 0);
      const missingList = missing.map((m) => ({ key: m.key, name: m.name, form: m.form, deadline }));
      await s.trx
        .insertInto('service_rongque')
        .values({
          park_id: app.park_id,
          application_id: app.id,
          notice_number: `${app.number}-RQ`,
          missing: JSON.stringify(missingList),
          deadline,
          due_at: endOfShanghaiDay(deadline),
          committed_due_at: clock.due_at,
          created_by: actor.userId,
          created_at: now,
        })
        .execute();
      const notes = await toApplicant(
        s,
        'application.rongque',
        `办件已容缺受理 ${app.number}`,
        `请于${deadline}前补齐:${missingList.map((m) => m.name).join('、')}。逾期未补齐将终止办理。可下载容缺受理通知书。`,
        true,
      );
      return {
        patch: { ...clock, accepted_at: now, accepted_by: actor.userId, mode: app.mode === 'chengnuo' ? 'chengnuo' : 'rongque' },
        data: { deadline, latestDeadline: latest, missing: missingList.map((m) => m.key), dueAt: clock.due_at },
        notes,
      };
    }
    case 'start_special': {
      const name = input.specialName!;
      const known = app.special_procedures.find((p) => p.name === name);
      const patch = await beginPause(s, { kind: 'special', name, maxDays: known?.maxDays ?? null });
      const notes = await toApplicant(s, 'application.special', `办件进入特别程序 ${app.number}`, `“${item}”进入${name}${known ? `(不超过${known.maxDays}个工作日)` : ''},期间办理时限暂停计算。`);
      return { patch, data: { specialName: name, maxDays: known?.maxDays ?? null }, notes };
    }
    case 'end_special': {
      const ended = await endPause(s);
      const clock = startClock(s, app.accepted_at!, ended?.pausedDays ?? app.paused_days);
      const notes = await toApplicant(s, 'application.special_end', `特别程序结束 ${app.number}`, `办理时限恢复计算,承诺于${shanghaiDate(clock.due_at)}前办结。`);
      return { patch: { ...clock, paused_days: ended?.pausedDays ?? app.paused_days, paused_since: null, resume_status: null }, data: { pausedWorkingDays: ended?.pauseDays ?? 0, dueAt: clock.due_at }, notes };
    }
    case 'start_review':
      return { patch: { review_started_at: now }, data: {}, notes: [] };
    case 'approve': {
      const acceptedAt = app.accepted_at ?? now;
      if (!app.accepted_at) {
        const missing = missingMaterials(materials, s.loaded.files, s.loaded.chengnuo);
        if (missing.length > 0) throw invalidState(`尚缺申请材料:${missing.map((m) => `“${m.name}”`).join('、')},不能当场决定`);
      }
      const clock = app.accepted_at ? {} : startClock(s, now, 0);
      const extraEvents: Applied['extraEvents'] = [];
      const data: Record<string, unknown> = { resultDocNumber: input.resultDocNumber, onTheSpot: !app.accepted_at };
      if (app.mode === 'chengnuo') {
        const check = await schedulePostcheck(s);
        data.postcheckDueAt = check.dueAt;
        extraEvents.push({
          action: 'postcheck_scheduled',
          from_status: 'finished',
          to_status: 'finished',
          actor_id: null,
          actor_name: '系统',
          actor_role: 'system',
          note: `告知承诺事项,${check.days}个工作日内(${shanghaiDate(check.dueAt)}前)开展事后核查`,
          data: { dueAt: check.dueAt },
          at: now,
        });
      }
      const notes = await toApplicant(s, 'application.approved', `办件已办结(准予许可)${app.number}`, `“${item}”准予许可,文号 ${input.resultDocNumber}。请对本次办理作出评价。`, true);
      return {
        patch: {
          ...clock,
          ...finishPatch(s, acceptedAt),
          ...(app.accepted_at ? {} : { accepted_at: now, accepted_by: actor.userId }),
          outcome: 'approved',
          decided_at: now,
          decided_by: actor.userId,
          result_doc_number: input.resultDocNumber!,
          decision_note: input.note || null,
        },
        data,
        notes,
        extraEvents,
      };
    }
    case 'refuse': {
      const notes = await toApplicant(s, 'application.refused', `办件已办结(不予许可)${app.number}`, `“${item}”不予许可:${input.note}`, true);
      return { patch: { ...finishPatch(s, app.accepted_at), outcome: 'refused', decided_at: now, decided_by: actor.userId, decision_note: input.note! }, data: {}, notes };
    }
    case 'withdraw': {
      // A 容缺 still waiting simply ends with the case (the sweep acts only on cases in 容缺待补).
      const ended = await endPause(s);
      const notes = await toHandlers(s, 'application.withdrawn', `申请人已撤回办件 ${app.number}`, `${app.enterprise_name}:${item}`);
      return { patch: { ...finishPatch(s, app.accepted_at), outcome: 'withdrawn', decision_note: input.note || null, paused_days: ended?.pausedDays ?? app.paused_days }, data: {}, notes };
    }
    case 'record_visit':
      return { patch: { visits: app.visits + 1 }, data: { visits: app.visits + 1 }, notes: [] };
  }
}

/** The applicant supplies what a 补正 or a 容缺受理 asked for; the clock resumes. */
async function supply(s: StepContext): Promise<Applied> {
  const { app, now } = s;
  const stage = app.status === 'rongque' ? 'rongque' : 'supplement';
  const saved = await repo.insertMaterials(s.trx, materialRows(app.park_id, app.id, s.uploads, stage, s.actor, now));
  const files = [...s.loaded.files, ...saved.map((f) => ({ ...f, content_type: '', created_at: f.created_at }))];
  const has = (key: string, after?: Date) => files.some((f) => f.material_key === key && (!after || f.created_at.getTime() >= after.getTime()));
  const nameOf = (key: string) => app.item_materials.find((m) => m.key === key)?.name ?? key;
  const names = (keys: string[]) => keys.map((k) => `“${nameOf(k)}”`).join('、');
  const data: Record<string, unknown> = { files: saved.map((f) => ({ id: f.id, key: f.material_key, filename: f.filename })) };

  if (app.status === 'rongque') {
    const rongque = s.loaded.rongque!;
    const keys = (rongque.missing as { key: string }[]).map((m) => m.key);
    const still = keys.filter((k) => !has(k));
    if (still.length > 0) throw new AppError('VALIDATION_FAILED', `请上传容缺材料:${names(still)}`, still.map((k) => ({ path: `material.${k}`, message: `请上传“${nameOf(k)}”` })));
    await s.trx.updateTable('service_rongque').set({ supplied_at: now }).where('park_id', '=', app.park_id).where('id', '=', rongque.id).execute();
    const notes = await toHandlers(s, 'application.supplied', `容缺材料已补齐 ${app.number}`, `${app.enterprise_name}已补齐:${names(keys)}`);
    return { patch: {}, data: { ...data, rongque: keys }, notes };
  }

  const pause = s.loaded.openPause!;
  const still = pause.material_keys.filter((k) => !has(k, pause.started_at));
  if (still.length > 0) throw new AppError('VALIDATION_FAILED', `请上传补正材料:${names(still)}`, still.map((k) => ({ path: `material.${k}`, message: `请上传补正后的“${nameOf(k)}”` })));
  const ended = await endPause(s);
  const resumed = app.accepted_at ? startClock(s, app.accepted_at, ended!.pausedDays) : {};
  const notes = await toHandlers(s, 'application.supplied', `补正材料已提交 ${app.number}`, `${app.enterprise_name}已补正:${names(pause.material_keys)}`);
  return {
    patch: { ...resumed, paused_days: ended!.pausedDays, paused_since: null, resume_status: null },
    data: { ...data, pausedWorkingDays: ended!.pauseDays, dueAt: 'due_at' in resumed ? resumed.due_at : null },
    notes,
  };
}

/**
 * `POST /api/service-applications/:id/actions` (and `/supply` with files): 404 out of scope, 409
 * wrong state, 403 wrong person, 400 missing or wrong input.
 */
export async function actOnApplication(ctx: AppContext, actor: Actor, id: string, input: ServiceApplicationActionRequest, uploads: MaterialUpload[] = []): Promise<ApplicationDetailView> {
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  await ctx.db.transaction().execute(async (trx) => {
    const app = await repo.findApplication(trx, applicationScopeOf(actor), id, { forUpdate: true });
    if (!app) throw notFound('办件');
    const parties = partiesOf(actor, factsOf(app));
    const transition = applicationWorkflow.check(app, input.action, parties, input);
    if (uploads.length > 0 && input.action !== 'supply') throw fieldError('file', '只有补正或补齐容缺材料时可以上传文件');
    const checked = checkUploads(uploads, app.item_materials);
    const loaded = await loadCase(trx, app);
    const step: StepContext = { trx, ctx, actor, app, loaded, input, uploads: checked, calendar, now };
    const applied = await applyAction(step);
    await commitTransition(trx, ctx, actor, applicationStore, {
      row: app,
      to: applicationWorkflow.target(transition, app, input),
      patch: { ...applied.patch, updated_at: now },
      now,
      event: { action: applicationWorkflow.eventOf(transition), actorRole: roleOf(actor, applicationWorkflow.partyFor(transition, parties)), note: input.note, data: applied.data },
      extraEvents: applied.extraEvents,
      notes: applied.notes,
    });
  });
  return getApplication(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Rating 好差评
// ---------------------------------------------------------------------------------------------

export function ratingSubjectOf(app: Pick<repo.ApplicationWithNames, 'id' | 'park_id' | 'enterprise_id' | 'decided_by' | 'number' | 'item_name' | 'finished_at' | 'updated_at'>): RatingSubject {
  return {
    type: 'application',
    id: app.id,
    parkId: app.park_id,
    enterpriseId: app.enterprise_id,
    officerId: app.decided_by,
    caseNumber: app.number,
    category: app.item_name,
    title: app.item_name,
    closedAt: app.finished_at ?? app.updated_at,
  };
}

/**
 * `POST /api/service-applications/:id/rating`: the firm's own user rates a case the bureau ended
 * with a decision (准予/不予许可, 不予受理, 撤销), once, through the shared ratings module. The
 * timeline names the firm, not the person.
 */
export async function rateApplication(ctx: AppContext, actor: Actor, id: string, input: RateRequest): Promise<RatingView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const app = await repo.findApplication(trx, applicationScopeOf(actor), id, { forUpdate: true });
    if (!app) throw notFound('办件');
    if (!(hasRole(actor, 'enterprise') && actor.enterpriseId === app.enterprise_id)) throw forbidden('只有申请企业可以评价办件');
    if (!app.outcome || !(RATEABLE_APPLICATION_OUTCOMES as readonly string[]).includes(app.outcome)) {
      throw invalidState(app.outcome ? `办件${APPLICATION_OUTCOME_LABELS[app.outcome]},不参加评价` : '办件办结后才能评价');
    }
    const view = await rateSubject(trx, ctx, actor, ratingSubjectOf(app), input);
    await applicationEvents.write(trx, app.park_id, id, [ratedCaseEvent(app.status, app.enterprise_name, input.level, now)]);
    return view;
  });
}
