import ExcelJS from 'exceljs';
import { ACQUISITION_KIND_LABELS, ACQUISITION_STAGE_LABELS, fenToYuanCell, isValidIdCard, type AcquisitionImportReport } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { writeXlsx } from '../../../platform/xlsx.js';
import { cellDate, cellFen, cellNumber, cellText, isProblem, readSheet, type Rejection } from '../evaluation/sheet.js';
import { householdValues, isOfficerOf, listHouseholds, type HouseholdInput } from './service.js';

const COLUMNS = [
  { key: 'code', header: '编号', required: true },
  { key: 'kind', header: '类型(住户/单位)', aliases: ['类型'] },
  { key: 'name', header: '姓名或单位名称', aliases: ['姓名', '户主', '名称'], required: true },
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码'] },
  { key: 'phone', header: '电话', aliases: ['联系电话'] },
  { key: 'address', header: '地址', aliases: ['住址'] },
  { key: 'members', header: '人口数', aliases: ['人口'] },
  { key: 'building', header: '房屋面积(㎡)', aliases: ['房屋面积', '建筑面积(㎡)', '建筑面积'], required: true },
  { key: 'land', header: '占地面积(㎡)', aliases: ['占地面积'] },
  { key: 'agreementOn', header: '签约日期' },
  { key: 'agreed', header: '协议补偿金额(元)', aliases: ['补偿金额(元)', '协议补偿金额'] },
  { key: 'movedOutOn', header: '搬迁日期' },
  { key: 'note', header: '说明', aliases: ['备注'] },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

export async function householdTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('征迁住户');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'address' || c.key === 'name' ? 28 : 16 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ code: 'H0001', kind: '住户', name: '张小三', idNumber: '', phone: '13800001234', address: '示例村1组1号', members: 4, building: 230.5, land: 180, agreementOn: '2026-03-01', agreed: 460000, movedOutOn: '' });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '说明', key: 'text', width: 100 }];
  for (const text of [
    '1. 每行一户(或一个单位),编号在本片区内唯一;编号已存在的行更新该户,其余新增。',
    '2. 身份证号只用于校验和查重,系统只保存脱敏号码和不可逆摘要。',
    '3. 面积单位平方米,金额单位元;签约时须填写协议补偿金额;搬迁日期不能早于签约日期。',
    '4. 整个文件全部校验通过才会导入;任何一行有错都不导入,并逐行列出原因。示例行请删除。',
  ]) help.addRow({ text });
  return writeXlsx(wb);
}

/**
 * Imports an area's households, all or nothing (officers of the area only): every row is checked;
 * one bad row and nothing is written, the report lists each problem with its row and column.
 */
export async function importHouseholds(ctx: AppContext, actor: Actor, areaId: string, buffer: Buffer): Promise<AcquisitionImportReport> {
  const area = await ctx.db.selectFrom('acquisition_areas').select('id').where('park_id', '=', actor.parkId).where('id', '=', areaId).executeTakeFirst();
  if (!area) throw notFound('征迁片区');
  if (!(await isOfficerOf(ctx.db, actor, areaId))) throw forbidden('只有该片区的负责干部可以导入住户信息');
  const rows = await readSheet<Key>(buffer, COLUMNS as unknown as { key: Key; header: string; aliases?: string[]; required?: boolean }[]);
  const rejected: Rejection[] = [];
  const parsed: (HouseholdInput & { row: number })[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const reject = (column: string, message: string) => rejected.push({ row, column, message });
    const code = cellText(cells.code);
    const kindText = cellText(cells.kind);
    const name = cellText(cells.name);
    const id = cellText(cells.idNumber);
    const phone = cellText(cells.phone);
    const address = cellText(cells.address);
    const members = cellNumber(cells.members, '人口数', 1000);
    const building = cellNumber(cells.building, '房屋面积', 1e9);
    const land = cellNumber(cells.land, '占地面积', 1e9);
    const agreementOn = cellDate(cells.agreementOn, '签约日期');
    const agreed = cellFen(cells.agreed, '协议补偿金额');
    const movedOutOn = cellDate(cells.movedOutOn, '搬迁日期');
    const note = cellText(cells.note);
    const checks: [string, unknown][] = [
      ['编号', code], ['类型(住户/单位)', kindText], ['姓名或单位名称', name], ['身份证号', id], ['电话', phone], ['地址', address], ['人口数', members],
      ['房屋面积(㎡)', building], ['占地面积(㎡)', land], ['签约日期', agreementOn], ['协议补偿金额(元)', agreed], ['搬迁日期', movedOutOn], ['说明', note],
    ];
    let bad = false;
    for (const [column, v] of checks) if (isProblem(v)) { reject(column, v.error); bad = true; }
    if (bad) continue;
    if (!code) { reject('编号', '编号为空'); continue; }
    if ((code as string).length > 40) { reject('编号', '编号最多40个字'); continue; }
    if (!name) { reject('姓名或单位名称', '姓名或单位名称为空'); continue; }
    if ((name as string).length > 100) { reject('姓名或单位名称', '最多100个字'); continue; }
    const kind = !kindText || kindText === '住户' || kindText === '户' ? 'household' : kindText === '单位' ? 'unit' : null;
    if (!kind) { reject('类型(住户/单位)', `类型“${kindText}”应为住户或单位`); continue; }
    if (building === null) { reject('房屋面积(㎡)', '房屋面积为空'); continue; }
    if (id && !isValidIdCard(id as string)) { reject('身份证号', '身份证号校验不通过'); continue; }
    if (members !== null && !Number.isInteger(members)) { reject('人口数', '人口数应为整数'); continue; }
    if (agreementOn && agreed === null) { reject('协议补偿金额(元)', '签约时应填写协议补偿金额'); continue; }
    if (movedOutOn && !agreementOn) { reject('搬迁日期', '未签约的住户不能登记搬迁'); continue; }
    if (movedOutOn && agreementOn && (movedOutOn as string) < (agreementOn as string)) { reject('搬迁日期', '搬迁日期不能早于签约日期'); continue; }
    if (typeof address === 'string' && address.length > 200) { reject('地址', '地址最多200个字'); continue; }
    if (typeof phone === 'string' && phone.length > 30) { reject('电话', '电话最多30个字'); continue; }
    if (typeof note === 'string' && note.length > 500) { reject('说明', '说明最多500个字'); continue; }
    const first = seen.get(code as string);
    if (first !== undefined) { reject('编号', `与第 ${first} 行编号相同`); continue; }
    seen.set(code as string, row);
    parsed.push({
      row,
      code: code as string,
      kind,
      name: name as string,
      idNumber: (id as string | null) ?? undefined,
      phone: phone as string | null,
      address: address as string | null,
      members: members as number | null,
      buildingAreaM2: building as number,
      landAreaM2: land as number | null,
      agreementOn: agreementOn as string | null,
      compensationAgreedFen: agreed as number | null,
      movedOutOn: movedOutOn as string | null,
      note: note as string | null,
    });
  }
  if (rows.length === 0) rejected.push({ row: 0, column: '', message: '文件中没有数据行' });
  if (rejected.length > 0) return { imported: 0, updated: 0, unchanged: 0, rejected };

  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = new Map((await trx.selectFrom('acquisition_households').select(['id', 'code']).where('park_id', '=', actor.parkId).where('area_id', '=', areaId).execute()).map((r) => [r.code, r.id]));
    let imported = 0;
    let updated = 0;
    const inserts = [];
    for (const p of parsed) {
      const values = householdValues(actor.parkId, p);
      const id = existing.get(p.code);
      if (id) {
        await trx.updateTable('acquisition_households').set({ ...values, updated_at: now }).where('id', '=', id).where('park_id', '=', actor.parkId).execute();
        updated++;
      } else {
        inserts.push({ park_id: actor.parkId, area_id: areaId, ...values, created_by: actor.userId, created_at: now, updated_at: now });
        imported++;
      }
    }
    for (let i = 0; i < inserts.length; i += 500) await trx.insertInto('acquisition_households').values(inserts.slice(i, i + 500)).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'households.import', entity: 'acquisition_area', entityId: areaId, before: null, after: { rows: parsed.length, imported, updated } }], now);
    return { imported, updated, unchanged: 0, rejected: [] };
  });
}

/** The area's households as a workbook, masked exactly as the actor sees them on screen. */
export async function householdsWorkbook(ctx: AppContext, actor: Actor, areaId: string, filter: Parameters<typeof listHouseholds>[3]): Promise<{ buffer: Buffer; areaName: string }> {
  const area = await ctx.db.selectFrom('acquisition_areas').select(['name']).where('park_id', '=', actor.parkId).where('id', '=', areaId).executeTakeFirst();
  const page = await listHouseholds(ctx, actor, areaId, filter, true);
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('征迁住户');
  const headers = ['编号', '类型', '姓名或单位名称', '身份证号', '电话', '地址', '人口数', '房屋面积(㎡)', '占地面积(㎡)', '状态', '签约日期', '协议补偿(元)', '已付补偿(元)', '搬迁日期', '事件数'];
  ws.columns = headers.map((h) => ({ header: h, width: h === '地址' || h === '姓名或单位名称' ? 26 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const h of page.items) {
    const row = ws.addRow([
      h.code,
      ACQUISITION_KIND_LABELS[h.kind],
      h.name,
      h.idNumberMasked ?? '',
      h.phone ?? '',
      h.address ?? '',
      h.members,
      h.buildingAreaM2,
      h.landAreaM2,
      ACQUISITION_STAGE_LABELS[h.stage],
      h.agreementOn ?? '',
      h.compensationAgreedFen === null ? null : fenToYuanCell(h.compensationAgreedFen),
      fenToYuanCell(h.compensationPaidFen),
      h.movedOutOn ?? '',
      h.incidents,
    ]);
    for (const c of [8, 9]) row.getCell(c).numFmt = '#,##0.00';
    for (const c of [12, 13]) row.getCell(c).numFmt = '#,##0.00';
  }
  if (page.items.length && !page.officer) ws.addRow(['(个人信息已脱敏:仅该片区负责干部可导出完整信息)']);
  return { buffer: await writeXlsx(wb), areaName: area?.name ?? '征迁片区' };
}
