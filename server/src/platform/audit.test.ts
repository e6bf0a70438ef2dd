import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../test/harness.js';
import { buildEnterprise, buildPark, buildUscc, buildUser, type TestPark } from '../../test/factories.js';
import { runAuditVerify } from '../cli/audit-verify.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import type { DB } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { systemActor } from './actor.js';
import { chainKeyOf, recordAudit, verifyAuditChain } from './audit.js';

let t: TestApp;
let park: TestPark;
let adminUser: Awaited<ReturnType<typeof buildUser>>;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  adminUser = await buildUser(t.ctx.db, park, { roles: ['admin'], displayName: '审计测试管理员' });
  admin = await clientAs(t, adminUser);
});
afterAll(async () => {
  await t.close();
});

type AuditItem = { id: number; seq: number; actorName: string | null; action: string; entity: string; entityId: string | null; before: any; after: any; requestId: string | null };

async function auditOf(entity: string, entityId: string): Promise<AuditItem[]> {
  const res = await admin.get(`/api/audit?entity=${entity}&entityId=${entityId}&pageSize=200`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

/**
 * Changes audit rows behind the application's back, as an intruder with database access would:
 * the append-only trigger is switched off inside the transaction only.
 */
async function tamper(db: Kysely<DB>, change: (trx: Kysely<DB>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(trx);
    await change(trx);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(trx);
  });
}

function multipart(file: Buffer) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="firms.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the audit trail of writes', () => {
  it('records creating, editing and assigning an enterprise with actor, request, before and after', async () => {
    const uscc = buildUscc();
    const created = await admin.post('/api/enterprises', { uscc, name: '审计创建有限公司', headcount: 10 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const patched = await admin.patch(`/api/enterprises/${id}`, { headcount: 11, address: '审计路1号' });
    const liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
    await admin.put(`/api/enterprises/${id}/liaison`, { liaisonId: liaison.id });

    const [assign, update, create] = await auditOf('enterprise', id);
    expect(create).toMatchObject({ action: 'create', actorName: '审计测试管理员', before: null, after: { uscc, name: '审计创建有限公司', headcount: 10 } });
    expect(create!.requestId).toBe(created.headers['x-request-id']);
    expect(update).toMatchObject({ action: 'update', before: { headcount: 10, address: null }, after: { headcount: 11, address: '审计路1号' } });
    expect(update!.requestId).toBe(patched.headers['x-request-id']);
    expect(assign).toMatchObject({ action: 'assign-liaison', before: { liaisonId: null }, after: { liaisonId: liaison.id } });
    expect(update!.seq).toBe(create!.seq + 1);
    const row = await t.ctx.db.selectFrom('audit_log').selectAll().where('id', '=', create!.id).executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(adminUser.id);
    expect(row.park_id).toBe(park.id);
  });

  it('records every row of an import, new and updated', async () => {
    const existing = await buildEnterprise(t.ctx.db, park, { headcount: 5 });
    const fresh = buildUscc();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业');
    sheet.addRow(['统一社会信用代码', '企业名称', '从业人数']);
    sheet.addRow([existing.uscc, existing.name, 6]);
    sheet.addRow([fresh, '审计导入有限公司', 7]);
    const res = await admin.request({ method: 'POST', url: '/api/enterprises/import', ...multipart(Buffer.from(await workbook.xlsx.writeBuffer())) });
    expect(res.json()).toMatchObject({ imported: 1, updated: 1 });
    const [updated] = await auditOf('enterprise', existing.id);
    expect(updated).toMatchObject({ action: 'import', before: { headcount: 5 }, after: { headcount: 6 }, actorName: '审计测试管理员' });
    const created = (await admin.get(`/api/enterprises?q=${fresh}`)).json().items[0];
    expect((await auditOf('enterprise', created.id))[0]).toMatchObject({ action: 'import', before: null, after: { uscc: fresh, headcount: 7 } });
  });

  it('records user administration and password changes without any password or hash', async () => {
    const created = await admin.post('/api/users', { username: `audit-${buildUscc().slice(-8).toLowerCase()}`, displayName: '审计用户', password: 'Good@2026pw', roles: ['leader'] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await admin.patch(`/api/users/${id}`, { roles: ['leader', 'dispatcher'] });
    await admin.patch(`/api/users/${id}`, { password: 'Reset@2026pw' });
    const self = await clientAs(t, (await t.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
    expect((await self.post('/api/auth/password', { oldPassword: 'Reset@2026pw', newPassword: 'Mine@2026pw' })).statusCode).toBe(200);

    const items = await auditOf('user', id);
    expect(items.map((i) => i.action)).toEqual(['user.change-password', 'update+reset-password', 'update', 'create']);
    expect(items[3]).toMatchObject({ before: null, after: { displayName: '审计用户', roles: ['leader'] } });
    expect(items[2]).toMatchObject({ before: { roles: ['leader'] }, after: { roles: ['leader', 'dispatcher'] } });
    expect(items[0]!.actorName).toBe('审计用户');
    const text = JSON.stringify(items);
    for (const secret of ['Good@2026pw', 'Reset@2026pw', 'Mine@2026pw', '$argon2']) expect(text).not.toContain(secret);
  });

  it('records nothing for a refused or failed write', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const before = await auditOf('enterprise', firm.id);
    expect((await admin.patch(`/api/enterprises/${firm.id}`, { address: 'x', version: 99 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/enterprises/${firm.id}`, { chain: 'steel' })).statusCode).toBe(400);
    const leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
    expect((await leader.patch(`/api/enterprises/${firm.id}`, { address: 'y' })).statusCode).toBe(403);
    // an edit that changes nothing is not a change
    expect((await admin.patch(`/api/enterprises/${firm.id}`, { headcount: firm.headcount })).statusCode).toBe(200);
    expect(await auditOf('enterprise', firm.id)).toEqual(before);
  });
});

describe('GET /api/audit', () => {
  it('answers 401 without a session and 403 without audit:read', async () => {
    expect((await anonymous(t).get('/api/audit')).statusCode).toBe(401);
    const dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
    expect((await dispatcher.get('/api/audit')).statusCode).toBe(403);
    expect((await dispatcher.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('answers 400 naming a bad date filter', async () => {
    const res = await admin.get('/api/audit?from=2026-13-01');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('from');
  });

  it('shows only the park’s own rows', async () => {
    const otherPark = await buildPark(t.ctx.db, '别的园区');
    const otherAdmin = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['admin'] }));
    const firm = (await otherAdmin.post('/api/enterprises', { uscc: buildUscc(), name: '别园审计有限公司' })).json();
    expect((await admin.get(`/api/audit?entityId=${firm.id}`)).json().total).toBe(0);
    expect((await otherAdmin.get(`/api/audit?entityId=${firm.id}`)).json().total).toBe(1);
    const leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
    const mine = (await leader.get('/api/audit?pageSize=200')).json().items as AuditItem[];
    expect(mine.some((i) => i.entityId === firm.id)).toBe(false);
  });
});

describe('verifyAuditChain', () => {
  it('passes on an intact chain and checks every row of it', async () => {
    await admin.post('/api/enterprises', { uscc: buildUscc(), name: '链完整有限公司' });
    const result = await verifyAuditChain(t.ctx.db, park.id);
    const { n } = await t.ctx.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('chain_key', '=', chainKeyOf(park.id)).executeTakeFirstOrThrow();
    expect(result).toEqual({ ok: true, checked: n, chains: 1, firstBroken: null });
    const api = await admin.get('/api/audit/verify');
    expect(api.json()).toMatchObject({ ok: true, checked: n, firstBroken: null });
  });

  it('names the first broken row when a row’s content was changed', async () => {
    const firm = (await admin.post('/api/enterprises', { uscc: buildUscc(), name: '篡改目标有限公司' })).json();
    await admin.patch(`/api/enterprises/${firm.id}`, { address: '真实地址' });
    const [update, create] = await auditOf('enterprise', firm.id);
    const original = await t.ctx.db.selectFrom('audit_log').select(['after']).where('id', '=', create!.id).executeTakeFirstOrThrow();
    await tamper(t.ctx.db, (trx) => trx.updateTable('audit_log').set({ after: JSON.stringify({ ...create!.after, name: '被改掉的名字' }) }).where('id', '=', create!.id).execute());
    try {
      const result = await verifyAuditChain(t.ctx.db, park.id);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ id: create!.id, seq: create!.seq, chainKey: chainKeyOf(park.id) });
      expect(result.firstBroken!.reason).toContain('篡改');
      const api = (await admin.get('/api/audit/verify')).json();
      expect(api.firstBroken).toMatchObject({ id: create!.id, parkId: park.id });
      // a later row is not blamed: the chain breaks at the changed row
      expect(result.firstBroken!.id).not.toBe(update!.id);
    } finally {
      await tamper(t.ctx.db, (trx) => trx.updateTable('audit_log').set({ after: JSON.stringify(original.after) }).where('id', '=', create!.id).execute());
    }
    expect((await verifyAuditChain(t.ctx.db, park.id)).ok).toBe(true);
  });

  it('names the row after a deleted one', async () => {
    const firm = (await admin.post('/api/enterprises', { uscc: buildUscc(), name: '删除目标有限公司' })).json();
    await admin.patch(`/api/enterprises/${firm.id}`, { address: '地址一' });
    await admin.patch(`/api/enterprises/${firm.id}`, { address: '地址二' });
    const [last, middle] = await auditOf('enterprise', firm.id);
    const row = await t.ctx.db.selectFrom('audit_log').selectAll().where('id', '=', middle!.id).executeTakeFirstOrThrow();
    await tamper(t.ctx.db, (trx) => trx.deleteFrom('audit_log').where('id', '=', middle!.id).execute());
    try {
      const result = await verifyAuditChain(t.ctx.db, park.id);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ id: last!.id, seq: last!.seq });
      expect(result.firstBroken!.reason).toContain('序号不连续');
    } finally {
      await t.ctx.db
        .insertInto('audit_log')
        .values({ ...row, before: row.before === null ? null : JSON.stringify(row.before), after: row.after === null ? null : JSON.stringify(row.after) })
        .execute();
    }
    expect((await verifyAuditChain(t.ctx.db, park.id)).ok).toBe(true);
  });

  it('keeps one unbroken chain when twenty writers in one park write at once', async () => {
    const firms = await Promise.all(Array.from({ length: 10 }, () => buildEnterprise(t.ctx.db, park)));
    const writers = await Promise.all(Array.from({ length: 4 }, () => buildUser(t.ctx.db, park, { roles: ['dispatcher'] }).then((u) => clientAs(t, u))));
    const before = await verifyAuditChain(t.ctx.db, park.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => writers[i % 4]!.patch(`/api/enterprises/${firms[i % 10]!.id}`, { headcount: 1000 + i })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const after = await verifyAuditChain(t.ctx.db, park.id);
    expect(after.ok).toBe(true);
    expect(after.checked).toBe(before.checked + 20);
    const seqs = await t.ctx.db.selectFrom('audit_log').select('seq').where('chain_key', '=', chainKeyOf(park.id)).orderBy('seq').execute();
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    // each firm was written twice; both edits are on its history
    for (const firm of firms) expect((await auditOf('enterprise', firm.id)).filter((i) => i.action === 'update')).toHaveLength(2);
  });
});

describe('the audit_log table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const { id } = await t.ctx.db.selectFrom('audit_log').select('id').where('park_id', '=', park.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
    // each attempt runs in a transaction that is rolled back whatever happens, so a missing
    // trigger cannot wipe the log of a shared test database
    const attempt = (statement: (trx: Kysely<DB>) => Promise<unknown>) =>
      t.ctx.db.transaction().execute(async (trx) => {
        await statement(trx);
        throw new Error('the statement went through');
      });
    await expect(attempt((trx) => trx.updateTable('audit_log').set({ action: 'forged' }).where('id', '=', id).execute())).rejects.toThrow(/append-only/);
    await expect(attempt((trx) => trx.deleteFrom('audit_log').where('id', '=', id).execute())).rejects.toThrow(/append-only/);
    await expect(attempt((trx) => sql`truncate audit_log`.execute(trx))).rejects.toThrow(/append-only/);
    expect((await t.ctx.db.selectFrom('audit_log').select('action').where('id', '=', id).executeTakeFirstOrThrow()).action).not.toBe('forged');
  });
});

describe('npm run audit:verify', () => {
  it('reports every chain of the database intact, in Chinese, with exit code 0', async () => {
    const lines: string[] = [];
    const outcome = await runAuditVerify({ database: t.database, print: (l) => lines.push(l) });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.result!.ok).toBe(true);
    expect(outcome.result!.chains).toBeGreaterThanOrEqual(1);
    expect(lines.join('\n')).toContain(`已校验 ${outcome.result!.checked} 条记录`);
    expect(lines.join('\n')).toContain('审计日志完整');
  });

  it('names the first broken row, its sequence number and chain, with exit code 1', async () => {
    const firm = (await admin.post('/api/enterprises', { uscc: buildUscc(), name: '命令行篡改有限公司' })).json();
    const [entry] = await auditOf('enterprise', firm.id);
    await tamper(t.ctx.db, (trx) => trx.updateTable('audit_log').set({ actor_name: '冒名顶替' }).where('id', '=', entry!.id).execute());
    try {
      const lines: string[] = [];
      const outcome = await runAuditVerify({ database: t.database, print: (l) => lines.push(l) });
      expect(outcome.exitCode).toBe(1);
      const text = lines.join('\n');
      expect(text).toContain(`id=${entry!.id}`);
      expect(text).toContain(`seq=${entry!.seq}`);
      expect(text).toContain(chainKeyOf(park.id));
      expect(text).toContain('测试园区');
      expect(text).toContain('篡改');
    } finally {
      await tamper(t.ctx.db, (trx) => trx.updateTable('audit_log').set({ actor_name: entry!.actorName }).where('id', '=', entry!.id).execute());
    }
    expect((await runAuditVerify({ database: t.database, print: () => undefined })).exitCode).toBe(0);
  });

  it('opens a PGlite data folder the way the server does, and fails clearly on an empty one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-audit-'));
    try {
      const missing = await runAuditVerify({ dataDir: path.join(dir, 'nothing-here'), print: () => undefined });
      expect(missing.exitCode).toBe(1);
      expect(missing.lines.join('\n')).toContain('没有数据库');

      const dataDir = path.join(dir, 'data');
      // start from the migrated template when there is one (a fresh migration takes seconds)
      const target = inject('testDatabase');
      const database = await openDatabase({ dataDir, loadDataDir: target.kind === 'pglite' ? new Blob([fs.readFileSync(target.file)]) : undefined });
      await migrateToLatest(database.db);
      const parkRow = await database.db.insertInto('parks').values({ code: 'audit-cli', name: '命令行园区', region: null }).returning('id').executeTakeFirstOrThrow();
      for (let i = 0; i < 3; i += 1) {
        await database.db.transaction().execute((trx) =>
          recordAudit(trx, systemActor(parkRow.id), parkRow.id, [{ action: 'test', entity: 'thing', entityId: String(i), before: null, after: { i } }]),
        );
      }
      await database.close();

      const ok = await runAuditVerify({ dataDir, print: () => undefined });
      expect(ok).toMatchObject({ exitCode: 0, result: { ok: true, checked: 3, chains: 1 } });

      const again = await openDatabase({ dataDir });
      const second = await again.db.selectFrom('audit_log').select(['id']).where('seq', '=', 2).executeTakeFirstOrThrow();
      await tamper(again.db, (trx) => trx.updateTable('audit_log').set({ after: JSON.stringify({ i: 99 }) }).where('id', '=', second.id).execute());
      await again.close();

      const broken = await runAuditVerify({ dataDir, print: () => undefined });
      expect(broken.exitCode).toBe(1);
      expect(broken.result!.firstBroken).toMatchObject({ id: Number(second.id), seq: 2 });
      expect(broken.lines.join('\n')).toContain('命令行园区');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('checks a PostgreSQL server given by URL', async () => {
    const outcome = await runAuditVerify({ databaseUrl: process.env.TEST_DATABASE_URL!, print: () => undefined });
    expect(outcome.lines[0]).toContain('PostgreSQL');
    expect(outcome.lines[0]).not.toContain('postgres@');
    expect(outcome.exitCode).toBe(0);
  });
});
