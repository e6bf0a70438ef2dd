import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceItemListResponse, ServiceSynonym, ServiceSynonymWriteResult } from '@yuanqi/contract';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { seedServiceCatalogue } from '../seed/catalogue.js';
import { SEED_ITEMS } from '../seed/catalogue-data.js';

let t: TestApp;
let park: TestPark;
let admin: Client;
let asFirm: Client;
let asLiaison: Client;

/** The search as the guide page calls it: names of the results, best first. */
async function search(q: string, client: Client = asFirm, extra = ''): Promise<string[]> {
  const res = await client.get(`/api/service-items?q=${encodeURIComponent(q)}${extra.includes('pageSize') ? '' : '&pageSize=10'}${extra}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as ServiceItemListResponse).items.map((i) => i.name);
}

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  // the demo park's real catalogue: ~170 items and ~30 synonyms
  await t.ctx.db.transaction().execute((trx) => seedServiceCatalogue(trx, { parkId: park.id, now: t.clock.now() }));
  const firm = await buildEnterprise(t.ctx.db, park);
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
  asFirm = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  asLiaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
});
afterAll(async () => {
  await t.close();
});

describe('catalogue search (GET /api/service-items?q=)', () => {
  it('finds 企业开办 first for the colloquial “怎么开公司” and tells how it read the query', async () => {
    const res = await asFirm.get(`/api/service-items?q=${encodeURIComponent('怎么开公司')}`);
    const body = res.json() as ServiceItemListResponse;
    expect(body.items[0]!.name).toBe('企业开办');
    expect(body.search).toEqual({ normalized: '开公司', expandedTerms: ['企业开办', '设立登记'] });
  });

  it.each(['营业执照', '怎么办营业执照', '我要办营业执照需要什么材料?', '注册公司'])('finds 企业开办 first for “%s”', async (q) => {
    expect((await search(q))[0]).toBe('企业开办');
  });

  it('answers two-character queries', async () => {
    expect((await search('开办'))[0]).toBe('企业开办');
    const pollution = await search('排污');
    expect(pollution.slice(0, 3).sort()).toEqual(['排污登记', '排污许可(简化管理)', '排污许可(重点管理)'].sort());
    expect((await search('环评'))[0]).toMatch(/环境影响/);
  });

  it('answers a single character', async () => {
    const water = await search('水', asFirm, '&pageSize=50');
    expect(water).toEqual(expect.arrayContaining(['供水报装(新装)', '供水报装(扩容)', '取水许可']));
  });

  it('maps users’ words onto catalogue words through the park’s synonyms', async () => {
    expect((await search('房产证怎么办'))[0]).toBe('房屋所有权首次登记');
    expect((await search('接水')).slice(0, 2).sort()).toEqual(['供水报装(扩容)', '供水报装(新装)']);
    expect((await search('施工证'))[0]).toBe('建筑工程施工许可证核发');
  });

  it('ranks the item named exactly like the query first, and finds items by their code', async () => {
    expect((await search('食品经营许可(新办)'))[0]).toBe('食品经营许可(新办)');
    const index = SEED_ITEMS.findIndex((i) => i.name === '取水许可');
    const code = `11360600MB1798412X01${String(index + 1).padStart(4, '0')}000`;
    expect((await search(code))[0]).toBe('取水许可');
    expect((await search(code.slice(0, 24).toLowerCase())).length).toBeGreaterThan(0);
  });

  it('keeps a wordy query useful when only part of it matches', async () => {
    const names = await search('我们公司想申请一下食品生产许可证需要准备哪些材料');
    expect(names[0]).toMatch(/^食品生产许可/);
  });

  it('finds nothing for words the catalogue does not know', async () => {
    expect(await search('量子纠缠')).toEqual([]);
  });

  it('searches inside the other filters', async () => {
    const names = await search('许可', asFirm, '&projectStage=construction&pageSize=50');
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => SEED_ITEMS.find((i) => i.name === n)?.stage === 'construction')).toBe(true);
  });
});

describe('global search', () => {
  it('lists items under 办事事项 with the same search', async () => {
    const res = await asLiaison.get(`/api/search?q=${encodeURIComponent('怎么开公司')}`);
    const group = res.json().groups.find((g: { kind: string }) => g.kind === 'item');
    expect(group.items[0]).toMatchObject({ title: '企业开办', link: expect.stringMatching(/^\/guide\/items\//) });
    expect(group.items[0].subtitle).toContain('承诺1个工作日');
  });
});

describe('/api/service-synonyms', () => {
  it('is for catalogue managers only (401, 403)', async () => {
    expect((await anonymous(t).get('/api/service-synonyms')).statusCode).toBe(401);
    expect((await asFirm.get('/api/service-synonyms')).statusCode).toBe(403);
    expect((await asFirm.post('/api/service-synonyms', { term: '买地', expandsTo: ['土地'] })).statusCode).toBe(403);
  });

  it('names bad fields (400), a duplicate term (409) and unknown ids (404)', async () => {
    const bad = await admin.post('/api/service-synonyms', { term: '', expandsTo: [] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.map((d) => d.path).sort()).toEqual(['expandsTo', 'term']);
    expect((await admin.post('/api/service-synonyms', { term: '开公司', expandsTo: ['企业开办'] })).statusCode).toBe(409);
    expect((await admin.put('/api/service-synonyms/00000000-0000-4000-8000-000000000000', { term: '甲乙', expandsTo: ['丙'] })).statusCode).toBe(404);
    expect((await admin.delete('/api/service-synonyms/not-a-uuid')).statusCode).toBe(404);
  });

  it('makes a new word findable at once, and forgets it when deleted', async () => {
    expect(await search('买地')).toEqual([]);
    const created = await admin.post('/api/service-synonyms', { term: '买地', expandsTo: ['国有建设用地使用权首次登记', '国有建设用地使用权首次登记'] });
    expect(created.statusCode).toBe(201);
    const body = created.json() as ServiceSynonymWriteResult;
    expect(body.synonym).toMatchObject({ term: '买地', expandsTo: ['国有建设用地使用权首次登记'] });
    expect(body.reindexed).toBe(1);
    expect((await search('买地'))[0]).toBe('国有建设用地使用权首次登记');
    expect((await search('我想买地怎么办'))[0]).toBe('国有建设用地使用权首次登记');

    const list = (await admin.get('/api/service-synonyms')).json() as ServiceSynonym[];
    expect(list.map((s) => s.term)).toContain('买地');

    const moved = await admin.put(`/api/service-synonyms/${body.synonym!.id}`, { term: '买地', expandsTo: ['工业用地“交地即交证”登记'] });
    expect(moved.json().reindexed).toBe(2);
    expect((await search('买地'))[0]).toBe('工业用地“交地即交证”登记');

    const deleted = await admin.delete(`/api/service-synonyms/${body.synonym!.id}`);
    expect(deleted.json()).toEqual({ synonym: null, reindexed: 1 });
    expect(await search('买地')).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'service_synonym').where('entity_id', '=', body.synonym!.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
