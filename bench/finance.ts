// `npm run bench:finance`: 金融服务 at province scale on PostgreSQL (issue 13, item 10).
//
// Two fresh databases on a PostgreSQL server (BENCH_DATABASE_URL, else the one scripts/pg-local.sh
// starts) get the real migrations and, generated in SQL (INSERT … SELECT generate_series):
//   - the province `bench_finance_<random>`: 100 parks, 13 banks each (a bank user per bank, a
//     finance officer per park), 1,000 firms per park, 500,000 financing needs over two years
//     (each sent to 1–4 banks: ~1.25M answers, ~6 % of them open and due around now, the rest
//     answered, disbursed, declined or superseded), the firms' consents, 100,000 bridge loans
//     (mostly repaid with their fees, some disbursed and overdue) on one pool per park with its
//     ledger, two years of daily copper prices, 300 warehouse receipts, 200 pledges and their
//     margin calls per park, four 融资对接会 per park with sign-ups, intentions and outcomes;
//   - the reference `bench_finance_1park_<random>`: one park of the same per-park size.
// Then, through the REAL app (buildApp, listening on 127.0.0.1) on each database, a load generator
// in a child process (so it does not share the server's event loop) measures p50/p95/p99 of
//   - a bank's inbox          GET /api/finance/offers                   (a pool of logged-in bank
//     users of many parks and banks, a different one each request)
//   - the finance statistics  GET /api/finance/stats?from=…&to=…        (a pool of logged-in finance
//     officers of different parks; a one-year and a one-month period, each request another range
//     ending on another day, so the figures are computed, not served from a cache)
// The two databases are loaded in turn, in BENCH_ROUNDS short rounds per endpoint, so that both
// meet the machine's same moments; then 40 requests one at a time (a single user's wait).
// Goal: p95 ≤ 200 ms for each endpoint at province scale. The issue names no peer: the goal ratio
// (p95 ÷ 200 ms) is printed side by side with the one-park database's (what the province costs
// per park). The databases are dropped at the end; the figures go to bench/results/finance-<date>.json.
//
// Environment: BENCH_DATABASE_URL · BENCH_PARKS=100 · BENCH_NEEDS=500000 · BENCH_LOANS=100000 ·
// BENCH_DURATION=15 (seconds measured per endpoint and database, over all rounds) · BENCH_ROUNDS=3 ·
// BENCH_WARMUP=2 (per round) · BENCH_CONNECTIONS=10 · BENCH_USERS=50 (logged-in bank users and up
// to that many finance officers) · BENCH_REFERENCE=0 (skip the one-park database) ·
// BENCH_GENERATE_ONLY=1 (load, check and time the data, no HTTP) · BENCH_KEEP=1 (keep the
// databases) · BENCH_REUSE=<suffix> (measure the kept databases bench_finance[_1park]_<suffix> again).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { admin, benchLog, serverUrl, withDatabase } from './pg-bench.js';
import { buildApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { DB } from '../server/src/db/schema.js';
import { fixedClock } from '../server/src/platform/clock.js';
import { hashPassword } from '../server/src/platform/passwords.js';
import { writeResults, type Verdict } from './verdicts.js';
import type { LoadResult } from './http-load.js';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

const PARKS = Math.round(envNumber('BENCH_PARKS', 100));
const NEEDS = Math.round(envNumber('BENCH_NEEDS', 500_000));
const LOANS = Math.round(envNumber('BENCH_LOANS', 100_000));
const BANKS_PER_PARK = 13;
const FIRMS_PER_PARK = 1000;
const RECEIPTS_PER_PARK = 300;
const PLEDGES_PER_PARK = 200;
const EVENTS_PER_PARK = 4;
const DURATION = envNumber('BENCH_DURATION', 15);
const WARMUP = envNumber('BENCH_WARMUP', 2);
const CONNECTIONS = Math.round(envNumber('BENCH_CONNECTIONS', 10));
const USERS = Math.max(1, Math.round(envNumber('BENCH_USERS', 50)));
const ROUNDS = Math.max(1, Math.round(envNumber('BENCH_ROUNDS', 3)));
const ONE_USER_REQUESTS = 40;
const REFERENCE = process.env.BENCH_REFERENCE !== '0';
const GENERATE_ONLY = process.env.BENCH_GENERATE_ONLY === '1';
/** The suffix of databases kept by an earlier run (BENCH_KEEP=1): measure them again, no generation. */
const REUSE = process.env.BENCH_REUSE ?? '';
const GOAL_P95_MS = 200;
const PASSWORD = 'Bench@2026pw';
/** The bench's "now": Thursday 3 Dec 2026, 10:00 in Shanghai, inside the calendar's known years. */
const T0 = new Date('2026-12-03T02:00:00Z');
const OPEN_STATUSES = ['pending', 'interested', 'materials_requested'];

const { log, timed } = benchLog('finance');

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

type Sizes = { parks: number; needs: number; loans: number };

/** Secondary (non-unique) indexes of the tables, dropped for the load and rebuilt after it. */
async function dropSecondaryIndexes(db: Kysely<DB>, tables: string[]): Promise<string[]> {
  const list = tables.map((t) => `'${t}'`).join(', ');
  const rows = (await sql.raw<{ indexname: string; indexdef: string }>(`
    select indexname, indexdef from pg_indexes
     where tablename in (${list}) and indexname not like '%pkey' and indexdef not like 'CREATE UNIQUE%'`).execute(db)).rows;
  for (const i of rows) await sql.raw(`drop index ${i.indexname}`).execute(db);
  return rows.map((r) => r.indexdef);
}

async function generate(db: Kysely<DB>, sizes: Sizes, passwordHash: string): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  const P = sizes.parks;
  const t0 = `'${T0.toISOString()}'::timestamptz`;
  /** The Shanghai calendar day of a timestamp expression. */
  const day = (ts: string) => `((${ts}) at time zone 'Asia/Shanghai')::date`;

  await timed('parks, banks, users, firms', async () => {
    await run(`insert into parks (code, name, region)
               select 'p' || lpad(i::text, 3, '0'), '开发区' || i, '省' from generate_series(0, ${P - 1}) i`);
    await run(`create unlogged table bench_parks as select id, (row_number() over (order by code) - 1)::int as idx from parks`);
    await run(`insert into banks (park_id, code, name, short_name, kind, strategic, agreement_on, status, sort)
               select p.id, 'B' || lpad(k::text, 2, '0'), '合作银行' || k || '号', '银行' || k, 'bank', true, date '2024-03-01', 'active', k
                 from bench_parks p cross join generate_series(0, ${BANKS_PER_PARK - 1}) k`);
    await run(`create unlogged table bench_banks as
               select b.id, p.idx as park_idx, b.sort as k from banks b join bench_parks p on p.id = b.park_id`);
    await run(`create index on bench_banks (park_idx, k)`);
    await run(`insert into users (park_id, username, display_name, password_hash, roles, bank_id)
               select p.id, 'bank-' || b.park_idx || '-' || b.k, '客户经理' || b.park_idx || '-' || b.k, '${passwordHash}', '{bank}', b.id
                 from bench_banks b join bench_parks p on p.idx = b.park_idx`);
    await run(`insert into users (park_id, username, display_name, password_hash, roles)
               select p.id, 'fo-' || p.idx, '金融专员' || p.idx, '${passwordHash}', '{finance_officer}' from bench_parks p`);
    await run(`insert into enterprises (park_id, uscc, name, chain, created_at, updated_at)
               select p.id, 'F' || lpad(p.idx::text, 3, '0') || lpad(i::text, 14, '0'), '企业' || p.idx || '-' || i || '有限公司', 'iot', ${t0} - interval '3 years', ${t0} - interval '3 years'
                 from bench_parks p cross join generate_series(0, ${FIRMS_PER_PARK - 1}) i`);
    await run(`create unlogged table bench_firms as
               select e.id, p.idx as park_idx, (row_number() over (partition by e.park_id order by e.uscc) - 1)::int as n
                 from enterprises e join bench_parks p on p.id = e.park_id`);
    await run(`create index on bench_firms (park_idx, n)`);
    await run(`insert into finance_products (park_id, bank_id, name, type, rate_min_bp, rate_max_bp, term_min_months, term_max_months,
                                             amount_min_fen, amount_max_fen, collateral, valid_from, status, created_at, updated_at)
               select p.id, b.id, '银行' || b.k || (array['科创贷','税易贷','厂房按揭贷'])[j + 1], (array['credit','credit','mortgage'])[j + 1],
                      300 + 20 * j, 450 + 30 * j, 6, 36, 100000000, 3000000000, '{}', date '2025-01-01', 'published', ${t0} - interval '1 year', ${t0} - interval '1 year'
                 from bench_banks b join bench_parks p on p.idx = b.park_idx cross join generate_series(0, 2) j`);
  });

  // --- needs and each bank's answer -------------------------------------------------------------
  const indexes = await dropSecondaryIndexes(db, ['finance_needs', 'finance_offers', 'finance_consents', 'bridge_loans', 'bridge_pool_ledger']);
  await timed(`${sizes.needs.toLocaleString('en')} needs`, async () => {
    // 9 % of the needs are recent (filed in the last 8 days: most still open); the rest spread
    // over two years and settled. Each goes to 1–4 banks: k = (s + 3j) mod 13, distinct.
    await run(`
      create unlogged table bench_needs as
      select x.*, gen_random_uuid() as id, gen_random_uuid() as offer0_id,
             case when x.recent then (case when x.r2 < 0.85 then 'open' when x.r2 < 0.95 then 'chosen' else 'withdrawn' end)
                  else (case when x.r2 < 0.60 then 'disbursed' when x.r2 < 0.88 then 'closed' else 'withdrawn' end) end as kind
        from (select g, g % ${P} as park_idx, floor(random() * ${FIRMS_PER_PARK})::int as n,
                     r < 0.09 as recent,
                     case when r < 0.09 then ${t0} - random() * interval '8 days' else ${t0} - interval '8 days' - random() * interval '722 days' end as filed_at,
                     (10000000 * (1 + floor(random() * 300)))::bigint as amount_fen,
                     (array[6, 12, 12, 24, 36])[1 + floor(random() * 5)::int] as term_months,
                     1 + floor(random() * 4)::int as banks, floor(random() * ${BANKS_PER_PARK})::int as s,
                     random() as r2, random() as r3
                from (select g, random() as r from generate_series(0, ${sizes.needs - 1}) g) s) x`);
    await run(`
      insert into finance_needs (id, park_id, number, enterprise_id, amount_fen, term_months, purpose, collateral, send_to, status,
                                 chosen_offer_id, filed_by_role, filed_at, disbursed_at, disbursed_amount_fen, working_days_to_disbursement,
                                 closed_at, close_reason, created_at, updated_at)
      select x.id, p.id, 'RZ' || to_char(x.filed_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(x.g::text, 7, '0'), f.id,
             x.amount_fen, x.term_months, '流动资金周转', '{credit}', case when x.banks = 4 then 'all' else 'chosen' end, x.kind,
             case when x.kind in ('chosen', 'disbursed') then x.offer0_id end, 'enterprise', x.filed_at,
             case when x.kind = 'disbursed' then x.filed_at + (3 + x.r3 * 18) * interval '1 day' end,
             case when x.kind = 'disbursed' then x.amount_fen end,
             case when x.kind = 'disbursed' then floor((3 + x.r3 * 18) * 5 / 7)::int end,
             case when x.kind in ('closed', 'withdrawn') then least(${t0}, x.filed_at + (2 + x.r3 * 10) * interval '1 day') end,
             case x.kind when 'closed' then '各机构均未批准' when 'withdrawn' then '企业撤回' end,
             x.filed_at, x.filed_at
        from bench_needs x join bench_parks p on p.idx = x.park_idx join bench_firms f on f.park_idx = x.park_idx and f.n = x.n`);
  });
  await timed('answers', async () => {
    await run(`
      insert into finance_offers (id, park_id, need_id, enterprise_id, bank_id, status, sent_at, due_at, answered_at, escalated_at,
                                  materials_note, approved_amount_fen, approved_rate_bp, approved_term_months, approved_at, decline_reason,
                                  chosen, disbursed_amount_fen, disbursed_on, updated_at)
      select o.id, p.id, o.need_id, f.id, b.id, o.status, o.filed_at, o.due_at, o.answered_at,
             case when o.status in ('pending', 'interested', 'materials_requested') and o.due_at < ${t0} then o.due_at + interval '1 hour' end,
             case when o.status = 'materials_requested' then '请补充近两年财务报表' end,
             case when o.status in ('approved', 'disbursed') then o.amount_fen end,
             case when o.status in ('approved', 'disbursed') then 320 + floor(o.r * 200)::int end,
             case when o.status in ('approved', 'disbursed') then o.term_months end,
             case when o.status in ('approved', 'disbursed') then o.answered_at end,
             case when o.status = 'declined' then '抵押物不足' end,
             o.j = 0 and o.kind in ('chosen', 'disbursed'),
             case when o.status = 'disbursed' then o.amount_fen end,
             case when o.status = 'disbursed' then ${day('o.disbursed_at')} end,
             coalesce(o.disbursed_at, o.answered_at, o.filed_at)
        from (select y.*,
                     case when y.status = 'pending' then null
                          when y.kind in ('open', 'chosen') then least(${t0}, y.filed_at + y.r * interval '4 days')
                          else y.filed_at + y.r * interval '4 days' end as answered_at
                from (select n.id as need_id, n.park_idx, n.n, n.kind, n.filed_at, n.amount_fen, n.term_months, j,
                             case when n.j = 0 then n.offer0_id else gen_random_uuid() end as id,
                             (n.s + 3 * j) % ${BANKS_PER_PARK} as k,
                             n.filed_at + interval '5 days' as due_at,
                             case when n.kind = 'disbursed' then n.filed_at + (3 + n.r3 * 18) * interval '1 day' end as disbursed_at,
                             r,
                             case n.kind
                               when 'open' then (case when r < 0.45 then 'pending' when r < 0.68 then 'interested' when r < 0.82 then 'materials_requested'
                                                      when r < 0.92 then 'approved' else 'declined' end)
                               when 'chosen' then (case when j = 0 then 'approved' else 'superseded' end)
                               when 'disbursed' then (case when j = 0 then 'disbursed' when r < 0.5 then 'declined' else 'superseded' end)
                               when 'withdrawn' then (case when r < 0.3 then 'declined' else 'superseded' end)
                               else 'declined' end as status
                        from (select n.*, j, random() as r from bench_needs n cross join lateral generate_series(0, n.banks - 1) j) n) y) o
        join bench_parks p on p.idx = o.park_idx
        join bench_firms f on f.park_idx = o.park_idx and f.n = o.n
        join bench_banks b on b.park_idx = o.park_idx and b.k = o.k`);
    // the firms' recorded consent to each bank they sent a need to
    await run(`
      insert into finance_consents (park_id, enterprise_id, bank_id, scopes, granted_at)
      select park_id, enterprise_id, bank_id, '{registry,monthly}', min(sent_at) from finance_offers group by park_id, enterprise_id, bank_id`);
  });

  // --- bridge loans, one pool per park and its ledger -------------------------------------------
  await timed(`${sizes.loans.toLocaleString('en')} bridge loans, pools and ledger`, async () => {
    // 5 % filed in the last 30 days (in every state of the case); the rest over two years: mostly
    // repaid (a twentieth past the 15 days, with a penalty), 1 % disbursed and overdue, 12 % refused.
    await run(`
      create unlogged table bench_loans as
      select z.*,
             case when z.status in ('disbursed', 'repaid') then least(${day(t0)}, ${day('z.filed_at')} + 2) end as disbursed_on,
             case when z.status = 'repaid' then (case when z.r3 < 0.05 then 16 + floor(z.r3 * 100)::int else 3 + floor(z.r3 * 12)::int end) end as days_used
        from (select x.*,
                     case when x.recent then (case when x.r2 < 0.2 then 'submitted' when x.r2 < 0.35 then 'bank_confirmed' when x.r2 < 0.5 then 'approved'
                                                   when x.r2 < 0.9 then 'disbursed' when x.r2 < 0.95 then 'rejected' else 'withdrawn' end)
                          else (case when x.r2 < 0.87 then 'repaid' when x.r2 < 0.88 then 'disbursed' when x.r2 < 0.92 then 'rejected'
                                     when x.r2 < 0.96 then 'withdrawn' else 'bank_declined' end) end as status
                from (select g, g % ${P} as park_idx, floor(random() * ${FIRMS_PER_PARK})::int as n, floor(random() * ${BANKS_PER_PARK})::int as k,
                             r < 0.05 as recent,
                             case when r < 0.05 then ${t0} - random() * interval '30 days'
                                  when r < 0.06 then ${t0} - interval '30 days' - random() * interval '60 days'
                                  else ${t0} - interval '30 days' - random() * interval '700 days' end as filed_at,
                             (100000000 * (1 + floor(random() * 30)))::bigint as amount_fen,
                             random() as r2, random() as r3
                        from (select g, random() as r from generate_series(0, ${sizes.loans - 1}) g) s) x) z`);
    await run(`
      insert into bridge_pools (park_id, code, name, capital_fen, available_fen, lent_fen, fee_income_fen, created_at, updated_at)
      select p.id, 'POOL-1', '应急转贷资金池', 100000000000, 100000000000, 0, 0, ${t0} - interval '800 days', ${t0} from bench_parks p`);
    await run(`
      insert into bridge_loans (park_id, number, enterprise_id, pool_id, bank_id, maturing_contract_no, maturing_principal_fen, maturing_due_on,
        amount_fen, days_requested, purpose, status, needs_leader, renewal_commitment_no, renewal_amount_fen, renewal_expected_on,
        bank_confirmed_at, officer_approved_at, leader_approved_at, disbursed_on, disbursed_at, daily_rate_ppm, max_days, penalty_rate_ppm,
        due_on, repaid_on, repaid_at, days_used, fee_fen, penalty_fen, overdue_at, escalated_at, reject_reason, filed_at, created_at, updated_at)
      select p.id, 'ZD' || to_char(l.filed_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(l.g::text, 6, '0'), f.id,
             case when l.status in ('approved', 'disbursed', 'repaid') then pool.id end, b.id,
             'HT-' || lpad(l.g::text, 8, '0'), l.amount_fen + 50000000, ${day('l.filed_at')} + 5,
             l.amount_fen, 10, '到期贷款周转', l.status, l.amount_fen >= 1000000000,
             case when l.status not in ('submitted', 'bank_declined') then 'XD-' || l.g end,
             case when l.status not in ('submitted', 'bank_declined') then l.amount_fen end,
             case when l.status not in ('submitted', 'bank_declined') then ${day('l.filed_at')} + 15 end,
             case when l.status not in ('submitted', 'bank_declined', 'withdrawn') then l.filed_at + interval '1 day' end,
             case when l.status in ('approved', 'disbursed', 'repaid') then l.filed_at + interval '1 day 4 hours' end,
             case when l.status in ('approved', 'disbursed', 'repaid') and l.amount_fen >= 1000000000 then l.filed_at + interval '1 day 6 hours' end,
             l.disbursed_on, case when l.disbursed_on is not null then ((l.disbursed_on + time '10:00') at time zone 'Asia/Shanghai') end,
             case when l.disbursed_on is not null then 100 end, case when l.disbursed_on is not null then 15 end,
             case when l.disbursed_on is not null then 500 end, l.disbursed_on + 14,
             l.disbursed_on + l.days_used, (((l.disbursed_on + l.days_used) + time '15:00') at time zone 'Asia/Shanghai'), l.days_used,
             case when l.days_used is not null then round(l.amount_fen * 100 * least(l.days_used, 15) / 1000000.0)::bigint end,
             case when l.days_used is not null then round(l.amount_fen * 500 * greatest(l.days_used - 15, 0) / 1000000.0)::bigint end,
             case when l.disbursed_on + 15 <= ${day(t0)} and (l.status = 'disbursed' or l.days_used > 15) then (((l.disbursed_on + 15) + time '00:00') at time zone 'Asia/Shanghai') end,
             case when l.status = 'disbursed' and l.disbursed_on + 16 <= ${day(t0)} then (((l.disbursed_on + 16) + time '09:00') at time zone 'Asia/Shanghai') end,
             case when l.status = 'rejected' then '续贷承诺不足' end,
             l.filed_at, l.filed_at, l.filed_at
        from bench_loans l join bench_parks p on p.idx = l.park_idx join bench_firms f on f.park_idx = l.park_idx and f.n = l.n
        join bench_banks b on b.park_idx = l.park_idx and b.k = l.k join bridge_pools pool on pool.park_id = p.id`);
    // the ledger: the capital, then every disbursement, repayment and fee in time order, with the
    // balances after each entry (a running sum per pool)
    await run(`
      insert into bridge_pool_ledger (park_id, pool_id, seq, kind, amount_fen, available_after_fen, lent_after_fen, fee_income_after_fen,
                                      loan_id, enterprise_id, memo, created_at)
      select park_id, pool_id, row_number() over w, kind, amount_fen,
             100000000000 - sum(d_lent) over w, sum(d_lent) over w, sum(d_fee) over w, loan_id, enterprise_id, memo, at
        from (select pool.park_id, pool.id as pool_id, 'capital' as kind, pool.capital_fen as amount_fen, 0::bigint as d_lent, 0::bigint as d_fee,
                     null::uuid as loan_id, null::uuid as enterprise_id, '注资' as memo, pool.created_at as at, 0 as ord
                from bridge_pools pool
              union all
              select park_id, pool_id, 'disburse', amount_fen, amount_fen, 0, id, enterprise_id, number, disbursed_at, 1
                from bridge_loans where status in ('disbursed', 'repaid')
              union all
              select park_id, pool_id, 'repay', amount_fen, -amount_fen, 0, id, enterprise_id, number, repaid_at, 2
                from bridge_loans where status = 'repaid'
              union all
              select park_id, pool_id, 'fee', fee_fen, 0, fee_fen, id, enterprise_id, number, repaid_at, 3
                from bridge_loans where status = 'repaid' and fee_fen > 0
              union all
              select park_id, pool_id, 'penalty', penalty_fen, 0, penalty_fen, id, enterprise_id, number, repaid_at, 4
                from bridge_loans where status = 'repaid' and penalty_fen > 0) e
      window w as (partition by pool_id order by at, ord, loan_id rows between unbounded preceding and current row)`);
    await run(`
      update bridge_pools pool set available_fen = pool.capital_fen - s.lent, lent_fen = s.lent, fee_income_fen = s.fee, ledger_seq = s.seq
        from (select pool_id, max(seq) as seq,
                     (array_agg(lent_after_fen order by seq desc))[1] as lent, (array_agg(fee_income_after_fen order by seq desc))[1] as fee
                from bridge_pool_ledger group by pool_id) s
       where s.pool_id = pool.id`);
  });
  await timed('rebuild indexes', async () => {
    for (const i of indexes) await run(i);
  });

  // --- 存铜融 ---------------------------------------------------------------------------------------
  await timed('copper prices, receipts, pledges, margin calls', async () => {
    await run(`
      insert into copper_prices (park_id, price_on, price_fen_per_ton, source, created_at)
      select p.id, ${day(t0)} - d, round(7000000 + 600000 * sin(d / 40.0) + 150000 * sin(d / 7.0 + p.idx))::bigint, 'import', ${t0}
        from bench_parks p cross join generate_series(0, 729) d`);
    await run(`
      insert into warehouse_receipts (park_id, enterprise_id, warehouse, receipt_no, weight_kg, grade, stored_on, status, created_at, updated_at)
      select p.id, f.id, '指定交割仓库' || (i % 3 + 1) || '号', 'WR-' || lpad(i::text, 6, '0'), 25000 * (1 + i % 8), 'A级铜 Cu-CATH-1',
             ${day(t0)} - (i * 2 + 5),
             case when i >= ${PLEDGES_PER_PARK} then 'held' when i % 10 between 1 and 3 then 'released' else 'pledged' end, ${t0}, ${t0}
        from bench_parks p cross join generate_series(0, ${RECEIPTS_PER_PARK - 1}) i
        join bench_firms f on f.park_idx = p.idx and f.n = (i * 7) % ${FIRMS_PER_PARK}`);
    await run(`
      insert into copper_pledges (park_id, number, receipt_id, enterprise_id, bank_id, priced_on, price_fen_per_ton, ltv_bp, loan_fen,
                                  outstanding_fen, margin_fen, status, pledged_on, released_on, created_at, updated_at)
      select r.park_id, 'TR' || lpad(x.i::text, 6, '0'), r.id, r.enterprise_id, b.id, r.stored_on, cp.price_fen_per_ton, 8000,
             r.weight_kg * cp.price_fen_per_ton * 8000 / 10000 / 1000,
             case when x.i % 10 between 1 and 3 then 0 else r.weight_kg * cp.price_fen_per_ton * 8000 / 10000 / 1000 end, 0,
             case when x.i % 10 = 0 then 'margin_call' when x.i % 10 between 1 and 3 then 'released' else 'active' end,
             r.stored_on, case when x.i % 10 between 1 and 3 then r.stored_on + 60 end, ${t0}, ${t0}
        from warehouse_receipts r
        join bench_parks p on p.id = r.park_id
        cross join lateral (select substr(r.receipt_no, 4)::int as i) x
        join bench_banks b on b.park_idx = p.idx and b.k = x.i % ${BANKS_PER_PARK}
        join copper_prices cp on cp.park_id = r.park_id and cp.price_on = r.stored_on
       where x.i < ${PLEDGES_PER_PARK}`);
    // two calls for every fifth pledge: the older one resolved by a top-up, the newer one open on
    // the pledges in margin_call, resolved on the others
    await run(`
      insert into margin_calls (park_id, pledge_id, receipt_id, enterprise_id, bank_id, call_on, price_fen_per_ton, limit_fen, outstanding_fen,
                                shortfall_fen, status, resolution, resolved_amount_fen, resolved_at, due_at, overdue_at, created_at)
      select pl.park_id, pl.id, pl.receipt_id, pl.enterprise_id, pl.bank_id, pl.pledged_on + 1 + c, pl.price_fen_per_ton * 9 / 10,
             pl.loan_fen * 9 / 10, pl.loan_fen, pl.loan_fen / 10,
             case when c = 1 and pl.status = 'margin_call' then 'open' else 'resolved' end,
             case when c = 1 and pl.status = 'margin_call' then null else 'top_up' end,
             case when c = 1 and pl.status = 'margin_call' then null else pl.loan_fen / 10 end,
             case when c = 1 and pl.status = 'margin_call' then null else (((pl.pledged_on + 2 + c) + time '10:00') at time zone 'Asia/Shanghai') end,
             (((pl.pledged_on + 4 + c) + time '00:00') at time zone 'Asia/Shanghai'),
             case when c = 1 and pl.status = 'margin_call' and pl.pledged_on + 4 + c <= ${day(t0)} then (((pl.pledged_on + 4 + c) + time '00:00') at time zone 'Asia/Shanghai') end,
             (((pl.pledged_on + 1 + c) + time '09:00') at time zone 'Asia/Shanghai')
        from copper_pledges pl cross join generate_series(0, 1) c
       where substr(pl.number, 3)::int % 5 = 0`);
  });

  // --- 融资对接会 ------------------------------------------------------------------------------------
  await timed('events', async () => {
    await run(`create unlogged table bench_events as
               select gen_random_uuid() as id, p.id as park_id, p.idx as park_idx, e from bench_parks p cross join generate_series(0, ${EVENTS_PER_PARK - 1}) e`);
    await run(`insert into finance_events (id, park_id, title, theme, held_on, venue, signup_deadline, status, created_at, updated_at)
               select id, park_id, '融资对接会 第' || (e + 1) || '场', '复工复产', ${day(t0)} - (300 - e * 90), '园区会议中心',
                      ${day(t0)} - (307 - e * 90), 'closed', ${t0} - interval '320 days', ${t0}
                 from bench_events`);
    await run(`insert into finance_event_banks (park_id, event_id, bank_id)
               select ev.park_id, ev.id, b.id from bench_events ev join bench_banks b on b.park_idx = ev.park_idx`);
    await run(`create unlogged table bench_signups as
               select ev.id as event_id, ev.park_id, ev.park_idx, f.id as enterprise_id, i, ev.e
                 from bench_events ev cross join generate_series(0, 89) i join bench_firms f on f.park_idx = ev.park_idx and f.n = (ev.e * 200 + i) % ${FIRMS_PER_PARK}`);
    await run(`insert into finance_event_signups (park_id, event_id, enterprise_id, amount_fen, signed_up_at)
               select park_id, event_id, enterprise_id, 1500000000, ${t0} - interval '310 days' + e * interval '90 days' from bench_signups`);
    await run(`insert into finance_event_intentions (park_id, event_id, bank_id, enterprise_id, amount_fen, created_at)
               select s.park_id, s.event_id, b.id, s.enterprise_id, 1300000000, ${t0} - interval '300 days' + s.e * interval '90 days'
                 from bench_signups s join bench_banks b on b.park_idx = s.park_idx and b.k = s.i % ${BANKS_PER_PARK}`);
    await run(`insert into finance_event_outcomes (park_id, event_id, bank_id, enterprise_id, signed_amount_fen, signed_on, contract_no, created_at)
               select s.park_id, s.event_id, b.id, s.enterprise_id, 1288888889, ${day(t0)} - (300 - s.e * 90), 'QY-' || s.i, ${t0} - interval '300 days' + s.e * interval '90 days'
                 from bench_signups s join bench_banks b on b.park_idx = s.park_idx and b.k = s.i % ${BANKS_PER_PARK}`);
  });

  await timed('drop the staging tables', async () => {
    for (const t of ['bench_signups', 'bench_events', 'bench_loans', 'bench_needs', 'bench_firms', 'bench_banks', 'bench_parks']) await run(`drop table ${t}`);
  });
  // As autovacuum would leave tables in service: statistics and the visibility map.
  await timed('vacuum analyze', async () => {
    await run('vacuum analyze');
  });
}

type Counts = Record<string, number>;

/** What was loaded, and the rules the generator promises beyond the database's checks. */
async function countAndCheck(db: Kysely<DB>): Promise<Counts> {
  const c = (await sql<Counts>`
    select (select count(*)::int from parks) as parks, (select count(*)::int from banks) as banks, (select count(*)::int from enterprises) as firms,
           (select count(*)::int from users) as users, (select count(*)::int from finance_needs) as needs,
           (select count(*)::int from finance_offers) as offers,
           (select count(*)::int from finance_offers where status in ('pending', 'interested', 'materials_requested')) as "openOffers",
           (select count(*)::int from finance_offers where status in ('pending', 'interested', 'materials_requested') and due_at < ${T0}) as "openOverdue",
           (select count(*)::int from finance_consents) as consents,
           (select count(*)::int from bridge_loans) as loans,
           (select count(*)::int from bridge_loans where status = 'repaid') as "loansRepaid",
           (select count(*)::int from bridge_loans where status = 'disbursed') as "loansOutstanding",
           (select count(*)::int from bridge_loans where overdue_at is not null and status = 'disbursed') as "loansOverdue",
           (select count(*)::int from bridge_pool_ledger) as "ledgerEntries",
           (select count(*)::int from copper_prices) as "copperPrices",
           (select count(*)::int from warehouse_receipts) as receipts, (select count(*)::int from copper_pledges) as pledges,
           (select count(*)::int from margin_calls) as "marginCalls",
           (select count(*)::int from finance_events) as events, (select count(*)::int from finance_event_outcomes) as "eventOutcomes"`.execute(db)).rows[0]!;
  const bad = (await sql<{ what: string; n: number }>`
    select 'pool balance differs from its ledger' as what, count(*)::int as n
      from bridge_pools p join lateral (select * from bridge_pool_ledger l where l.pool_id = p.id order by seq desc limit 1) l on true
     where p.available_fen <> l.available_after_fen or p.lent_fen <> l.lent_after_fen or p.fee_income_fen <> l.fee_income_after_fen or p.ledger_seq <> l.seq
    union all
    select 'pool lent differs from its outstanding loans', count(*)::int from bridge_pools p
     where p.lent_fen <> (select coalesce(sum(amount_fen), 0) from bridge_loans l where l.pool_id = p.id and l.status = 'disbursed')
    union all
    select 'ledger sequence with a gap', count(*)::int from (select pool_id from bridge_pool_ledger group by pool_id having max(seq) <> count(*)) g
    union all
    select 'need whose chosen answer is not its own', count(*)::int from finance_needs n
      left join finance_offers o on o.id = n.chosen_offer_id and o.need_id = n.id where n.chosen_offer_id is not null and o.id is null
    union all
    select 'answer without the firm''s consent', count(*)::int from finance_offers o
     where not exists (select 1 from finance_consents c where c.park_id = o.park_id and c.enterprise_id = o.enterprise_id and c.bank_id = o.bank_id and c.revoked_at is null)`.execute(db)).rows;
  for (const b of bad) if (b.n !== 0) throw new Error(`generated data: ${b.what}: ${b.n}`);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Load: many sessions, each request its own URL and session (in a child process)
// ---------------------------------------------------------------------------------------------

const SCRIPT = `
  const [list, connections, warmup, duration] = process.argv.slice(1);
  const reqs = JSON.parse((await import('node:fs')).readFileSync(list, 'utf8'));
  const lat = []; let errors = 0, non2xx = 0, next = 0; const statuses = {};
  const start = performance.now(), measureFrom = start + warmup * 1000, end = measureFrom + duration * 1000;
  async function worker() {
    while (performance.now() < end) {
      const [url, cookie] = reqs[next++ % reqs.length];
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (t >= measureFrom) { lat.push(performance.now() - t); if (res.status < 200 || res.status >= 300) { non2xx++; statuses[res.status] = (statuses[res.status] ?? 0) + 1; } }
      } catch { if (t >= measureFrom) errors++; }
    }
  }
  await Promise.all(Array.from({ length: Number(connections) }, worker));
  if (non2xx) process.stderr.write('non-2xx statuses: ' + JSON.stringify(statuses) + '\\n');
  process.stdout.write(JSON.stringify({ errors, non2xx, lat, next }));
`;

type Segment = { errors: number; non2xx: number; lat: number[]; next: number };

/** Loads [url, cookie] pairs (rotating, from `offset`) with this bench's connections for `seconds` after a warm-up. */
function loadSegment(requests: [string, string][], offset: number, warmup: number, seconds: number): Promise<Segment> {
  const list = path.join(os.tmpdir(), `bench-finance-${process.pid}-${randomBytes(3).toString('hex')}.json`);
  // rotate so that each segment starts where the previous one of this list stopped (new ranges)
  fs.writeFileSync(list, JSON.stringify([...requests.slice(offset % requests.length), ...requests.slice(0, offset % requests.length)]));
  return new Promise<Segment>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT, list, String(CONNECTIONS), String(warmup), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Segment) : reject(new Error(`load generator exited with ${code}`))));
  }).finally(() => fs.rmSync(list, { force: true }));
}

function summarize(segments: Segment[], seconds: number): LoadResult {
  const lat = segments.flatMap((s) => s.lat).sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]! : NaN);
  const errors = segments.reduce((n, s) => n + s.errors, 0);
  const non2xx = segments.reduce((n, s) => n + s.non2xx, 0);
  return { requests: lat.length, errors, non2xx, rps: lat.length / seconds, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: lat.at(-1) ?? NaN, mean: lat.reduce((a, b) => a + b, 0) / (lat.length || 1) };
}

/** n items of a list spread over it (every k-th), so a pool covers many parks and banks. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

/** A shuffled copy (a fixed seed: the same order every run). */
function shuffled<T>(items: T[]): T[] {
  const out = items.slice();
  let seed = 20261203;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const shanghaiDay = (t: Date, daysAgo: number) => new Date(t.getTime() - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

const ENDPOINTS = [
  { key: 'inbox', what: '银行待办 GET /api/finance/offers' },
  { key: 'statsYear', what: '金融统计 一年 GET /api/finance/stats' },
  { key: 'statsMonth', what: '金融统计 一个月 GET /api/finance/stats' },
] as const;
type EndpointKey = (typeof ENDPOINTS)[number]['key'];
type Figure = LoadResult & { oneUser: { requests: number; p50: number; p95: number; max: number } };
type Measured = Record<EndpointKey, Figure> & { sessions: { bankUsers: number; officers: number }; samples: { inbox: unknown; statsYear: string } };

/** The real app on one database, its users logged in, each endpoint probed once; the request lists. */
async function prepare(label: string, database: Awaited<ReturnType<typeof openDatabase>>) {
  const built = await buildApp({ database, clock: fixedClock(T0), config: { loginIpLimit: 100_000 } });
  const app = built.app;
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`log-in of ${username} failed: ${res.status} ${await res.text()}`);
      return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    };
    const bankNames = (await sql<{ username: string }>`select username from users where 'bank' = any(roles) order by username`.execute(database.db)).rows.map((r) => r.username);
    const officerNames = (await sql<{ username: string }>`select username from users where 'finance_officer' = any(roles) order by username`.execute(database.db)).rows.map((r) => r.username);
    // pools of bank users of many parks and banks, and of finance officers of many parks
    const bankCookies = await timed(`${label}: log in ${Math.min(USERS, bankNames.length)} bank users`, async () => {
      const out: string[] = [];
      for (const u of spread(bankNames, USERS)) out.push(await login(u));
      return out;
    });
    const officerCookies = await timed(`${label}: log in ${Math.min(USERS, officerNames.length)} finance officers`, async () => {
      const out: string[] = [];
      for (const u of spread(officerNames, USERS)) out.push(await login(u));
      return out;
    });

    const inboxPath = '/api/finance/offers';
    const probe = await fetch(`${base}${inboxPath}`, { headers: { cookie: bankCookies[0]! } });
    const inboxBody = (await probe.json()) as Record<string, unknown>;
    if (probe.status !== 200) throw new Error(`${inboxPath}: ${probe.status} ${JSON.stringify(inboxBody)}`);
    const items = (inboxBody.items ?? []) as Record<string, unknown>[];
    const inboxSample = { total: inboxBody.total, items: items.length, first: items[0] ? { number: items[0].needNumber, status: items[0].status, dueAt: items[0].dueAt } : null };
    log(`${label}: inbox of ${spread(bankNames, USERS)[0]}: ${JSON.stringify(inboxSample)}`);
    if (!Number(inboxBody.total) || items.length === 0) throw new Error(`${label}: the bank's inbox is empty`);

    // statistics: each request a period ending on another day (300 days back to today) of another
    // officer, so every request is computed, whatever the endpoint caches
    const statsRequests = (length: number): [string, string][] =>
      shuffled(Array.from({ length: 300 * officerCookies.length }, (_, k) => {
        const end = k % 300;
        const cookie = officerCookies[Math.floor(k / 300)]!;
        return [`${base}/api/finance/stats?from=${shanghaiDay(T0, end + length - 1)}&to=${shanghaiDay(T0, end)}`, cookie] as [string, string];
      }));
    const yearUrl = `${base}/api/finance/stats?from=${shanghaiDay(T0, 364)}&to=${shanghaiDay(T0, 0)}`;
    const statsProbe = await fetch(yearUrl, { headers: { cookie: officerCookies[0]! } });
    const statsBody = (await statsProbe.json()) as { needs?: { needsFiled?: number } };
    if (statsProbe.status !== 200) throw new Error(`${yearUrl}: ${statsProbe.status} ${JSON.stringify(statsBody)}`);
    if (!statsBody.needs?.needsFiled) throw new Error(`${label}: a year's statistics count no needs`);
    const statsSample = JSON.stringify(statsBody).slice(0, 400);
    log(`${label}: one year's statistics of the first officer's park: ${statsSample}…`);
    const requests: Record<EndpointKey, [string, string][]> = {
      inbox: shuffled(bankCookies.map((c) => [`${base}${inboxPath}`, c] as [string, string])),
      statsYear: statsRequests(365),
      statsMonth: statsRequests(30),
    };
    return { app, requests, sessions: { bankUsers: bankCookies.length, officers: officerCookies.length }, samples: { inbox: inboxSample, statsYear: statsSample } };
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}

/** One request at a time (what a single user waits, without queueing behind the others). */
async function oneUser(requests: [string, string][], n: number, offset: number) {
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const [url, cookie] = requests[(offset + i) % requests.length]!;
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]!;
  return { requests: n, p50: q(0.5), p95: q(0.95), max: lat.at(-1)! };
}

/**
 * Every endpoint on every database, interleaved: ROUNDS rounds, each loading one database for
 * DURATION / ROUNDS seconds after a warm-up, then the next — so both databases meet the machine's
 * same moments (other work on it moves the absolute figures; the side by side holds).
 */
async function measureAll(prepared: Awaited<ReturnType<typeof prepare>>[], labels: string[]): Promise<{ measured: Measured[]; loadavg: number[][] }> {
  const segments = prepared.map(() => ({ inbox: [] as Segment[], statsYear: [] as Segment[], statsMonth: [] as Segment[] }));
  const offsets = prepared.map(() => ({ inbox: 0, statsYear: 0, statsMonth: 0 }));
  const single = prepared.map(() => ({}) as Record<EndpointKey, Figure['oneUser']>);
  const loadavg: number[][] = [os.loadavg()];
  const seconds = DURATION / ROUNDS;
  for (const e of ENDPOINTS) {
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < prepared.length; i++) {
        const seg = await loadSegment(prepared[i]!.requests[e.key], offsets[i]![e.key], WARMUP, seconds);
        offsets[i]![e.key] += seg.next;
        segments[i]![e.key].push(seg);
      }
    }
    for (let i = 0; i < prepared.length; i++) {
      single[i]![e.key] = await oneUser(prepared[i]!.requests[e.key], ONE_USER_REQUESTS, offsets[i]![e.key]);
      offsets[i]![e.key] += ONE_USER_REQUESTS;
    }
    loadavg.push(os.loadavg());
    log(`${e.key}: ${prepared.map((_, i) => `${labels[i]} p95 ${summarize(segments[i]![e.key], DURATION).p95.toFixed(1)} ms`).join(', ')} (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  }
  const measured = prepared.map((p, i) => {
    const m = {} as Record<EndpointKey, Figure>;
    for (const e of ENDPOINTS) m[e.key] = { ...summarize(segments[i]![e.key], DURATION), oneUser: single[i]![e.key] };
    return { ...m, sessions: p.sessions, samples: p.samples } as Measured;
  });
  return { measured, loadavg };
}

// ---------------------------------------------------------------------------------------------

type Target = { name: string; label: string; sizes: Sizes };

async function main(): Promise<void> {
  const started = performance.now();
  const server = serverUrl();
  const suffix = REUSE || randomBytes(4).toString('hex');
  const targets: Target[] = [{ name: `bench_finance_${suffix}`, label: 'province', sizes: { parks: PARKS, needs: NEEDS, loans: LOANS } }];
  if (REFERENCE && PARKS > 1) targets.push({ name: `bench_finance_1park_${suffix}`, label: 'one park', sizes: { parks: 1, needs: Math.round(NEEDS / PARKS), loans: Math.round(LOANS / PARKS) } });
  log(`PostgreSQL ${server.replace(/\/\/[^@]*@/, '//***@')} → ${targets.map((t) => t.name).join(', ')}`);
  const passwordHash = await hashPassword(PASSWORD);
  const databases: Awaited<ReturnType<typeof openDatabase>>[] = [];
  const results: { label: string; sizes: Sizes; generateSeconds: number | null; counts: Counts; measured?: Measured }[] = [];
  const loadAverages: number[][] = [];
  try {
    for (const t of targets) {
      if (!REUSE) await admin(server, `create database ${t.name}`);
      const database = await openDatabase({ url: withDatabase(server, t.name), poolSize: 10 });
      databases.push(database);
      await migrateToLatest(database.db);
      let generateSeconds: number | null = null;
      if (REUSE) {
        await sql`vacuum analyze`.execute(database.db);
      } else {
        const g0 = performance.now();
        await timed(`${t.label}: generate (${t.sizes.parks} parks, ${t.sizes.needs.toLocaleString('en')} needs, ${t.sizes.loans.toLocaleString('en')} bridge loans)`, () => generate(database.db, t.sizes, passwordHash));
        generateSeconds = Math.round((performance.now() - g0) / 100) / 10;
      }
      const counts = await countAndCheck(database.db);
      log(`${t.label}: ${JSON.stringify(counts)}`);
      results.push({ label: t.label, sizes: t.sizes, generateSeconds, counts });
    }
    if (GENERATE_ONLY) {
      log(`generated and checked in ${Math.round((performance.now() - started) / 1000)} s; no HTTP (BENCH_GENERATE_ONLY=1)`);
      return;
    }
    const prepared: Awaited<ReturnType<typeof prepare>>[] = [];
    try {
      for (let i = 0; i < targets.length; i++) prepared.push(await prepare(targets[i]!.label, databases[i]!));
      const { measured, loadavg } = await measureAll(prepared, targets.map((t) => t.label));
      measured.forEach((m, i) => (results[i]!.measured = m));
      loadAverages.push(...loadavg);
    } finally {
      for (const p of prepared) await p.app.close().catch(() => undefined);
    }

    const province = results[0]!;
    const reference = results[1];
    const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '       —');
    console.log('');
    console.log(`  金融基准 bench:finance — ${province.counts.parks} parks, ${province.counts.needs.toLocaleString('en')} needs, ${province.counts.offers.toLocaleString('en')} answers, ${province.counts.loans.toLocaleString('en')} bridge loans, PostgreSQL, ${os.cpus().length} cores, ${CONNECTIONS} connections × ${DURATION} s in ${ROUNDS} interleaved rounds; load average ${loadAverages.map((l) => l[0]!.toFixed(1)).join(' → ')}`);
    console.log(`  ${'what'.padEnd(36)} ${'database'.padEnd(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'rps'.padStart(6)} ${'req'.padStart(6)} ${'err'.padStart(4)}  p95÷goal  one user p50 / p95 ms`);
    const verdicts: Verdict[] = [];
    for (const f of ENDPOINTS) {
      for (const r of results) {
        const m = r.measured![f.key];
        console.log(`  ${f.what.padEnd(36)} ${r.label.padEnd(9)} ${fmt(m.p50)} ${fmt(m.p95)} ${fmt(m.p99)} ${m.rps.toFixed(0).padStart(6)} ${String(m.requests).padStart(6)} ${String(m.errors + m.non2xx).padStart(4)}  ${(m.p95 / GOAL_P95_MS).toFixed(3).padStart(8)}  ${m.oneUser.p50.toFixed(1)} / ${m.oneUser.p95.toFixed(1)}`);
      }
      const m = province.measured![f.key];
      const ref = reference?.measured?.[f.key];
      verdicts.push({
        figure: `${f.what}, ${province.counts.parks} parks (p95 ÷ goal${ref ? '; one park' : ''})`,
        goal: `p95 ≤ ${GOAL_P95_MS} ms, 0 errors`,
        result: `p95 ${m.p95.toFixed(1)} ms (${(m.p95 / GOAL_P95_MS).toFixed(3)}${ref ? `; one park ${ref.p95.toFixed(1)} ms` : ''}), ${m.errors + m.non2xx} errors of ${m.requests}`,
        pass: m.p95 <= GOAL_P95_MS && m.errors === 0 && m.non2xx === 0,
      });
    }
    console.log('');
    const out = {
      benchmark: 'finance',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg() },
      database: 'postgres',
      now: T0.toISOString(),
      load: { connections: CONNECTIONS, durationSeconds: DURATION, rounds: ROUNDS, warmupSecondsPerRound: WARMUP, users: USERS, oneUserRequests: ONE_USER_REQUESTS, loadAverages },
      runs: results,
      goals: { p95Ms: GOAL_P95_MS },
      totalSeconds: Math.round((performance.now() - started) / 1000),
    };
    log(`results → ${writeResults('finance', out, verdicts)} (${out.totalSeconds} s in all)`);
  } finally {
    for (const d of databases) await d.close().catch(() => undefined);
    for (const t of targets) {
      if (process.env.BENCH_KEEP === '1' || REUSE) log(`kept database ${t.name}`);
      else await admin(server, `drop database if exists ${t.name} with (force)`).catch((err) => log(`could not drop ${t.name}: ${(err as Error).message}`));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
