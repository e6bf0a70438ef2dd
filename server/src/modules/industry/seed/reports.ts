import { randomUUID } from 'node:crypto';
import { growthPct, previousPeriod, samePeriodLastYear } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { WorkingCalendar, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { CaseEventEntry } from '../../../platform/workflow/index.js';
import { periodOfInstant, reportDueOn } from '../reports/due.js';
import { reportEvents } from '../reports/service.js';
import { syncFactsForFirms } from '../stats/facts.js';
import type { IndustrySeedOptions } from './index.js';

/**
 * The demo park's monthly reports 经济运行月报: 36 months up to the last ended month for every 规上
 * firm, accepted (one revision each, a few corrected to a second), with the figures statistics read.
 * The 31 copper firms are complete for all 36 months; the others have a few gaps and late reports.
 * The most recent month is still in progress: most accepted, some submitted waiting for review (one
 * with a swing note), one returned, two drafts, a few not started (the demo `enterprise` firm among
 * them, so a new user can file it). The month before has a few firms overdue.
 *
 * Figures: each firm's scale from its registry revenue, its own trend (−10 %…+25 %/yr), seasonality
 * with the Spring-Festival dip in January/February, noise; output ~1.0–1.15× revenue; copper
 * tonnage from output at ~¥70k/t (the price drifts); tax 3–6 % of revenue; margins varying with a
 * few losses; power proportional to output with a firm-specific intensity; headcount drifting
 * slowly. Deterministic (mulberry32); ids are random.
 */

const MONTHS = 36;
/** The month of the Spring Festival (the deeper dip) by year; the other of Jan/Feb dips less. */
const SPRING_FESTIVAL_MONTH: Record<number, number> = { 2022: 2, 2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2, 2028: 1, 2029: 2, 2030: 2 };
const SEASON = [1, 1, 1.03, 1.0, 1.02, 1.05, 0.97, 0.96, 1.03, 1.01, 1.06, 1.12];
const HOUR = 3_600_000;
/** Notes a firm gives for a swing, by indicator (two each). */
const SWING_NOTES: Record<string, [string, string]> = {
  output_fen: ['春节前后停产检修,产量随之波动', '新增订单集中排产,产值上升'],
  revenue_fen: ['春节假期影响发货,销售收入波动', '大客户集中结算,收入确认时点变化'],
  profit_fen: ['原材料价格波动,毛利变化较大', '计提设备折旧和年终奖金,利润波动'],
  tax_fen: ['增值税留抵退税到账,当月税款减少', '上月缓缴税款本月补缴'],
  power_kwh: ['春节停产,用电量下降', '新产线试运行,用电量增加'],
  employees: ['春节后员工返岗未齐', '新产线招工,人数增加'],
  copper_output_t: ['检修停炉,产量下降', '新产线满产,产量增加'],
  copper_sales_t: ['铜价波动,客户推迟提货', '铜价回落,客户集中提货'],
  orders_fen: ['年度框架合同签订,在手订单增加', '订单集中交付,在手订单减少'],
};

type Firm = { id: string; name: string; chain: string | null; founded_on: string | null; annual_revenue_fen: number | null; headcount: number | null };
type Status = 'draft' | 'submitted' | 'returned' | 'accepted';

function seasonOf(period: string): number {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  if (month <= 2) {
    const sf = SPRING_FESTIVAL_MONTH[year] ?? 2;
    return month === sf ? 0.74 : 0.93;
  }
  return SEASON[month - 1]!;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function seedIndustryReports(trx: Transaction<DB>, options: IndustrySeedOptions & { syncFacts?: boolean }): Promise<void> {
  const { parkId, now } = options;
  const rand = mulberry32(20261214);
  const calendar = new WorkingCalendar();
  const last = previousPeriod(periodOfInstant(now));
  const periods: string[] = [];
  for (let p = last, i = 0; i < MONTHS; i += 1, p = previousPeriod(p)) periods.unshift(p);

  const firms: Firm[] = await trx
    .selectFrom('enterprises')
    .select(['id', 'name', 'chain', 'founded_on', 'annual_revenue_fen', 'headcount'])
    .where('park_id', '=', parkId)
    .where('is_above_scale', '=', true)
    .orderBy('uscc')
    .execute();
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'enterprise_id']).where('park_id', '=', parkId).where('username', 'in', ['dispatcher', 'enterprise']).execute();
  const reviewer = users.find((u) => u.username === 'dispatcher') ?? null;
  const demoFirmId = users.find((u) => u.username === 'enterprise')?.enterprise_id ?? null;
  const firmUsers = await trx.selectFrom('users').select(['id', 'display_name', 'enterprise_id']).where('park_id', '=', parkId).where('enterprise_id', 'in', firms.length ? firms.map((f) => f.id) : ['00000000-0000-0000-0000-000000000000']).execute();
  const filerOf = new Map(firmUsers.map((u) => [u.enterprise_id!, u]));
  const dueOf = new Map(periods.map((p) => [p, reportDueOn(calendar, p, 10).dueOn]));
  const nonCopper = firms.filter((f) => f.chain !== 'copper' && f.id !== demoFirmId);

  // The latest month's states for the firms other than copper (copper is all accepted).
  const latestState = new Map<string, Status | null>();
  if (demoFirmId) latestState.set(demoFirmId, null);
  nonCopper.forEach((f, i) => {
    const slot = i % 12;
    latestState.set(f.id, slot === 1 ? 'submitted' : slot === 5 && i < 40 ? 'submitted' : i === 3 ? 'returned' : i === 7 || i === 19 ? 'draft' : slot === 9 ? null : 'accepted');
  });
  const swingFirm = nonCopper.find((f) => latestState.get(f.id) === 'submitted')?.id ?? null;
  // A few firms have not filed the month before either (overdue once its due day passed).
  const overdueBefore = new Set(nonCopper.filter((f) => latestState.get(f.id) === null).slice(0, 3).map((f) => f.id));

  const reports: {
    id: string;
    park_id: string;
    enterprise_id: string;
    period: string;
    status: Status;
    revision: number;
    due_on: string;
    submitted_at: Date | null;
    submitted_by: string | null;
    late: boolean;
    reviewed_at: Date | null;
    reviewed_by: string | null;
    return_reason: string | null;
    correction_reason: string | null;
    version: number;
    created_at: Date;
    updated_at: Date;
  }[] = [];
  const values: { park_id: string; report_id: string; indicator_key: string; value: number; note: string | null; source: string }[] = [];
  const revisions: { park_id: string; report_id: string; revision: number; figures: string; notes: string; reason: string | null; accepted_at: Date; accepted_by: string | null }[] = [];
  const figures: { park_id: string; enterprise_id: string; period: string; indicator_key: string; value: number; chain: string | null; revision: number }[] = [];
  const events: CaseEventEntry[] = [];
  const reviewerName = reviewer?.display_name ?? '调度专班';
  const event = (caseId: string, action: string, from: string | null, to: string, at: Date, actor: { id: string | null; name: string; role: string }, note: string | null = null, data: Record<string, unknown> | null = null) =>
    events.push({ caseId, event: { action, from_status: from, to_status: to, actor_id: actor.id, actor_name: actor.name, actor_role: actor.role, note, data, at } });

  for (const firm of firms) {
    const copper = firm.chain === 'copper';
    const annual = Math.max(firm.annual_revenue_fen ?? 50_000_000_00, 20_000_000_00);
    const trend = -0.1 + 0.35 * rand();
    const outputRatio = 1 + 0.15 * rand();
    const taxRate = 0.03 + 0.03 * rand();
    const lossMaking = rand() < 0.08;
    const margin = lossMaking ? -0.04 + 0.035 * rand() : 0.02 + 0.1 * rand();
    const intensity = (copper ? 0.012 : 0.02) + 0.05 * rand(); // kWh per 元 of output
    let employees = Math.max(20, firm.headcount ?? Math.round(annual / 100 / 600_000));
    const founded = firm.founded_on ? `${firm.founded_on.slice(0, 7)}-01` : null;
    const filer = filerOf.get(firm.id);
    const filerActor = { id: filer?.id ?? null, name: filer?.display_name ?? firm.name, role: 'enterprise' };
    // the level at the start of the window, so the registry's revenue is about the last year's
    const startLevel = annual / 12 / Math.pow(1 + trend, (MONTHS - 6) / 12);
    const filed = new Map<string, Record<string, number>>();

    periods.forEach((period, index) => {
      const isLatest = period === last;
      if (founded && period < founded) return;
      let status: Status | null = isLatest && !copper && latestState.has(firm.id) ? latestState.get(firm.id)! : 'accepted';
      if (!copper && !isLatest) {
        if (period === previousPeriod(last) && overdueBefore.has(firm.id)) status = null;
        else if (rand() < 0.025) status = null; // a gap
      }
      if (firm.id === demoFirmId && isLatest) status = null;
      const level = startLevel * Math.pow(1 + trend, index / 12) * seasonOf(period) * (0.94 + 0.12 * rand());
      const revenue = Math.round(level);
      const output = Math.round(level * outputRatio * (0.97 + 0.06 * rand()));
      const m = margin + (rand() - 0.5) * 0.03;
      const v: Record<string, number> = {
        output_fen: output,
        revenue_fen: revenue,
        profit_fen: Math.round(revenue * m),
        tax_fen: Math.round(revenue * taxRate * (0.9 + 0.2 * rand())),
        power_kwh: Math.round((output / 100) * intensity * (0.95 + 0.1 * rand())),
        employees: Math.round(employees),
      };
      employees = Math.max(10, employees * (1 + trend / 24 + (rand() - 0.5) * 0.02));
      if (copper) {
        const price = 70_000 * (0.92 + 0.16 * rand()) * (1 + index * 0.004); // 元/t, drifting up
        const tonnes = output / 100 / price;
        v.copper_output_t = round3(tonnes);
        v.copper_sales_t = round3(tonnes * (0.93 + 0.1 * rand()));
        v.orders_fen = Math.round(revenue * (1.2 + 0.8 * rand()));
      }
      if (status === null) return;

      const id = randomUUID();
      const due = dueOf.get(period)!;
      const monthStart = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1) - 8 * HOUR); // 00:00 Shanghai of the next month
      const dueEnd = startOfShanghaiDay(due).getTime() + 24 * HOUR;
      const late = !copper && !isLatest && rand() < 0.07;
      let submittedAt = late ? new Date(dueEnd + (1 + Math.floor(rand() * 6)) * 24 * HOUR + 2 * HOUR) : new Date(monthStart.getTime() + (2 + rand() * ((dueEnd - monthStart.getTime()) / HOUR - 30)) * HOUR);
      const latestCap = now.getTime() - 2 * HOUR;
      if (submittedAt.getTime() > latestCap) submittedAt = new Date(Math.max(monthStart.getTime() + HOUR, latestCap - rand() * 20 * HOUR));
      let reviewedAt = new Date(submittedAt.getTime() + (4 + rand() * 44) * HOUR);
      if (reviewedAt.getTime() > now.getTime() - HOUR) reviewedAt = new Date(Math.max(submittedAt.getTime() + 10 * 60_000, now.getTime() - HOUR));
      const createdAt = new Date(submittedAt.getTime() - (1 + rand() * 48) * HOUR);
      const notes: Record<string, string> = {};
      if (firm.id === swingFirm && isLatest) {
        v.revenue_fen = Math.round(v.revenue_fen! * 1.55);
        v.output_fen = Math.round(v.output_fen! * 1.5);
        notes.revenue_fen = '新建智能产线于本月满产,新增大客户订单集中交付';
        notes.output_fen = '新产线投产,产量大幅增加';
      }
      // what the swing rule asked the firm to explain (同比/环比 beyond ±30 % of what it filed before)
      if (status !== 'draft') {
        const before = [filed.get(samePeriodLastYear(period)), filed.get(previousPeriod(period))];
        for (const [key, value] of Object.entries(v)) {
          if (notes[key]) continue;
          const swing = before.some((b) => {
            const pct = growthPct(value, b?.[key]);
            return pct !== null && Math.abs(pct) > 30;
          });
          if (swing) notes[key] = SWING_NOTES[key]?.[Math.floor(rand() * 2)] ?? '受季节和订单波动影响';
        }
      }
      if (status === 'accepted' || status === 'submitted') filed.set(period, v);
      let revision = status === 'accepted' ? 1 : 0;
      let correction: string | null = null;
      if (status === 'accepted' && !isLatest && rand() < 0.005) {
        // a corrected month: revision 1 had a wrong tax figure
        const wrong = { ...v, tax_fen: Math.round(v.tax_fen! * 0.8) };
        revisions.push({ park_id: parkId, report_id: id, revision: 1, figures: JSON.stringify(wrong), notes: '{}', reason: null, accepted_at: reviewedAt, accepted_by: reviewer?.id ?? null });
        correction = '税务申报核对后更正税收数据';
        revision = 2;
      }
      const finalAt = revision === 2 ? new Date(Math.min(reviewedAt.getTime() + 15 * 24 * HOUR, now.getTime() - HOUR)) : reviewedAt;
      if (status === 'accepted') {
        revisions.push({ park_id: parkId, report_id: id, revision, figures: JSON.stringify(v), notes: JSON.stringify(notes), reason: correction, accepted_at: finalAt, accepted_by: reviewer?.id ?? null });
        for (const [key, value] of Object.entries(v)) figures.push({ park_id: parkId, enterprise_id: firm.id, period, indicator_key: key, value, chain: firm.chain, revision });
      }
      const shown = status === 'draft' ? Object.fromEntries(Object.entries(v).slice(0, 3)) : v;
      for (const [key, value] of Object.entries(shown)) values.push({ park_id: parkId, report_id: id, indicator_key: key, value, note: notes[key] ?? null, source: 'manual' });
      const returnReason = status === 'returned' ? '利润总额与营业收入、税收不匹配,请核实后重新提交' : null;
      reports.push({
        id,
        park_id: parkId,
        enterprise_id: firm.id,
        period,
        status,
        revision,
        due_on: due,
        submitted_at: status === 'draft' ? null : submittedAt,
        submitted_by: status === 'draft' ? null : filerActor.id,
        late,
        reviewed_at: status === 'accepted' || status === 'returned' ? finalAt : null,
        reviewed_by: status === 'accepted' || status === 'returned' ? (reviewer?.id ?? null) : null,
        return_reason: returnReason,
        correction_reason: correction,
        version: status === 'draft' ? 2 : revision === 2 ? 6 : 3,
        created_at: createdAt,
        updated_at: status === 'draft' ? createdAt : finalAt,
      });
      const reviewerActor = { id: reviewer?.id ?? null, name: reviewerName, role: 'dispatcher' };
      event(id, 'create', null, 'draft', createdAt, filerActor);
      if (status === 'draft') return;
      event(id, 'submit', 'draft', 'submitted', submittedAt, filerActor, null, { late, resubmission: false });
      if (status === 'returned') event(id, 'return', 'submitted', 'returned', finalAt, reviewerActor, returnReason);
      if (status === 'accepted') {
        event(id, 'accept', 'submitted', 'accepted', reviewedAt, reviewerActor, null, { revision: 1 });
        if (revision === 2) {
          const correctedAt = new Date((reviewedAt.getTime() + finalAt.getTime()) / 2);
          event(id, 'correct', 'accepted', 'submitted', correctedAt, filerActor, correction, { changed: ['tax_fen'] });
          event(id, 'accept', 'submitted', 'accepted', finalAt, reviewerActor, null, { revision: 2 });
        }
      }
    });
  }

  // One statement per 10,000 rows, the rows travelling as one JSON parameter (far faster than bound values).
  const bulk = async (table: string, columns: string, types: string, rows: object[]) => {
    for (let i = 0; i < rows.length; i += 10_000) {
      await sql`insert into ${sql.table(table)} (${sql.raw(columns)}) select ${sql.raw(columns)} from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 10_000))}::jsonb) as r(${sql.raw(types)})`.execute(trx);
    }
  };
  await bulk(
    'industry_reports',
    'id, park_id, enterprise_id, period, status, revision, due_on, submitted_at, submitted_by, late, reviewed_at, reviewed_by, return_reason, correction_reason, version, created_at, updated_at',
    'id uuid, park_id uuid, enterprise_id uuid, period date, status text, revision int, due_on date, submitted_at timestamptz, submitted_by uuid, late boolean, reviewed_at timestamptz, reviewed_by uuid, return_reason text, correction_reason text, version int, created_at timestamptz, updated_at timestamptz',
    reports,
  );
  await bulk('industry_report_values', 'park_id, report_id, indicator_key, value, note, source', 'park_id uuid, report_id uuid, indicator_key text, value numeric, note text, source text', values);
  await bulk(
    'industry_report_revisions',
    'park_id, report_id, revision, figures, notes, reason, accepted_at, accepted_by',
    'park_id uuid, report_id uuid, revision int, figures jsonb, notes jsonb, reason text, accepted_at timestamptz, accepted_by uuid',
    revisions.map((r) => ({ ...r, figures: JSON.parse(r.figures), notes: JSON.parse(r.notes) })),
  );
  await bulk('industry_figures', 'park_id, enterprise_id, period, indicator_key, value, chain, revision', 'park_id uuid, enterprise_id uuid, period date, indicator_key text, value numeric, chain text, revision int', figures);
  await reportEvents.writeMany!(trx, parkId, events);

  // Accepted figures become policy facts per firm and complete year (stats/facts.ts), as every
  // acceptance in the running app does; the policies seed after this keeps them (on conflict do nothing).
  if (options.syncFacts !== false) {
    const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))].filter((y) => periods.includes(`${y}-01-01`) && periods.includes(`${y}-12-01`));
    await syncFactsForFirms(trx, null, parkId, firms.map((f) => f.id), years, now);
  }
}
