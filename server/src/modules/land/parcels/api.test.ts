import ExcelJS from 'exceljs';
import { geometryAreaMu, validateParcelGeometry, parseBoundaryText, type ParcelDetailView, type ParcelGeometry, type ParcelImportReport, type ParcelMapView, type ParcelPage, type LngLat } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { moveParcel } from './transitions.js';

const NOW = new Date('2026-11-26T02:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const R = 6_378_137;
const LAT0 = 28.22;
const LNG0 = 117.0;
/** Degrees of latitude / longitude for `m` metres at LAT0 on the sphere the area formula uses. */
const dLat = (m: number) => (m / (R * Math.PI)) * 180;
const dLng = (m: number) => dLat(m) / Math.cos((LAT0 * Math.PI) / 180);
/** A w × h metre rectangle whose south-west corner is x, y metres east/north of (LNG0, LAT0). */
function rect(w: number, h: number, x = 0, y = 0): LngLat[] {
  const a: LngLat = [LNG0 + dLng(x), LAT0 + dLat(y)];
  const b: LngLat = [LNG0 + dLng(x + w), LAT0 + dLat(y + h)];
  return [a, [b[0], a[1]], b, [a[0], b[1]], a];
}
const square = (m: number, x = 0, y = 0): ParcelGeometry => ({ type: 'Polygon', coordinates: [rect(m, m, x, y)] });

let t: TestApp;
type World = { park: TestPark; firmId: string; firmUscc: string; firmName: string; office: Client; leader: Client; firm: Client; other: Client; liaison: Client };
let w: World;
let seq = 0;
const code = () => `T-${String(++seq).padStart(4, '0')}`;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  const db = t.ctx.db;
  const park = await buildPark(db);
  const otherPark = await buildPark(db, '另一园区');
  const firm = await buildEnterprise(db, park, { chain: 'copper' });
  w = {
    park,
    firmId: firm.id,
    firmUscc: firm.uscc,
    firmName: firm.name,
    office: await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] })),
    leader: await clientAs(t, await buildUser(db, park, { roles: ['leader'] })),
    firm: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id })),
    liaison: await clientAs(t, await buildUser(db, park, { roles: ['liaison'] })),
    other: await clientAs(t, await buildUser(db, otherPark, { roles: ['dispatcher'] })),
  };
});
afterAll(async () => {
  await t.close();
});

async function create(over: Record<string, unknown> = {}): Promise<ParcelDetailView> {
  const res = await w.office.post('/api/land/parcels', { code: code(), name: '测试地块', boundary: square(100), plannedUse: 'industrial', zone: '起步区', ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const step = (id: string, action: string, body: Record<string, unknown> = {}, client: Client = w.office) => client.post(`/api/land/parcels/${id}/actions/${action}`, body);

describe('polygon area in 亩 (contract geometryAreaMu)', () => {
  it('a 100 m × 100 m square is 15 亩', () => {
    expect(geometryAreaMu(square(100))).toBeCloseTo(15, 2);
  });
  it('a square with a hole is the outer minus the hole', () => {
    const holed: ParcelGeometry = { type: 'Polygon', coordinates: [rect(100, 100), rect(50, 50, 25, 25).reverse()] };
    expect(geometryAreaMu(holed)).toBeCloseTo(15 - 3.75, 2);
  });
  it('a multipolygon adds its parts', () => {
    const multi: ParcelGeometry = { type: 'MultiPolygon', coordinates: [[rect(100, 100)], [rect(200, 100, 300, 0)]] };
    expect(geometryAreaMu(multi)).toBeCloseTo(45, 2);
  });
  it('a real-size 600 m × 400 m rectangle (360 亩) is within 0.5 %', () => {
    const mu = geometryAreaMu({ type: 'Polygon', coordinates: [rect(600, 400)] });
    expect(Math.abs(mu - 360) / 360).toBeLessThan(0.005);
    // the same rectangle drawn clockwise has the same area
    expect(geometryAreaMu({ type: 'Polygon', coordinates: [rect(600, 400).reverse()] })).toBeCloseTo(mu, 4);
  });
  it('reads WKT and "lng,lat;…" boundaries to the same area', () => {
    const ring = rect(100, 100);
    const wkt = parseBoundaryText(`POLYGON((${ring.map((p) => `${p[0]} ${p[1]}`).join(', ')}))`);
    const pairs = parseBoundaryText(ring.slice(0, 4).map((p) => `${p[0]},${p[1]}`).join(';'));
    expect('geometry' in wkt && geometryAreaMu(wkt.geometry as ParcelGeometry)).toBeCloseTo(15, 2);
    expect('geometry' in pairs && geometryAreaMu(pairs.geometry as ParcelGeometry)).toBeCloseTo(15, 2);
    const multi = parseBoundaryText(`MULTIPOLYGON(((${ring.map((p) => `${p[0]} ${p[1]}`).join(', ')})), ((${rect(100, 100, 300).map((p) => `${p[0]} ${p[1]}`).join(', ')})))`);
    expect('geometry' in multi && geometryAreaMu(multi.geometry as ParcelGeometry)).toBeCloseTo(30, 2);
  });
  it('finds a bow-tie, an open ring, too few points and out-of-range coordinates', () => {
    const r = rect(100, 100);
    expect(validateParcelGeometry({ type: 'Polygon', coordinates: [[r[0], r[2], r[1], r[3], r[0]]] })[0]!.message).toContain('自相交');
    expect(validateParcelGeometry({ type: 'Polygon', coordinates: [r.slice(0, 4)] })[0]!.message).toContain('未闭合');
    expect(validateParcelGeometry({ type: 'Polygon', coordinates: [[r[0], r[1], r[0]]] })[0]!.message).toContain('至少需要4个坐标点');
    expect(validateParcelGeometry({ type: 'Polygon', coordinates: [[[200, 28], [201, 28], [201, 29], [200, 28]]] })[0]!.message).toContain('经度');
    expect(validateParcelGeometry({ type: 'Point', coordinates: [117, 28] })[0]!.message).toContain('Polygon');
    expect(validateParcelGeometry(square(100))).toEqual([]);
  });
});

describe('POST /api/land/parcels', () => {
  it('401 / 403 for those who may not, 400 naming the boundary for a bad one', async () => {
    expect((await w.firm.post('/api/land/parcels', { code: code(), boundary: square(100), plannedUse: 'industrial' })).statusCode).toBe(403);
    expect((await w.leader.post('/api/land/parcels', { code: code(), boundary: square(100), plannedUse: 'industrial' })).statusCode).toBe(403);
    const open = await w.office.post('/api/land/parcels', { code: code(), boundary: { type: 'Polygon', coordinates: [rect(100, 100).slice(0, 4)] }, plannedUse: 'industrial' });
    expect(open.statusCode).toBe(400);
    expect(errorOf(open).details[0]).toMatchObject({ path: 'boundary' });
    expect(errorOf(open).message).toContain('地块边界');
    expect(errorOf(open).message).toContain('未闭合');
    const lat = await w.office.post('/api/land/parcels', { code: code(), boundary: { type: 'Polygon', coordinates: [[[117, 95], [117.1, 95], [117.1, 96], [117, 95]]] }, plannedUse: 'industrial' });
    expect(lat.statusCode).toBe(400);
    expect(errorOf(lat).message).toContain('纬度');
    const garbage = await w.office.post('/api/land/parcels', { code: code(), boundary: 'POLYGON', plannedUse: 'industrial' });
    expect(errorOf(garbage).details[0]).toMatchObject({ path: 'boundary' });
    const badUse = await w.office.post('/api/land/parcels', { code: code(), boundary: square(100), plannedUse: 'farm' });
    expect(errorOf(badUse).details[0]).toMatchObject({ path: 'plannedUse', message: '规划用途不正确' });
    const badCode = await w.office.post('/api/land/parcels', { code: '地块 1', boundary: square(100), plannedUse: 'industrial' });
    expect(errorOf(badCode).details[0]!.path).toBe('code');
  });

  it('registers a parcel in 储备 with the area computed, flags a declared area off by more than 2 %, refuses a duplicate code', async () => {
    const p = await create({ declaredAreaMu: 16 });
    expect(p).toMatchObject({ status: 'reserve', plannedUse: 'industrial', declaredAreaMu: 16, areaDiffers: true, zone: '起步区' });
    expect(p.areaMu).toBeCloseTo(15, 2);
    expect(p.areaDiffPercent).toBeCloseTo(-6.25, 1);
    expect(p.timeline.map((e) => e.action)).toEqual(['create']);
    expect(p.actions).toEqual(['transfer']);
    const close = await create({ declaredAreaMu: 15.2 });
    expect(close.areaDiffers).toBe(false);
    const dup = await w.office.post('/api/land/parcels', { code: p.code.toLowerCase(), boundary: square(100), plannedUse: 'industrial' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).message).toContain('已存在');
  });

  it('PUT recomputes the area from a new boundary and writes the change on the timeline', async () => {
    const p = await create();
    const res = await w.office.put(`/api/land/parcels/${p.id}`, { code: p.code, name: '改名', boundary: square(200), plannedUse: 'warehouse' });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as ParcelDetailView;
    expect(after.areaMu).toBeCloseTo(60, 1);
    expect(after.plannedUse).toBe('warehouse');
    expect(after.timeline.at(-1)).toMatchObject({ action: 'update', data: expect.objectContaining({ areaMuBefore: expect.any(Number) }) });
  });
});

describe('the parcel workflow', () => {
  it('refuses a step that skips the line with a 409 naming the states', async () => {
    const p = await create();
    const res = await step(p.id, 'start_production');
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('储备');
    expect(errorOf(res).message).toContain('投产');
    expect(errorOf(res).message).toContain('出让');
    const recover = await step(p.id, 'recover');
    expect(recover.statusCode).toBe(409);
    const detail = (await w.office.get(`/api/land/parcels/${p.id}`)).json() as ParcelDetailView;
    expect(detail.status).toBe('reserve');
    expect(detail.timeline).toHaveLength(1);
  });

  it('出让 needs a firm or a project (400 naming the field), a date not in the future, and the office (403)', async () => {
    const p = await create();
    const none = await step(p.id, 'transfer', {});
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).details[0]).toMatchObject({ path: 'enterpriseId' });
    const future = await step(p.id, 'transfer', { enterpriseId: w.firmId, on: '2027-01-05' });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details[0]).toMatchObject({ path: 'on' });
    const unknown = await step(p.id, 'transfer', { enterpriseId: '00000000-0000-4000-8000-000000000000' });
    expect(errorOf(unknown).details[0]).toMatchObject({ path: 'enterpriseId' });
    expect((await step(p.id, 'transfer', { enterpriseId: w.firmId }, w.leader)).statusCode).toBe(403);
  });

  it('walks every allowed step, keeps dates and holder, and writes each on the timeline', async () => {
    const p = await create();
    const go = async (action: string, body: Record<string, unknown> = {}) => {
      const res = await step(p.id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      return res.json() as ParcelDetailView;
    };
    let d = await go('transfer', { enterpriseId: w.firmId, on: '2024-03-01', landPriceFen: 150_000_000, note: '挂牌出让' });
    expect(d).toMatchObject({ status: 'transferred', enterpriseId: w.firmId, enterpriseName: w.firmName, transferredOn: '2024-03-01', landPriceFen: 150_000_000, statusSince: '2024-03-01' });
    expect(d.actions).toEqual(['start_construction', 'mark_idle']);
    d = await go('mark_idle', { on: '2026-03-02' });
    expect(d.status).toBe('idle');
    d = await go('rectify', { on: '2026-04-01' });
    expect(d.status).toBe('transferred'); // not started: back to 已出让
    d = await go('start_construction', { on: '2026-05-01' });
    expect(d).toMatchObject({ status: 'construction', constructionOn: '2026-05-01' });
    d = await go('mark_idle', { on: '2026-06-01' });
    d = await go('rectify', { on: '2026-06-15' });
    expect(d.status).toBe('construction'); // started: back to 在建
    d = await go('start_production', { on: '2026-08-01' });
    expect(d).toMatchObject({ status: 'producing', producingOn: '2026-08-01' });
    d = await go('mark_inefficient', { on: '2026-09-01' });
    d = await go('rectify', { on: '2026-09-10' });
    expect(d.status).toBe('producing');
    d = await go('mark_inefficient', { on: '2026-10-01' });
    d = await go('recover', { on: '2026-10-20', note: '协议收回' });
    expect(d).toMatchObject({ status: 'recovered', enterpriseId: null });
    expect(d.actions).toEqual(['reallocate', 'return_to_reserve']);
    const other = await buildEnterprise(t.ctx.db, w.park);
    d = await go('reallocate', { enterpriseId: other.id, on: '2026-11-01' });
    expect(d).toMatchObject({ status: 'reallocated', enterpriseId: other.id, transferredOn: '2026-11-01', constructionOn: null, producingOn: null });
    d = await go('start_construction', { on: '2026-11-10' });
    d = await go('mark_idle', { on: '2026-11-20' });
    d = await go('recover', { on: '2026-11-21' });
    d = await go('return_to_reserve', { on: '2026-11-22' });
    expect(d).toMatchObject({ status: 'reserve', enterpriseId: null, transferredOn: null, landPriceFen: null });
    expect(d.timeline.map((e) => e.action)).toEqual([
      'create', 'transfer', 'mark_idle', 'rectify', 'start_construction', 'mark_idle', 'rectify', 'start_production', 'mark_inefficient', 'rectify',
      'mark_inefficient', 'recover', 'reallocate', 'start_construction', 'mark_idle', 'recover', 'return_to_reserve',
    ]);
    const recover = d.timeline.find((e) => e.action === 'recover')!;
    expect(recover).toMatchObject({ fromStatus: 'inefficient', toStatus: 'recovered', note: '协议收回', data: expect.objectContaining({ previousEnterpriseId: w.firmId }) });
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).execute();
    expect(audits.length).toBeGreaterThanOrEqual(17);
    const notes = await t.ctx.db.selectFrom('notifications').select('kind').where('park_id', '=', w.park.id).where('user_id', '=', w.firm.userId).execute();
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['land.parcel_transfer', 'land.parcel_mark_idle', 'land.parcel_recover']));
  });

  it('moveParcel as the system (the clean-up campaign) and a 409 through the seam', async () => {
    const p = await create();
    await t.ctx.db.transaction().execute((trx) => moveParcel(trx, null, w.park.id, p.id, 'transfer', { on: '2025-01-02', enterpriseId: w.firmId }, NOW));
    const d = (await w.office.get(`/api/land/parcels/${p.id}`)).json() as ParcelDetailView;
    expect(d.timeline.at(-1)).toMatchObject({ action: 'transfer', actorName: '系统', actorRole: 'system' });
    await expect(t.ctx.db.transaction().execute((trx) => moveParcel(trx, null, w.park.id, p.id, 'recover', { on: '2026-01-02' }, NOW))).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('scope', () => {
  it('another park answers 404, an enterprise user 403, a liaison reads', async () => {
    const p = await create();
    expect((await w.other.get(`/api/land/parcels/${p.id}`)).statusCode).toBe(404);
    expect((await w.other.post(`/api/land/parcels/${p.id}/actions/transfer`, { enterpriseId: w.firmId })).statusCode).toBe(404);
    expect((await w.other.put(`/api/land/parcels/${p.id}`, { code: p.code, boundary: square(100), plannedUse: 'industrial' })).statusCode).toBe(404);
    expect(((await w.other.get(`/api/land/parcels?q=${p.code}`)).json() as ParcelPage).total).toBe(0);
    expect((await w.firm.get(`/api/land/parcels/${p.id}`)).statusCode).toBe(403);
    expect((await w.firm.get('/api/land/map')).statusCode).toBe(403);
    expect((await w.liaison.get(`/api/land/parcels/${p.id}`)).statusCode).toBe(200);
    expect((await w.liaison.post(`/api/land/parcels/${p.id}/actions/transfer`, { enterpriseId: w.firmId })).statusCode).toBe(403);
  });
});

describe('GET /api/land/parcels, /map, /export', () => {
  it('filters by status, zone, firm and code; the map carries the base layer and parcels; the export is an .xlsx', async () => {
    const a = await create({ zone: '筛选片区' });
    await step(a.id, 'transfer', { enterpriseId: w.firmId, on: '2025-05-05' });
    await t.ctx.db.insertInto('land_map_features').values({ park_id: w.park.id, kind: 'town', name: '测试镇', geometry: JSON.stringify(square(3000, -1000, -1000)), created_at: NOW }).execute();
    const list = (await w.office.get(`/api/land/parcels?status=transferred&zone=${encodeURIComponent('筛选片区')}&enterpriseId=${w.firmId}`)).json() as ParcelPage;
    expect(list.items.map((i) => i.code)).toEqual([a.code]);
    const byCode = (await w.office.get(`/api/land/parcels?q=${a.code}`)).json() as ParcelPage;
    expect(byCode.total).toBe(1);
    expect((await w.office.get('/api/land/parcels?status=nope')).statusCode).toBe(400);
    const map = (await w.leader.get('/api/land/map')).json() as ParcelMapView;
    expect(map.features.map((f) => f.kind)).toContain('town');
    const onMap = map.parcels.find((p) => p.id === a.id)!;
    expect(onMap).toMatchObject({ status: 'transferred', enterpriseName: w.firmName, code: a.code });
    expect(map.bounds![0][0]).toBeLessThan(LAT0);
    const res = await w.office.get(`/api/land/parcels/export?zone=${encodeURIComponent('筛选片区')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(a.code);
    expect(String(wb.worksheets[0]!.getRow(2).getCell(5).value)).toMatch(/^POLYGON\(\(/);
  });
});

function multipart(file: Buffer) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="地块.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('地块');
  sheet.addRow(['地块编号', '名称', '用途', '面积(亩)', '坐标', '状态', '企业统一社会信用代码', '片区', '出让日期', '开工日期', '投产日期']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const wkt = (ring: LngLat[]) => `POLYGON((${ring.map((p) => `${p[0]} ${p[1]}`).join(', ')}))`;
const countOf = async (prefix: string) => Number((await t.ctx.db.selectFrom('land_parcels').select(({ fn }) => fn.countAll().as('n')).where('park_id', '=', w.park.id).where('code', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);

describe('POST /api/land/parcels/import', () => {
  it('a file with one bad row writes nothing and names each row and column; a dry run previews; the good file writes all', async () => {
    const good = [
      ['IMP-001', '导入一', '工业用地', 15, wkt(rect(100, 100, 1000)), '储备', null, '导入区', null, null, null],
      ['IMP-002', '导入二', '工业', 30, rect(100, 200, 1200).slice(0, 4).map((p) => `${p[0]},${p[1]}`).join(';'), '已投产', w.firmUscc, '导入区', '2020-03-01', '2020-09-01', '2022-01-15'],
    ];
    const bad = await w.office.request({ method: 'POST', url: '/api/land/parcels/import', ...multipart(await workbook([...good, ['IMP-003', '坏行', '农田', 'abc', 'POLYGON((1 2, 3 4))', '在建', '91360600MA00000000', null, '2020-01-01', null, null]])) });
    expect(bad.statusCode, bad.body).toBe(200);
    const report = bad.json() as ParcelImportReport;
    expect(report.written).toBe(false);
    expect(report.errors.filter((e) => e.row === 4).map((e) => e.column)).toEqual(expect.arrayContaining(['用途', '面积(亩)', '坐标', '企业统一社会信用代码', '开工日期']));
    expect(await countOf('IMP-')).toBe(0);

    const dry = (await w.office.request({ method: 'POST', url: '/api/land/parcels/import?dryRun=true', ...multipart(await workbook(good)) })).json() as ParcelImportReport;
    expect(dry).toMatchObject({ total: 2, valid: 2, created: 2, dryRun: true, written: false, errors: [] });
    expect(dry.preview[1]).toMatchObject({ code: 'IMP-002', status: 'producing', enterpriseName: w.firmName, areaDiffers: false });
    expect(await countOf('IMP-')).toBe(0);

    const done = (await w.office.request({ method: 'POST', url: '/api/land/parcels/import', ...multipart(await workbook(good)) })).json() as ParcelImportReport;
    expect(done).toMatchObject({ written: true, created: 2, errors: [] });
    const list = (await w.office.get('/api/land/parcels?q=IMP-')).json() as ParcelPage;
    expect(list.items.find((i) => i.code === 'IMP-002')).toMatchObject({ status: 'producing', statusSince: '2022-01-15', enterpriseId: w.firmId, producingOn: '2022-01-15' });
    expect(list.items.find((i) => i.code === 'IMP-002')!.areaMu).toBeCloseTo(30, 1);

    // again: the same codes update; a changed state is refused (it goes through the workflow)
    const again = (await w.office.request({ method: 'POST', url: '/api/land/parcels/import', ...multipart(await workbook([['IMP-001', '导入一(改)', '工业用地', 15, null, '已出让', null, null, null, null, null]])) })).json() as ParcelImportReport;
    expect(again.errors[0]).toMatchObject({ row: 2, column: '状态' });
    expect(await w.firm.request({ method: 'POST', url: '/api/land/parcels/import', ...multipart(await workbook(good)) }).then((r) => r.statusCode)).toBe(403);
  });

  it('imports a GeoJSON FeatureCollection, all or nothing', async () => {
    const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const f = (c: string, geometry: unknown, props: Record<string, unknown> = {}) => ({ type: 'Feature', properties: { code: c, name: c, plannedUse: 'industrial', ...props }, geometry });
    const bad = (await w.office.post('/api/land/parcels/import/geojson', { content: fc([f('GJ-001', square(100, 2000)), f('GJ-002', { type: 'Polygon', coordinates: [rect(100, 100, 2200).slice(0, 3)] })]) })).json() as ParcelImportReport;
    expect(bad.written).toBe(false);
    expect(bad.errors).toEqual([expect.objectContaining({ row: 2, column: '坐标' })]);
    expect(await countOf('GJ-')).toBe(0);
    const ok = (await w.office.post('/api/land/parcels/import/geojson', { content: fc([f('GJ-001', square(100, 2000), { declaredAreaMu: 15 }), f('GJ-002', square(100, 2200), { status: '已出让', uscc: w.firmUscc, transferredOn: '2023-05-01' })]) })).json() as ParcelImportReport;
    expect(ok).toMatchObject({ written: true, created: 2 });
    expect(await countOf('GJ-')).toBe(2);
    const notFc = await w.office.post('/api/land/parcels/import/geojson', { content: '{"type":"Feature"}' });
    expect(notFc.statusCode).toBe(400);
  });

  it('serves the template', async () => {
    const res = await w.office.get('/api/land/parcels/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('xlsx');
  });
});
