import { randomUUID } from 'node:crypto';
import type { RateRequest, Role } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB, EnterpriseRow, UserRow } from '../src/db/schema.js';
import { buildActor, type Actor } from '../src/platform/actor.js';
import { rateSubject, type RatingSubject } from '../src/modules/ratings/service.js';
import type { TestApp } from './harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from './factories.js';

/** The Actor a service sees for a user row (what the session would build). */
export function actorOf(user: UserRow): Actor {
  return buildActor({
    userId: user.id,
    parkId: user.park_id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles as Role[],
    enterpriseId: user.enterprise_id,
    bankId: user.bank_id,
    sessionId: null,
    requestId: null,
  });
}

/** A park with the people of the 好差评 flow: a firm, its user, its liaison, the office, a leader. */
export type RatingPark = {
  park: TestPark;
  firm: EnterpriseRow;
  firmUser: UserRow;
  otherFirm: EnterpriseRow;
  otherFirmUser: UserRow;
  liaison: UserRow;
  otherLiaison: UserRow;
  dispatcher: UserRow;
  admin: UserRow;
  leader: UserRow;
  approver: UserRow;
};

export async function buildRatingPark(db: Kysely<DB>): Promise<RatingPark> {
  const park = await buildPark(db, '好差评测试园区');
  const liaison = await buildUser(db, park, { roles: ['liaison'], displayName: '专员王五' });
  const otherLiaison = await buildUser(db, park, { roles: ['liaison'], displayName: '专员赵六' });
  const firm = await buildEnterprise(db, park, { liaison_id: liaison.id });
  const otherFirm = await buildEnterprise(db, park, { liaison_id: otherLiaison.id });
  return {
    park,
    firm,
    otherFirm,
    liaison,
    otherLiaison,
    firmUser: await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id, displayName: '企业联系人钱七' }),
    otherFirmUser: await buildUser(db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }),
    dispatcher: await buildUser(db, park, { roles: ['dispatcher'], displayName: '调度孙八' }),
    admin: await buildUser(db, park, { roles: ['admin'] }),
    leader: await buildUser(db, park, { roles: ['leader'] }),
    approver: await buildUser(db, park, { roles: ['approver'] }),
  };
}

let caseCounter = 0;

/** A synthetic closed case — no demands module needed — closed an hour before `closedAt`'s default. */
export function buildRatingSubject(
  p: { park: TestPark; firm: EnterpriseRow; liaison: UserRow | null },
  overrides: Partial<RatingSubject> & { closedAt: Date },
): RatingSubject {
  caseCounter += 1;
  return {
    type: 'demand',
    id: randomUUID(),
    parkId: p.park.id,
    enterpriseId: p.firm.id,
    officerId: p.liaison?.id ?? null,
    caseNumber: `SQ-T${String(caseCounter).padStart(5, '0')}`,
    category: 'financing',
    title: `测试诉求${caseCounter}`,
    ...overrides,
  };
}

export const GOOD_RATING: RateRequest = {
  level: 'very_satisfied',
  scores: { serviceEfficiency: 5, serviceLevel: 5, serviceAttitude: 5 },
  comment: '响应很快,非常满意',
};

export const BAD_RATING: RateRequest = {
  level: 'dissatisfied',
  scores: { serviceEfficiency: 2, serviceLevel: 2, serviceAttitude: 3 },
  comment: '答复与实际不符,问题没有解决',
};

/** Rates a subject in its own transaction, as the subject's domain route would. */
export async function rateAs(t: TestApp, user: UserRow, subject: RatingSubject, input: RateRequest = GOOD_RATING) {
  return t.ctx.db.transaction().execute((trx) => rateSubject(trx, t.ctx, actorOf(user), subject, input));
}

let demandCounter = 0;

/**
 * A closed demand row in the demands table (for 未评率 and the reminder sweep, which read closed
 * cases from the subject's own table). Returns a RatingSubject describing it.
 */
export async function buildClosedDemand(
  db: Kysely<DB>,
  p: { park: TestPark; firm: EnterpriseRow; liaison: UserRow | null },
  closedAt: Date,
  overrides: { category?: string } = {},
): Promise<RatingSubject> {
  demandCounter += 1;
  const number = `SQT${Date.now().toString(36)}${String(demandCounter).padStart(4, '0')}`;
  const row = await db
    .insertInto('demands')
    .values({
      park_id: p.park.id,
      number,
      enterprise_id: p.firm.id,
      category: overrides.category ?? 'financing',
      title: `已办结诉求${demandCounter}`,
      content: '测试内容',
      source: 'enterprise',
      status: 'closed',
      assignee_id: p.liaison?.id ?? null,
      closed_at: closedAt,
      closed_by: 'enterprise',
      created_at: new Date(closedAt.getTime() - 5 * 86_400_000),
      updated_at: closedAt,
    })
    .returning(['id', 'number', 'category', 'title'])
    .executeTakeFirstOrThrow();
  return {
    type: 'demand',
    id: row.id,
    parkId: p.park.id,
    enterpriseId: p.firm.id,
    officerId: p.liaison?.id ?? null,
    caseNumber: row.number,
    category: row.category,
    title: row.title,
    closedAt,
  };
}


