import ExcelJS from 'exceljs';
import type { InstitutionDetailView, ProductList, ProductView } from '@yuanqi/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildProduct, productBody } from '../../../../test/finance-product-factories.js';

const NOW = new Date('2026-06-10T02:00:00Z');

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let bankA: { id: string };
let bankB: { id: string };
let inactiveBank: { id: string };
let foreignBank: { id: string };
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let bankerA: Client;
let bankerB: Client;
let officer: Client;
let leader: Client;
let firmUser: Client;
let liaison: Client;
let outsider: Client;
let noBankBanker: Client;

const ids = (list: ProductList) => list.items.map((p) => p.id);

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '另一个园区');
  bankA = await buildBank(t.ctx.db, park, '甲银行鹰潭分行');
  bankB = await buildBank(t.ctx.db, park, '乙银行鹰潭分行');
  inactiveBank = await t.ctx.db.insertInto('banks').values({ park_id: park.id, code: 'closed-bank', name: '已停用的小贷公司', short_name: '停用小贷', kind: 'microloan', status: 'inactive' }).returningAll().executeTakeFirstOrThrow();
  foreignBank = await buildBank(t.ctx.db, otherPark, '外园区银行');
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { chain: 'iot', tags: ['high_tech'], liaison_id: liaisonRow.id });
  otherFirm = await buildEnterprise(t.ctx.db, park, { chain: 'copper', tags: [] });
  bankerA = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankA.id }));
  bankerB = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankB.id }));
  noBankBanker = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: null }));
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  liaison = await clientAs(t, liaisonRow);
  outsider = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['policy_officer'] }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

describe('GET /api/finance/products', () => {
  it('answers 401 without a session, 403 without finance access, 400 naming a wrong filter', async () => {
    expect((await anonymous(t).get('/api/finance/products')).statusCode).toBe(401);
    expect((await outsider.get('/api/finance/products')).statusCode).toBe(403);
    const bad = await firmUser.get('/api/finance/products?type=stock&termMonths=0');
    expect(bad.statusCode).toBe(400);
    const messages = errorOf(bad).details.map((d) => d.message).join(' ');
    expect(messages).toContain('产品类型不正确');
    expect(messages).toContain('期限不能小于1');
    const fit = await officer.get('/api/finance/products?fitsMe=true');
    expect(fit.statusCode).toBe(400);
    expect(errorOf(fit).message).toContain('适合我');
  });

  it('shows a firm only published products valid today, in active institutions', async () => {
    const onSale = await buildProduct(t.ctx.db, park, bankA.id, { name: '在售贷' });
    const draft = await buildProduct(t.ctx.db, park, bankA.id, { status: 'draft' });
    const withdrawn = await buildProduct(t.ctx.db, park, bankA.id, { status: 'withdrawn' });
    const expired = await buildProduct(t.ctx.db, park, bankA.id, { valid_from: '2025-01-01', valid_to: '2026-06-09' });
    const lastDay = await buildProduct(t.ctx.db, park, bankA.id, { valid_to: '2026-06-10' });
    const scheduled = await buildProduct(t.ctx.db, park, bankA.id, { valid_from: '2026-06-11' });
    const closedBank = await buildProduct(t.ctx.db, park, inactiveBank.id);
    const foreign = await buildProduct(t.ctx.db, otherPark, foreignBank.id);
    const res = await firmUser.get(`/api/finance/products?bankId=${bankA.id}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const seen = ids(res.json());
    expect(seen).toContain(onSale.id);
    expect(seen).toContain(lastDay.id);
    for (const hidden of [draft, withdrawn, expired, scheduled]) expect(seen).not.toContain(hidden.id);
    const all = ids((await firmUser.get('/api/finance/products?pageSize=200')).json());
    expect(all).not.toContain(closedBank.id);
    expect(all).not.toContain(foreign.id);
    // asking for drafts changes nothing for a firm
    expect(ids((await firmUser.get(`/api/finance/products?state=draft&bankId=${bankA.id}`)).json())).not.toContain(draft.id);
    // the detail of a hidden product is not found
    expect((await firmUser.get(`/api/finance/products/${draft.id}`)).statusCode).toBe(404);
    expect((await firmUser.get(`/api/finance/products/${foreign.id}`)).statusCode).toBe(404);
    const detail = await firmUser.get(`/api/finance/products/${onSale.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<ProductView>()).toMatchObject({ name: '在售贷', state: 'available', stateLabel: '在售', editable: false, amountMaxFen: 300_000_000 });
    // the finance officer sees them all, with where each stands
    const staff = (await officer.get(`/api/finance/products?bankId=${bankA.id}&pageSize=200`)).json<ProductList>();
    const states = Object.fromEntries(staff.items.map((p) => [p.id, p.state]));
    expect(states[draft.id]).toBe('draft');
    expect(states[expired.id]).toBe('expired');
    expect(states[scheduled.id]).toBe('scheduled');
    expect(states[withdrawn.id]).toBe('withdrawn');
    expect(ids((await officer.get(`/api/finance/products?bankId=${bankA.id}&state=expired`)).json())).toEqual([expired.id]);
  });

  it('filters by amount, term, collateral, type and 适合我 (the firm chain and tags)', async () => {
    const bank = await buildBank(t.ctx.db, park, '丙银行');
    const small = await buildProduct(t.ctx.db, park, bank.id, { amount_min_fen: 1_000_000, amount_max_fen: 100_000_000, term_min_months: 1, term_max_months: 12 });
    const big = await buildProduct(t.ctx.db, park, bank.id, { type: 'mortgage', amount_min_fen: 100_000_000, amount_max_fen: 3_000_000_000, term_min_months: 12, term_max_months: 120, collateral: ['property', 'land'] });
    const forIot = await buildProduct(t.ctx.db, park, bank.id, { target_chains: ['iot'], collateral: ['receivables'] });
    const forCopper = await buildProduct(t.ctx.db, park, bank.id, { target_chains: ['copper'] });
    const forHighTech = await buildProduct(t.ctx.db, park, bank.id, { target_tags: ['high_tech', 'specialized'] });
    const forSpecialized = await buildProduct(t.ctx.db, park, bank.id, { target_tags: ['specialized'] });
    const q = (s: string) => firmUser.get(`/api/finance/products?bankId=${bank.id}&pageSize=200&${s}`).then((r) => ids(r.json()));
    expect(await q('amountFen=50000000')).toEqual(expect.arrayContaining([small.id]));
    expect(await q('amountFen=50000000')).not.toContain(big.id);
    expect(await q('amountFen=2000000000')).toEqual([big.id]);
    expect(await q('termMonths=60')).toEqual([big.id]);
    expect(await q('type=mortgage')).toEqual([big.id]);
    // 能提供房产: products taking property, and those needing no collateral
    const property = await q('collateral=property');
    expect(property).toContain(big.id);
    expect(property).toContain(small.id);
    expect(property).not.toContain(forIot.id);
    expect(await q('collateral=none')).not.toContain(big.id);
    // 适合我 for a firm in the iot chain tagged high_tech
    const fits = await q('fitsMe=true');
    expect(fits).toEqual(expect.arrayContaining([small.id, big.id, forIot.id, forHighTech.id]));
    expect(fits).not.toContain(forCopper.id);
    expect(fits).not.toContain(forSpecialized.id);
    const list = (await firmUser.get(`/api/finance/products?bankId=${bank.id}&pageSize=200`)).json<ProductList>();
    expect(list.fitsFor).toBe(firm.name);
    expect(list.items.find((p) => p.id === forCopper.id)!.fits).toBe(false);
    expect(list.items.find((p) => p.id === forIot.id)!.fits).toBe(true);
    // a liaison asks for its firm; a firm it does not serve is not found
    expect(ids((await liaison.get(`/api/finance/products?bankId=${bank.id}&pageSize=200&fitsMe=true&enterpriseId=${firm.id}`)).json())).toEqual(expect.arrayContaining([forIot.id]));
    expect((await liaison.get(`/api/finance/products?fitsMe=true&enterpriseId=${otherFirm.id}`)).statusCode).toBe(404);
    expect((await firmUser.get(`/api/finance/products?fitsMe=true&enterpriseId=${otherFirm.id}`)).statusCode).toBe(404);
    // compare: several by id, at most four
    const compare = (await firmUser.get(`/api/finance/products?ids=${small.id},${big.id}`)).json<ProductList>();
    expect(compare.items.map((p) => p.id).sort()).toEqual([small.id, big.id].sort());
    const five = [small, big, forIot, forCopper, forHighTech].map((p) => p.id).join(',');
    expect((await firmUser.get(`/api/finance/products?ids=${five}`)).statusCode).toBe(400);
    // sorting by rate
    const byRate = (await firmUser.get(`/api/finance/products?bankId=${bank.id}&sort=rate`)).json<ProductList>();
    expect(byRate.items.map((p) => p.rateMinBp)).toEqual([...byRate.items.map((p) => p.rateMinBp)].sort((a, b) => a - b));
  });

  it('shows a bank its own products in every state and only the available ones of other banks', async () => {
    const mineDraft = await buildProduct(t.ctx.db, park, bankA.id, { status: 'draft', name: '甲行草稿' });
    const theirsDraft = await buildProduct(t.ctx.db, park, bankB.id, { status: 'draft', name: '乙行草稿' });
    const theirsOnSale = await buildProduct(t.ctx.db, park, bankB.id, { name: '乙行在售' });
    const seen = ids((await bankerA.get('/api/finance/products?pageSize=200')).json());
    expect(seen).toContain(mineDraft.id);
    expect(seen).toContain(theirsOnSale.id);
    expect(seen).not.toContain(theirsDraft.id);
    expect((await bankerA.get(`/api/finance/products/${theirsDraft.id}`)).statusCode).toBe(404);
    const mine = (await bankerA.get(`/api/finance/products/${mineDraft.id}`)).json<ProductView>();
    expect(mine.editable).toBe(true);
    expect((await bankerA.get(`/api/finance/products/${theirsOnSale.id}`)).json<ProductView>().editable).toBe(false);
  });
});

describe('POST /api/finance/products', () => {
  it('answers 401, 403 for a firm and for a bank account bound to no institution', async () => {
    expect((await anonymous(t).post('/api/finance/products', productBody())).statusCode).toBe(401);
    expect((await firmUser.post('/api/finance/products', productBody())).statusCode).toBe(403);
    expect((await leader.post('/api/finance/products', productBody({ bankId: bankA.id }))).statusCode).toBe(403);
    expect((await noBankBanker.post('/api/finance/products', productBody())).statusCode).toBe(403);
  });

  it('refuses bad input with a Chinese message naming each field', async () => {
    const res = await bankerA.post('/api/finance/products', productBody({ name: '', rateMinBp: 500, rateMaxBp: 400, termMinMonths: 24, termMaxMonths: 12, amountMinFen: 200, amountMaxFen: 100, validFrom: '2026-07-01', validTo: '2026-06-01', collateral: [] }));
    expect(res.statusCode).toBe(400);
    const byPath = Object.fromEntries(errorOf(res).details.map((d) => [d.path, d.message]));
    expect(byPath.name).toContain('产品名称不能为空');
    expect(byPath.collateral).toContain('请至少选择一种担保方式');
    const again = await bankerA.post('/api/finance/products', productBody({ rateMinBp: 500, rateMaxBp: 400, termMinMonths: 24, termMaxMonths: 12, amountMinFen: 200, amountMaxFen: 100, validFrom: '2026-07-01', validTo: '2026-06-01' }));
    const details = Object.fromEntries(errorOf(again).details.map((d) => [d.path, d.message]));
    expect(details.rateMaxBp).toBe('年利率上限不能低于年利率下限');
    expect(details.termMaxMonths).toBe('最长期限不能短于最短期限');
    expect(details.amountMaxFen).toBe('最高额度不能低于最低额度');
    expect(details.validTo).toBe('有效期止不能早于有效期起');
    const rate = await bankerA.post('/api/finance/products', productBody({ rateMaxBp: 3000, type: 'stock' }));
    const rateDetails = errorOf(rate).details.map((d) => d.message).join(' ');
    expect(rateDetails).toContain('年利率上限不能超过24%');
    expect(rateDetails).toContain('产品类型不正确');
    const none = await bankerA.post('/api/finance/products', productBody({ collateral: ['none', 'property'] }));
    expect(errorOf(none).details).toEqual([{ path: 'collateral', message: '担保方式:选择“无需抵押”时不能再选其他方式' }]);
    const count = await t.ctx.db.selectFrom('finance_products').select((eb) => eb.fn.countAll<number>().as('n')).where('park_id', '=', park.id).where('name', '=', '测试科创贷').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('lets a bank create only for its own institution', async () => {
    const other = await bankerA.post('/api/finance/products', productBody({ bankId: bankB.id }));
    expect(other.statusCode).toBe(404);
    const foreign = await bankerA.post('/api/finance/products', productBody({ bankId: foreignBank.id }));
    expect(foreign.statusCode).toBe(404);
    const res = await bankerA.post('/api/finance/products', productBody({ name: '甲行科创贷' }));
    expect(res.statusCode).toBe(201);
    const created = res.json<ProductView>();
    expect(created).toMatchObject({ bankId: bankA.id, status: 'draft', state: 'draft', name: '甲行科创贷', rateMinBp: 345, collateral: ['none'], targetChains: ['iot'], editable: true });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'finance_product').where('entity_id', '=', created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    // a bank names itself: fine
    expect((await bankerA.post('/api/finance/products', productBody({ bankId: bankA.id, publish: true }))).json<ProductView>().state).toBe('available');
  });

  it('lets the finance officer add a product for any institution of the park, naming it', async () => {
    const missing = await officer.post('/api/finance/products', productBody());
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details[0]).toMatchObject({ path: 'bankId' });
    expect((await officer.post('/api/finance/products', productBody({ bankId: foreignBank.id }))).statusCode).toBe(404);
    expect((await officer.post('/api/finance/products', productBody({ bankId: inactiveBank.id }))).statusCode).toBe(409);
    const res = await officer.post('/api/finance/products', productBody({ bankId: bankB.id, name: '代录产品' }));
    expect(res.statusCode).toBe(201);
    expect(res.json<ProductView>().bankId).toBe(bankB.id);
  });
});

describe('PATCH /api/finance/products/:id', () => {
  it('answers 404 for another bank’s product and for a malformed id, 403 for a firm', async () => {
    const theirs = await buildProduct(t.ctx.db, park, bankB.id, { status: 'draft' });
    expect((await bankerA.patch(`/api/finance/products/${theirs.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await bankerA.patch('/api/finance/products/not-a-uuid', { name: '改名' })).statusCode).toBe(404);
    expect((await firmUser.patch(`/api/finance/products/${theirs.id}`, { name: '改名' })).statusCode).toBe(403);
    const row = await t.ctx.db.selectFrom('finance_products').select('name').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(row.name).toBe(theirs.name);
  });

  it('checks the ranges against the stored values', async () => {
    const mine = await buildProduct(t.ctx.db, park, bankA.id, { rate_min_bp: 350, rate_max_bp: 450 });
    const res = await bankerA.patch(`/api/finance/products/${mine.id}`, { rateMinBp: 500 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ path: 'rateMaxBp', message: '年利率上限不能低于年利率下限' }]);
  });

  it('saves the change and records it', async () => {
    const mine = await buildProduct(t.ctx.db, park, bankA.id);
    t.clock.set(new Date('2026-06-10T03:00:00Z'));
    const res = await bankerA.patch(`/api/finance/products/${mine.id}`, { name: '新名称', rateMinBp: 320, rateMaxBp: 400, collateral: ['property', 'equipment'], targetTags: ['specialized'], validTo: '2027-06-30' });
    expect(res.statusCode).toBe(200);
    expect(res.json<ProductView>()).toMatchObject({ name: '新名称', rateMinBp: 320, rateMaxBp: 400, collateral: ['property', 'equipment'], targetTags: ['specialized'], validTo: '2027-06-30', updatedAt: '2026-06-10T03:00:00.000Z' });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'finance_product').where('entity_id', '=', mine.id).executeTakeFirstOrThrow();
    expect(audit.action).toBe('update');
  });
});

describe('POST /api/finance/products/:id/publish and /withdraw', () => {
  it('answers 404 for another bank’s product, 409 for a wrong state', async () => {
    const theirs = await buildProduct(t.ctx.db, park, bankB.id, { status: 'draft' });
    expect((await bankerA.post(`/api/finance/products/${theirs.id}/publish`)).statusCode).toBe(404);
    const published = await buildProduct(t.ctx.db, park, bankA.id);
    const again = await bankerA.post(`/api/finance/products/${published.id}/publish`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toBe('产品已发布');
    const draft = await buildProduct(t.ctx.db, park, bankA.id, { status: 'draft' });
    expect((await bankerA.post(`/api/finance/products/${draft.id}/withdraw`)).statusCode).toBe(409);
    const ended = await buildProduct(t.ctx.db, park, bankA.id, { status: 'withdrawn', valid_from: '2025-01-01', valid_to: '2026-05-31' });
    const late = await bankerA.post(`/api/finance/products/${ended.id}/publish`);
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).message).toContain('有效期已于2026-05-31结束');
  });

  it('puts a product on the market and takes it off again', async () => {
    const created = (await bankerA.post('/api/finance/products', productBody({ name: '上架测试贷' }))).json<ProductView>();
    const market = () => firmUser.get(`/api/finance/products?bankId=${bankA.id}&pageSize=200`).then((r) => ids(r.json()));
    expect(await market()).not.toContain(created.id);
    const published = await bankerA.post(`/api/finance/products/${created.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json<ProductView>().state).toBe('available');
    expect(await market()).toContain(created.id);
    const withdrawn = await bankerA.post(`/api/finance/products/${created.id}/withdraw`);
    expect(withdrawn.json<ProductView>().state).toBe('withdrawn');
    expect(await market()).not.toContain(created.id);
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'publish', 'withdraw']);
  });
});

describe('GET /api/finance/products/export', () => {
  it('is refused to firms and banks, and gives the finance officer every product', async () => {
    expect((await firmUser.get('/api/finance/products/export')).statusCode).toBe(403);
    expect((await bankerA.get('/api/finance/products/export')).statusCode).toBe(403);
    const res = await officer.get(`/api/finance/products/export?bankId=${bankB.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('金融机构');
    const total = (await officer.get(`/api/finance/products?bankId=${bankB.id}`)).json<ProductList>().total;
    expect(ws.rowCount - 1).toBe(total);
    expect(ws.getRow(2).getCell(2).value).toBe('乙银行鹰潭分行');
  });
});

describe('institutions', () => {
  it('lists the park’s institutions with product counts; firms do not see inactive ones', async () => {
    const staff = (await officer.get('/api/finance/institutions')).json<InstitutionDetailView[]>();
    const a = staff.find((i) => i.id === bankA.id)!;
    expect(a.productCount).toBeGreaterThan(0);
    expect(a.availableCount).toBeLessThanOrEqual(a.productCount);
    expect(a.userCount).toBe(1);
    expect(staff.some((i) => i.id === inactiveBank.id)).toBe(true);
    expect(staff.some((i) => i.id === foreignBank.id)).toBe(false);
    const firmView = (await firmUser.get('/api/finance/institutions')).json<InstitutionDetailView[]>();
    expect(firmView.some((i) => i.id === inactiveBank.id)).toBe(false);
    expect(firmView.some((i) => i.id === bankA.id)).toBe(true);
  });

  it('lets only the finance officer (or admin) add and edit an institution', async () => {
    const body = { code: 'ytguarantee', name: '鹰潭测试融资担保有限公司', shortName: '测试担保', kind: 'guarantee', strategic: false, contactName: '张经理', contactPhone: '0701-6200000' };
    expect((await anonymous(t).post('/api/finance/institutions', body)).statusCode).toBe(401);
    expect((await bankerA.post('/api/finance/institutions', body)).statusCode).toBe(403);
    expect((await leader.post('/api/finance/institutions', body)).statusCode).toBe(403);
    const bad = await officer.post('/api/finance/institutions', { ...body, code: 'Bad Code', kind: 'casino', strategic: true, contactPhone: 'abc' });
    expect(bad.statusCode).toBe(400);
    const messages = errorOf(bad).details.map((d) => d.message).join(' ');
    expect(messages).toContain('机构编码应为');
    expect(messages).toContain('机构类型不正确');
    expect(messages).toContain('联系电话只能包含');
    const created = await officer.post('/api/finance/institutions', body);
    expect(created.statusCode).toBe(201);
    const inst = created.json<InstitutionDetailView>();
    expect(inst).toMatchObject({ kind: 'guarantee', kindLabel: '融资担保', strategic: false, status: 'active', productCount: 0 });
    const dup = await officer.post('/api/finance/institutions', body);
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).message).toContain('ytguarantee');

    expect((await bankerA.patch(`/api/finance/institutions/${inst.id}`, { strategic: true })).statusCode).toBe(403);
    const noDate = await officer.patch(`/api/finance/institutions/${inst.id}`, { strategic: true });
    expect(noDate.statusCode).toBe(400);
    expect(errorOf(noDate).details[0]).toMatchObject({ path: 'agreementOn' });
    const edited = await officer.patch(`/api/finance/institutions/${inst.id}`, { strategic: true, agreementOn: '2026-05-20', status: 'inactive', contactPhone: '' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<InstitutionDetailView>()).toMatchObject({ strategic: true, agreementOn: '2026-05-20', status: 'inactive', contactPhone: null });
    expect((await officer.patch(`/api/finance/institutions/${foreignBank.id}`, { status: 'inactive' })).statusCode).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'finance_institution').where('entity_id', '=', inst.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});
