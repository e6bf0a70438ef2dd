import { randomUUID } from 'node:crypto';
import type { DemandStatus } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DemandRow } from '../src/db/schema-demands.js';
import type { DB, EnterpriseRow } from '../src/db/schema.js';
import { ensureDemandCategories } from '../src/modules/demands/cases/categories.js';
import type { TestPark } from './factories.js';

const OPEN: DemandStatus[] = ['submitted', 'accepted', 'in_progress', 'reopened'];

export type DemandOverrides = {
  category?: string;
  title?: string;
  content?: string;
  status?: DemandStatus;
  assigneeId?: string | null;
  createdBy?: string | null;
  createdAt?: Date;
  /** The running deadline (open states only; defaults to three days after createdAt). */
  dueAt?: Date | null;
  dueKind?: 'accept' | 'answer';
  escalatedAt?: Date | null;
  escalationCount?: number;
  overdueAt?: Date | null;
  remindAt?: Date | null;
  resolvedAt?: Date | null;
  answeredOnTime?: boolean | null;
  answerWorkingDays?: number | null;
  autoCloseAt?: Date | null;
  closedAt?: Date | null;
  visitId?: string | null;
};

let counter = 0;

/**
 * A demand row in any state, written directly (the API paths have their own tests): for
 * statistics, sweeps and scope checks that need known data fast. Fields follow the invariants the
 * service keeps (a deadline runs exactly in the open states).
 */
export async function buildDemand(db: Kysely<DB>, park: TestPark, enterprise: EnterpriseRow, o: DemandOverrides = {}): Promise<DemandRow> {
  await ensureDemandCategories(db, park.id);
  counter += 1;
  const status = o.status ?? 'submitted';
  const createdAt = o.createdAt ?? new Date('2026-11-20T02:00:00Z');
  const open = OPEN.includes(status);
  const dueAt = open ? (o.dueAt ?? new Date(createdAt.getTime() + 3 * 86_400_000)) : null;
  const resolved = status === 'resolved' || status === 'closed';
  const resolvedAt = resolved ? (o.resolvedAt ?? new Date(createdAt.getTime() + 2 * 86_400_000)) : null;
  return db
    .insertInto('demands')
    .values({
      park_id: park.id,
      number: `T${randomUUID().slice(0, 8)}-${String(counter).padStart(4, '0')}`,
      enterprise_id: enterprise.id,
      category: o.category ?? 'financing',
      title: o.title ?? `测试诉求${counter}`,
      content: o.content ?? '测试诉求的具体内容说明',
      source: 'enterprise',
      status,
      assignee_id: o.assigneeId !== undefined ? o.assigneeId : enterprise.liaison_id,
      visit_id: o.visitId ?? null,
      accept_due_at: new Date(createdAt.getTime() + 86_400_000),
      answer_due_at: dueAt ?? (resolvedAt ? new Date(createdAt.getTime() + 5 * 86_400_000) : null),
      due_at: dueAt,
      due_kind: open ? (o.dueKind ?? (status === 'submitted' ? 'accept' : 'answer')) : null,
      remind_at: open ? (o.remindAt ?? null) : null,
      overdue_at: o.overdueAt ?? null,
      escalated_at: o.escalatedAt ?? null,
      escalation_count: o.escalationCount ?? (o.escalatedAt ? 1 : 0),
      accepted_at: status === 'submitted' ? null : createdAt,
      answer: resolved ? '已对接处理' : null,
      answered_at: resolvedAt,
      answered_on_time: resolved ? (o.answeredOnTime ?? true) : null,
      answer_working_days: resolved ? (o.answerWorkingDays ?? 2) : null,
      resolved_at: resolvedAt,
      auto_close_at: status === 'resolved' ? (o.autoCloseAt ?? new Date(resolvedAt!.getTime() + 7 * 86_400_000)) : null,
      closed_at: status === 'closed' ? (o.closedAt ?? resolvedAt) : null,
      closed_by: status === 'closed' ? 'enterprise' : null,
      withdrawn_at: status === 'withdrawn' ? createdAt : null,
      created_by: o.createdBy ?? null,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildVisit(
  db: Kysely<DB>,
  park: TestPark,
  o: { liaisonId: string; enterpriseId: string; visitedOn: string; findings?: string },
) {
  return db
    .insertInto('visits')
    .values({
      park_id: park.id,
      liaison_id: o.liaisonId,
      enterprise_id: o.enterpriseId,
      visited_on: o.visitedOn,
      participants: '企业负责人',
      findings: o.findings ?? '生产经营正常',
      created_by: o.liaisonId,
      created_at: new Date(`${o.visitedOn}T02:00:00Z`),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildDaiban(
  db: Kysely<DB>,
  park: TestPark,
  o: { liaisonId: string; enterpriseId: string; doneOn: string; kind?: string; visitId?: string | null },
) {
  return db
    .insertInto('daiban_records')
    .values({
      park_id: park.id,
      liaison_id: o.liaisonId,
      enterprise_id: o.enterpriseId,
      visit_id: o.visitId ?? null,
      kind: o.kind ?? 'license',
      description: '代办营业执照变更',
      case_number: null,
      done_on: o.doneOn,
      created_by: o.liaisonId,
      created_at: new Date(`${o.doneOn}T02:00:00Z`),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The demand as stored now (tests read back what the API wrote). */
export async function reloadDemand(db: Kysely<DB>, id: string): Promise<DemandRow> {
  return db.selectFrom('demands').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function eventsOf(db: Kysely<DB>, demandId: string) {
  return db.selectFrom('demand_events').selectAll().where('demand_id', '=', demandId).orderBy('id').execute();
}

export async function notificationsOf(db: Kysely<DB>, userId: string) {
  return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
}
