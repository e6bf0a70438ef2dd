import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemImportResult, ServiceItemListResponse, ServiceItemView } from '@yuanqi/contract';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import type { UserRow } from '../../../db/schema.js';
import { seedServiceCatalogue } from '../seed/catalogue.js';

let t: TestApp;
let park: TestPark;
let approverUser: UserRow;
let admin: Client;
let asFirm: Client;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Cell = string | number | null;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  approverUser = await buildUser(t.ctx.db, park, { roles: ['approver'], displayName: '王审批' });
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
  const firm = await buildEnterprise(t.ctx.db, park);
  asFirm = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
});
afterAll(async () => {
  await t.close();
});

/** A sheet as a bureau keeps it: a title row, then headers in its own order. */
async function sheetOf(headers: string[], rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('实施清单');
  sheet.addRow(['鹰潭高新区行政审批局政务服务事项实施清单(2026版)']);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(client: Client, file: Buffer, query = ''): Promise<LightMyRequestResponse> {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="事项.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`;
  return client.request({
    method: 'POST',
    url: `/api/service-items/import${query}`,
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function itemByCode(client: Client, code: string): Promise<ServiceItemView> {
  const list = (await client.get(`/api/service-items?q=${encodeURIComponent(code)}&status=all`)).json() as ServiceItemListResponse;
  const hit = list.items.find((i) => i.code === code);
  if (!hit) throw new Error(`no item ${code}`);
  return (await client.get(`/api/service-items/${hit.id}`)).json() as ServiceItemView;
}

const HEADERS = ['事项名称', '实施编码', '事项类型', '办件类型', '法定办结时限(工作日)', '承诺办结时限(工作日)', '到现场次数', '是否网办', '是否适用告知承诺制', '告知承诺书内容', '申请材料', '关键词', '审批人员', '工程建设阶段'];

describe('POST /api/service-items/import', () => {
  it('refuses anonymous callers (401), enterprises (403), a missing file and a file that is not .xlsx (400)', async () => {
    const file = await sheetOf(HEADERS, []);
    expect((await upload(anonymous(t), file)).statusCode).toBe(401);
    expect((await upload(asFirm, file)).statusCode).toBe(403);
    const json = await admin.post('/api/service-items/import', { file: 'x' });
    expect(json.statusCode).toBe(400);
    const junk = await upload(admin, Buffer.from('plain text'));
    expect(junk.statusCode).toBe(400);
    expect(errorOf(junk).message).toContain('Excel');
  });

  it('says which required columns are missing', async () => {
    const res = await upload(admin, await sheetOf(['名称', '备注'], [['企业开办', '']]));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('实施编码');
  });

  it('imports good rows, reports every bad cell by row and column as written, and is idempotent on 实施编码', async () => {
    const rows: Cell[][] = [
      ['企业开办', 'IMP-001', '公共服务', '承诺件', '3个工作日', 1, '一次不跑', '是', '是', '我承诺住所真实', '企业设立登记申请书(原件,关键);住所使用证明(承诺);法定代表人身份证明(复印件,容缺)', '开公司、营业执照', '王审批', null],
      ['建筑工程施工许可证核发', 'IMP-002', '行政许可', '承诺件', 7, 2, 0, '是', '否', null, '施工许可申请表(关键)', null, null, '施工许可'],
      ['印章刻制备案', 'IMP-003', '行政备案', '即办件', 1, '即办', 0, '是', '否', null, '', null, null, null],
      ['承诺超过法定', 'IMP-004', '行政许可', '承诺件', 5, 10, 0, '是', '否', null, '', null, null, null],
      ['关键材料容缺', 'IMP-005', '行政许可', '承诺件', 5, 3, 0, '是', '否', null, '申请书(关键,容缺)', null, null, null],
      ['重复编码', 'IMP-001', '行政确认', '承诺件', 5, 3, 0, '是', '否', null, '', null, null, null],
      ['未知类型和审批人', 'IMP-006', '行政魔法', '承诺件', 5, 3, 0, '也许', '否', null, '', null, '张三', null],
    ];
    const file = await sheetOf(HEADERS, rows);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    const result = res.json() as ItemImportResult;
    expect(result).toMatchObject({ imported: 3, updated: 0, unchanged: 0 });
    expect(result.rejected).toEqual([
      { row: 6, column: '承诺办结时限(工作日)', message: '承诺办结时限不能超过法定办结时限' },
      { row: 7, column: '申请材料', message: '材料“申请书”是关键材料,不能容缺后补' },
      { row: 8, column: '实施编码', message: '实施编码与第3行重复' },
      { row: 9, column: '事项类型', message: expect.stringContaining('“行政魔法”不是有效的事项类型') },
      { row: 9, column: '是否网办', message: '“也许”应填写“是”或“否”' },
    ]);

    const opened = await itemByCode(admin, 'IMP-001');
    expect(opened).toMatchObject({ name: '企业开办', itemType: 'public_service', legalDays: 3, committedDays: 1, visits: 0, chengnuoAllowed: true, keywords: ['开公司', '营业执照'] });
    expect(opened.approvers).toEqual([{ id: approverUser.id, displayName: '王审批' }]);
    expect(opened.materials).toEqual([
      expect.objectContaining({ key: 'm1', name: '企业设立登记申请书', form: '原件', isKey: true }),
      expect.objectContaining({ key: 'm2', name: '住所使用证明', chengnuoReplaceable: true }),
      expect.objectContaining({ key: 'm3', name: '法定代表人身份证明', form: '复印件', rongqueAllowed: true }),
    ]);
    expect((await itemByCode(admin, 'IMP-002')).projectStage).toBe('construction');
    expect((await itemByCode(admin, 'IMP-003'))).toMatchObject({ caseKind: 'instant', committedDays: 0 });

    // the same file again changes nothing
    const again = (await upload(admin, file)).json() as ItemImportResult;
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });

    // a sheet with a few columns updates only those, keeping material keys by name
    const partial = await sheetOf(['实施编码', '事项名称', '承诺办结时限', '申请材料'], [
      ['IMP-001', '企业开办', 2, '法定代表人身份证明(复印件,容缺);企业设立登记申请书(原件,关键);银行开户意向表(选填)'],
    ]);
    const updated = (await upload(admin, partial)).json() as ItemImportResult;
    expect(updated).toMatchObject({ imported: 0, updated: 1, unchanged: 0, rejected: [] });
    const after = await itemByCode(admin, 'IMP-001');
    expect(after).toMatchObject({ committedDays: 2, chengnuoAllowed: true, keywords: ['开公司', '营业执照'], version: 2 });
    expect(after.materials.map((m) => [m.key, m.name])).toEqual([['m3', '法定代表人身份证明'], ['m1', '企业设立登记申请书'], ['m4', '银行开户意向表']]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', after.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['import', 'import']);
  });

  it('runs in the background with ?async=true and reports the same result through the job', async () => {
    const file = await sheetOf(HEADERS, [['后台导入事项', 'IMP-ASYNC-1', '行政许可', '承诺件', 10, 5, 1, '否', '否', null, '申请书(关键)', null, null, null]]);
    const started = await upload(admin, file, '?async=true');
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    const deadline = Date.now() + 20_000;
    let job = (await admin.get(`/api/jobs/${jobId}`)).json();
    while (job.status === 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await admin.get(`/api/jobs/${jobId}`)).json();
    }
    expect(job).toMatchObject({ kind: 'service-item-import', status: 'done', result: { imported: 1, updated: 0, unchanged: 0, rejected: [] } });
  });
});

describe('template and export', () => {
  it('offers a template with an instructions sheet describing the materials cell', async () => {
    expect((await asFirm.get('/api/service-items/import/template')).statusCode).toBe(403);
    const res = await admin.get('/api/service-items/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['事项清单', '填写说明']);
    const help: string[] = [];
    workbook.getWorksheet('填写说明')!.eachRow((row) => help.push(row.values!.toString()));
    expect(help.join('\n')).toContain('关键(关键材料,不可容缺)');
    // importing the untouched template is refused row by row, not silently
    const imported = (await upload(admin, res.rawPayload)).json() as ItemImportResult;
    expect(imported.imported).toBe(0);
    expect(imported.rejected[0]!.message).toContain('示例行');
  });

  it('exports the whole catalogue in the import format: re-importing it changes nothing', async () => {
    const p = await buildPark(t.ctx.db);
    await t.ctx.db.transaction().execute((trx) => seedServiceCatalogue(trx, { parkId: p.id, now: t.clock.now() }));
    const manager = await clientAs(t, await buildUser(t.ctx.db, p, { roles: ['approver'] }));
    const res = await manager.get('/api/service-items/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const total = ((await manager.get('/api/service-items?status=all')).json() as ServiceItemListResponse).total;
    const result = (await upload(manager, res.rawPayload)).json() as ItemImportResult;
    expect(result).toEqual({ imported: 0, updated: 0, unchanged: total, rejected: [] });
  });
});
