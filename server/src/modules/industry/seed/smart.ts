import { addMonths, monthOf } from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { IndustrySeedOptions } from './index.js';

/**
 * The six demo projects: what was transformed, by whom, the investment, how many months the line
 * has run since go-live, its monthly operating cost before, and the annual saving the months are
 * drawn around. Most land inside the report's ¥2–4M a year, one below and one above: the summary
 * shows the claim checked, not confirmed by construction.
 */
const PROJECTS = [
  {
    name: '熔铸车间智能温控与在线检测改造',
    content: '熔炼炉、保温炉加装多点测温与燃烧自动调节,铜液成分光谱在线检测,替代人工取样化验;炉况数据接入产业云。',
    vendor: '江西铜智装备科技有限公司',
    investmentFen: 880_000_000,
    afterMonths: 18,
    beforeMonthlyFen: 236_000_000,
    annualSavingFen: 290_000_000,
  },
  {
    name: '连铸连轧生产线数字化改造',
    content: '连铸连轧主线PLC升级与MES系统上线,轧制参数闭环控制,换规格时间由4小时缩短至1.5小时。',
    vendor: '鹰潭工业互联网科技有限公司',
    investmentFen: 1_560_000_000,
    afterMonths: 15,
    beforeMonthlyFen: 318_000_000,
    annualSavingFen: 370_000_000,
  },
  {
    name: '铜杆拉丝产线机器视觉质检',
    content: '拉丝、退火工序加装机器视觉表面缺陷检测与线径在线测量,不合格品自动剔除,质检由三班12人减至3人。',
    vendor: '上海视联智能科技有限公司',
    investmentFen: 320_000_000,
    afterMonths: 12,
    beforeMonthlyFen: 142_000_000,
    annualSavingFen: 150_000_000,
  },
  {
    name: '智能立体仓库与AGV物流改造',
    content: '成品与原料立体仓库、12台AGV与WMS系统,仓储面积减少40%,叉车与搬运岗位大幅减少。',
    vendor: '南昌智慧物流装备有限公司',
    investmentFen: 1_180_000_000,
    afterMonths: 9,
    beforeMonthlyFen: 205_000_000,
    annualSavingFen: 240_000_000,
  },
  {
    name: '能源管理系统与余热回收',
    content: '全厂能源管理系统(分项计量、峰谷调度),熔炼烟气余热回收用于退火与生活热水,空压机群控。',
    vendor: '国网综合能源服务(江西)有限公司',
    investmentFen: 650_000_000,
    afterMonths: 7,
    beforeMonthlyFen: 268_000_000,
    annualSavingFen: 330_000_000,
  },
  {
    name: '5G+工业互联网全流程管控平台',
    content: '5G专网覆盖厂区,设备联网率100%,生产、质量、设备、能耗全流程数字化管控,预测性维护减少非计划停机。',
    vendor: '中国移动通信集团江西有限公司鹰潭分公司',
    investmentFen: 1_950_000_000,
    afterMonths: 6,
    beforeMonthlyFen: 410_000_000,
    annualSavingFen: 460_000_000,
  },
] as const;

/** A small deterministic wobble in [-1, 1] for a project and month (no randomness in seeds). */
function wobble(project: number, month: number): number {
  return Math.sin(project * 12.9898 + month * 78.233) * 0.5 + Math.sin(project * 4.1 + month * 1.7) * 0.5;
}

/**
 * Demo park — 智能化改造: six live projects on copper firms (规上, spread over the chain), go-live
 * 6–18 months before the last full month, with the line's operating cost for the 12 months before,
 * the changeover month and every month since. Monthly costs wobble by about ±2% around their level
 * (slightly higher in summer: cooling), so the computed saving is near, not exactly, the target.
 */
export async function seedIndustrySmart(trx: Transaction<DB>, options: IndustrySeedOptions): Promise<void> {
  const firms = await trx
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('park_id', '=', options.parkId)
    .where('chain', '=', 'copper')
    .where('is_above_scale', '=', true)
    .orderBy('uscc')
    .execute();
  if (firms.length === 0) return;
  const office = await trx.selectFrom('users').select('id').where('park_id', '=', options.parkId).where('username', '=', 'dispatcher').executeTakeFirst();
  const lastFullMonth = addMonths(monthOf(shanghaiDate(options.now)), -1);
  const step = Math.max(1, Math.floor(firms.length / PROJECTS.length));
  for (const [i, p] of PROJECTS.entries()) {
    const firm = firms[(i * step + 2) % firms.length]!;
    const liveMonth = addMonths(lastFullMonth, -p.afterMonths);
    const liveOn = `${liveMonth.slice(0, 7)}-${String(8 + ((i * 5) % 17)).padStart(2, '0')}`;
    const startedOn = addMonths(liveMonth, -(8 + i)).slice(0, 8) + '15';
    const at = new Date(`${startedOn}T02:00:00Z`);
    const project = await trx
      .insertInto('smart_projects')
      .values({
        park_id: options.parkId,
        enterprise_id: firm.id,
        name: p.name,
        content: p.content,
        vendor: p.vendor,
        investment_fen: p.investmentFen,
        started_on: startedOn,
        live_on: liveOn,
        status: 'live',
        created_by: office?.id ?? null,
        created_at: at,
        updated_at: options.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const afterLevel = p.beforeMonthlyFen - p.annualSavingFen / 12;
    const costs: { park_id: string; project_id: string; month: string; cost_fen: number; note: string | null }[] = [];
    for (let k = -12; k <= p.afterMonths; k++) {
      const month = addMonths(liveMonth, k);
      const calendarMonth = Number(month.slice(5, 7));
      const summer = calendarMonth >= 6 && calendarMonth <= 9 ? 0.01 : 0;
      // the changeover month: commissioning runs both ways of working for part of the month
      const level = k < 0 ? p.beforeMonthlyFen : k === 0 ? (p.beforeMonthlyFen + afterLevel) / 2 + p.beforeMonthlyFen * 0.04 : afterLevel;
      const cost = Math.round((level * (1 + summer + 0.015 * wobble(i + 1, k + 12))) / 100) * 100;
      costs.push({ park_id: options.parkId, project_id: project.id, month, cost_fen: cost, note: k === 0 ? '上线调试当月' : null });
    }
    await trx.insertInto('smart_project_costs').values(costs).execute();
  }
}
