/**
 * A year of demo history for the demands domain, up to the seed's `now`: about 3,000 demands
 * across categories and liaisons (most closed on time, some late, escalated and taken up by the
 * weekly dispatch meeting, some open and a few overdue right now), their timelines, visits with
 * 代办 records, dispatch meetings with decisions and monthly targets.
 *
 * Deterministic content (a seeded PRNG, no Math.random); every deadline comes from the working-day
 * calendar exactly as the live service computes it. Writes in batches of at most 1,000 rows.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { DemandCategory } from '@yuanqi/contract';
import type { DemandsTable, DispatchItemsTable, DaibanRecordsTable, VisitsTable } from '../../../db/schema-demands.js';
import type { DB } from '../../../db/schema.js';
import { recordAudit } from '../../../platform/audit.js';
import { WorkingCalendar, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type AdminCalendarYear } from '../../../platform/calendar/index.js';
import { ensureDemandCategories, loadCategories } from '../cases/categories.js';
import { previousWorkingDay, reminderAt, writeCaseEvents, type CaseEventEntry } from '../../../platform/workflow/index.js';
import { demandEvents } from '../cases/repository.js';
import * as T from './history-texts.js';
import { mulberry32 } from '../../../db/seed/random.js';

export type DemandHistoryOptions = {
  parkId: string;
  now: Date;
  /** How many demands the year holds (default 3,000). */
  demands?: number;
  seed?: number;
};

export type DemandHistoryResult = { demands: number; events: number; visits: number; daiban: number; meetings: number; items: number; targets: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEFAULT_SEED = 20261126;

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<V>(items: readonly V[]): V {
    return items[Math.floor(this.float() * items.length)]!;
  }
  weighted<V>(items: readonly { value: V; weight: number }[]): V {
    let r = this.float() * items.reduce((s, i) => s + i.weight, 0);
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item.value;
    }
    return items[items.length - 1]!.value;
  }
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function atShanghai(date: string, hour: number, minute = 0): Date {
  return new Date(startOfShanghaiDay(date).getTime() + hour * HOUR + minute * 60_000);
}

/** The built-in calendar, with any year it lacks in the window accepted as weekday-only (demo data only). */
function seedCalendar(from: Date, to: Date): WorkingCalendar {
  const builtin = new WorkingCalendar();
  const missing: AdminCalendarYear[] = [];
  for (let y = Number(shanghaiDate(from).slice(0, 4)) - 1; y <= Number(shanghaiDate(to).slice(0, 4)) + 1; y++) {
    if (builtin.yearSource(y) === 'missing') missing.push({ year: y, source: 'weekday_only', days: [] });
  }
  return missing.length ? new WorkingCalendar(missing) : builtin;
}

type Firm = { id: string; name: string; liaison_id: string | null; contact_name: string | null };
type Person = { id: string; name: string };

/** How one demand goes, decided before it is simulated (times follow from the calendar). */
type Plan = {
  withdrawAfterHours: number | null;
  acceptLateDays: number;
  acceptAfterMinutes: number;
  transferAfterHours: number | null;
  /** Working days from the accept to the answer; null = not answered (yet). */
  answerDays: number | null;
  rejectAfterHours: number | null;
  secondAnswerDays: number;
  close: 'confirm' | 'auto';
  confirmAfterHours: number;
  /** Handcrafted demo cases stay off the meeting agenda so their state is as written. */
  dispatchable: boolean;
};

type Simulated = {
  row: Insertable<DemandsTable> & { id: string; created_at: Date };
  events: CaseEventEntry[];
  items: { meetingAt: Date; item: Omit<Insertable<DispatchItemsTable>, 'meeting_id' | 'sort'> }[];
};

export async function seedDemandHistory(trx: Transaction<DB>, options: DemandHistoryOptions): Promise<DemandHistoryResult> {
  const { parkId, now } = options;
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const total = options.demands ?? 3000;
  const start = new Date(now.getTime() - 365 * DAY);
  const calendar = seedCalendar(start, new Date(now.getTime() + 90 * DAY));
  const today = shanghaiDate(now);

  await ensureDemandCategories(trx, parkId);
  const categories = await loadCategories(trx, parkId);
  const firms: Firm[] = await trx.selectFrom('enterprises').select(['id', 'name', 'liaison_id', 'contact_name']).where('park_id', '=', parkId).orderBy('uscc').execute();
  const users = await trx.selectFrom('users').select(['id', 'display_name', 'roles', 'enterprise_id', 'username']).where('park_id', '=', parkId).where('is_active', '=', true).orderBy('username').execute();
  const liaisons: Person[] = users.filter((u) => u.roles.includes('liaison')).map((u) => ({ id: u.id, name: u.display_name }));
  const dispatchers: Person[] = users.filter((u) => u.roles.includes('dispatcher')).map((u) => ({ id: u.id, name: u.display_name }));
  const firmUsers = new Map(users.filter((u) => u.roles.includes('enterprise') && u.enterprise_id).map((u) => [u.enterprise_id!, { id: u.id, name: u.display_name }]));
  const liaisonIds = new Set(liaisons.map((l) => l.id));
  const nameOf = new Map(users.map((u) => [u.id, u.display_name]));
  const office: Person = dispatchers[0] ?? { id: '', name: '调度专班' };
  const served = firms.filter((f) => f.liaison_id && liaisonIds.has(f.liaison_id));
  const firmsOf = new Map<string, Firm[]>();
  for (const f of served) firmsOf.set(f.liaison_id!, [...(firmsOf.get(f.liaison_id!) ?? []), f]);
  if (firms.length === 0) return { demands: 0, events: 0, visits: 0, daiban: 0, meetings: 0, items: 0, targets: 0 };

  // Weekly dispatch meetings: Monday 10:00 (the next working day when Monday is a holiday).
  const meetings: Date[] = [];
  {
    let monday = shanghaiDate(start);
    while (new Date(Date.parse(`${monday}T00:00:00Z`)).getUTCDay() !== 1) monday = addDays(monday, 1);
    for (; monday <= today; monday = addDays(monday, 7)) {
      let day = monday;
      while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
      const at = atShanghai(day, 10);
      if (at.getTime() <= now.getTime()) meetings.push(at);
    }
  }
  const nextMeetingAfter = (t: Date): Date | null => meetings.find((m) => m.getTime() > t.getTime()) ?? null;

  // Visits 走访 (2–4 per liaison per week) and the 代办 run during them -----------------------
  const visits: (Insertable<VisitsTable> & { id: string; created_at: Date; liaison_id: string; enterprise_id: string })[] = [];
  const daiban: Insertable<DaibanRecordsTable>[] = [];
  {
    let weekStart = shanghaiDate(start);
    while (new Date(Date.parse(`${weekStart}T00:00:00Z`)).getUTCDay() !== 1) weekStart = addDays(weekStart, 1);
    for (; weekStart <= today; weekStart = addDays(weekStart, 7)) {
      for (const liaison of liaisons) {
        const own = firmsOf.get(liaison.id);
        if (!own?.length) continue;
        const count = rng.int(2, 4);
        for (let i = 0; i < count; i++) {
          const day = addDays(weekStart, rng.int(0, 4));
          if (!calendar.isWorkingDay(day) || day > today) continue;
          const at = atShanghai(day, rng.int(9, 16), rng.int(0, 59));
          if (at.getTime() > now.getTime()) continue;
          const firm = rng.pick(own);
          const participants = `${firm.contact_name ?? '企业负责人'}(${rng.pick(T.VISIT_PARTICIPANTS)})`;
          const visit = { id: randomUUID(), park_id: parkId, liaison_id: liaison.id, enterprise_id: firm.id, visited_on: day, participants, findings: rng.pick(T.VISIT_FINDINGS), created_by: liaison.id, created_at: at };
          visits.push(visit);
          if (rng.chance(0.3)) {
            const d = rng.pick(T.DAIBAN_TEMPLATES);
            daiban.push({ park_id: parkId, liaison_id: liaison.id, enterprise_id: firm.id, visit_id: visit.id, kind: d.kind, description: d.description, case_number: null, done_on: day, created_by: liaison.id, created_at: at });
          }
        }
        // 代办 errands run outside visits: about two a month.
        if (rng.chance(0.45)) {
          const day = addDays(weekStart, rng.int(0, 4));
          if (calendar.isWorkingDay(day) && day < today) {
            const d = rng.pick(T.DAIBAN_TEMPLATES);
            const firm = rng.pick(own);
            daiban.push({ park_id: parkId, liaison_id: liaison.id, enterprise_id: firm.id, visit_id: null, kind: d.kind, description: d.description, case_number: rng.chance(0.5) ? `BJ${day.replaceAll('-', '')}-${String(rng.int(1, 300)).padStart(4, '0')}` : null, done_on: day, created_by: liaison.id, created_at: atShanghai(day, 15) });
          }
        }
      }
    }
  }

  // Demands --------------------------------------------------------------------------------------
  const randomFiling = (): Date => {
    for (;;) {
      let day = shanghaiDate(new Date(now.getTime() - rng.int(0, 364) * DAY));
      if (!calendar.isWorkingDay(day) && rng.chance(0.85)) {
        do day = addDays(day, 1);
        while (!calendar.isWorkingDay(day));
      }
      const at = atShanghai(day, rng.int(8, 18), rng.int(0, 59));
      if (at.getTime() < now.getTime() - HOUR) return at;
    }
  };

  const randomPlan = (filedAt: Date, answerDays: number): Plan => {
    const recent = now.getTime() - filedAt.getTime() < 25 * DAY;
    const late = rng.chance(0.09);
    return {
      withdrawAfterHours: rng.chance(0.02) ? rng.int(1, 20) : null,
      acceptLateDays: rng.chance(0.04) ? rng.int(1, 2) : 0,
      acceptAfterMinutes: rng.chance(0.7) ? rng.int(10, 240) : rng.int(240, 900),
      transferAfterHours: rng.chance(0.3) ? rng.int(2, 30) : null,
      answerDays: recent && rng.chance(0.12) ? null : late ? answerDays + rng.int(1, 5) : rng.int(1, answerDays),
      rejectAfterHours: rng.chance(0.05) ? rng.int(3, 40) : null,
      secondAnswerDays: rng.int(1, Math.max(1, answerDays - 1)),
      close: rng.chance(0.72) ? 'confirm' : 'auto',
      confirmAfterHours: rng.int(2, 72),
      dispatchable: true,
    };
  };

  const simulate = (firm: Firm, category: DemandCategory, source: 'enterprise' | 'liaison' | 'phone', filedAt: Date, plan: Plan, text: { title: string; content: string }, visitId: string | null): Simulated => {
    const id = randomUUID();
    const owner: Person | null = firm.liaison_id && liaisonIds.has(firm.liaison_id) ? { id: firm.liaison_id, name: nameOf.get(firm.liaison_id)! } : null;
    const firmUser = firmUsers.get(firm.id);
    const firmActor = { actor_id: firmUser?.id ?? null, actor_name: firmUser?.name ?? `${firm.contact_name ?? '联系人'}(${firm.name})`, actor_role: 'enterprise' };
    const system = { actor_id: null, actor_name: '系统', actor_role: 'system' };
    const events: CaseEventEntry[] = [];
    const items: Simulated['items'] = [];
    const acceptDue = calendar.computeDueAt(filedAt, category.acceptDays);
    const row: Simulated['row'] = {
      id,
      park_id: parkId,
      number: '',
      enterprise_id: firm.id,
      category: category.code,
      title: text.title,
      content: text.content,
      source,
      status: 'submitted',
      assignee_id: owner?.id ?? null,
      department: null,
      visit_id: visitId,
      accept_due_at: acceptDue,
      answer_due_at: calendar.computeDueAt(filedAt, category.answerDays),
      due_at: acceptDue,
      due_kind: 'accept',
      remind_at: null,
      reminded_at: null,
      overdue_at: null,
      escalated_at: null,
      escalation_count: 0,
      created_by: source === 'enterprise' ? (firmUser?.id ?? null) : source === 'liaison' ? (owner?.id ?? null) : office.id || null,
      created_at: filedAt,
      updated_at: filedAt,
    };
    let enteredAt = filedAt;
    const handler = (): Person => (row.assignee_id ? { id: row.assignee_id, name: nameOf.get(row.assignee_id) ?? '专员' } : office);
    const staffActor = () => {
      const h = handler();
      return { actor_id: h.id || null, actor_name: h.name, actor_role: liaisonIds.has(h.id) ? 'liaison' : 'dispatcher' };
    };
    const push = (at: Date, action: string, from: string | null, to: string | null, actor: { actor_id: string | null; actor_name: string; actor_role: string }, note: string | null, data: Record<string, unknown> | null = null) => {
      events.push({ caseId: id, event: { action, from_status: from, to_status: to, ...actor, note, data, at } });
      row.updated_at = at;
    };
    const startDeadline = (kind: 'accept' | 'answer', due: Date, at: Date) => {
      row.due_at = due;
      row.due_kind = kind;
      row.overdue_at = null;
      if (kind === 'answer') row.answer_due_at = due;
      else row.accept_due_at = due;
      enteredAt = at;
    };

    /**
     * Lets time run up to `t`: a deadline that passes first escalates (as the sweep would) and the
     * next weekly meeting decides on it — a new deadline the owner then meets. Answers the time the
     * next action really happens, or null when that is after `now`.
     */
    const advance = (planned: Date): Date | null => {
      let t = planned;
      for (let guard = 0; guard < 10; guard++) {
        const due = row.due_at as Date | null;
        if (!due || row.overdue_at) break;
        const escalateAt = new Date(due.getTime() + 60_000);
        if (escalateAt.getTime() >= Math.min(t.getTime(), now.getTime())) break;
        row.overdue_at = escalateAt;
        row.escalated_at = (row.escalated_at as Date | null) ?? escalateAt;
        row.escalation_count = (row.escalation_count as number) + 1;
        push(escalateAt, 'escalate', row.status as string, row.status as string, system, `${row.due_kind === 'accept' ? '签收' : '答复'}期限(${shanghaiDate(due)})已过,已升级至调度专班`, { dueKind: row.due_kind, dueAt: due });
        const meeting = plan.dispatchable ? nextMeetingAfter(escalateAt) : null;
        if (!meeting || meeting.getTime() >= t.getTime()) break;
        const newDueDate = calendar.addWorkingDays(shanghaiDate(meeting), rng.int(2, 4));
        const newDue = endOfShanghaiDay(newDueDate);
        const dept = row.department ?? rng.pick(T.DEPARTMENTS[category.code] ?? ['相关部门']);
        const decision = fill(rng.pick(T.DECISIONS), { dept, owner: handler().name, date: newDueDate.slice(5).replace('-', '月') + '日' });
        const decidedAt = new Date(meeting.getTime() + rng.int(10, 90) * 60_000);
        push(decidedAt, 'dispatch', row.status as string, row.status as string, { actor_id: office.id || null, actor_name: office.name, actor_role: 'dispatcher' }, decision, { newDueDate, heldOn: shanghaiDate(meeting) });
        startDeadline(row.due_kind as 'accept' | 'answer', newDue, decidedAt);
        row.escalated_at = null;
        items.push({
          meetingAt: meeting,
          item: { park_id: parkId, demand_id: id, reasons: ['escalated', 'overdue'], decision, owner_id: row.assignee_id ?? (office.id || null), new_due_date: newDueDate, done: false, decided_at: decidedAt, decided_by: office.id || null },
        });
        // The decision works: the owner acts before the new deadline.
        if (t.getTime() > newDue.getTime() - HOUR) {
          const day = calendar.addWorkingDays(shanghaiDate(decidedAt), rng.int(1, Math.max(1, calendar.workingDaysBetween(shanghaiDate(decidedAt), newDueDate))));
          t = atShanghai(day, rng.int(9, 17), rng.int(0, 59));
          if (t.getTime() <= decidedAt.getTime()) t = new Date(decidedAt.getTime() + 2 * HOUR);
        }
      }
      return t.getTime() <= now.getTime() ? t : null;
    };

    const finish = (): Simulated => {
      advance(new Date(now.getTime() + 1));
      if (row.due_at) {
        const remind = reminderAt(calendar, enteredAt, row.due_at as Date);
        if (remind && remind.getTime() <= now.getTime()) row.reminded_at = remind;
        else row.remind_at = remind;
      } else {
        row.due_kind = null;
      }
      const done = row.answered_at ? true : false;
      for (const i of items) i.item.done = done;
      return { row, events, items };
    };

    push(filedAt, 'submit', null, 'submitted', source === 'enterprise' ? firmActor : staffActor(), null, { source, category: category.code, acceptDueAt: acceptDue, assigneeId: row.assignee_id });
    // 签收 (a liaison filing after a visit owns it at once).
    let at: Date | null;
    let acceptNote: string | null = null;
    if (source === 'liaison' && owner) {
      at = filedAt;
      acceptNote = '专员代提,自动签收';
    } else {
      if (plan.withdrawAfterHours !== null) {
        const w = advance(new Date(filedAt.getTime() + plan.withdrawAfterHours * HOUR));
        if (!w) return finish();
        push(w, 'withdraw', row.status as string, 'withdrawn', firmActor, '问题已自行解决');
        Object.assign(row, { status: 'withdrawn', withdrawn_at: w, due_at: null, due_kind: null, escalated_at: null });
        return finish();
      }
      const planned = plan.acceptLateDays > 0
        ? atShanghai(calendar.addWorkingDays(shanghaiDate(acceptDue), plan.acceptLateDays), rng.int(9, 11), rng.int(0, 59))
        : new Date(Math.min(filedAt.getTime() + plan.acceptAfterMinutes * 60_000, acceptDue.getTime() - 5 * 60_000));
      at = advance(planned);
      if (!at) return finish();
      if (!row.assignee_id) row.assignee_id = office.id || null;
    }
    const answerDue = calendar.computeDueAt(at, category.answerDays);
    push(at, 'accept', 'submitted', 'accepted', staffActor(), acceptNote, { answerDueAt: answerDue });
    Object.assign(row, { status: 'accepted', accepted_at: at });
    startDeadline('answer', answerDue, at);

    if (plan.transferAfterHours !== null) {
      const tr = advance(new Date(at.getTime() + plan.transferAfterHours * HOUR));
      if (!tr) return finish();
      const dept = rng.pick(T.DEPARTMENTS[category.code] ?? ['相关部门']);
      push(tr, 'transfer', row.status as string, 'in_progress', staffActor(), `需${dept}办理`, { department: dept });
      Object.assign(row, { status: 'in_progress', department: dept });
      at = tr;
    }

    const answer = (fromAt: Date, workingDays: number | null): Date | null => {
      if (workingDays === null) return null;
      const day = calendar.addWorkingDays(shanghaiDate(fromAt), workingDays);
      let planned = atShanghai(day, rng.int(9, 17), rng.int(0, 59));
      if (planned.getTime() <= fromAt.getTime()) planned = new Date(fromAt.getTime() + 2 * HOUR);
      const a = advance(planned);
      if (!a) return null;
      const dept = (row.department as string | null) ?? rng.pick(T.DEPARTMENTS[category.code] ?? ['相关部门']);
      const text = fill(rng.pick(T.ANSWERS[category.code] ?? T.ANSWERS.other!), { dept });
      const onTime = a.getTime() <= (row.answer_due_at as Date).getTime() && row.escalation_count === 0;
      push(a, 'answer', row.status as string, 'resolved', staffActor(), text, { onTime });
      Object.assign(row, {
        status: 'resolved',
        answer: text,
        answered_at: a,
        answered_on_time: onTime,
        answer_working_days: calendar.workingDaysBetween(shanghaiDate(filedAt), shanghaiDate(a)),
        resolved_at: a,
        auto_close_at: new Date(a.getTime() + 7 * DAY),
        due_at: null,
        due_kind: null,
        escalated_at: null,
      });
      return a;
    };

    let answeredAt = answer(at, plan.answerDays);
    if (!answeredAt) return finish();
    if (plan.rejectAfterHours !== null) {
      const r = new Date(answeredAt.getTime() + plan.rejectAfterHours * HOUR);
      if (r.getTime() > now.getTime()) return finish();
      const reason = rng.pick(T.REJECT_REASONS);
      push(r, 'reject', 'resolved', 'reopened', firmActor, reason);
      Object.assign(row, { status: 'reopened', reopen_count: 1, resolved_at: null, answered_on_time: null, auto_close_at: null });
      startDeadline('answer', calendar.computeDueAt(r, category.answerDays), r);
      answeredAt = answer(r, plan.secondAnswerDays);
      if (!answeredAt) return finish();
    }
    const closeAt = plan.close === 'confirm' ? new Date(answeredAt.getTime() + plan.confirmAfterHours * HOUR) : new Date(answeredAt.getTime() + 7 * DAY);
    if (closeAt.getTime() > now.getTime()) return finish();
    if (plan.close === 'confirm') push(closeAt, 'confirm', 'resolved', 'closed', firmActor, null);
    else push(closeAt, 'auto_close', 'resolved', 'closed', system, '答复后7天内企业未确认,系统自动办结');
    Object.assign(row, { status: 'closed', closed_at: closeAt, closed_by: plan.close === 'confirm' ? 'enterprise' : 'system', auto_close_at: null });
    return finish();
  };

  const categoryList = [...categories.values()];
  const categoryOf = (code: string) => categories.get(code) ?? categoryList[0]!;
  const textFor = (code: string): { title: string; content: string } => {
    const template = rng.pick(T.DEMAND_TEMPLATES[code] ?? T.DEMAND_TEMPLATES.other!);
    const values = { bank: rng.pick(T.BANKS), amount: rng.pick([200, 300, 500, 800, 1000, 1500, 2000]), days: rng.int(7, 20), tons: rng.int(50, 800), patents: rng.int(2, 12), n: rng.int(10, 80), kva: rng.pick([400, 630, 800, 1250, 2000]), kw: rng.int(200, 2000), mwh: rng.int(300, 5000), mu: rng.int(20, 120), sqm: rng.int(2000, 12000), month: rng.int(1, 12), year: 2025 };
    return { title: fill(template.title, values), content: fill(template.content, values) };
  };

  const simulated: Simulated[] = [];
  for (let i = 0; i < total; i++) {
    const code = rng.weighted(T.CATEGORY_WEIGHTS);
    const category = categoryOf(code);
    const roll = rng.float();
    let source: 'enterprise' | 'liaison' | 'phone' = roll < 0.25 ? 'liaison' : roll < 0.37 ? 'phone' : 'enterprise';
    let firm: Firm;
    let filedAt: Date;
    let visitId: string | null = null;
    if (source === 'liaison' && visits.length > 0) {
      const visit = rng.pick(visits);
      firm = firms.find((f) => f.id === visit.enterprise_id)!;
      filedAt = new Date(Math.min(visit.created_at.getTime() + rng.int(30, 180) * 60_000, now.getTime() - 60_000));
      visitId = visit.id;
    } else {
      if (source === 'liaison') source = 'enterprise';
      firm = served.length && rng.chance(0.78) ? rng.pick(served) : rng.pick(firms);
      filedAt = randomFiling();
    }
    simulated.push(simulate(firm, category, source, filedAt, randomPlan(filedAt, category.answerDays), textFor(category.code), visitId));
  }

  // The demo enterprise's own firm (served by the demo liaison): one demand in each state worth walking.
  const demoFirm = firms.find((f) => firmUsers.has(f.id) && f.liaison_id);
  if (demoFirm) {
    const base = (over: Partial<Plan>): Plan => ({ withdrawAfterHours: null, acceptLateDays: 0, acceptAfterMinutes: 40, transferAfterHours: null, answerDays: null, rejectAfterHours: null, secondAnswerDays: 1, close: 'confirm', confirmAfterHours: 5, dispatchable: false, ...over });
    const workingDaysAgo = (n: number, hour: number) => {
      let day = today;
      for (let i = 0; i < n; i++) day = previousWorkingDay(calendar, day);
      return atShanghai(day, hour, 12);
    };
    const demo = (code: string, title: string, content: string, filedAt: Date, plan: Plan) =>
      simulated.push(simulate(demoFirm, categoryOf(code), 'enterprise', new Date(Math.min(filedAt.getTime(), now.getTime() - 30 * 60_000)), plan, { title, content }, null));
    demo('energy', '用电增容申请加快审批', '已于上月提交800千伏安增容申请,至今未完成方案答复,影响新产线设备调试,请协调供电公司加快办理。', new Date(now.getTime() - 2 * HOUR), base({ acceptAfterMinutes: 100_000 }));
    demo('labor', '新产线投产招工40人', '新产线预计下月投产,需普工30人、技工10人,希望人社部门协助发布岗位信息并组织专场招聘会。', workingDaysAgo(3, 10), base({ transferAfterHours: 3 }));
    demo('policy', '高新技术企业认定辅导', '公司今年拟申报高新技术企业,研发费用归集和知识产权条件不太清楚,希望政策专员上门辅导。', workingDaysAgo(3, 9), base({ answerDays: 2, close: 'confirm', confirmAfterHours: 24 * 30 }));
    demo('financing', '流动资金贷款即将到期,申请续贷对接', '我司在鹰潭农商银行的800万元流动资金贷款将于下月到期,订单充足但回款周期长,希望协调银行办理无还本续贷。', workingDaysAgo(6, 9), base({ answerDays: 2, confirmAfterHours: 20 }));
    const approval = categoryOf('approval');
    demo('approval', '环评审批加快办理', '技改项目环评报告已报送,希望协调生态环境部门加快审查,项目计划下月开工。', workingDaysAgo(approval.answerDays + 2, 9), base({}));
  }

  // Numbers: a per-day sequence in filing order, as the live service assigns them.
  simulated.sort((a, b) => a.row.created_at.getTime() - b.row.created_at.getTime());
  const sequences = new Map<string, number>();
  for (const s of simulated) {
    const day = shanghaiDate(s.row.created_at).replaceAll('-', '');
    const seq = (sequences.get(day) ?? 0) + 1;
    sequences.set(day, seq);
    s.row.number = `SQ${day}-${String(seq).padStart(4, '0')}`;
  }

  // Meetings with their decided items.
  const meetingRows = new Map<number, { id: string; at: Date; items: Simulated['items'][number]['item'][] }>();
  for (const s of simulated) {
    for (const { meetingAt, item } of s.items) {
      const key = meetingAt.getTime();
      const m = meetingRows.get(key) ?? { id: randomUUID(), at: meetingAt, items: [] };
      m.items.push(item);
      meetingRows.set(key, m);
    }
  }
  const attendees = ['管委会 刘主任', office.name, ...liaisons.slice(0, 3).map((l) => l.name)];

  // Monthly targets 月战图 for every month of the year.
  const targets: Insertable<DB['officer_targets']>[] = [];
  if (office.id) {
    for (let m = 0; m <= 12; m++) {
      const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - m, 1));
      const month = d.toISOString().slice(0, 7);
      for (const l of liaisons) {
        targets.push({ park_id: parkId, user_id: l.id, month, visits_target: rng.int(10, 14), resolved_target: rng.int(6, 12), daiban_target: rng.int(3, 6), updated_by: office.id, updated_at: atShanghai(`${month}-01`, 9) });
      }
    }
  }

  // Write, parents first, in batches of at most 1,000 rows.
  const batches = async <R>(rows: R[], write: (chunk: R[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000));
  };
  await batches(visits, (c) => trx.insertInto('visits').values(c).execute());
  await batches(simulated.map((s) => s.row), (c) => trx.insertInto('demands').values(c).execute());
  // Grouped by demand in filing order: neighbouring rows share index pages (much faster on PGlite).
  const events = simulated.flatMap((s) => s.events);
  await writeCaseEvents(demandEvents, trx, parkId, events);
  await batches(daiban, (c) => trx.insertInto('daiban_records').values(c).execute());
  const meetingList = [...meetingRows.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (office.id) {
    await batches(meetingList, (c) =>
      trx
        .insertInto('dispatch_meetings')
        .values(c.map((m) => ({ id: m.id, park_id: parkId, held_on: shanghaiDate(m.at), title: `${shanghaiDate(m.at)} 营商环境周调度会`, attendees, status: 'closed' as const, created_by: office.id, created_at: new Date(m.at.getTime() - HOUR), closed_at: new Date(m.at.getTime() + 2 * HOUR) })))
        .execute(),
    );
    const items = meetingList.flatMap((m) => m.items.map((item, i) => ({ ...item, meeting_id: m.id, sort: i + 1 })));
    await batches(items, (c) => trx.insertInto('dispatch_items').values(c).execute());
    await batches(targets, (c) => trx.insertInto('officer_targets').values(c).execute());
  }
  await batches([...sequences].map(([day, last]) => ({ park_id: parkId, day, last })), (c) =>
    trx.insertInto('demand_number_sequences').values(c).onConflict((oc) => oc.columns(['park_id', 'day']).doUpdateSet((eb) => ({ last: eb.ref('excluded.last') }))).execute(),
  );

  // The inbox of the demo log-ins: what is waiting for them now.
  const open = simulated.filter((s) => s.row.due_at);
  const notes: Insertable<DB['notifications']>[] = [];
  for (const s of open) {
    const link = `/demands/${s.row.id}`;
    if (s.row.assignee_id) notes.push({ park_id: parkId, user_id: s.row.assignee_id, kind: 'demand.assigned', title: `新诉求待办理 ${s.row.number}`, body: s.row.title as string, link, created_at: s.row.created_at });
    if (s.row.escalated_at) for (const d of dispatchers) notes.push({ park_id: parkId, user_id: d.id, kind: 'demand.escalated', title: `诉求逾期升级 ${s.row.number}`, body: s.row.title as string, link, created_at: s.row.escalated_at as Date });
  }
  for (const s of simulated.filter((x) => x.row.status === 'resolved' && firmUsers.has(x.row.enterprise_id as string))) {
    notes.push({ park_id: parkId, user_id: firmUsers.get(s.row.enterprise_id as string)!.id, kind: 'demand.answered', title: `诉求已答复 ${s.row.number}`, body: '请查看答复并确认;7天内未确认将自动办结。', link: `/demands/${s.row.id}`, created_at: s.row.resolved_at as Date });
  }
  await batches(notes, (c) => trx.insertInto('notifications').values(c).execute());

  const result: DemandHistoryResult = {
    demands: simulated.length,
    events: events.length,
    visits: visits.length,
    daiban: daiban.length,
    meetings: office.id ? meetingList.length : 0,
    items: office.id ? meetingList.reduce((n, m) => n + m.items.length, 0) : 0,
    targets: targets.length,
  };
  await recordAudit(trx, null, parkId, [{ action: 'seed', entity: 'demand_history', entityId: parkId, before: null, after: result }], now);
  return result;
}
