import ExcelJS from 'exceljs';
import { MUJUN_GRADE_LABELS, MUJUN_INDICATOR_LABELS, MUJUN_SOURCE_LABELS, fenToYuanCell, isMoneyIndicator, type MujunImportReport, type MujunRankingView } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { writeXlsx } from '../../../platform/xlsx.js';
import { firmsWithLand } from './repository.js';
import { cellFen, cellNumber, cellText, isProblem, readSheet, type Rejection } from './sheet.js';

const COLUMNS = [
  { key: 'uscc', header: '统一社会信用代码', aliases: ['信用代码'] },
  { key: 'name', header: '企业名称', aliases: ['企业'] },
  { key: 'year', header: '年度', aliases: ['年份'], required: true },
  { key: 'revenue', header: '营业收入(元)', aliases: ['营业收入', '营收(元)'] },
  { key: 'tax', header: '税收(元)', aliases: ['税收', '实缴税金(元)'] },
  { key: 'investment', header: '累计固定资产投资(元)', aliases: ['固定资产投资(元)', '累计固定资产投资'] },
  { key: 'floor', header: '建筑面积(㎡)', aliases: ['建筑面积', '建筑面积(平方米)'] },
  { key: 'note', header: '说明', aliases: ['备注'] },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

/** The template: one row per firm with land, for the year asked (figures blank to fill in). */
export async function buildFiguresTemplate(ctx: AppContext, actor: Actor, year: number): Promise<Buffer> {
  const land = await firmsWithLand(ctx.db, actor.parkId);
  const firms = land.length
    ? await ctx.db.selectFrom('enterprises').select(['id', 'uscc', 'name']).where('park_id', '=', actor.parkId).where('id', 'in', land.map((l) => l.enterpriseId)).orderBy('name').execute()
    : [];
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('企业亩均数据');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'name' ? 36 : 20 }));
  ws.getRow(1).font = { bold: true };
  for (const f of firms) ws.addRow({ uscc: f.uscc, name: f.name, year });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '说明', key: 'text', width: 100 }];
  for (const text of [
    '1. 每行一家企业一个年度:用统一社会信用代码(或企业名称)找到企业,年度写 4 位数字。',
    '2. 金额单位为元,最多两位小数;建筑面积单位为平方米。留空的项目不填写(已有的数值会被清空)。',
    '3. 营业收入和税收:企业当年 12 个月的经济运行月报都已审核通过时,评价以月报合计为准,这里填写的数值备用。',
    '4. 整个文件全部校验通过才会导入;任何一行有错,都不导入,并逐行列出原因。',
  ]) help.addRow({ text });
  return writeXlsx(wb);
}

type Parsed = { row: number; enterpriseId: string; year: number; revenue: number | null; tax: number | null; investment: number | null; floor: number | null; note: string | null };

/**
 * Imports firms' yearly figures, all or nothing: every row is checked (firm found in the park by
 * credit code or name, year, amounts, area, the same firm and year twice); one bad row and nothing
 * is written, the report lists each problem with its row and column.
 */
export async function importFigures(ctx: AppContext, actor: Actor, buffer: Buffer): Promise<MujunImportReport> {
  const rows = await readSheet<Key>(buffer, COLUMNS as unknown as { key: Key; header: string; aliases?: string[]; required?: boolean }[]);
  const firms = await ctx.db.selectFrom('enterprises').select(['id', 'uscc', 'name']).where('park_id', '=', actor.parkId).execute();
  const byUscc = new Map(firms.map((f) => [f.uscc.toUpperCase(), f.id]));
  const byName = new Map(firms.map((f) => [f.name, f.id]));
  const rejected: Rejection[] = [];
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const reject = (column: string, message: string) => rejected.push({ row, column, message });
    const uscc = cellText(cells.uscc);
    const name = cellText(cells.name);
    if (isProblem(uscc)) { reject('统一社会信用代码', uscc.error); continue; }
    if (isProblem(name)) { reject('企业名称', name.error); continue; }
    const enterpriseId = (uscc ? byUscc.get(uscc.toUpperCase()) : undefined) ?? (name ? byName.get(name) : undefined);
    if (!enterpriseId) {
      reject(uscc ? '统一社会信用代码' : '企业名称', uscc || name ? `园区企业库中没有“${uscc ?? name}”` : '统一社会信用代码和企业名称都为空');
      continue;
    }
    const year = cellNumber(cells.year, '年度', 2100);
    if (isProblem(year)) { reject('年度', year.error); continue; }
    if (year === null || !Number.isInteger(year) || year < 2000) { reject('年度', year === null ? '年度为空' : '年度应为2000至2100之间的整数'); continue; }
    const revenue = cellFen(cells.revenue, '营业收入');
    const tax = cellFen(cells.tax, '税收');
    const investment = cellFen(cells.investment, '累计固定资产投资');
    const floor = cellNumber(cells.floor, '建筑面积', 1e10);
    const note = cellText(cells.note);
    let bad = false;
    for (const [column, v] of [['营业收入(元)', revenue], ['税收(元)', tax], ['累计固定资产投资(元)', investment], ['建筑面积(㎡)', floor], ['说明', note]] as const) {
      if (isProblem(v)) { reject(column, v.error); bad = true; }
    }
    if (bad) continue;
    if (typeof note === 'string' && note.length > 500) { reject('说明', '说明最多500个字'); continue; }
    const key = `${enterpriseId}:${year}`;
    const first = seen.get(key);
    if (first !== undefined) { reject('年度', `与第 ${first} 行是同一企业同一年度`); continue; }
    seen.set(key, row);
    parsed.push({ row, enterpriseId, year, revenue: revenue as number | null, tax: tax as number | null, investment: investment as number | null, floor: floor === null ? null : Math.round((floor as number) * 100) / 100, note: note as string | null });
  }
  if (rows.length === 0) rejected.push({ row: 0, column: '', message: '文件中没有数据行' });
  if (rejected.length > 0) return { imported: 0, updated: 0, unchanged: 0, rejected };

  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('land_firm_figures').selectAll().where('park_id', '=', actor.parkId).execute();
    const before = new Map(existing.map((e) => [`${e.enterprise_id}:${e.year}`, e]));
    let imported = 0;
    let updated = 0;
    let unchanged = 0;
    const values = [];
    for (const p of parsed) {
      const old = before.get(`${p.enterpriseId}:${p.year}`);
      const same = old && Number(old.revenue_fen ?? -1) === (p.revenue ?? -1) && Number(old.tax_fen ?? -1) === (p.tax ?? -1) && Number(old.investment_fen ?? -1) === (p.investment ?? -1) && Number(old.floor_area_m2 ?? -1) === (p.floor ?? -1) && (old.note ?? null) === p.note;
      if (same) { unchanged++; continue; }
      if (old) updated++;
      else imported++;
      values.push({ park_id: actor.parkId, enterprise_id: p.enterpriseId, year: p.year, revenue_fen: p.revenue, tax_fen: p.tax, investment_fen: p.investment, floor_area_m2: p.floor, source: 'import', note: p.note, updated_by: actor.userId, updated_at: now });
    }
    for (let i = 0; i < values.length; i += 500) {
      await trx
        .insertInto('land_firm_figures')
        .values(values.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['park_id', 'enterprise_id', 'year']).doUpdateSet((eb) => ({
            revenue_fen: eb.ref('excluded.revenue_fen'),
            tax_fen: eb.ref('excluded.tax_fen'),
            investment_fen: eb.ref('excluded.investment_fen'),
            floor_area_m2: eb.ref('excluded.floor_area_m2'),
            source: 'import',
            note: eb.ref('excluded.note'),
            updated_by: actor.userId,
            updated_at: now,
          })),
        )
        .execute();
    }
    await recordAudit(trx, actor, actor.parkId, [{ action: 'land_figures.import', entity: 'land_firm_figures', entityId: null, before: null, after: { rows: parsed.length, imported, updated, unchanged } }], now);
    return { imported, updated, unchanged, rejected: [] };
  });
}

const fmtWan = '#,##0.00';

/** The ranking of a year as a workbook: title, the rules, one row per firm (万元/亩 two decimals), grade counts. */
export async function rankingWorkbook(parkName: string, view: MujunRankingView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet(`${view.year ?? ''}年度亩均评价`);
  const headers = ['排名', '企业名称', '产业链', '用地(亩)', '营业收入(万元)', '税收(万元)', '亩均税收(万元/亩)', '亩均营收(万元/亩)', '投资强度(万元/亩)', '容积率', '综合得分', '等级', '营收/税收来源', '投资/面积来源'];
  ws.columns = headers.map((h, i) => ({ width: i === 1 ? 36 : i === 0 ? 6 : 14 }));
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell('A1').value = `${parkName} ${view.year}年度亩均效益评价结果`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  const rules = view.threshold?.rules;
  ws.getCell('A2').value = rules
    ? `评价标准:${view.threshold!.validFrom}起施行;${rules.indicators.map((i) => `${MUJUN_INDICATOR_LABELS[i.key]}基准${isMoneyIndicator(i.key) ? `${(i.benchmark / 1_000_000).toFixed(2)}万元/亩` : i.benchmark}、权重${i.weight}`).join(';')};A类≥${rules.cutoffs.A}分,B类≥${rules.cutoffs.B}分,C类≥${rules.cutoffs.C}分,其余为D类。`
    : '评价标准:默认标准';
  ws.getCell('A2').alignment = { wrapText: true };
  ws.getRow(2).height = 32;
  const header = ws.addRow(headers);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const wan = (fen: number | null) => (fen === null ? null : Math.round(fen / 100) / 10_000);
  for (const r of view.items) {
    const row = ws.addRow([
      r.rank,
      r.enterpriseName,
      r.chainLabel ?? '',
      r.landMu,
      wan(r.revenueFen),
      wan(r.taxFen),
      wan(r.taxPerMuFen),
      wan(r.revenuePerMuFen),
      wan(r.investmentPerMuFen),
      r.plotRatio,
      r.score,
      r.grade,
      `${MUJUN_SOURCE_LABELS[r.revenueSource]}/${MUJUN_SOURCE_LABELS[r.taxSource]}`,
      `${MUJUN_SOURCE_LABELS[r.investmentSource]}/${MUJUN_SOURCE_LABELS[r.floorAreaSource]}`,
    ]);
    row.getCell(4).numFmt = '#,##0.0000';
    for (const c of [5, 6, 7, 8, 9]) row.getCell(c).numFmt = fmtWan;
    row.getCell(10).numFmt = '0.000';
    row.getCell(11).numFmt = '0.00';
  }
  ws.addRow([]);
  const c = view.counts;
  ws.addRow(['', `合计 ${c.total} 家,用地 ${c.landMu} 亩,税收 ${(fenToYuanCell(c.taxFen) / 10_000).toFixed(2)} 万元`]);
  for (const g of ['A', 'B', 'C', 'D'] as const) ws.addRow(['', `${MUJUN_GRADE_LABELS[g]}:${c[g]} 家`]);
  return writeXlsx(wb);
}
