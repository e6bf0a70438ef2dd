import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUscc, buildUser, type TestPark } from '../../../test/factories.js';
import type { EnterpriseRow } from '../../db/schema.js';

/**
 * The role × endpoint matrix: who may read and write which enterprise rows. A row outside the
 * actor's scope answers exactly like a row that does not exist (404); a whole endpoint the role
 * may not use is 403 whatever the row.
 */

type ActorName =
  | 'enterpriseA'
  | 'enterpriseB'
  | 'liaison'
  | 'bank'
  | 'dispatcher'
  | 'leader'
  | 'approver'
  | 'policy_officer'
  | 'finance_officer'
  | 'admin';

const ACTORS: ActorName[] = ['enterpriseA', 'enterpriseB', 'liaison', 'bank', 'dispatcher', 'leader', 'approver', 'policy_officer', 'finance_officer', 'admin'];
const PARK_WIDE: ActorName[] = ['dispatcher', 'leader', 'approver', 'policy_officer', 'finance_officer', 'admin'];
const SEES_CONTACTS: ActorName[] = ['enterpriseA', 'enterpriseB', 'liaison', 'dispatcher', 'admin'];

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
/** A: the firm of enterpriseA and the liaison's only firm; B: enterpriseB's firm; C: a third firm; X: another park's. */
let firms: { A: EnterpriseRow; B: EnterpriseRow; C: EnterpriseRow; X: EnterpriseRow };
let clients: Record<ActorName, Client>;
let liaisonId: string;
let otherLiaisonId: string;
let liaisonNames: Record<string, string>;
const missingId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '别的园区');
  const liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  const otherLiaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  liaisonId = liaison.id;
  otherLiaisonId = otherLiaison.id;
  liaisonNames = { [liaison.id]: liaison.display_name, [otherLiaison.id]: otherLiaison.display_name };
  const foreignLiaison = await buildUser(t.ctx.db, otherPark, { roles: ['liaison'] });
  firms = {
    A: await buildEnterprise(t.ctx.db, park, { liaison_id: liaison.id, contact_phone: '13811112222' }),
    B: await buildEnterprise(t.ctx.db, park, { liaison_id: otherLiaison.id, contact_phone: '13833334444' }),
    C: await buildEnterprise(t.ctx.db, park, { contact_phone: '13855556666' }),
    X: await buildEnterprise(t.ctx.db, otherPark, { liaison_id: foreignLiaison.id }),
  };
  const bank = await buildBank(t.ctx.db, park);
  const user = (roles: Parameters<typeof buildUser>[2]) => buildUser(t.ctx.db, park, roles).then((u) => clientAs(t, u));
  clients = {
    enterpriseA: await user({ roles: ['enterprise'], enterpriseId: firms.A.id }),
    enterpriseB: await user({ roles: ['enterprise'], enterpriseId: firms.B.id }),
    liaison: await clientAs(t, liaison),
    bank: await user({ roles: ['bank'], bankId: bank.id }),
    dispatcher: await user({ roles: ['dispatcher'] }),
    leader: await user({ roles: ['leader'] }),
    approver: await user({ roles: ['approver'] }),
    policy_officer: await user({ roles: ['policy_officer'] }),
    finance_officer: await user({ roles: ['finance_officer'] }),
    admin: await user({ roles: ['admin'] }),
  };
});
afterAll(async () => {
  await t.close();
});

/** The firms each actor may see; every other row of the park, and every row elsewhere, is 404. */
function inScope(actor: ActorName): ('A' | 'B' | 'C')[] {
  if (actor === 'enterpriseA' || actor === 'liaison') return ['A'];
  if (actor === 'enterpriseB') return ['B'];
  if (actor === 'bank') return [];
  return ['A', 'B', 'C'];
}

const FIRMS = ['A', 'B', 'C', 'X'] as const;
type FirmKey = (typeof FIRMS)[number];
const idOf = (firm: FirmKey | 'missing') => (firm === 'missing' ? missingId : firms[firm].id);
const ids = (res: LightMyRequestResponse) => res.json().items.map((e: { id: string }) => e.id).sort();

async function xlsxWith(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业');
  sheet.addRow(['企业名称', '统一社会信用代码']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(file: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="firms.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('GET /api/enterprises (list)', () => {
  it.each(ACTORS.filter((a) => a !== 'bank'))('%s lists only the firms in its scope, never another park’s', async (actor) => {
    const res = await clients[actor].get('/api/enterprises?pageSize=200');
    expect(res.statusCode).toBe(200);
    const listed: string[] = ids(res);
    const expected = inScope(actor).map((f) => firms[f].id);
    if (PARK_WIDE.includes(actor)) expect(listed).toEqual(expect.arrayContaining(expected));
    else expect(listed).toEqual([...expected].sort());
    expect(listed).not.toContain(firms.X.id);
    expect(res.json().total).toBe(listed.length);
  });

  it('gives the enterprise user exactly its own firm, whatever it searches for', async () => {
    for (const query of ['', `?q=${encodeURIComponent(firms.B.name)}`, `?q=${firms.B.uscc}`, `?liaisonId=${otherLiaisonId}`, '?chain=iot']) {
      const res = await clients.enterpriseA.get(`/api/enterprises${query}`);
      expect(ids(res)).toEqual(query === '' || query === '?chain=iot' ? [firms.A.id] : []);
    }
  });

  it('answers 403 to a bank user, who has no access to the registry', async () => {
    const res = await clients.bank.get('/api/enterprises');
    expect(res.statusCode).toBe(403);
    expect(JSON.stringify(res.json())).not.toContain(firms.A.name);
  });

  it('masks contact phones for roles that need not see them', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'bank')) {
      const res = await clients[actor].get('/api/enterprises?pageSize=200');
      for (const item of res.json().items as { id: string; contactPhone: string | null }[]) {
        const key = (Object.keys(firms) as FirmKey[]).find((k) => firms[k].id === item.id);
        if (!key) continue;
        const phone = firms[key].contact_phone!;
        if (SEES_CONTACTS.includes(actor)) expect(item.contactPhone, actor).toBe(phone);
        else expect(item.contactPhone, actor).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }
    }
  });
});

describe('GET /api/enterprises/:id', () => {
  const cases = ACTORS.flatMap((actor) => FIRMS.map((firm) => [actor, firm] as const));
  it.each(cases)('%s reading firm %s', async (actor, firm) => {
    const res = await clients[actor].get(`/api/enterprises/${idOf(firm)}`);
    const visible = firm !== 'X' && inScope(actor).includes(firm);
    expect(res.statusCode).toBe(visible ? 200 : 404);
    if (visible) expect(res.json().id).toBe(firms[firm].id);
    else expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it('answers an out-of-scope row exactly like a missing one', async () => {
    const outside = await clients.enterpriseA.get(`/api/enterprises/${firms.B.id}`);
    const missing = await clients.enterpriseA.get(`/api/enterprises/${missingId}`);
    expect(outside.statusCode).toBe(missing.statusCode);
    expect(errorOf(outside).message).toBe(errorOf(missing).message);
  });

  it('masks the contact phone for roles without enterprise:view-contacts', async () => {
    for (const actor of ACTORS.filter((a) => inScope(a).includes('A'))) {
      const phone = (await clients[actor].get(`/api/enterprises/${firms.A.id}`)).json().contactPhone;
      expect(phone, actor).toBe(SEES_CONTACTS.includes(actor) ? '13811112222' : '138****2222');
    }
  });
});

describe('GET /api/enterprises/:id/history', () => {
  const cases = ACTORS.flatMap((actor) => FIRMS.map((firm) => [actor, firm] as const));
  it.each(cases)('%s reading the history of firm %s', async (actor, firm) => {
    const res = await clients[actor].get(`/api/enterprises/${idOf(firm)}/history`);
    const visible = firm !== 'X' && inScope(actor).includes(firm);
    expect(res.statusCode).toBe(visible ? 200 : 404);
  });
});

describe('GET /api/enterprises/:id/history (contacts)', () => {
  it('masks contact phones in the change history for roles without enterprise:view-contacts', async () => {
    const firm = await buildEnterprise(t.ctx.db, park, { contact_phone: '13811110000' });
    expect((await clients.admin.patch(`/api/enterprises/${firm.id}`, { contactPhone: '13922220000' })).statusCode).toBe(200);
    for (const actor of PARK_WIDE) {
      const res = await clients[actor].get(`/api/enterprises/${firm.id}/history`);
      const change = res.json().items[0].changes.find((c: { field: string }) => c.field === 'contactPhone');
      if (SEES_CONTACTS.includes(actor)) expect(change, actor).toMatchObject({ before: '13811110000', after: '13922220000' });
      else expect(change, actor).toMatchObject({ before: '138****0000', after: '139****0000' });
    }
  });
});

describe('PATCH /api/enterprises/:id', () => {
  /** Who may edit an in-scope row at all (others read only). */
  const WRITERS: ActorName[] = ['enterpriseA', 'enterpriseB', 'liaison', 'dispatcher', 'admin'];
  const cases = ACTORS.flatMap((actor) => FIRMS.map((firm) => [actor, firm] as const));

  it.each(cases)('%s editing the contact name of firm %s', async (actor, firm) => {
    const before = await clients.admin.get(`/api/enterprises/${idOf(firm === 'X' ? 'A' : firm)}`);
    const res = await clients[actor].patch(`/api/enterprises/${idOf(firm)}`, { contactName: `改名-${actor}` });
    const visible = firm !== 'X' && inScope(actor).includes(firm);
    const expected = !visible ? 404 : WRITERS.includes(actor) ? 200 : 403;
    expect(res.statusCode).toBe(expected);
    if (expected !== 200 && firm !== 'X') {
      const after = await clients.admin.get(`/api/enterprises/${idOf(firm)}`);
      expect(after.json().version).toBe(before.json().version);
      expect(after.json().contactName).toBe(before.json().contactName);
    }
  });

  it('leaves another park’s firm untouched whoever asks', async () => {
    for (const actor of ACTORS) await clients[actor].patch(`/api/enterprises/${firms.X.id}`, { contactName: '越界' });
    const row = await t.ctx.db.selectFrom('enterprises').selectAll().where('id', '=', firms.X.id).executeTakeFirstOrThrow();
    expect(row.contact_name).toBe(firms.X.contact_name);
    expect(row.version).toBe(1);
  });

  it('answers 403 naming the field when an enterprise user edits registry fields of its own firm', async () => {
    for (const [field, value] of [['name', '新名称有限公司'], ['chain', 'copper'], ['annualRevenueFen', 1], ['tags', []], ['uscc', buildUscc()]] as const) {
      const res = await clients.enterpriseA.patch(`/api/enterprises/${firms.A.id}`, { [field]: value, address: '顺带改地址' });
      expect(res.statusCode, field).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
      expect(errorOf(res).message, field).toContain(({ name: '名称', chain: '产业链', annualRevenueFen: '年主营业务收入', tags: '标签', uscc: '统一社会信用代码' } as const)[field]);
    }
    expect((await clients.admin.get(`/api/enterprises/${firms.A.id}`)).json().address).not.toBe('顺带改地址');
  });

  it('lets an enterprise user keep its address, contacts and headcount current', async () => {
    const res = await clients.enterpriseA.patch(`/api/enterprises/${firms.A.id}`, { address: '月湖区新址8号', contactName: '王经理', contactPhone: '13900001111', headcount: 88 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ address: '月湖区新址8号', contactName: '王经理', contactPhone: '13900001111', headcount: 88 });
  });

  it('does not let a liaison reassign its firm', async () => {
    const res = await clients.liaison.patch(`/api/enterprises/${firms.A.id}`, { liaisonId: otherLiaisonId });
    expect(res.statusCode).toBe(403);
    expect((await clients.admin.get(`/api/enterprises/${firms.A.id}`)).json().liaisonId).toBe(liaisonId);
  });

  it('answers 409 to a stale version and keeps the newer data', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const first = await clients.admin.patch(`/api/enterprises/${firm.id}`, { address: '第一次', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await clients.dispatcher.patch(`/api/enterprises/${firm.id}`, { address: '过期表单', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).details[0]!.path).toBe('version');
    expect((await clients.admin.get(`/api/enterprises/${firm.id}`)).json()).toMatchObject({ address: '第一次', version: 2 });
  });

  it('answers 400 naming chain for a chain code not in the dictionary', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const res = await clients.admin.patch(`/api/enterprises/${firm.id}`, { chain: 'steel' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('chain');
    expect(errorOf(res).message).toContain('产业链');
    expect((await clients.admin.get(`/api/enterprises/${firm.id}`)).json()).toMatchObject({ chain: 'iot', version: 1 });
  });

  it('answers 400 naming the field for an unknown field or a bad value', async () => {
    const unknown = await clients.admin.patch(`/api/enterprises/${firms.C.id}`, { parkId: otherPark.id });
    expect(unknown.statusCode).toBe(400);
    const bad = await clients.admin.patch(`/api/enterprises/${firms.C.id}`, { headcount: -3 });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('headcount');
  });

  it('writes a history entry with the field’s label, before and after', async () => {
    const firm = await buildEnterprise(t.ctx.db, park, { address: '旧址1号', headcount: 50 });
    await clients.dispatcher.patch(`/api/enterprises/${firm.id}`, { address: '新址2号', headcount: 60 });
    const res = await clients.admin.get(`/api/enterprises/${firm.id}/history`);
    expect(res.statusCode).toBe(200);
    const [latest] = res.json().items;
    expect(latest.action).toBe('update');
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: 'address', label: '地址', before: '旧址1号', after: '新址2号' },
        { field: 'headcount', label: '从业人数', before: 50, after: 60 },
      ]),
    );
    expect(latest.changes).toHaveLength(2);
    // the enterprise itself sees its own history
    const own = await clients.enterpriseA.get(`/api/enterprises/${firms.A.id}/history`);
    expect(own.statusCode).toBe(200);
  });
});

describe('PUT /api/enterprises/:id/liaison', () => {
  const ASSIGNERS: ActorName[] = ['dispatcher', 'admin'];
  const cases = ACTORS.flatMap((actor) => [...FIRMS, 'missing' as const].map((firm) => [actor, firm] as const));

  it.each(cases)('%s assigning a liaison to firm %s', async (actor, firm) => {
    const before = firm === 'X' || firm === 'missing' ? null : (await clients.admin.get(`/api/enterprises/${idOf(firm)}`)).json();
    const res = await clients[actor].put(`/api/enterprises/${idOf(firm)}/liaison`, { liaisonId: firm === 'A' ? otherLiaisonId : liaisonId });
    const visible = firm !== 'X' && firm !== 'missing' && inScope(actor).includes(firm);
    const expected = !visible ? 404 : ASSIGNERS.includes(actor) ? 200 : 403;
    expect(res.statusCode).toBe(expected);
    if (before && expected === 200) {
      // put the firm back so every case starts from the same assignment
      await clients.admin.put(`/api/enterprises/${idOf(firm)}/liaison`, { liaisonId: before.liaisonId });
    } else if (before) {
      expect((await clients.admin.get(`/api/enterprises/${idOf(firm)}`)).json().liaisonId).toBe(before.liaisonId);
    }
  });

  it('answers an out-of-scope row exactly like a missing one', async () => {
    for (const actor of ['enterpriseA', 'liaison', 'bank', 'leader'] as ActorName[]) {
      const outside = await clients[actor].put(`/api/enterprises/${firms.X.id}/liaison`, { liaisonId });
      const missing = await clients[actor].put(`/api/enterprises/${missingId}/liaison`, { liaisonId });
      expect(outside.statusCode, actor).toBe(404);
      expect(errorOf(outside)).toEqual(errorOf(missing));
    }
  });

  it('answers 400 naming liaisonId for a user who is not a liaison of the park', async () => {
    const foreign = await buildUser(t.ctx.db, otherPark, { roles: ['liaison'] });
    const res = await clients.admin.put(`/api/enterprises/${firms.C.id}/liaison`, { liaisonId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('liaisonId');
  });

  it('assigns and moves a firm between liaisons, changing what each liaison sees', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const other = await clientAs(t, (await t.ctx.db.selectFrom('users').selectAll().where('id', '=', otherLiaisonId).executeTakeFirstOrThrow()));
    expect((await clients.liaison.get(`/api/enterprises/${firm.id}`)).statusCode).toBe(404);
    expect((await clients.admin.put(`/api/enterprises/${firm.id}/liaison`, { liaisonId })).json().liaisonId).toBe(liaisonId);
    expect((await clients.liaison.get(`/api/enterprises/${firm.id}`)).statusCode).toBe(200);
    await clients.dispatcher.put(`/api/enterprises/${firm.id}/liaison`, { liaisonId: otherLiaisonId });
    expect((await clients.liaison.get(`/api/enterprises/${firm.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/enterprises/${firm.id}`)).statusCode).toBe(200);
    const history = await clients.admin.get(`/api/enterprises/${firm.id}/history`);
    expect(history.json().items[0]).toMatchObject({ action: 'assign-liaison' });
    // the history names the liaisons, not their ids
    expect(history.json().items[0].changes).toEqual([{ field: 'liaisonId', label: '驻企专员', before: liaisonNames[liaisonId], after: liaisonNames[otherLiaisonId] }]);
  });
});

describe('GET /api/enterprises/export', () => {
  const EXPORTERS: ActorName[] = ['liaison', 'dispatcher', 'leader', 'policy_officer', 'admin'];

  it.each(ACTORS)('%s exporting the registry', async (actor) => {
    const res = await clients[actor].get('/api/enterprises/export');
    if (!EXPORTERS.includes(actor)) {
      expect(res.statusCode).toBe(403);
      return;
    }
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const usccs: string[] = [];
    const phones = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const uscc = String(row.getCell(1).value);
      usccs.push(uscc);
      phones.set(uscc, String(row.getCell(14).value ?? ''));
    });
    expect(usccs).not.toContain(firms.X.uscc);
    if (actor === 'liaison') expect(usccs).toEqual([firms.A.uscc]);
    else expect(usccs).toEqual(expect.arrayContaining([firms.A.uscc, firms.B.uscc, firms.C.uscc]));
    // contact phones leave the system only for those who may see them
    expect(phones.get(firms.C.uscc) ?? phones.get(firms.A.uscc)).toMatch(SEES_CONTACTS.includes(actor) ? /^1\d{10}$/ : /\*{4}/);
  });
});

describe('POST /api/enterprises/import', () => {
  const IMPORTERS: ActorName[] = ['dispatcher', 'admin'];

  it.each(ACTORS)('%s importing a sheet', async (actor) => {
    const uscc = buildUscc();
    const res = await clients[actor].request({ method: 'POST', url: '/api/enterprises/import', ...multipart(await xlsxWith([[`导入企业${uscc.slice(-6)}有限公司`, uscc]])) });
    if (!IMPORTERS.includes(actor)) {
      expect(res.statusCode).toBe(403);
      expect((await clients.admin.get(`/api/enterprises?q=${uscc}`)).json().total).toBe(0);
      return;
    }
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1, updated: 0, rejected: [] });
  });

  it('never updates another park’s firm with the same USCC: it creates the firm in the importer’s park', async () => {
    const res = await clients.admin.request({ method: 'POST', url: '/api/enterprises/import', ...multipart(await xlsxWith([['本园同码企业有限公司', firms.X.uscc]])) });
    expect(res.json()).toMatchObject({ imported: 1, updated: 0 });
    const foreign = await t.ctx.db.selectFrom('enterprises').selectAll().where('id', '=', firms.X.id).executeTakeFirstOrThrow();
    expect(foreign.name).toBe(firms.X.name);
    expect(foreign.version).toBe(1);
  });
});

describe('POST /api/enterprises', () => {
  const CREATORS: ActorName[] = ['dispatcher', 'admin'];

  it.each(ACTORS)('%s creating a firm', async (actor) => {
    const uscc = buildUscc();
    const res = await clients[actor].post('/api/enterprises', { uscc, name: `新建企业${uscc.slice(-6)}有限公司`, chain: 'copper' });
    expect(res.statusCode).toBe(CREATORS.includes(actor) ? 201 : 403);
    const found = await clients.admin.get(`/api/enterprises?q=${uscc}`);
    expect(found.json().total).toBe(CREATORS.includes(actor) ? 1 : 0);
    if (CREATORS.includes(actor)) expect(res.json().parkId).toBe(park.id);
  });

  it('creates the firm in the creator’s park even when the USCC is registered in another park', async () => {
    const foreign = await buildEnterprise(t.ctx.db, otherPark);
    const res = await clients.admin.post('/api/enterprises', { uscc: foreign.uscc, name: '同码异园企业有限公司' });
    expect(res.statusCode).toBe(201);
    expect(res.json().parkId).toBe(park.id);
  });
});
