import { cleanupProjectClassOf, type CleanupProjectClass } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { buildActor, type Actor } from '../../../platform/actor.js';
import { WorkingCalendar, shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { applyStep, computeCandidates, identifyParcels, insertCampaign } from '../cleanup/service.js';
import type { LandSeedOptions } from './index.js';

/** Seeded history is not news: no in-site messages for steps taken months ago. */
const quiet = { notifier: { notify: async () => undefined } } as unknown as Pick<AppContext, 'notifier'>;

const MS_PER_DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
/** 10:00 Shanghai of a day plus a few minutes: when a step was taken. */
const at = (day: string, minutes = 0) => new Date(startOfShanghaiDay(day).getTime() + (10 * 60 + minutes) * 60_000);

/**
 * How each case of the demo campaign ends up. `recover` cases are 协议收回 (compensation agreed) or
 * 依法收回, then recovered; `project` says which size class of project the parcel is re-allocated
 * to (5 of ≥ ¥20亿, 3 of ¥10–20亿), null = recovered and not yet re-allocated.
 */
type Plan =
  | { kind: 'recover'; outcome: 'agreement' | 'legal'; compensationWan?: number; project: 'b20' | 'b10' | null }
  | { kind: 'notified' }
  | { kind: 'interviewed' }
  | { kind: 'deadline'; workingDays: number }
  | { kind: 'resolved' }
  | { kind: 'agreement_open'; compensationWan: number };

const PLANS: Plan[] = [
  { kind: 'recover', outcome: 'agreement', compensationWan: 1_280, project: 'b20' },
  { kind: 'recover', outcome: 'legal', project: 'b20' },
  { kind: 'recover', outcome: 'agreement', compensationWan: 960, project: 'b10' },
  { kind: 'recover', outcome: 'legal', project: 'b20' },
  { kind: 'recover', outcome: 'legal', project: 'b10' },
  { kind: 'recover', outcome: 'agreement', compensationWan: 2_150, project: 'b20' },
  { kind: 'recover', outcome: 'legal', project: 'b20' },
  { kind: 'recover', outcome: 'agreement', compensationWan: 735, project: 'b10' },
  { kind: 'recover', outcome: 'legal', project: null },
  { kind: 'recover', outcome: 'agreement', compensationWan: 1_560, project: null },
  { kind: 'recover', outcome: 'legal', project: null },
  { kind: 'recover', outcome: 'legal', project: null },
  { kind: 'deadline', workingDays: 120 },
  { kind: 'interviewed' },
  { kind: 'notified' },
  { kind: 'deadline', workingDays: 90 },
  { kind: 'resolved' },
  { kind: 'agreement_open', compensationWan: 880 },
  { kind: 'notified' },
];

/**
 * The demo park's 2026 低效闲置用地清理专项行动, started in the spring: the idle parcels (出让 two
 * years and more without construction) and the grade-D firms' parcels the parcels and 亩均 seeds
 * made are listed and taken through the workflow's own steps (applyStep, so the parcels move
 * through moveParcel and their timelines agree): 12 recovered — some by agreement with
 * compensation, the others by law — of which 8 re-allocated to investment projects (5 of ≥ ¥20亿,
 * 3 of ¥10–20亿, existing projects signed after the recovery where there are such), and a few open
 * cases at earlier stages (告知, 约谈, 限期开工 with a deadline ahead, one firm that started in time,
 * one 协议收回 awaiting the hand-over). Deterministic.
 */
export async function seedLandCleanup(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const today = shanghaiDate(now);
  const officerUser = await trx
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'roles'])
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where('enterprise_id', 'is', null)
    .where(sql<boolean>`roles && array['dispatcher', 'admin']::text[]`)
    .orderBy(sql`case username when 'dispatcher' then 0 else 1 end`)
    .orderBy('username')
    .executeTakeFirst();
  if (!officerUser) return;
  const officer: Actor = buildActor({ userId: officerUser.id, parkId, username: officerUser.username, displayName: officerUser.display_name, roles: officerUser.roles as Actor['roles'], enterpriseId: null, bankId: null, sessionId: null, requestId: null });
  const calendar = new WorkingCalendar();

  const startedOn = '2026-03-16';
  const clamp = (day: string) => (day > today ? today : day);
  const lastYear = await trx.selectFrom('land_evaluations').select(sql<number | null>`max(year)`.as('year')).where('park_id', '=', parkId).executeTakeFirst();
  const campaignId = await insertCampaign(
    trx,
    officer,
    {
      code: 'QL2026-01',
      name: '2026年低效闲置用地清理专项行动',
      startedOn,
      endsOn: '2026-12-31',
      idleYears: 2,
      evaluationYear: lastYear?.year ?? null,
      note: '对出让满两年未动工开发的闲置土地和亩均评价D类企业用地开展清理,依法依规收回,“腾笼换鸟”导入优质项目',
    },
    at(startedOn, -60),
  );
  const campaign = (await trx.selectFrom('land_cleanup_campaigns').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow());

  // idle ones first (oldest 出让 first), then grade D; then any other idle / inefficient parcel
  const candidates = await computeCandidates(trx, parkId, campaign, startedOn);
  const ordered = [
    ...candidates.filter((c) => c.reasons.includes('idle')).sort((a, b) => (a.transferredOn ?? '').localeCompare(b.transferredOn ?? '') || a.parcelCode.localeCompare(b.parcelCode)),
    ...candidates.filter((c) => !c.reasons.includes('idle')),
  ].map((c) => c.parcelId);
  const others = await trx
    .selectFrom('land_parcels')
    .select('id')
    .where('park_id', '=', parkId)
    .where('status', 'in', ['idle', 'inefficient'])
    .where('id', 'not in', ordered.length ? ordered : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('code')
    .execute();
  // two grade-D parcels among the recovered ones, where there are such
  const idleIds = ordered.filter((id) => candidates.find((c) => c.parcelId === id)!.reasons.includes('idle'));
  const gradeIds = ordered.filter((id) => !idleIds.includes(id));
  const pool = [...idleIds.slice(0, 10), ...gradeIds.slice(0, 2), ...idleIds.slice(10), ...gradeIds.slice(2), ...others.map((o) => o.id)];
  const parcels = pool.slice(0, PLANS.length);

  // projects for the re-allocations: not on a parcel, by size class, signed latest first
  const projects = await trx
    .selectFrom('investment_projects as ip')
    .select(['ip.id', 'ip.amount_fen', 'ip.signed_on', 'ip.enterprise_id'])
    .where('ip.park_id', '=', parkId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('land_parcels as lp').select(sql`1`.as('one')).whereRef('lp.project_id', '=', 'ip.id'))))
    .orderBy('ip.signed_on', 'desc')
    .orderBy('ip.code')
    .execute();
  const free = new Map<CleanupProjectClass, { id: string; signed_on: string }[]>([['b20', []], ['b10', []], ['other', []]]);
  for (const p of projects) free.get(cleanupProjectClassOf(Number(p.amount_fen)))!.push(p);
  const takeProject = (size: 'b20' | 'b10', recoveredOn: string): string | null => {
    const list = free.get(size)!;
    // signed after the recovery if any such is left, else the latest signed
    let index = 0;
    for (let k = list.length - 1; k >= 0; k -= 1) {
      if (list[k]!.signed_on >= recoveredOn) {
        index = k;
        break;
      }
    }
    const [project] = list.splice(index, 1);
    return project?.id ?? null;
  };

  const step = async (caseId: string, input: Parameters<typeof applyStep>[4], minutes = 0) => {
    const day = clamp(input.on!);
    const row = await trx.selectFrom('land_cleanup_cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    await applyStep(trx, quiet, officer, row, { ...input, on: day }, calendar, at(day, minutes));
  };

  for (const [i, parcelId] of parcels.entries()) {
    const plan = PLANS[i]!;
    // listed a few days apart through the spring
    const identifiedOn = clamp(addDays(startedOn, 4 + i * 3));
    const candidate = candidates.find((c) => c.parcelId === parcelId);
    const [caseId] = await identifyParcels(
      trx,
      quiet,
      officer,
      parkId,
      campaignId,
      candidate && candidate.reasons.length > 0
        ? { parcelIds: [parcelId], on: identifiedOn }
        : { parcelIds: [parcelId], on: identifiedOn, reason: 'other', note: '经现场核查,该宗地长期闲置、利用效率低下' },
      at(identifiedOn, i),
    );
    const notifiedOn = addDays(identifiedOn, 7 + (i % 4));
    await step(caseId!, { action: 'notify', on: notifiedOn, replyWorkingDays: 15 });
    if (plan.kind === 'notified') continue;
    const interviewedOn = addDays(notifiedOn, 24 + (i % 5));
    await step(caseId!, {
      action: 'interview',
      on: interviewedOn,
      participants: '园区调度专班、自然资源和规划分局、企业法定代表人',
      note: plan.kind === 'resolved' || plan.kind === 'deadline' ? '企业说明资金已落实,承诺限期动工开发' : '企业表示短期内无力开发,同意由园区收回土地另行安排',
    });
    if (plan.kind === 'interviewed') continue;
    const decidedOn = addDays(interviewedOn, 10 + (i % 3));
    if (plan.kind === 'deadline' || plan.kind === 'resolved') {
      // a 限期开工 decided late enough that its deadline is still ahead (resolved ones started in time)
      const on = plan.kind === 'deadline' ? clamp(addDays(today, -20 - i)) : decidedOn;
      await step(caseId!, { action: 'decide', on: on < interviewedOn ? interviewedOn : on, outcome: 'deadline', workingDays: plan.kind === 'deadline' ? plan.workingDays : 60 });
      if (plan.kind === 'resolved') await step(caseId!, { action: 'confirm_start', on: addDays(decidedOn, 45), note: '企业已取得施工许可并动工' });
      continue;
    }
    if (plan.kind === 'agreement_open') {
      await step(caseId!, { action: 'decide', on: decidedOn, outcome: 'agreement', compensationFen: plan.compensationWan * 1_000_000 });
      continue;
    }
    await step(caseId!, { action: 'decide', on: decidedOn, outcome: plan.outcome, ...(plan.outcome === 'agreement' ? { compensationFen: (plan.compensationWan ?? 0) * 1_000_000 } : {}) });
    const recoveredOn = addDays(decidedOn, 20 + (i % 6) * 5);
    await step(caseId!, { action: 'recover', on: recoveredOn, note: plan.outcome === 'agreement' ? '签订收回协议,补偿款已支付' : '下达收回决定书,办理注销登记' });
    if (!plan.project) continue;
    const projectId = takeProject(plan.project, clamp(recoveredOn));
    if (!projectId) continue;
    await step(caseId!, { action: 'reallocate', on: addDays(recoveredOn, 30 + (i % 4) * 10), projectId, note: '“腾笼换鸟”,按新项目供地' });
  }
}
