import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';
import { buildDemand } from '../../../test/demand-factories.js';
import type { EnterpriseRow } from '../../db/schema.js';
import type { DemandRow } from '../../db/schema-demands.js';
import type { SearchResponse } from '@yuanqi/contract';

/**
 * Global search: every group answers through its own domain's scope, so a firm never finds
 * another firm (by name or by case number), a liaison only its firms, a bank user nothing.
 */

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
/** A word shared by every firm name of this file, so one query would hit them all if unscoped. */
const WORD = `搜索${randomUUID().slice(0, 4)}`;
let firms: { A: EnterpriseRow; B: EnterpriseRow; C: EnterpriseRow; X: EnterpriseRow };
let demands: { A: DemandRow; B: DemandRow; C: DemandRow; X: DemandRow };
let as: { firmA: Client; liaison: Client; dispatcher: Client; bank: Client };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  park = await buildPark(db);
  otherPark = await buildPark(db, '别的园区');
  const liaison = await buildUser(db, park, { roles: ['liaison'] });
  const otherLiaison = await buildUser(db, park, { roles: ['liaison'] });
  firms = {
    A: await buildEnterprise(db, park, { name: `${WORD}甲科技有限公司`, liaison_id: liaison.id }),
    B: await buildEnterprise(db, park, { name: `${WORD}乙材料有限公司`, liaison_id: otherLiaison.id }),
    C: await buildEnterprise(db, park, { name: `${WORD}丙贸易有限公司`, liaison_id: null }),
    X: await buildEnterprise(db, otherPark, { name: `${WORD}外园区有限公司` }),
  };
  demands = {
    A: await buildDemand(db, park, firms.A, { title: `${WORD}融资需求`, assigneeId: liaison.id }),
    B: await buildDemand(db, park, firms.B, { title: `${WORD}用地需求`, assigneeId: otherLiaison.id }),
    C: await buildDemand(db, park, firms.C, { title: `${WORD}用工需求`, assigneeId: null }),
    X: await buildDemand(db, otherPark, firms.X, { title: `${WORD}外园区需求`, assigneeId: null }),
  };
  const bank = await buildBank(db, park);
  as = {
    firmA: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firms.A.id })),
    liaison: await clientAs(t, liaison),
    dispatcher: await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] })),
    bank: await clientAs(t, await buildUser(db, park, { roles: ['bank'], bankId: bank.id })),
  };
});
afterAll(async () => {
  await t.close();
});

async function search(client: Client, q: string): Promise<SearchResponse> {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const ids = (body: SearchResponse, kind: string) => body.groups.find((g) => g.kind === kind)?.items.map((i) => i.id) ?? [];

describe('GET /api/search', () => {
  it('needs a session', async () => {
    const res = await anonymous(t).get(`/api/search?q=${encodeURIComponent(WORD)}`);
    expect(res.statusCode).toBe(401);
  });

  it('rejects a missing, blank or over-long q, naming the field', async () => {
    for (const url of ['/api/search', '/api/search?q=', '/api/search?q=%20%20', `/api/search?q=${'字'.repeat(51)}`]) {
      const res = await as.dispatcher.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(errorOf(res).details.map((d) => d.path)).toContain('q');
    }
  });

  it('a park-wide user finds every firm and demand of its park, none of another park, with labels and links', async () => {
    const body = await search(as.dispatcher, WORD);
    expect(body.groups.map((g) => [g.kind, g.label])).toEqual([
      ['enterprise', '企业'],
      ['demand', '诉求'],
    ]);
    expect(ids(body, 'enterprise').sort()).toEqual([firms.A.id, firms.B.id, firms.C.id].sort());
    expect(ids(body, 'demand').sort()).toEqual([demands.A.id, demands.B.id, demands.C.id].sort());
    const firmItem = body.groups[0]!.items.find((i) => i.id === firms.A.id)!;
    expect(firmItem).toMatchObject({ title: firms.A.name, link: `/enterprises/${firms.A.id}` });
    expect(firmItem.subtitle).toContain(firms.A.uscc);
    const demandItem = body.groups[1]!.items.find((i) => i.id === demands.A.id)!;
    expect(demandItem.link).toBe(`/demands/${demands.A.id}`);
    expect(demandItem.title).toContain(demands.A.number);
    expect(demandItem.subtitle).toContain(firms.A.name);
  });

  it('an enterprise user finds its own firm and its own demand by number, never another firm', async () => {
    const byName = await search(as.firmA, WORD);
    expect(ids(byName, 'enterprise')).toEqual([firms.A.id]);
    expect(ids(byName, 'demand')).toEqual([demands.A.id]);

    const own = await search(as.firmA, demands.A.number);
    expect(ids(own, 'demand')[0]).toBe(demands.A.id);
    // Case does not matter for a case number.
    expect(ids(await search(as.firmA, demands.A.number.toLowerCase()), 'demand')[0]).toBe(demands.A.id);

    for (const q of [firms.B.name, firms.B.uscc, demands.B.number, demands.C.number, firms.X.name, demands.X.number]) {
      const body = await search(as.firmA, q);
      expect(body.groups, q).toEqual([]);
    }
  });

  it('a liaison finds only the firms it serves and their demands', async () => {
    const body = await search(as.liaison, WORD);
    expect(ids(body, 'enterprise')).toEqual([firms.A.id]);
    expect(ids(body, 'demand')).toEqual([demands.A.id]);
    expect((await search(as.liaison, firms.B.name)).groups).toEqual([]);
    expect((await search(as.liaison, demands.C.number)).groups).toEqual([]);
  });

  it('a bank user (no enterprise:read, no demand:read) gets no groups', async () => {
    expect((await search(as.bank, WORD)).groups).toEqual([]);
    expect((await search(as.bank, demands.A.number)).groups).toEqual([]);
  });

  it('caps each group at five and puts an exact case number first', async () => {
    const db = t.ctx.db;
    const many = await Promise.all(
      Array.from({ length: 7 }, (_, i) => buildEnterprise(db, park, { name: `${WORD}批量${i}有限公司` })),
    );
    const target = await buildDemand(db, park, many[0]!, { title: '普通诉求', createdAt: new Date('2026-01-02T02:00:00Z') });
    // Newer demands whose titles mention the number would outrank it in the plain list.
    for (let i = 0; i < 6; i += 1) await buildDemand(db, park, many[i + 1]!, { title: `补充说明 ${target.number} 第${i}次` });
    const body = await search(as.dispatcher, target.number);
    const demandGroup = body.groups.find((g) => g.kind === 'demand')!;
    expect(demandGroup.items).toHaveLength(5);
    expect(demandGroup.items[0]!.id).toBe(target.id);
    const firmGroup = (await search(as.dispatcher, WORD)).groups.find((g) => g.kind === 'enterprise')!;
    expect(firmGroup.items).toHaveLength(5);
  });
});
