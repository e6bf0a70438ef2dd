import { RATING_SCORE_KEYS, isBadRating, type RatingChannel, type RatingLevel } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { NewRatingEventRow, NewRatingRow } from '../../../db/schema-ratings.js';
import { recordAudit } from '../../../platform/audit.js';
import { calendarIn, rectifyDaysOf } from '../deadlines.js';
import { lenientDueAt } from '../../../platform/workflow/deadlines.js';
import { ratingWindowOpen } from '../measures.js';
import { mulberry32 } from '../../../db/seed/random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const GOOD_COMMENTS = [
  '专员响应很快,问题当天就有回复',
  '办理过程清楚,进度随时能查',
  '服务热情,主动上门对接',
  '协调了相关部门,解决了实际困难',
  '总体满意,希望后续继续跟进',
  '答复专业,政策讲得很明白',
];
const BASIC_COMMENTS = ['基本解决了问题,但等待时间稍长', '答复还可以,希望更具体一些'];
// 办件 (online government services): the online sub-indicators' side of the experience.
const APPLICATION_COMMENTS = {
  good: ['网上申报很方便,材料一次就通过了', '比承诺时限提前办结,效率很高', '窗口人员指导耐心,一次办成', '全程网办,一次都没有跑'],
  basic: ['办理还算顺利,但补正要求没有一次说清楚', '总体可以,希望办事指南写得更具体'],
  bad: ['补正要求前后不一致,来回改了好几次', '办理时间超过了承诺时限', '网上系统提交总是失败', '不予受理的理由没有解释清楚'],
};
const BAD_COMMENTS = [
  '答复与实际情况不符,问题没有真正解决',
  '多次催办才有回复,办理时间太长',
  '只给了政策文件,没有具体解决办法',
  '承办部门互相推诿,没有人负责到底',
  '答复敷衍,联系不上经办人',
];
const FIX_NOTES = [
  '已与企业当面沟通,协调承办部门重新办理,问题已解决',
  '已补充答复材料并电话向企业逐项说明',
  '已联系供电公司现场勘查,制定扩容方案并明确完成时间',
  '已组织银企对接,推荐两家银行产品,企业已提交申请',
];
const VISIT_NOTES_OK = ['企业表示问题已经解决,对整改结果满意', '企业负责人认可整改措施,表示满意'];
const VISIT_NOTES_BAD = ['企业认为问题仍未解决,希望进一步协调', '企业对答复时限仍不满意'];

const LEVEL_SCORE: Record<RatingLevel, number> = { very_satisfied: 5, satisfied: 4, basic: 3, dissatisfied: 2, very_dissatisfied: 1 };

type ClosedDemand = {
  subject_type: 'demand' | 'application';
  id: string;
  number: string;
  enterprise_id: string;
  category: string;
  title: string;
  assignee_id: string | null;
  closed_at: Date;
  contact_name: string | null;
};

/**
 * Rates the demo park's closed demands (already in `demands`) with a realistic mix: good and bad
 * reviews, rectifications in every state (some late, one reopened), return visits, appeals (one
 * removed, one upheld) and unrated cases. Deterministic; call at the end of the seed transaction.
 * Everything is written in the caller's transaction, with one audit entry summarising what was
 * seeded.
 */
export async function seedRatingHistory(trx: Transaction<DB>, opts: { parkId: string; now: Date }): Promise<void> {
  const { parkId, now } = opts;
  const random = mulberry32(20_261_126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const demands = (await trx
    .selectFrom('demands as d')
    .leftJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .select(['d.id', 'd.number', 'd.enterprise_id', 'd.category', 'd.title', 'd.assignee_id', 'd.closed_at', 'e.contact_name'])
    .where('d.park_id', '=', parkId)
    .where('d.status', '=', 'closed')
    .where('d.closed_at', 'is not', null)
    .where('d.closed_at', '<=', now)
    .orderBy('d.closed_at')
    .orderBy('d.id')
    .execute()).map((d) => ({ ...d, subject_type: 'demand' as const })) as ClosedDemand[];
  // 办件 the bureau decided (services domain, issue 4): rated by the same rules, after the demands
  // so the demands' share of the random stream stays what it was. The officer is the decider.
  const applications = (await trx
    .selectFrom('service_applications as a')
    .innerJoin('service_items as i', 'i.id', 'a.item_id')
    .leftJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.number', 'a.enterprise_id', 'i.name as category', 'i.name as title', 'a.decided_by as assignee_id', 'a.finished_at as closed_at', 'e.contact_name'])
    .where('a.park_id', '=', parkId)
    .where('a.finished_at', 'is not', null)
    .where('a.finished_at', '<=', now)
    .where('a.outcome', 'in', ['approved', 'refused', 'not_accepted', 'revoked'])
    .orderBy('a.finished_at')
    .orderBy('a.id')
    .execute()).map((a) => ({ ...a, subject_type: 'application' as const })) as ClosedDemand[];
  const subjects = [...demands, ...applications];
  if (subjects.length === 0) return;

  const raters = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'enterprise_id', 'username'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', 'is not', null)
    .where(sql<boolean>`'enterprise' = any(roles)`)
    .orderBy('username')
    .execute();
  const raterOf = new Map<string, { id: string; name: string }>();
  for (const r of raters) if (!raterOf.has(r.enterprise_id!)) raterOf.set(r.enterprise_id!, { id: r.id, name: r.display_name });
  const demoFirm = raters.find((r) => r.username === 'enterprise')?.enterprise_id ?? null;
  const office = await trx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('park_id', '=', parkId)
    .where(sql<boolean>`'dispatcher' = any(roles)`)
    .orderBy('username')
    .executeTakeFirst();
  const officerNames = new Map(
    (await trx.selectFrom('users').select(['id', 'display_name']).where('park_id', '=', parkId).execute()).map((u) => [u.id, u.display_name]),
  );

  const days = await rectifyDaysOf(trx, parkId);
  const calendar = await calendarIn(trx);

  // The demo firm's latest case closed before the rating window gets a bad review left open for
  // the demo liaison to work on; its cases still inside the window stay unrated for the demo log-in.
  const demoBadId = demoFirm
    ? [...demands].reverse().find((d) => d.enterprise_id === demoFirm && d.assignee_id && !ratingWindowOpen(d.closed_at, now))?.id
    : undefined;

  const ratings: NewRatingRow[] = [];
  type Plan = { index: number; demand: ClosedDemand; ratedAt: Date; level: RatingLevel };
  const plans: Plan[] = [];
  for (const demand of subjects) {
    const inWindow = ratingWindowOpen(demand.closed_at, now);
    if (demand.id !== demoBadId) {
      if (inWindow && (demand.enterprise_id === demoFirm || random() < 0.5)) continue;
      if (!inWindow && random() < 0.1) continue; // 未评
    }
    const roll = random();
    let level: RatingLevel =
      roll < 0.56 ? 'very_satisfied' : roll < 0.82 ? 'satisfied' : roll < 0.92 ? 'basic' : roll < 0.975 ? 'dissatisfied' : 'very_dissatisfied';
    if (demand.id === demoBadId) level = 'dissatisfied';
    const latest = Math.min(now.getTime() - HOUR, demand.closed_at.getTime() + 6.5 * DAY);
    const ratedAt = new Date(Math.min(latest, demand.closed_at.getTime() + HOUR + random() * 4 * DAY));
    if (ratedAt.getTime() <= demand.closed_at.getTime()) continue;
    const rater = raterOf.get(demand.enterprise_id);
    const channel: RatingChannel = rater ? 'online' : random() < 0.7 ? 'sms' : 'phone';
    const base = LEVEL_SCORE[level];
    const scores = Object.fromEntries(
      RATING_SCORE_KEYS[demand.subject_type].map((k) => [k, Math.max(1, Math.min(5, base + (random() < 0.2 ? (random() < 0.5 ? -1 : 1) : 0)))]),
    );
    const bad = isBadRating(level);
    const texts = demand.subject_type === 'application' ? APPLICATION_COMMENTS : { good: GOOD_COMMENTS, basic: BASIC_COMMENTS, bad: BAD_COMMENTS };
    const comment = bad ? pick(texts.bad) : level === 'basic' ? pick(texts.basic) : random() < 0.45 ? pick(texts.good) : null;
    plans.push({ index: ratings.length, demand, ratedAt, level });
    ratings.push({
      park_id: parkId,
      subject_type: demand.subject_type,
      subject_id: demand.id,
      case_number: demand.number,
      title: demand.title,
      category: demand.category,
      enterprise_id: demand.enterprise_id,
      officer_id: demand.assignee_id,
      rater_id: rater?.id ?? null,
      rater_name: rater?.name ?? demand.contact_name ?? '企业联系人',
      channel,
      level,
      is_bad: bad,
      scores: JSON.stringify(scores),
      comment,
      closed_at: demand.closed_at,
      rated_at: ratedAt,
    });
  }

  const inserted: { id: string; subject_id: string }[] = [];
  for (let i = 0; i < ratings.length; i += 500) {
    inserted.push(...(await trx.insertInto('ratings').values(ratings.slice(i, i + 500)).returning(['id', 'subject_id']).execute()));
  }
  const ratingIdOf = new Map(inserted.map((r) => [r.subject_id, r.id]));
  const events: NewRatingEventRow[] = [];
  for (const plan of plans) {
    const row = ratings[plan.index]!;
    events.push({
      park_id: parkId,
      rating_id: ratingIdOf.get(plan.demand.id)!,
      action: 'rated',
      actor_id: row.rater_id ?? null,
      actor_kind: 'rater',
      actor_name: row.rater_name,
      at: plan.ratedAt,
      note: row.comment ?? null,
      data: JSON.stringify({ level: plan.level, channel: row.channel }),
    });
  }

  // Bad reviews: rectifications in every state, return visits, appeals.
  const badPlans = plans.filter((p) => isBadRating(p.level));
  let appealsRemoved = 0;
  let appealsUpheld = 0;
  let rectifications = 0;
  const visits: { park_id: string; rectification_id: string; round: number; visitor_id: string | null; visitor_name: string; visited_at: Date; method: 'phone' | 'onsite'; note: string; verdict: 'satisfied' | 'unsatisfied' | null }[] = [];
  for (const [n, plan] of badPlans.entries()) {
    const ratingId = ratingIdOf.get(plan.demand.id)!;
    const officerId = plan.demand.assignee_id;
    const handlerName = officerId ? (officerNames.get(officerId) ?? '经办人') : (office?.display_name ?? '调度专班');
    const handlerId = officerId ?? office?.id ?? null;
    const opened = plan.ratedAt;
    const due = lenientDueAt(calendar, opened, days).dueAt;
    const system = { actor_id: null, actor_kind: 'system' as const, actor_name: '系统' };
    const officer = { actor_id: handlerId, actor_kind: (officerId ? 'officer' : 'office') as 'officer' | 'office', actor_name: handlerName };

    // Appeals: the 3rd bad review with an officer is removed on appeal, the 6th upheld.
    const withOfficer = officerId && plan.demand.id !== demoBadId;
    const appealKind = withOfficer && n === 2 ? 'removed' : withOfficer && n === 5 ? 'upheld' : null;

    const rc = await trx
      .insertInto('rating_rectifications')
      .values({ park_id: parkId, rating_id: ratingId, assignee_id: officerId, status: 'open', opened_at: opened, due_at: due })
      .returning('id')
      .executeTakeFirstOrThrow();
    rectifications += 1;
    events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...system, action: 'rectification.opened', at: opened, note: null, data: JSON.stringify({ dueAt: due.toISOString(), workingDays: days, assigneeId: officerId }) });

    if (appealKind && office) {
      const submitted = new Date(opened.getTime() + 4 * HOUR);
      const decided = new Date(submitted.getTime() + DAY);
      const reason =
        appealKind === 'removed'
          ? '该诉求已按企业要求办结并经企业确认,评价内容与办理事实不符,疑似误评'
          : '诉求涉及跨部门事项,已尽最大努力协调,差评理由不成立';
      const decisionReason = appealKind === 'removed' ? '经核实,办理过程符合要求,企业亦表示系误操作,差评移除' : '经核实,答复时限确有延误,差评维持';
      const appeal = await trx
        .insertInto('rating_appeals')
        .values({ park_id: parkId, rating_id: ratingId, appellant_id: officerId!, reason, status: appealKind, submitted_at: submitted, reviewer_id: office.id, decision_reason: decisionReason, decided_at: decided })
        .returning('id')
        .executeTakeFirstOrThrow();
      events.push({ park_id: parkId, rating_id: ratingId, appeal_id: appeal.id, ...officer, action: 'appeal.submitted', at: submitted, note: reason, data: null });
      events.push({ park_id: parkId, rating_id: ratingId, appeal_id: appeal.id, actor_id: office.id, actor_kind: 'office', actor_name: office.display_name, action: appealKind === 'removed' ? 'appeal.removed' : 'appeal.upheld', at: decided, note: decisionReason, data: null });
      if (appealKind === 'removed') {
        appealsRemoved += 1;
        await trx.updateTable('ratings').set({ status: 'removed', removed_at: decided, removed_by: office.id, removed_reason: decisionReason }).where('id', '=', ratingId).execute();
        await trx.updateTable('rating_rectifications').set({ status: 'cancelled', outcome: 'cancelled', closed_at: decided, closed_by: office.id, close_note: decisionReason, updated_at: decided }).where('id', '=', rc.id).execute();
        events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, actor_id: office.id, actor_kind: 'office', actor_name: office.display_name, action: 'rectification.cancelled', at: decided, note: decisionReason, data: null });
        continue;
      }
      appealsUpheld += 1;
    }

    if (plan.demand.id === demoBadId) continue; // left open for the demo liaison

    const span = due.getTime() - opened.getTime();
    const roll = random();
    // Still inside the deadline: open, fixed or visited. Past it: mostly closed on time.
    const kind =
      now.getTime() < due.getTime()
        ? roll < 0.4 ? 'open' : roll < 0.7 ? 'fixed' : 'visited'
        : roll < 0.66 ? 'on-time' : roll < 0.76 ? 'late' : roll < 0.84 ? 'reopened' : roll < 0.9 ? 'overdue-open' : 'office-closed';
    if (kind === 'open') continue;
    if (kind === 'overdue-open') {
      await trx.updateTable('rating_rectifications').set({ overdue_at: new Date(due.getTime() + HOUR), was_late: true }).where('id', '=', rc.id).execute();
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...system, action: 'rectification.overdue', at: new Date(due.getTime() + HOUR), note: null, data: JSON.stringify({ round: 1, dueAt: due.toISOString() }) });
      continue;
    }
    if (kind === 'office-closed') {
      const closedAt = new Date(opened.getTime() + span * 0.5);
      const note = '经核实,企业诉求超出政策规定范围,已向企业当面解释说明';
      await trx.updateTable('rating_rectifications').set({ status: 'closed', outcome: 'closed', closed_at: closedAt, closed_by: office?.id ?? null, close_note: note, updated_at: closedAt }).where('id', '=', rc.id).execute();
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, actor_id: office?.id ?? null, actor_kind: 'office', actor_name: office?.display_name ?? '调度专班', action: 'rectification.close', at: closedAt, note, data: null });
      continue;
    }
    const late = kind === 'late';
    const fixedAt = late ? new Date(due.getTime() + (1 + random() * 2) * DAY) : new Date(opened.getTime() + span * (0.2 + random() * 0.6));
    if (fixedAt.getTime() >= now.getTime()) continue;
    const fixNote = pick(FIX_NOTES);
    events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.record-fix', at: fixedAt, note: fixNote, data: JSON.stringify({ round: 1, late }) });
    const visitedAt = new Date(Math.min(now.getTime() - HOUR, fixedAt.getTime() + (0.5 + random()) * DAY));
    if (kind === 'fixed' || visitedAt.getTime() <= fixedAt.getTime()) {
      await trx.updateTable('rating_rectifications').set({ status: 'fixed', fix_note: fixNote, fixed_at: fixedAt, fixed_by: handlerId }).where('id', '=', rc.id).execute();
      continue;
    }
    const method = random() < 0.7 ? 'phone' : 'onsite';
    if (kind === 'visited') {
      visits.push({ park_id: parkId, rectification_id: rc.id, round: 1, visitor_id: handlerId, visitor_name: handlerName, visited_at: visitedAt, method, note: '已向企业反馈整改情况,等待企业确认', verdict: null });
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.return-visit', at: visitedAt, note: '已向企业反馈整改情况,等待企业确认', data: JSON.stringify({ round: 1, method }) });
      await trx.updateTable('rating_rectifications').set({ status: 'visited', fix_note: fixNote, fixed_at: fixedAt, fixed_by: handlerId }).where('id', '=', rc.id).execute();
      continue;
    }
    if (kind === 'reopened') {
      // Round 1: the rater is not satisfied; round 2 fixed on time and accepted.
      const badNote = pick(VISIT_NOTES_BAD);
      visits.push({ park_id: parkId, rectification_id: rc.id, round: 1, visitor_id: handlerId, visitor_name: handlerName, visited_at: visitedAt, method, note: badNote, verdict: 'unsatisfied' });
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.return-visit', at: visitedAt, note: badNote, data: JSON.stringify({ round: 1, method }) });
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.verdict', at: visitedAt, note: badNote, data: JSON.stringify({ verdict: 'unsatisfied', source: 'return_visit' }) });
      const due2 = lenientDueAt(calendar, visitedAt, days).dueAt;
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...system, action: 'rectification.reopened', at: visitedAt, note: null, data: JSON.stringify({ round: 2, dueAt: due2.toISOString(), workingDays: days }) });
      const fixed2 = new Date(visitedAt.getTime() + (due2.getTime() - visitedAt.getTime()) * 0.5);
      const visited2 = new Date(fixed2.getTime() + DAY);
      if (visited2.getTime() >= now.getTime()) {
        await trx.updateTable('rating_rectifications').set({ status: 'open', round: 2, due_at: due2, unsatisfied_count: 1, verdict: 'unsatisfied', verdict_at: visitedAt, verdict_by: handlerId }).where('id', '=', rc.id).execute();
        continue;
      }
      const fixNote2 = pick(FIX_NOTES);
      const okNote = pick(VISIT_NOTES_OK);
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.record-fix', at: fixed2, note: fixNote2, data: JSON.stringify({ round: 2, late: false }) });
      visits.push({ park_id: parkId, rectification_id: rc.id, round: 2, visitor_id: handlerId, visitor_name: handlerName, visited_at: visited2, method: 'onsite', note: okNote, verdict: 'satisfied' });
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.return-visit', at: visited2, note: okNote, data: JSON.stringify({ round: 2, method: 'onsite' }) });
      events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.verdict', at: visited2, note: okNote, data: JSON.stringify({ verdict: 'satisfied', source: 'return_visit' }) });
      await trx
        .updateTable('rating_rectifications')
        .set({ status: 'closed', outcome: 'satisfied', round: 2, due_at: due2, unsatisfied_count: 1, fix_note: fixNote2, fixed_at: fixed2, fixed_by: handlerId, verdict: 'satisfied', verdict_at: visited2, verdict_by: handlerId, closed_at: visited2, closed_by: handlerId, updated_at: visited2 })
        .where('id', '=', rc.id)
        .execute();
      continue;
    }
    // on-time or late: return visit with the rater satisfied, closed.
    const okNote = pick(VISIT_NOTES_OK);
    visits.push({ park_id: parkId, rectification_id: rc.id, round: 1, visitor_id: handlerId, visitor_name: handlerName, visited_at: visitedAt, method, note: okNote, verdict: 'satisfied' });
    events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.return-visit', at: visitedAt, note: okNote, data: JSON.stringify({ round: 1, method }) });
    events.push({ park_id: parkId, rating_id: ratingId, rectification_id: rc.id, ...officer, action: 'rectification.verdict', at: visitedAt, note: okNote, data: JSON.stringify({ verdict: 'satisfied', source: 'return_visit' }) });
    await trx
      .updateTable('rating_rectifications')
      .set({
        status: 'closed',
        outcome: 'satisfied',
        fix_note: fixNote,
        fixed_at: fixedAt,
        fixed_by: handlerId,
        verdict: 'satisfied',
        verdict_at: visitedAt,
        verdict_by: handlerId,
        closed_at: visitedAt,
        closed_by: handlerId,
        was_late: late,
        overdue_at: late ? new Date(due.getTime() + HOUR) : null,
        updated_at: visitedAt,
      })
      .where('id', '=', rc.id)
      .execute();
  }

  for (let i = 0; i < visits.length; i += 500) await trx.insertInto('rating_return_visits').values(visits.slice(i, i + 500)).execute();
  for (let i = 0; i < events.length; i += 1000) await trx.insertInto('rating_events').values(events.slice(i, i + 1000)).execute();
  await recordAudit(trx, null, parkId, [
    {
      action: 'seed',
      entity: 'ratings',
      entityId: parkId,
      before: null,
      after: { closedDemands: demands.length, closedApplications: applications.length, ratings: ratings.length, badReviews: badPlans.length, rectifications, returnVisits: visits.length, appealsRemoved, appealsUpheld },
    },
  ], now);
}
