import ExcelJS from 'exceljs';
import type { AcquisitionAreaList, AcquisitionAreaView, AcquisitionHouseholdPage, AcquisitionHouseholdView, AcquisitionIncidentView } from '@yuanqi/contract';
import { acquisitionSentence, maskAddress, maskPersonName } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildPark, buildUser, type TestPark } from '../../../../test/factories.js';

const NOW = new Date('2026-12-08T02:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A valid 身份证号 (check character computed). */
const ID = '11010519491231002X';

let t: TestApp;
let park: TestPark;
let officerRow: UserRow;
let officer: Client;
let colleague: Client;
let leader: Client;
let firmUser: Client;
let otherOffice: Client;
let area: AcquisitionAreaView;
let otherArea: AcquisitionAreaView;

function multipart(file: Buffer) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="住户.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function household(client: Client, areaId: string, body: Record<string, unknown>): Promise<AcquisitionHouseholdView> {
  const res = await client.post(`/api/land/acquisition/areas/${areaId}/households`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const otherPark = await buildPark(t.ctx.db, '别的园区');
  officerRow = await buildUser(t.ctx.db, park, { roles: ['dispatcher'], displayName: '征迁干部甲' });
  officer = await clientAs(t, officerRow);
  colleague = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'] }));
  otherOffice = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['dispatcher'] }));
});
afterAll(async () => {
  await t.close();
});

describe('masking helpers', () => {
  it('masks names, addresses and builds the sentence from counts', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张小三')).toBe('张*三');
    expect(maskPersonName('欧阳小明')).toBe('欧**明');
    expect(maskAddress('智联小镇东村12号')).toBe('智联小镇****');
    const zero = { accident: { total: 0, open: 0, resolved: 0 }, dispute: { total: 0, open: 0, resolved: 0 }, petition: { total: 0, open: 0, resolved: 0 } };
    expect(acquisitionSentence({ households: 1000, units: 76, total: 1076, buildingAreaM2: 250_123.45, signed: 1076, movedOut: 1076, compensationAgreedFen: 0, compensationPaidFen: 0, incidents: zero })).toBe(
      '1076户(含单位76家)25万平方米,全部签约、全部搬迁,零事故、零纠纷、零上访',
    );
  });
});

describe('areas', () => {
  it('creates areas with their officers; 403 without acquisition:manage, 400 naming the field', async () => {
    expect((await leader.post('/api/land/acquisition/areas', { code: 'A1', name: '片区', startedOn: '2025-01-01' })).statusCode).toBe(403);
    expect((await firmUser.get('/api/land/acquisition/areas')).statusCode).toBe(403);
    expect((await anonymous(t).get('/api/land/acquisition/areas')).statusCode).toBe(401);
    const bad = await officer.post('/api/land/acquisition/areas', { code: 'A1', name: '', startedOn: '2025-13-01' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.map((d) => d.path).sort()).toEqual(['name', 'startedOn']);
    const res = await officer.post('/api/land/acquisition/areas', { code: 'ZL', name: '测试小镇', startedOn: '2025-01-01', officerIds: [officerRow.id] });
    expect(res.statusCode, res.body).toBe(200);
    area = res.json();
    expect(area).toMatchObject({ isOfficer: true, officers: [{ userId: officerRow.id, name: '征迁干部甲' }] });
    otherArea = (await colleague.post('/api/land/acquisition/areas', { code: 'NB', name: '北片区', startedOn: '2026-03-01' })).json();
    expect(otherArea.isOfficer).toBe(false);
    expect((await officer.post('/api/land/acquisition/areas', { code: 'ZL', name: '重复', startedOn: '2025-01-01' })).statusCode).toBe(409);
  });
});

describe('households and masking', () => {
  let h1: AcquisitionHouseholdView;
  it('lets only the area officers register households; the ID number is kept hashed and masked', async () => {
    const denied = await colleague.post(`/api/land/acquisition/areas/${area.id}/households`, { code: 'H1', kind: 'household', name: '张小三', buildingAreaM2: 100 });
    expect(denied.statusCode).toBe(403);
    const badId = await officer.post(`/api/land/acquisition/areas/${area.id}/households`, { code: 'H1', kind: 'household', name: '张小三', idNumber: '110105194912310021', buildingAreaM2: 100 });
    expect(errorOf(badId).details[0]).toMatchObject({ path: 'idNumber' });
    h1 = await household(officer, area.id, {
      code: 'H1', kind: 'household', name: '张小三', idNumber: ID, phone: '13812345678', address: '测试小镇东村12号', members: 4,
      buildingAreaM2: 200.5, agreementOn: '2025-03-01', compensationAgreedFen: 100_000_00, movedOutOn: '2025-04-01',
    });
    expect(h1).toMatchObject({ name: '张小三', phone: '13812345678', address: '测试小镇东村12号', idNumberMasked: '1101**********002X', masked: false, stage: 'moved_out' });
    const stored = await t.ctx.db.selectFrom('acquisition_households').selectAll().where('id', '=', h1.id).executeTakeFirstOrThrow();
    expect(stored.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(ID);
    await household(officer, area.id, { code: 'U1', kind: 'unit', name: '测试五金厂', phone: '0701-6221234', buildingAreaM2: 799.5, agreementOn: '2025-03-02', compensationAgreedFen: 50_000_00 });
    await household(officer, area.id, { code: 'H2', kind: 'household', name: '李四', buildingAreaM2: 100 });
  });

  it('masks name, phone and address in the server for everyone but the officers in charge', async () => {
    const asOfficer: AcquisitionHouseholdPage = (await officer.get(`/api/land/acquisition/areas/${area.id}/households`)).json();
    expect(asOfficer.items.find((h) => h.code === 'H1')).toMatchObject({ name: '张小三', phone: '13812345678', masked: false });
    for (const client of [colleague, leader]) {
      const res = await client.get(`/api/land/acquisition/areas/${area.id}/households`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('张小三');
      expect(res.body).not.toContain('13812345678');
      expect(res.body).not.toContain('东村12号');
      const page: AcquisitionHouseholdPage = res.json();
      expect(page.items.find((h) => h.code === 'H1')).toMatchObject({ name: '张*三', phone: '138****5678', address: '测试小镇****', idNumberMasked: '1101**********002X', masked: true });
      expect(page.items.find((h) => h.code === 'U1')!.name).toBe('测试五金厂');
      const one = await client.get(`/api/land/acquisition/households/${h1.id}`);
      expect(one.body).not.toContain('张小三');
      expect(one.json()).toMatchObject({ name: '张*三', masked: true });
    }
    // a non-officer cannot find a household by its name either
    const search: AcquisitionHouseholdPage = (await colleague.get(`/api/land/acquisition/areas/${area.id}/households?q=${encodeURIComponent('张小三')}`)).json();
    expect(search.total).toBe(0);
    const exported = await colleague.get(`/api/land/acquisition/areas/${area.id}/households/export`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const names: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => names.push(row.getCell(3).value));
    expect(names).toContain('张*三');
    expect(names).not.toContain('张小三');
  });

  it('filters by stage and kind', async () => {
    const moved: AcquisitionHouseholdPage = (await officer.get(`/api/land/acquisition/areas/${area.id}/households?stage=moved_out`)).json();
    expect(moved.items.map((h) => h.code)).toEqual(['H1']);
    const units: AcquisitionHouseholdPage = (await officer.get(`/api/land/acquisition/areas/${area.id}/households?kind=unit`)).json();
    expect(units.items.map((h) => h.code)).toEqual(['U1']);
    const unsigned: AcquisitionHouseholdPage = (await officer.get(`/api/land/acquisition/areas/${area.id}/households?stage=unsigned`)).json();
    expect(unsigned.items.map((h) => h.code)).toEqual(['H2']);
  });

  it('sums payments in installments, refuses overpaying and paying before signing, voids with a reason', async () => {
    const p1 = await colleague.post(`/api/land/acquisition/households/${h1.id}/payments`, { amountFen: 60_000_00, paidOn: '2025-03-10', reference: 'PZ-1' });
    expect(p1.statusCode, p1.body).toBe(200);
    const p2 = await officer.post(`/api/land/acquisition/households/${h1.id}/payments`, { amountFen: 40_000_00, paidOn: '2025-03-20' });
    const after: AcquisitionHouseholdView = p2.json();
    expect(after).toMatchObject({ compensationPaidFen: 100_000_00, outstandingFen: 0 });
    expect((await officer.post(`/api/land/acquisition/households/${h1.id}/payments`, { amountFen: 1, paidOn: '2025-03-21' })).statusCode).toBe(409);
    const h2 = (await officer.get(`/api/land/acquisition/areas/${area.id}/households?stage=unsigned`)).json().items[0];
    expect((await officer.post(`/api/land/acquisition/households/${h2.id}/payments`, { amountFen: 100, paidOn: '2025-03-21' })).statusCode).toBe(409);
    const badAmount = await officer.post(`/api/land/acquisition/households/${h1.id}/payments`, { amountFen: 1.5, paidOn: '2025-03-21' });
    expect(errorOf(badAmount).details[0]).toMatchObject({ path: 'amountFen' });
    const paymentId = after.payments[1]!.id;
    expect((await officer.post(`/api/land/acquisition/payments/${paymentId}/void`, { voidReason: '' })).statusCode).toBe(400);
    const voided: AcquisitionHouseholdView = (await officer.post(`/api/land/acquisition/payments/${paymentId}/void`, { voidReason: '重复录入' })).json();
    expect(voided).toMatchObject({ compensationPaidFen: 60_000_00, outstandingFen: 40_000_00 });
    expect(voided.payments[1]).toMatchObject({ status: 'void', voidReason: '重复录入' });
    expect((await officer.post(`/api/land/acquisition/payments/${paymentId}/void`, { voidReason: '再次' })).statusCode).toBe(409);
  });
});

describe('incidents and the statement', () => {
  it('computes the statement from the register: 零事故 until one is recorded, then says so', async () => {
    let list: AcquisitionAreaList = (await leader.get('/api/land/acquisition/areas')).json();
    let mine = list.items.find((a) => a.id === area.id)!;
    expect(mine.statement).toMatchObject({ households: 2, units: 1, total: 3, buildingAreaM2: 1100, signed: 2, movedOut: 1, compensationAgreedFen: 150_000_00, compensationPaidFen: 60_000_00 });
    expect(mine.statement.sentence).toBe('3户(含单位1家)0.1万平方米,签约2户、搬迁1户,零事故、零纠纷、零上访');

    const res = await officer.post(`/api/land/acquisition/areas/${area.id}/incidents`, { kind: 'dispute', occurredOn: '2025-03-05', summary: '补偿面积认定有异议', householdId: (await officer.get(`/api/land/acquisition/areas/${area.id}/households?stage=unsigned`)).json().items[0].id });
    expect(res.statusCode, res.body).toBe(200);
    const incident: AcquisitionIncidentView = res.json();
    expect(incident).toMatchObject({ status: 'open', kind: 'dispute', householdName: '李四' });
    expect((await colleague.get(`/api/land/acquisition/incidents/${incident.id}`)).json().householdName).toBe('李*');
    mine = (await leader.get(`/api/land/acquisition/areas/${area.id}`)).json();
    expect(mine.statement.incidents.dispute).toEqual({ total: 1, open: 1, resolved: 0 });
    expect(mine.statement.sentence).toContain('零事故、纠纷1起(1起未结)、零上访');

    const early = await officer.post(`/api/land/acquisition/incidents/${incident.id}/resolve`, { resolution: '重新测量', resolvedOn: '2025-03-01' });
    expect(errorOf(early).details[0]).toMatchObject({ path: 'resolvedOn' });
    const done = await officer.post(`/api/land/acquisition/incidents/${incident.id}/resolve`, { resolution: '重新测量后达成一致', resolvedOn: '2025-03-09' });
    expect(done.json()).toMatchObject({ status: 'resolved', resolvedOn: '2025-03-09' });
    list = (await leader.get('/api/land/acquisition/areas')).json();
    expect(list.items.find((a) => a.id === area.id)!.statement.sentence).toContain('纠纷1起(均已处理)');
    expect(list.overall.total).toBe(3);
    expect(list.overall.incidents.dispute.resolved).toBe(1);
  });
});

describe('import', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('住户');
    ws.addRow(['编号', '类型(住户/单位)', '姓名或单位名称', '身份证号', '电话', '地址', '人口数', '房屋面积(㎡)', '占地面积(㎡)', '签约日期', '协议补偿金额(元)', '搬迁日期']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses the whole file on one bad row, naming row and column; imports a clean one; officers only', async () => {
    const bad = await workbook([
      ['N1', '住户', '王五', ID, '', '', 3, 120, '', '2026-04-01', 300000, ''],
      ['N2', '住户', '赵六', '123', '', '', 3, 120, '', '', '', ''],
      ['N3', '宿舍', '孙七', '', '', '', 3, 120, '', '', '', ''],
      ['N4', '住户', '周八', '', '', '', 3, 120, '', '', '', '2026-05-01'],
    ]);
    const denied = await colleague.request({ method: 'POST', url: `/api/land/acquisition/areas/${otherArea.id}/households/import`, ...multipart(bad) });
    expect(denied.statusCode).toBe(403);
    const res = await officer.request({ method: 'POST', url: `/api/land/acquisition/areas/${area.id}/households/import`, ...multipart(bad) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      imported: 0, updated: 0, unchanged: 0,
      rejected: [
        { row: 3, column: '身份证号', message: '身份证号校验不通过' },
        { row: 4, column: '类型(住户/单位)', message: '类型“宿舍”应为住户或单位' },
        { row: 5, column: '搬迁日期', message: '未签约的住户不能登记搬迁' },
      ],
    });
    const good = await workbook([['N1', '住户', '王五', ID, '13900001111', '测试小镇西村1号', 3, 120, '', '2026-04-01', 300000, '2026-05-01'], ['H2', '住户', '李四', '', '', '', 2, 101, '', '', '', '']]);
    const ok = await officer.request({ method: 'POST', url: `/api/land/acquisition/areas/${area.id}/households/import`, ...multipart(good) });
    expect(ok.json()).toMatchObject({ imported: 1, updated: 1, rejected: [] });
    const a: AcquisitionAreaView = (await officer.get(`/api/land/acquisition/areas/${area.id}`)).json();
    expect(a.statement).toMatchObject({ total: 4, buildingAreaM2: 1221, movedOut: 2 });
  });
});

describe('scope', () => {
  it('answers 404 for another park’s areas, households, payments and incidents', async () => {
    const h = (await officer.get(`/api/land/acquisition/areas/${area.id}/households`)).json().items[0];
    expect((await otherOffice.get(`/api/land/acquisition/areas/${area.id}`)).statusCode).toBe(404);
    expect((await otherOffice.get(`/api/land/acquisition/areas/${area.id}/households`)).statusCode).toBe(404);
    expect((await otherOffice.get(`/api/land/acquisition/households/${h.id}`)).statusCode).toBe(404);
    expect((await otherOffice.post(`/api/land/acquisition/households/${h.id}/payments`, { amountFen: 1, paidOn: '2026-01-01' })).statusCode).toBe(404);
    expect((await otherOffice.post(`/api/land/acquisition/areas/${area.id}/incidents`, { kind: 'accident', occurredOn: '2026-01-01', summary: 'x' })).statusCode).toBe(404);
    expect((await otherOffice.get('/api/land/acquisition/areas')).json().items).toEqual([]);
    expect((await officer.get('/api/land/acquisition/households/not-a-uuid')).statusCode).toBe(404);
  });
});
