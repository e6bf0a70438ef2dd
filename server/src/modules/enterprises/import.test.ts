import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildEnterprise, buildPark, buildUscc, buildUser, type TestPark } from '../../../test/factories.js';

let t: TestApp;
let park: TestPark;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
});
afterAll(async () => {
  await t.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | Date | null;

/**
 * A sheet as people bring them: a title row above the header, headers in their own order, and
 * the rows given (`null` for a blank row).
 */
async function sheetOf(headers: string[], rows: (Cell[] | null)[], title = 'XX高新区重点企业名录(2026年)'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row ?? []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(file: Buffer, { field = 'file', filename = '企业名录.xlsx', type = XLSX } = {}) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(client: Client, file: Buffer, opts: Parameters<typeof multipart>[1] & { query?: string } = {}): Promise<LightMyRequestResponse> {
  return client.request({ method: 'POST', url: `/api/enterprises/import${opts.query ?? ''}`, ...multipart(file, opts) });
}

async function findByUscc(client: Client, uscc: string) {
  const res = await client.get(`/api/enterprises?q=${uscc}`);
  return res.json().items.filter((e: { uscc: string }) => e.uscc === uscc) as { id: string; name: string; headcount: number | null; foundedOn: string | null; registeredCapitalFen: number | null; chain: string | null }[];
}

async function parkTotal(client: Client): Promise<number> {
  return (await client.get('/api/enterprises?pageSize=1')).json().total;
}

/** Polls a job until it leaves `running`; the job runs in this process, so it finishes promptly. */
async function waitForJob(client: Client, jobId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await client.get(`/api/jobs/${jobId}`);
    expect(res.statusCode).toBe(200);
    if (res.json().status !== 'running') return res.json();
    if (Date.now() > deadline) throw new Error(`job ${jobId} still running`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const HEADERS = ['从业人数', '企业名称', '成立日期', '统一社会信用代码', '注册资本(万元)', '法人', '所属行业', '产业链', '联系电话'];

/** Three good rows, two blank ones and five bad ones (rows counted as Excel shows them). */
function registryRows(u: { one: string; two: string; three: string }) {
  const badCheck = u.one.slice(0, 17) + (u.one[17] === '0' ? '1' : '0');
  return [
    /* row 3 */ [120, '鹰潭导入铜业有限公司', '2019-03-05', u.one, 5000, '张三', 'C3831 电线、电缆制造', '铜基新材料', '13800000001'],
    /* row 4 */ [35, '鹰潭导入物联科技有限公司', new Date(Date.UTC(2021, 5, 18)), u.two, '300万', '李四', 'I6511', '物联网', '0701-6212345'],
    /* row 5 */ null,
    /* row 6 */ [10, '校验位错误有限公司', '2020-01-01', badCheck, 100, '王五', 'C3831', '铜基新材料', null],
    /* row 7 */ [10, '日期错误有限公司', '2019-02-30', buildUscc(), 100, '赵六', 'C3831', '铜基新材料', null],
    /* row 8 */ null,
    /* row 9 */ [8, '鹰潭导入健康有限公司', '2018/7/1', ` ${u.three.toLowerCase()} `, null, null, null, '大健康', null],
    /* row 10 */ [10, '产业链错误有限公司', '2020-01-01', buildUscc(), 100, '钱七', 'C3831', '钢铁', null],
    /* row 11 */ [10, null, '2020-01-01', buildUscc(), 100, '孙八', 'C3831', '物联网', null],
    /* row 12 */ [10, '重复代码有限公司', '2020-01-01', u.one, 100, '周九', 'C3831', '物联网', null],
  ] as (Cell[] | null)[];
}

describe('POST /api/enterprises/import', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).request({ method: 'POST', url: '/api/enterprises/import', ...multipart(await sheetOf(HEADERS, [])) });
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 to a role that may not import', async () => {
    const leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
    const res = await upload(leader, await sheetOf(HEADERS, [[1, '越权导入有限公司', null, buildUscc(), null, null, null, null, null]]));
    expect(res.statusCode).toBe(403);
  });

  it('answers 400 naming file when no file is sent', async () => {
    const json = await admin.post('/api/enterprises/import', {});
    expect(json.statusCode).toBe(400);
    expect(errorOf(json).details[0]!.path).toBe('file');
    const boundary = '----yqempty';
    const empty = await admin.request({
      method: 'POST',
      url: '/api/enterprises/import',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).details[0]!.path).toBe('file');
  });

  it('answers 400 naming file for a file under another field name or an empty file', async () => {
    const wrongField = await upload(admin, await sheetOf(HEADERS, []), { field: 'upload' });
    expect(wrongField.statusCode).toBe(400);
    expect(errorOf(wrongField).details[0]!.path).toBe('file');
    const empty = await upload(admin, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).details[0]!.path).toBe('file');
  });

  it('answers 400 naming file for a file that is not .xlsx, and tells an old .xls apart', async () => {
    const text = await upload(admin, Buffer.from('统一社会信用代码,企业名称\n'), { filename: 'firms.csv', type: 'text/csv' });
    expect(text.statusCode).toBe(400);
    expect(errorOf(text).details[0]!.path).toBe('file');
    expect(errorOf(text).message).toContain('xlsx');
    const xls = await upload(admin, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), { filename: 'old.xls', type: 'application/vnd.ms-excel' });
    expect(xls.statusCode).toBe(400);
    expect(errorOf(xls).details[0]!.message).toContain('.xls');
    const brokenZip = await upload(admin, Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(brokenZip.statusCode).toBe(400);
    expect(errorOf(brokenZip).details[0]!.path).toBe('file');
  });

  it('answers 413 for a file over the upload limit, importing nothing', async () => {
    const small = await createTestApp({ maxUploadBytes: 4096 });
    try {
      const p = await buildPark(small.ctx.db);
      const client = await clientAs(small, await buildUser(small.ctx.db, p, { roles: ['admin'] }));
      const rows = Array.from({ length: 300 }, (_, i) => [i, `超限企业${i}号有限公司`, null, buildUscc(), null, null, null, null, null] as Cell[]);
      const res = await upload(client, await sheetOf(HEADERS, rows));
      expect(res.statusCode).toBe(413);
      expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
      expect((await client.get('/api/enterprises?pageSize=1')).json().total).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('answers 400 naming file for a sheet without the USCC and name headers', async () => {
    const res = await upload(admin, await sheetOf(['序号', '备注'], [[1, '无关内容']]));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('file');
  });

  it('imports the good rows, reports every bad row with its row, column and reason, and skips blank rows', async () => {
    const u = { one: buildUscc(), two: buildUscc(), three: buildUscc() };
    const before = await parkTotal(admin);
    const res = await upload(admin, await sheetOf(HEADERS, registryRows(u)));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ imported: 3, updated: 0, unchanged: 0 });
    expect(body.rejected.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [6, '统一社会信用代码'],
      [7, '成立日期'],
      [10, '产业链'],
      [11, '企业名称'],
      [12, '统一社会信用代码'],
    ]);
    expect(body.rejected[0].message).toContain('第18位');
    expect(body.rejected[2].message).toContain('钢铁');
    expect(body.rejected[4].message).toContain('第3行');
    for (const r of body.rejected) expect(r.message.length).toBeGreaterThan(3);

    expect(await parkTotal(admin)).toBe(before + 3);
    const [one] = await findByUscc(admin, u.one);
    expect(one).toMatchObject({ name: '鹰潭导入铜业有限公司', headcount: 120, foundedOn: '2019-03-05', registeredCapitalFen: 5000 * 1_000_000, chain: 'copper', industryCode: 'C3831', legalRepresentative: '张三' });
    expect((await findByUscc(admin, u.two))[0]).toMatchObject({ foundedOn: '2021-06-18', registeredCapitalFen: 300 * 1_000_000, chain: 'iot', contactPhone: '07016212345' });
    expect((await findByUscc(admin, u.three))[0]).toMatchObject({ name: '鹰潭导入健康有限公司', foundedOn: '2018-07-01', chain: 'health' });
    for (const name of ['校验位错误有限公司', '日期错误有限公司', '产业链错误有限公司', '重复代码有限公司']) {
      expect((await admin.get(`/api/enterprises?q=${encodeURIComponent(name)}`)).json().total, name).toBe(0);
    }
  });

  it('refuses a cell holding a control character (NUL) with its row and column, and folds a line break in a name', async () => {
    const clean = buildUscc();
    const res = await upload(
      admin,
      await sheetOf(HEADERS, [
        [12, '鹰潭换行\n导入有限公司', '2020-01-01', clean, 100, '吴十', 'C3831', '物联网', null],
        // How a sheet stores a NUL (OOXML escapes control characters as _xHHHH_; exceljs reads it back as U+0000)
        [12, '鹰潭空字符_x0000_有限公司', '2020-01-01', buildUscc(), 100, '郑十一', 'C3831', '物联网', null],
      ]),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(1);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ row: 4, column: '企业名称' });
    expect(body.rejected[0].message).toContain('空字符(NUL)');
    expect((await findByUscc(admin, clean))[0]).toMatchObject({ name: '鹰潭换行 导入有限公司' });
  });

  it('is idempotent by USCC: a re-import changes nothing, an edited sheet updates without duplicating', async () => {
    const u = { one: buildUscc(), two: buildUscc(), three: buildUscc() };
    const file = await sheetOf(HEADERS, registryRows(u));
    expect((await upload(admin, file)).json()).toMatchObject({ imported: 3 });
    const total = await parkTotal(admin);

    const again = await upload(admin, file);
    expect(again.json()).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
    expect(again.json().rejected).toHaveLength(5);
    expect(await parkTotal(admin)).toBe(total);

    const edited = registryRows(u);
    edited[0]![0] = 150; // headcount of 鹰潭导入铜业
    const changed = await upload(admin, await sheetOf([...HEADERS].reverse(), edited.map((r) => (r ? [...r].reverse() : null))));
    expect(changed.json()).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
    expect(await parkTotal(admin)).toBe(total);
    const [one] = await findByUscc(admin, u.one);
    expect(one!.headcount).toBe(150);
    const history = await admin.get(`/api/enterprises/${one!.id}/history`);
    expect(history.json().items[0]).toMatchObject({ action: 'import', changes: [{ field: 'headcount', label: '从业人数', before: 120, after: 150 }] });
  });

  it('updates only the columns the sheet has and keeps the rest', async () => {
    const firm = await buildEnterprise(t.ctx.db, park, { headcount: 40, address: '保留的地址', contact_phone: '13812345678' });
    const res = await upload(admin, await sheetOf(['统一社会信用代码', '企业名称', '职工人数'], [[firm.uscc, firm.name, 41]]));
    expect(res.json()).toMatchObject({ imported: 0, updated: 1 });
    const after = await admin.get(`/api/enterprises/${firm.id}`);
    expect(after.json()).toMatchObject({ headcount: 41, address: '保留的地址', contactPhone: '13812345678', chain: 'iot' });
  });

  it('imports nothing when every row is bad', async () => {
    const before = await parkTotal(admin);
    const res = await upload(admin, await sheetOf(['统一社会信用代码', '企业名称'], [['123', '坏代码有限公司'], [buildUscc(), '坏']]));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 0, updated: 0 });
    expect(res.json().rejected.map((r: { row: number }) => r.row)).toEqual([3, 4]);
    expect(await parkTotal(admin)).toBe(before);
  });

  it('runs in the background with ?async=true and reports progress and the same result', async () => {
    // the same sheet imported synchronously in a second park gives the result to compare with
    const otherPark = await buildPark(t.ctx.db, '对照园区');
    const otherAdmin = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['admin'] }));
    const rows: (Cell[] | null)[] = registryRows({ one: buildUscc(), two: buildUscc(), three: buildUscc() });
    for (let i = 0; i < 1200; i += 1) rows.push([i, `批量导入企业${i}号有限公司`, '2020-01-01', buildUscc(), 10, '张三', 'C3831', '物联网', null]);
    const file = await sheetOf(HEADERS, rows);
    const sync = await upload(otherAdmin, file);
    expect(sync.statusCode).toBe(200);

    const started = await upload(admin, file, { query: '?async=true' });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const job = await waitForJob(admin, jobId);
    expect(job).toMatchObject({ id: jobId, kind: 'enterprise-import', status: 'done', error: null });
    expect(job.result).toEqual(sync.json());
    expect(job.result).toMatchObject({ imported: 1203, updated: 0 });
    expect(job.total).toBeGreaterThan(0);
    expect(job.processed).toBe(job.total);

    // another user's job is not found, even for an admin of the same park
    const colleague = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
    expect((await colleague.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
  });

  it('refuses a file that is not a workbook before any background job starts (400)', async () => {
    const refused = await upload(admin, Buffer.from('not a workbook at all'), { query: '?async=true' });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details[0]!.path).toBe('file');
  });

  it('reports a failed background import with its reason', async () => {
    const started = await upload(admin, await sheetOf(['序号', '备注'], [[1, '没有企业名称和信用代码两列']]), { query: '?async=true' });
    expect(started.statusCode).toBe(202);
    const job = await waitForJob(admin, started.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.error.message).toContain('表格缺少必需的列');
  });
});

describe('GET /api/jobs/:id', () => {
  it('answers 401 without a session and 404 for an unknown job', async () => {
    expect((await anonymous(t).get('/api/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    expect((await admin.get('/api/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/api/jobs/nope')).statusCode).toBe(404);
  });
});

describe('GET /api/enterprises/export', () => {
  it('answers 401 without a session and 400 naming a bad filter', async () => {
    expect((await anonymous(t).get('/api/enterprises/export')).statusCode).toBe(401);
    const res = await admin.get('/api/enterprises/export?isAboveScale=maybe');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('isAboveScale');
  });

  it('returns a real .xlsx of the current filter with a Chinese file name', async () => {
    const copper = await buildEnterprise(t.ctx.db, park, { chain: 'copper', name: '导出铜业有限公司', contact_phone: '13812340000' });
    const iot = await buildEnterprise(t.ctx.db, park, { chain: 'iot' });
    const res = await admin.get('/api/enterprises/export?chain=copper');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment;/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('企业库-')}`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toMatch(/^企业库-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 2)).toEqual(['统一社会信用代码', '企业名称']);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [String(h), row.getCell(i + 1).value])));
    });
    const usccs = rows.map((r) => r['统一社会信用代码']);
    expect(usccs).toContain(copper.uscc);
    expect(usccs).not.toContain(iot.uscc);
    expect(rows.every((r) => r['产业链'] === '铜基新材料')).toBe(true);
    expect(rows.find((r) => r['统一社会信用代码'] === copper.uscc)).toMatchObject({ 企业名称: '导出铜业有限公司', 联系电话: '13812340000' });
    expect(rows).toHaveLength((await admin.get('/api/enterprises?chain=copper&pageSize=1')).json().total);
  });

  it('re-imports its own export without changing anything', async () => {
    await buildEnterprise(t.ctx.db, park, { chain: 'health', tags: ['high_tech'], registered_capital_fen: 123_456_789, founded_on: '2015-05-05' });
    const exported = await admin.get('/api/enterprises/export?chain=health');
    const res = await upload(admin, exported.rawPayload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 0, updated: 0, rejected: [] });
    expect(res.json().unchanged).toBeGreaterThan(0);
  });
});

describe('GET /api/enterprises/import/template', () => {
  it('answers 403 to a role that may not import', async () => {
    const liaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
    expect((await liaison.get('/api/enterprises/import/template')).statusCode).toBe(403);
  });

  it('downloads the template, whose example row is refused if imported unchanged', async () => {
    const res = await admin.get('/api/enterprises/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('企业导入模板.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['企业信息', '填写说明']);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('*统一社会信用代码');

    const imported = await upload(admin, res.rawPayload);
    expect(imported.json()).toMatchObject({ imported: 0, updated: 0 });
    expect(imported.json().rejected).toEqual([expect.objectContaining({ row: 2, column: '*统一社会信用代码' })]);
    expect(imported.json().rejected[0].message).toContain('示例');
  });
});
