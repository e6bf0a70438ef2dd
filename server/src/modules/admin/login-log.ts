import ExcelJS from 'exceljs';
import { LOGIN_FAILURE_REASONS, type LoginLogEntry, type LoginLogQuery, type Paged } from '@yuanqi/contract';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { escapeLike } from '../../platform/like.js';
import { writeXlsx } from '../../platform/xlsx.js';
import { describeClient } from './user-agent.js';

const EXPORT_LIMIT = 50_000;

/**
 * The park's log-in log. A log-in under a name that belongs to no account has no park; those rows
 * are shown only where the deployment serves one park (so a park never sees another's traffic).
 */
async function baseQuery(ctx: AppContext, actor: Actor, query: LoginLogQuery) {
  const parks = await ctx.db.selectFrom('parks').select('id').limit(2).execute();
  const singlePark = parks.length === 1;
  let q = ctx.db
    .selectFrom('login_attempts as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .where((eb) => (singlePark ? eb.or([eb('a.park_id', '=', actor.parkId), eb('a.park_id', 'is', null)]) : eb('a.park_id', '=', actor.parkId)));
  if (query.from) q = q.where('a.at', '>=', startOfShanghaiDay(query.from));
  if (query.to) q = q.where('a.at', '<=', endOfShanghaiDay(query.to));
  if (query.username) {
    const like = `%${escapeLike(query.username)}%`;
    q = q.where((eb) => eb.or([eb('a.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (query.ip) q = q.where('a.ip', 'like', `${escapeLike(query.ip)}%`);
  if (query.result) q = q.where('a.ok', '=', query.result === 'ok');
  return q;
}

function present(r: { id: number; at: Date; username: string; display_name: string | null; ip: string; user_agent: string | null; ok: boolean; reason: string | null }): LoginLogEntry {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    username: r.username,
    displayName: r.display_name,
    ip: r.ip,
    userAgent: r.user_agent,
    client: describeClient(r.user_agent),
    ok: r.ok,
    reason: r.reason,
    reasonLabel: r.reason ? (LOGIN_FAILURE_REASONS[r.reason as keyof typeof LOGIN_FAILURE_REASONS] ?? r.reason) : null,
  };
}

const COLUMNS = ['a.id', 'a.at', 'a.username', 'u.display_name', 'a.ip', 'a.user_agent', 'a.ok', 'a.reason'] as const;

export async function listLoginLog(ctx: AppContext, actor: Actor, query: LoginLogQuery): Promise<Paged<LoginLogEntry>> {
  const q = await baseQuery(ctx, actor, query);
  const rows = await q.select(COLUMNS).orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

function shanghai(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** 登录日志.xlsx: the filtered rows, newest first (at most 50,000). */
export async function exportLoginLog(ctx: AppContext, actor: Actor, query: LoginLogQuery): Promise<Buffer> {
  const q = await baseQuery(ctx, actor, query);
  const rows = await q.select(COLUMNS).orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(EXPORT_LIMIT).execute();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('登录日志');
  sheet.columns = [
    { header: '时间(北京时间)', width: 20 },
    { header: '用户名', width: 18 },
    { header: '姓名', width: 12 },
    { header: 'IP地址', width: 16 },
    { header: '浏览器/系统', width: 20 },
    { header: '结果', width: 8 },
    { header: '失败原因', width: 16 },
    { header: 'User-Agent', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of rows.map(present)) {
    sheet.addRow([shanghai(e.at), e.username, e.displayName ?? '', e.ip, e.client ?? '', e.ok ? '成功' : '失败', e.reasonLabel ?? '', e.userAgent ?? '']);
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return writeXlsx(wb);
}
