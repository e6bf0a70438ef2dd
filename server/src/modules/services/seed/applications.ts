/**
 * Demo park: a year of 办件 over the park's firms and the catalogue's items — accepted, 补正 and
 * 特别程序 pauses, 容缺受理 (mostly supplied, a few terminated), 告知承诺 decided on the spot with
 * their post-checks (one false promise revoked and its firm flagged), 代办 by liaisons, refusals,
 * withdrawals — open cases in every state for the approvers' queues, and three construction
 * projects in different stages. The demo `enterprise` firm has cases of its own, one of them
 * decided two days ago and waiting for its rating.
 *
 * Deterministic (a fixed seed; all times derive from `now`), written in batches inside the
 * caller's transaction. Ratings of the decided cases are left to the ratings module's seed, which
 * runs last and reads this table.
 */
import {
  CHENGNUO_BAD_CREDIT_TAG,
  CHENGNUO_BAD_CREDIT_TAG_LABEL,
  DEFAULT_POSTCHECK_DAYS,
  DEFAULT_STAGE_PLANNED_DAYS,
  PROJECT_STAGES,
  type ApplicationOutcome,
  type ApplicationStatus,
  type ProjectStage,
  type ServiceMaterial,
  type SpecialProcedure,
} from '@yuanqi/contract';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type {
  ServiceApplicationEventsTable,
  ServiceApplicationPausesTable,
  ServiceApplicationsTable,
  ServiceChengnuoTable,
  ServicePostchecksTable,
  ServiceRongqueTable,
} from '../../../db/schema-service-applications.js';
import { recordAudit } from '../../../platform/audit.js';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from '../../../platform/calendar/index.js';
import { calendarIn } from '../../ratings/deadlines.js';
import { finishFigures, lenientCalendar, pausedWorkingDays, reminderAt, runningDeadlines } from '../../../platform/workflow/index.js';
import type { PauseInterval } from '../applications/clock.js';
import { mulberry32 } from '../../../db/seed/random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CASES_PER_YEAR = 4_000;

/** A tiny valid one-page PDF standing in for every uploaded material of the demo. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n' +
    '4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Yuanqi demo material - scanned copy) Tj ET\nendstream endobj\n' +
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const SUPPLEMENT_NOTES = ['材料复印件不清晰,请重新上传清晰扫描件', '申请表缺少法定代表人签字', '营业执照已过有效期,请上传最新版本', '场地证明与申请地址不一致,请补正', '提交的图纸缺少设计单位盖章'];
const REFUSE_NOTES = ['经审查,申请事项不符合法定条件(场地未达到安全距离要求)', '现场核查发现生产条件与申请材料不符', '申请人不具备相应资质条件'];
const NOT_ACCEPT_NOTES = ['申请事项依法不需要取得行政许可', '申请事项不属于本机关职权范围,请向市市场监督管理局申请', '申请人主体资格不符合要求'];
const WITHDRAW_NOTES = ['企业经营计划调整,撤回申请', '填报信息有误,撤回后重新申请'];
const SPECIAL_FALLBACK: SpecialProcedure = { name: '现场核查', maxDays: 5 };

type Item = {
  id: string;
  code: string;
  name: string;
  case_kind: 'instant' | 'promised';
  committed_days: number;
  legal_days: number;
  materials: ServiceMaterial[];
  approver_ids: string[];
  special_procedures: SpecialProcedure[];
  chengnuo_allowed: boolean;
  chengnuo_text: string | null;
  project_stage: ProjectStage | null;
  visits: number;
};
type Firm = { id: string; name: string; liaison_id: string | null; contact_name: string | null; contact_phone: string | null };

type Event = Omit<Insertable<ServiceApplicationEventsTable>, 'park_id' | 'application_id'>;

/** What one simulated case turns into: its row and everything hanging off it. */
type CasePlan = {
  row: Insertable<ServiceApplicationsTable> & { id: string };
  events: Event[];
  files: { key: string; name: string; stage: 'filing' | 'supplement' | 'rongque'; at: Date }[];
  pauses: Omit<Insertable<ServiceApplicationPausesTable>, 'park_id' | 'application_id'>[];
  rongque: Omit<Insertable<ServiceRongqueTable>, 'park_id' | 'application_id'> | null;
  chengnuo: Omit<Insertable<ServiceChengnuoTable>, 'park_id' | 'application_id'> | null;
  postcheck: Omit<Insertable<ServicePostchecksTable>, 'park_id' | 'application_id' | 'enterprise_id' | 'item_id'> | null;
  revoked: boolean;
};

/** What a simulated case should do; unset fields are rolled. */
type Script = {
  item: Item;
  firm: Firm;
  submittedAt: Date;
  daiban?: boolean;
  mode?: 'normal' | 'rongque' | 'chengnuo';
  rongqueSupplied?: boolean;
  supplement?: boolean;
  special?: boolean;
  outcome?: 'approved' | 'refused' | 'not_accepted' | 'withdrawn';
  /** Fraction of the committed days the decision takes (> 1: late). */
  pace?: number;
  projectId?: string | null;
  /** Force the decision's moment (never before the previous step). */
  decisionAt?: Date;
};

type People = {
  applicantOf: Map<string, { id: string; name: string }>;
  liaisonNames: Map<string, string>;
  approverNames: Map<string, string>;
};

/** Deterministic UUIDs (v4-shaped) from the generator, so rows can refer to each other before insert. */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

class Simulator {
  readonly plans: CasePlan[] = [];
  private readonly sequences = new Map<string, number>();

  constructor(
    private readonly parkId: string,
    private readonly now: Date,
    private readonly calendar: WorkingCalendar,
    private readonly random: () => number,
    private readonly people: People,
  ) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** The instant `n` working days after `from` at a working hour (Shanghai). */
  workingAt(from: Date, n: number, hour = 9 + this.random() * 8): Date {
    const date = n === 0 ? shanghaiDate(from) : this.calendar.addWorkingDays(shanghaiDate(from), n);
    const at = new Date(startOfShanghaiDay(date).getTime() + hour * HOUR);
    return n === 0 && at.getTime() <= from.getTime() ? new Date(from.getTime() + (0.2 + this.random()) * HOUR) : at;
  }

  /** A working day's moment `days` (natural) before now, moved to the next working day when needed. */
  workingMoment(daysAgo: number): Date {
    const rough = new Date(this.now.getTime() - daysAgo * DAY);
    let date = shanghaiDate(rough);
    if (!this.calendar.isWorkingDay(date)) date = this.calendar.nextWorkingDay(date);
    const at = new Date(startOfShanghaiDay(date).getTime() + (8.5 + this.random() * 9) * HOUR);
    // Never in the future: a filing "today" happened before now.
    return at.getTime() < this.now.getTime() ? at : new Date(this.now.getTime() - (10 + this.random() * 120) * 60_000);
  }

  private numberOf(at: Date): string {
    const day = shanghaiDate(at).replaceAll('-', '');
    const seq = (this.sequences.get(day) ?? 0) + 1;
    this.sequences.set(day, seq);
    return `BJ${day}-${String(seq).padStart(4, '0')}`;
  }

  sequenceRows() {
    return [...this.sequences].map(([day, last]) => ({ park_id: this.parkId, day, last }));
  }

  /**
   * Simulates one case from filing to its end, keeping only what happened by `now`: the state
   * it is left in is whatever the last step before `now` made it.
   */
  simulate(script: Script): CasePlan | null {
    const { item, firm, submittedAt } = script;
    const now = this.now;
    if (submittedAt.getTime() > now.getTime()) return null;
    const r = this.random;
    const id = uuidFrom(r);
    const daiban = firm.liaison_id !== null && (script.daiban ?? r() < 0.4);
    const applicant = daiban ? { id: firm.liaison_id!, name: `${this.people.liaisonNames.get(firm.liaison_id!) ?? '驻企专员'}(代办)` } : this.people.applicantOf.get(firm.id);
    const applicantName = applicant?.name ?? firm.contact_name ?? '企业经办人';
    const approverId = item.approver_ids[0] ?? null;
    const approverName = approverId ? (this.people.approverNames.get(approverId) ?? '审批人员') : '审批局';
    const rongqueMaterials = item.materials.filter((m) => m.required && m.rongqueAllowed && !m.isKey);
    const chengnuoMaterials = item.materials.filter((m) => m.chengnuoReplaceable);
    const mode =
      script.mode ??
      (item.chengnuo_allowed && item.chengnuo_text && !daiban && r() < 0.17 ? 'chengnuo' : rongqueMaterials.length > 0 && r() < 0.24 ? 'rongque' : 'normal');
    const replaced = mode === 'chengnuo' ? chengnuoMaterials.filter(() => r() < 0.8).map((m) => m.key) : [];
    const missing = mode === 'rongque' ? [rongqueMaterials[Math.floor(r() * rongqueMaterials.length)]!] : [];

    const plan: CasePlan = {
      row: {
        id,
        park_id: this.parkId,
        number: this.numberOf(submittedAt),
        item_id: item.id,
        enterprise_id: firm.id,
        project_id: script.projectId ?? null,
        applicant_user_id: applicant?.id ?? null,
        applicant_name: applicantName,
        contact_name: firm.contact_name,
        contact_phone: firm.contact_phone,
        description: null,
        is_daiban: daiban,
        daiban_liaison_id: daiban ? firm.liaison_id : null,
        case_kind: item.case_kind,
        rongque_keys: missing.map((m) => m.key),
        mode: mode === 'rongque' ? 'normal' : mode,
        status: 'submitted',
        submitted_at: submittedAt,
        committed_days: item.committed_days,
        legal_days: item.legal_days,
        created_at: submittedAt,
        updated_at: submittedAt,
      },
      events: [],
      files: [],
      pauses: [],
      rongque: null,
      chengnuo: null,
      postcheck: null,
      revoked: false,
    };
    const row = plan.row;
    const applicantSide = { actor_id: applicant?.id ?? null, actor_name: daiban ? applicantName.replace('(代办)', '') : applicantName, actor_role: daiban ? 'liaison' : 'enterprise' };
    const handler = { actor_id: approverId, actor_name: approverName, actor_role: 'approver' };
    const system = { actor_id: null, actor_name: '系统', actor_role: 'system' };
    const event = (at: Date, who: { actor_id: string | null; actor_name: string; actor_role: string }, action: string, from: ApplicationStatus | null, to: ApplicationStatus, note: string | null = null, data: Record<string, unknown> | null = null) =>
      plan.events.push({ ...who, action, from_status: from, to_status: to, note, data: data ? JSON.stringify(data) : null, at });

    for (const m of item.materials) {
      if (replaced.includes(m.key) || missing.some((x) => x.key === m.key)) continue;
      if (m.required || r() < 0.5) plan.files.push({ key: m.key, name: m.name, stage: 'filing', at: submittedAt });
    }
    event(submittedAt, applicantSide, 'submit', null, 'submitted', daiban ? '驻企专员代办' : null, { itemId: item.id, isDaiban: daiban, rongqueKeys: row.rongque_keys });
    if (mode === 'chengnuo') {
      plan.chengnuo = { text: item.chengnuo_text!, replaced_keys: replaced, signer_id: applicant?.id ?? null, signer_name: applicantName, signed_at: submittedAt };
      event(submittedAt, applicantSide, 'sign_chengnuo', 'submitted', 'submitted', `承诺替代:${replaced.map((k) => item.materials.find((m) => m.key === k)!.name).join('、') || '无'}`, { replacedKeys: replaced });
    }

    const done = (at: Date) => at.getTime() > now.getTime();
    const outcomeRoll = r();
    const outcome = script.outcome ?? (outcomeRoll < 0.03 ? 'not_accepted' : outcomeRoll < 0.05 ? 'withdrawn' : outcomeRoll < 0.1 ? 'refused' : 'approved');

    // 受理 (or 不予受理 / 撤回 before it).
    const instant = item.case_kind === 'instant' || mode === 'chengnuo';
    const acceptAt = instant ? new Date(submittedAt.getTime() + (0.3 + r() * 2) * HOUR) : this.workingAt(submittedAt, r() < 0.6 ? 0 : 1);
    if (done(acceptAt)) return plan;
    if (outcome === 'not_accepted') {
      const note = this.pick(NOT_ACCEPT_NOTES);
      event(acceptAt, handler, 'not_accept', 'submitted', 'not_accepted', note);
      Object.assign(row, { status: 'not_accepted', outcome: 'not_accepted', finished_at: acceptAt, decided_at: acceptAt, decided_by: approverId, decision_note: note, updated_at: acceptAt });
      return plan;
    }
    if (outcome === 'withdrawn' && r() < 0.5) {
      event(acceptAt, applicantSide, 'withdraw', 'submitted', 'withdrawn', this.pick(WITHDRAW_NOTES));
      Object.assign(row, { status: 'withdrawn', outcome: 'withdrawn', finished_at: acceptAt, updated_at: acceptAt });
      return plan;
    }
    const pauses: PauseInterval[] = [];
    const lenient = (fn: (cal: WorkingCalendar) => Date) => fn(this.calendar);
    const dueOf = (paused: number) => lenient((cal) => runningDeadlines(cal, { startedAt: acceptAt, limitDays: item.committed_days, legalDays: item.legal_days, closedPausedDays: paused }).dueAt);
    const legalDueOf = (paused: number) => lenient((cal) => runningDeadlines(cal, { startedAt: acceptAt, limitDays: item.committed_days, legalDays: item.legal_days, closedPausedDays: paused }).legalDueAt);
    let status: ApplicationStatus = 'accepted';
    row.accepted_at = acceptAt;
    row.accepted_by = approverId;

    // 告知承诺: decided on the spot, post-check 20 working days later.
    if (mode === 'chengnuo' && outcome !== 'withdrawn') {
      const doc = `鹰高审批〔${shanghaiDate(acceptAt).slice(0, 4)}〕承${row.number.slice(-4)}号`;
      event(acceptAt, handler, 'approve', 'submitted', 'finished', '告知承诺,当场作出准予许可决定', { resultDocNumber: doc, onTheSpot: true });
      const dueAt = this.calendar.computeDueAt(acceptAt, DEFAULT_POSTCHECK_DAYS);
      event(acceptAt, system, 'postcheck_scheduled', 'finished', 'finished', `告知承诺事项,${DEFAULT_POSTCHECK_DAYS}个工作日内(${shanghaiDate(dueAt)}前)开展事后核查`, { dueAt });
      Object.assign(row, {
        status: 'finished',
        outcome: 'approved',
        finished_at: acceptAt,
        decided_at: acceptAt,
        decided_by: approverId,
        result_doc_number: doc,
        working_days_used: 0,
        within_limit: true,
        due_at: dueOf(0),
        legal_due_at: legalDueOf(0),
        visits: item.visits > 0 && r() < 0.3 ? 1 : 0,
        updated_at: acceptAt,
      });
      const checkedAt = this.workingAt(dueAt, 0, 10 + r() * 6);
      const checkedEarly = new Date(Math.min(checkedAt.getTime(), acceptAt.getTime() + (8 + r() * 16) * DAY));
      if (checkedEarly.getTime() < now.getTime() && (r() < 0.96 || dueAt.getTime() > now.getTime())) {
        plan.postcheck = { status: 'passed', due_at: dueAt, checked_at: checkedEarly, checked_by: approverId, result: '现场核查,承诺事项属实', created_at: acceptAt };
        event(checkedEarly, handler, 'postcheck_passed', 'finished', 'finished', '现场核查,承诺事项属实', null);
      } else {
        plan.postcheck = { status: 'scheduled', due_at: dueAt, overdue_at: dueAt.getTime() < now.getTime() ? new Date(dueAt.getTime() + HOUR) : null, created_at: acceptAt };
        if (dueAt.getTime() < now.getTime()) event(new Date(dueAt.getTime() + HOUR), system, 'postcheck_overdue', 'finished', 'finished', `事后核查期限(${shanghaiDate(dueAt)})已过,尚未登记核查结果`);
      }
      return plan;
    }

    // 容缺受理: the missing non-key material due within the committed limit.
    if (mode === 'rongque') {
      const latest = shanghaiDate(dueOf(0));
      const wanted = this.calendar.addWorkingDays(shanghaiDate(acceptAt), Math.max(0, Math.min(3, item.committed_days)));
      const deadline = wanted < latest ? wanted : latest;
      const list = missing.map((m) => ({ key: m.key, name: m.name, form: m.form, deadline }));
      plan.rongque = { notice_number: `${row.number}-RQ`, missing: JSON.stringify(list), deadline, due_at: endOfShanghaiDay(deadline), committed_due_at: dueOf(0), created_by: approverId, created_at: acceptAt };
      event(acceptAt, handler, 'accept_rongque', 'submitted', 'rongque', null, { deadline, latestDeadline: latest, missing: list.map((m) => m.key) });
      Object.assign(row, { mode: 'rongque', status: 'rongque', due_at: dueOf(0), legal_due_at: legalDueOf(0), warn_at: reminderAt(this.calendar, acceptAt, dueOf(0)), updated_at: acceptAt });
      const supplied = script.rongqueSupplied ?? r() < 0.9;
      const dueEnd = endOfShanghaiDay(deadline);
      if (supplied) {
        const at = new Date(Math.min(dueEnd.getTime() - 2 * HOUR, acceptAt.getTime() + (2 + r() * 40) * HOUR));
        if (done(at)) return plan;
        plan.files.push(...missing.map((m) => ({ key: m.key, name: m.name, stage: 'rongque' as const, at })));
        plan.rongque.supplied_at = at;
        event(at, applicantSide, 'supply', 'rongque', 'accepted', '已补齐容缺材料', { rongque: missing.map((m) => m.key) });
        status = 'accepted';
        row.status = 'accepted';
      } else {
        const at = new Date(dueEnd.getTime() + 5 * 60_000);
        if (done(at)) return plan;
        const figures = finishFigures(this.calendar, { startedAt: acceptAt, limitDays: item.committed_days, pauses }, at);
        plan.rongque.terminated_at = at;
        const note = `容缺材料(${missing.map((m) => m.name).join('、')})未在${deadline}前补齐,终止办理`;
        event(at, system, 'terminate', 'rongque', 'terminated', note, { deadline });
        Object.assign(row, { status: 'terminated', outcome: 'terminated', finished_at: at, decision_note: note, working_days_used: figures.workingDaysUsed, within_limit: figures.withinLimit, warn_at: null, updated_at: at });
        return plan;
      }
    } else {
      event(acceptAt, handler, 'accept', 'submitted', 'accepted', null, { dueAt: dueOf(0) });
      Object.assign(row, { status: 'accepted', due_at: dueOf(0), legal_due_at: legalDueOf(0), warn_at: reminderAt(this.calendar, acceptAt, dueOf(0)), updated_at: acceptAt });
    }
    let cursor = new Date(Math.max(acceptAt.getTime(), plan.rongque?.supplied_at ? (plan.rongque.supplied_at as Date).getTime() : 0));
    let paused = 0;

    // 补正: a material asked again, the clock paused until the applicant supplies it.
    const pauseFor = (kind: 'supplement' | 'special', start: Date, lengthDays: number, name: string, keys: string[], maxDays: number | null, note: string | null): boolean => {
      const from = status;
      plan.pauses.push({ kind, name, material_keys: keys, note, max_days: maxDays, started_at: start, started_by: approverId, ended_at: null, ended_by: null, working_days: null });
      const pause = plan.pauses.at(-1)!;
      if (kind === 'supplement') {
        event(start, handler, 'request_supplement', from, 'supplementing', note, { materialKeys: keys });
      } else {
        event(start, handler, 'start_special', from, 'special', null, { specialName: name, maxDays });
      }
      Object.assign(row, { status: kind === 'supplement' ? 'supplementing' : 'special', paused_since: start, resume_status: from, due_at: null, legal_due_at: null, warn_at: null, updated_at: start });
      const end = this.workingAt(start, lengthDays);
      if (done(end)) return false;
      const interval: PauseInterval = { id: '', kind, name, materialKeys: keys, note, maxDays, startedAt: start, endedAt: end };
      pauses.push(interval);
      const days = pausedWorkingDays(this.calendar, acceptAt, [interval], end);
      paused = pausedWorkingDays(this.calendar, acceptAt, pauses, end);
      Object.assign(pause, { ended_at: end, ended_by: kind === 'supplement' ? (applicant?.id ?? null) : approverId, working_days: days });
      if (kind === 'supplement') {
        plan.files.push(...keys.map((k) => ({ key: k, name: item.materials.find((m) => m.key === k)!.name, stage: 'supplement' as const, at: end })));
        event(end, applicantSide, 'supply', 'supplementing', from, '已按要求补正', { pausedWorkingDays: days });
      } else {
        event(end, handler, 'end_special', 'special', from, null, { pausedWorkingDays: days });
      }
      Object.assign(row, { status: from, paused_since: null, resume_status: null, paused_days: paused, due_at: dueOf(paused), legal_due_at: legalDueOf(paused), warn_at: reminderAt(this.calendar, end, dueOf(paused)), updated_at: end });
      cursor = end;
      return true;
    };

    const supplement = script.supplement ?? r() < 0.12;
    if (supplement && item.committed_days > 0) {
      const key = (item.materials.filter((m) => m.required)[Math.floor(r() * item.materials.filter((m) => m.required).length)] ?? item.materials[0])?.key;
      if (key) {
        const start = this.workingAt(cursor, 1);
        if (done(start)) return plan;
        if (!pauseFor('supplement', start, 2 + Math.floor(r() * 6), '补正', [key], null, this.pick(SUPPLEMENT_NOTES))) return plan;
      }
    }
    if (outcome === 'withdrawn') {
      const at = this.workingAt(cursor, 1);
      if (done(at)) return plan;
      const figures = finishFigures(this.calendar, { startedAt: acceptAt, limitDays: item.committed_days, pauses }, at);
      event(at, applicantSide, 'withdraw', status, 'withdrawn', this.pick(WITHDRAW_NOTES));
      Object.assign(row, { status: 'withdrawn', outcome: 'withdrawn', finished_at: at, working_days_used: figures.workingDaysUsed, within_limit: figures.withinLimit, warn_at: null, updated_at: at });
      return plan;
    }
    if (item.committed_days > 0) {
      const reviewAt = this.workingAt(cursor, r() < 0.5 ? 0 : 1);
      if (done(reviewAt)) return plan;
      event(reviewAt, handler, 'start_review', status, 'reviewing');
      status = 'reviewing';
      Object.assign(row, { status, review_started_at: reviewAt, updated_at: reviewAt });
      cursor = reviewAt;
      const special = script.special ?? (item.special_procedures.length > 0 && r() < 0.2);
      if (special) {
        const procedure = item.special_procedures[0] ?? SPECIAL_FALLBACK;
        const start = this.workingAt(cursor, 1);
        if (done(start)) return plan;
        if (!pauseFor('special', start, Math.min(procedure.maxDays, 3 + Math.floor(r() * 7)), procedure.name, [], procedure.maxDays, null)) return plan;
      }
    }

    // 决定 = 办结: most within the committed limit, a few late; the decision falls on the working
    // day on which the clock (pauses excluded) reaches the planned number of days.
    const pace = script.pace ?? (r() < 0.05 ? 1.1 + r() * 0.5 : 0.3 + r() * 0.7);
    const planned = item.committed_days === 0 ? 0 : Math.max(1, Math.round(item.committed_days * pace) + (pace > 1 ? 1 : 0));
    const onDay = item.committed_days === 0 ? new Date(acceptAt.getTime() + (0.2 + r()) * HOUR) : this.workingAt(acceptAt, planned + paused);
    const decisionAt = new Date(Math.max(cursor.getTime() + HOUR, (script.decisionAt ?? onDay).getTime()));
    if (done(decisionAt)) return plan;
    const figures = finishFigures(this.calendar, { startedAt: acceptAt, limitDays: item.committed_days, pauses }, decisionAt);
    const visits = item.visits > 0 ? (r() < 0.6 ? 1 : 0) : r() < 0.03 ? 1 : 0;
    for (let v = 0; v < visits; v++) event(new Date(decisionAt.getTime() - HOUR), handler, 'record_visit', status, status, '申请人到窗口领取证照', { visits: v + 1 });
    if (outcome === 'refused') {
      const note = this.pick(REFUSE_NOTES);
      event(decisionAt, handler, 'refuse', status, 'finished', note);
      Object.assign(row, { status: 'finished', outcome: 'refused', finished_at: decisionAt, decided_at: decisionAt, decided_by: approverId, decision_note: note, working_days_used: figures.workingDaysUsed, within_limit: figures.withinLimit, warn_at: null, visits, updated_at: decisionAt });
    } else {
      const doc = `鹰高审批〔${shanghaiDate(decisionAt).slice(0, 4)}〕${row.number.slice(-4)}号`;
      event(decisionAt, handler, 'approve', status, 'finished', null, { resultDocNumber: doc });
      Object.assign(row, { status: 'finished', outcome: 'approved', finished_at: decisionAt, decided_at: decisionAt, decided_by: approverId, result_doc_number: doc, working_days_used: figures.workingDaysUsed, within_limit: figures.withinLimit, warn_at: null, visits, updated_at: decisionAt });
    }
    return plan;
  }
}

/** Weighted choice of the item a firm applies for: common 企业开办 and 即办 items more often, project items rarely outside projects. */
function itemWeights(items: Item[]): number[] {
  return items.map((item, i) => {
    if (item.project_stage) return 0.25;
    let w = item.case_kind === 'instant' ? 2 : 1;
    if (i < 12) w *= 3;
    if (item.chengnuo_allowed) w *= 1.3;
    return w;
  });
}

function weightedPicker<T>(list: T[], weights: number[], random: () => number): () => T {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const x = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! >= x) hi = mid;
      else lo = mid + 1;
    }
    return list[lo]!;
  };
}

/** Demo park: a year of applications (容缺, 承诺 among them) and three construction projects. */
export async function seedServiceApplications(trx: Transaction<DB>, opts: { parkId: string; now: Date }): Promise<void> {
  const { parkId, now } = opts;
  const random = mulberry32(20_261_127);
  const items = (await trx
    .selectFrom('service_items')
    .select(['id', 'code', 'name', 'case_kind', 'committed_days', 'legal_days', 'materials', 'approver_ids', 'special_procedures', 'chengnuo_allowed', 'chengnuo_text', 'project_stage', 'visits'])
    .where('park_id', '=', parkId)
    .where('status', '=', 'active')
    .orderBy('code')
    .execute()) as Item[];
  if (items.length === 0) return;
  const firms = (await trx.selectFrom('enterprises').select(['id', 'name', 'liaison_id', 'contact_name', 'contact_phone']).where('park_id', '=', parkId).orderBy('uscc').execute()) as Firm[];
  if (firms.length === 0) return;
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'roles', 'enterprise_id']).where('park_id', '=', parkId).orderBy('username').execute();
  const applicantOf = new Map<string, { id: string; name: string }>();
  for (const u of users) if (u.enterprise_id && u.roles.includes('enterprise') && !applicantOf.has(u.enterprise_id)) applicantOf.set(u.enterprise_id, { id: u.id, name: u.display_name });
  const people: People = {
    applicantOf,
    liaisonNames: new Map(users.filter((u) => u.roles.includes('liaison')).map((u) => [u.id, u.display_name])),
    approverNames: new Map(users.filter((u) => u.roles.includes('approver')).map((u) => [u.id, u.display_name])),
  };
  const demoFirmId = users.find((u) => u.username === 'enterprise')?.enterprise_id ?? null;
  const calendar = lenientCalendar(await calendarIn(trx), now).calendar;
  const sim = new Simulator(parkId, now, calendar, random, people);

  // A year of filings, spread over the working days (busier towards the present).
  const general = items.filter((i) => !i.project_stage || random() < 0.5);
  const pickItem = weightedPicker(general, itemWeights(general), random);
  const pickFirm = () => firms[Math.floor(Math.pow(random(), 1.6) * firms.length)]!;
  const scripts: Script[] = [];
  for (let n = 0; n < CASES_PER_YEAR; n++) {
    const daysAgo = 365 * Math.pow(random(), 1.15);
    scripts.push({ item: pickItem(), firm: pickFirm(), submittedAt: sim.workingMoment(daysAgo) });
  }
  // The last weeks: open cases in every state for the approvers' queues.
  const recentItem = () => {
    for (;;) {
      const item = pickItem();
      if (item.case_kind === 'promised' && item.committed_days >= 3) return item;
    }
  };
  for (let n = 0; n < 10; n++) scripts.push({ item: recentItem(), firm: pickFirm(), submittedAt: sim.workingMoment(random() * 1.5), mode: 'normal', outcome: 'approved' });
  for (let n = 0; n < 6; n++) scripts.push({ item: recentItem(), firm: pickFirm(), submittedAt: sim.workingMoment(2 + random() * 3), mode: 'normal', supplement: true, outcome: 'approved', pace: 1 });
  for (let n = 0; n < 4; n++) {
    const item = items.find((i, k) => k >= n * 7 && i.special_procedures.length > 0 && !i.project_stage && i.committed_days >= 5) ?? recentItem();
    scripts.push({ item, firm: pickFirm(), submittedAt: sim.workingMoment(4 + random() * 2), mode: 'normal', special: true, supplement: false, outcome: 'approved', pace: 1.2 });
  }
  const rongqueItems = items.filter((i) => !i.project_stage && i.committed_days >= 5 && i.materials.some((m) => m.required && m.rongqueAllowed && !m.isKey));
  for (let n = 0; n < 4; n++) scripts.push({ item: rongqueItems[(n * 5) % rongqueItems.length]!, firm: pickFirm(), submittedAt: sim.workingMoment(random() * 2), mode: 'rongque', rongqueSupplied: false, outcome: 'approved' });
  for (let n = 0; n < 3; n++) scripts.push({ item: recentItem(), firm: pickFirm(), submittedAt: sim.workingMoment(9 + random() * 4), mode: 'normal', supplement: false, special: false, outcome: 'approved', pace: 1.6 });

  // The demo enterprise: an older rated case, one decided two days ago (to rate), one in 补正, one under review.
  if (demoFirmId) {
    const firm = firms.find((f) => f.id === demoFirmId)!;
    const common = items.filter((i) => !i.project_stage && i.case_kind === 'promised' && i.committed_days >= 3 && i.approver_ids.length > 0);
    const rateable = common.find((i) => i.committed_days >= 5) ?? common[1]!;
    scripts.push({ item: common[0]!, firm, submittedAt: sim.workingMoment(40), daiban: false, mode: 'normal', supplement: false, special: false, outcome: 'approved', pace: 0.6 });
    scripts.push({ item: rateable, firm, submittedAt: sim.workingMoment(7), daiban: false, mode: 'normal', supplement: false, special: false, outcome: 'approved', decisionAt: sim.workingMoment(2) });
    scripts.push({ item: common[2]!, firm, submittedAt: sim.workingMoment(2), daiban: false, mode: 'normal', supplement: true, special: false, outcome: 'approved', pace: 1 });
    scripts.push({ item: common[3]!, firm, submittedAt: sim.workingMoment(1), daiban: true, mode: 'normal', supplement: false, special: false, outcome: 'approved', pace: 1 });
  }

  scripts.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  for (const script of scripts) {
    const plan = sim.simulate(script);
    if (plan) sim.plans.push(plan);
  }

  // One false promise: the earliest checked 告知承诺 case is found false on its post-check.
  const falsePromise = sim.plans.find((p) => p.postcheck?.status === 'passed' && p.row.enterprise_id !== demoFirmId);
  if (falsePromise) {
    const check = falsePromise.postcheck!;
    const note = '现场核查发现承诺已具备的经营场地不存在,属虚假承诺';
    check.status = 'failed';
    check.result = note;
    const at = check.checked_at as Date;
    falsePromise.events = falsePromise.events.filter((e) => e.action !== 'postcheck_passed');
    const approver = falsePromise.events.find((e) => e.action === 'approve')!;
    falsePromise.events.push({ ...approver, action: 'postcheck_failed', from_status: 'finished', to_status: 'finished', note, data: null, at });
    falsePromise.events.push({ ...approver, action: 'revoke', from_status: 'finished', to_status: 'revoked', note: `核查发现虚假承诺,撤销准予许可决定(文号 ${falsePromise.row.result_doc_number})`, data: null, at });
    Object.assign(falsePromise.row, { status: 'revoked', outcome: 'revoked' as ApplicationOutcome, revoked_at: at, decision_note: `核查发现虚假承诺,撤销审批决定:${note}` });
    falsePromise.revoked = true;
  }

  // Construction projects.
  const projectRows = await seedProjects(trx, parkId, now, sim, firms, items, demoFirmId, random);

  await writePlans(trx, parkId, sim.plans);
  await trx
    .insertInto('service_application_number_sequences')
    .values(sim.sequenceRows())
    .onConflict((oc) => oc.columns(['park_id', 'day']).doUpdateSet({ last: sql`greatest(service_application_number_sequences.last, excluded.last)` }))
    .execute();

  if (falsePromise) {
    await trx.insertInto('dictionaries').values({ park_id: parkId, kind: 'tag', code: CHENGNUO_BAD_CREDIT_TAG, label: CHENGNUO_BAD_CREDIT_TAG_LABEL, sort: 900, extra: null }).onConflict((oc) => oc.columns(['park_id', 'kind', 'code']).doNothing()).execute();
    await trx.updateTable('enterprises').set({ tags: sql`array_append(tags, ${CHENGNUO_BAD_CREDIT_TAG})`, version: sql`version + 1` }).where('park_id', '=', parkId).where('id', '=', falsePromise.row.enterprise_id).execute();
  }

  const byStatus: Record<string, number> = {};
  for (const p of sim.plans) byStatus[p.row.status] = (byStatus[p.row.status] ?? 0) + 1;
  await recordAudit(trx, null, parkId, [
    {
      action: 'seed',
      entity: 'service_applications',
      entityId: parkId,
      before: null,
      after: {
        applications: sim.plans.length,
        byStatus,
        daiban: sim.plans.filter((p) => p.row.is_daiban).length,
        rongque: sim.plans.filter((p) => p.rongque).length,
        chengnuo: sim.plans.filter((p) => p.chengnuo).length,
        projects: projectRows,
        revokedFirm: falsePromise?.row.enterprise_id ?? null,
      },
    },
  ], now);
}

/** Three projects: one through all four stages, one in 施工许可 (the demo firm's), one just started. */
async function seedProjects(
  trx: Transaction<DB>,
  parkId: string,
  now: Date,
  sim: Simulator,
  firms: Firm[],
  items: Item[],
  demoFirmId: string | null,
  random: () => number,
): Promise<number> {
  const stageItems = (stage: ProjectStage) => items.filter((i) => i.project_stage === stage && i.case_kind === 'promised' && i.approver_ids.length > 0);
  const bigFirms = firms.filter((f) => f.liaison_id !== null);
  const specs = [
    { code: '2025-360600-32-03-018861', name: '高精度铜板带智能化生产线建设项目', location: '鹰潭高新区铜产业园B-07地块', investmentFen: 68_000_000_000, firm: bigFirms[3] ?? firms[0]!, daysAgo: 220, stages: 4 },
    { code: '2026-360600-39-03-004127', name: '物联网智能传感器产业化项目', location: '鹰潭高新区智能制造产业园C-15地块', investmentFen: 32_000_000_000, firm: firms.find((f) => f.id === demoFirmId) ?? bigFirms[7] ?? firms[1]!, daysAgo: 50, stages: 3 },
    { code: '2026-360600-27-03-009935', name: '大健康医疗器械研发生产基地项目', location: '鹰潭高新区大健康产业园A-03地块', investmentFen: 15_000_000_000, firm: bigFirms[11] ?? firms[2]!, daysAgo: 12, stages: 1 },
  ];
  for (const spec of specs) {
    const startedAt = startOfShanghaiDay(shanghaiDate(sim.workingMoment(spec.daysAgo)));
    const project = await trx
      .insertInto('service_projects')
      .values({
        park_id: parkId,
        enterprise_id: spec.firm.id,
        code: spec.code,
        name: spec.name,
        location: spec.location,
        investment_fen: spec.investmentFen,
        started_at: startedAt,
        status: spec.stages === 4 ? 'completed' : 'active',
        completed_at: null,
        created_at: startedAt,
        updated_at: startedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('service_project_stages')
      .values(PROJECT_STAGES.map((stage, i) => ({ park_id: parkId, project_id: project.id, stage, sort: i + 1, planned_days: DEFAULT_STAGE_PLANNED_DAYS[stage] })))
      .execute();
    // Stage by stage: its items filed together (parallel), the next stage once the last is decided.
    let cursor = new Date(startedAt.getTime() + 10 * HOUR);
    let lastEnd: Date | null = null;
    for (const stage of PROJECT_STAGES.slice(0, spec.stages)) {
      const pool = stageItems(stage);
      // 施工许可 with the utility hook-ups (供水, 供电: the long ones), so a project can still be in it.
      const chosen = stage === 'construction' ? [...pool].sort((a, b) => b.committed_days - a.committed_days).slice(0, 3) : pool.filter((_, i) => i % 2 === 0).slice(0, 3);
      const ends: Date[] = [];
      for (const [k, item] of chosen.entries()) {
        const submittedAt = sim.workingAt(cursor, k === 0 ? 0 : 1, 9 + random() * 7);
        const plan = sim.simulate({ item, firm: spec.firm, submittedAt, daiban: k === 1, mode: 'normal', supplement: k === 2 && stage !== 'acceptance', special: false, outcome: 'approved', pace: 0.7, projectId: project.id });
        if (!plan) continue;
        sim.plans.push(plan);
        if (plan.row.finished_at) ends.push(plan.row.finished_at as Date);
      }
      if (ends.length < chosen.length) break;
      lastEnd = new Date(Math.max(...ends.map((d) => d.getTime())));
      cursor = sim.workingAt(lastEnd, 1, 9.5);
      if (cursor.getTime() > now.getTime()) break;
    }
    if (spec.stages === 4 && lastEnd) await trx.updateTable('service_projects').set({ completed_at: lastEnd, updated_at: lastEnd }).where('id', '=', project.id).execute();
  }
  return specs.length;
}

/**
 * Inserts rows through one JSON parameter per chunk (`jsonb_populate_recordset` over the table's
 * own row type): far fewer bound parameters than a multi-row VALUES, which is what makes a few
 * thousand cases fast on PGlite. `shared` adds one column whose value is the same for every row
 * (the demo PDF), bound once.
 */
async function insertRecords(trx: Transaction<DB>, table: string, rows: Record<string, unknown>[], shared?: { column: string; value: Buffer }): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const list = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += 2000) {
    const slice = JSON.stringify(rows.slice(i, i + 2000));
    await sql`insert into ${sql.table(table)} (${list}${shared ? sql`, ${sql.ref(shared.column)}` : sql``})
      select ${list}${shared ? sql`, ${shared.value}::bytea` : sql``} from jsonb_populate_recordset(null::${sql.table(table)}, ${slice}::jsonb)`.execute(trx);
  }
}

const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

async function writePlans(trx: Transaction<DB>, parkId: string, plans: CasePlan[]): Promise<void> {
  const defaults = { project_id: null, applicant_user_id: null, contact_name: null, contact_phone: null, description: null, daiban_liaison_id: null, accepted_at: null, accepted_by: null, review_started_at: null, decided_at: null, decided_by: null, finished_at: null, outcome: null, result_doc_number: null, decision_note: null, paused_days: 0, paused_since: null, resume_status: null, working_days_used: null, within_limit: null, visits: 0, due_at: null, legal_due_at: null, warn_at: null, warned_at: null, overdue_at: null, revoked_at: null, calendar_guessed: false };
  await insertRecords(trx, 'service_applications', plans.map((p) => ({ ...defaults, ...p.row })));
  const events = plans.flatMap((p) =>
    p.events
      .sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime())
      .map((e) => ({ park_id: parkId, application_id: p.row.id, action: e.action, from_status: e.from_status ?? null, to_status: e.to_status ?? null, actor_id: e.actor_id ?? null, actor_name: e.actor_name, actor_role: e.actor_role ?? null, note: e.note ?? null, data: parsed(e.data), at: e.at })),
  );
  await insertRecords(trx, 'service_application_events', events);
  const files = plans.flatMap((p) =>
    p.files.map((f, i) => ({
      park_id: parkId,
      application_id: p.row.id,
      material_key: f.key,
      material_name: f.name,
      stage: f.stage,
      filename: `${f.name}.pdf`,
      content_type: 'application/pdf',
      size: DEMO_PDF.length,
      uploaded_by: (p.row.applicant_user_id as string | null) ?? null,
      created_at: new Date(f.at.getTime() + i),
    })),
  );
  await insertRecords(trx, 'service_application_materials', files, { column: 'data', value: DEMO_PDF });
  const pauses = plans.flatMap((p) => p.pauses.map((x) => ({ park_id: parkId, application_id: p.row.id, kind: x.kind, name: x.name, material_keys: x.material_keys ?? [], note: x.note ?? null, max_days: x.max_days ?? null, started_at: x.started_at, started_by: x.started_by ?? null, ended_at: x.ended_at ?? null, ended_by: x.ended_by ?? null, working_days: x.working_days ?? null })));
  await insertRecords(trx, 'service_application_pauses', pauses);
  const rongque = plans.filter((p) => p.rongque).map((p) => ({ park_id: parkId, application_id: p.row.id, supplied_at: null, terminated_at: null, ...p.rongque!, missing: parsed(p.rongque!.missing) }));
  await insertRecords(trx, 'service_rongque', rongque);
  const chengnuo = plans.filter((p) => p.chengnuo).map((p) => ({ park_id: parkId, application_id: p.row.id, ...p.chengnuo! }));
  await insertRecords(trx, 'service_chengnuo', chengnuo);
  const checks = plans
    .filter((p) => p.postcheck)
    .map((p) => ({ park_id: parkId, application_id: p.row.id, enterprise_id: p.row.enterprise_id, item_id: p.row.item_id, overdue_at: null, checked_at: null, checked_by: null, result: null, ...p.postcheck! }));
  await insertRecords(trx, 'service_postchecks', checks);
}
