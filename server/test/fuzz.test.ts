// Schema-driven fuzzing of every route (issue #10): from the app's own OpenAPI document, every
// path and method gets generated bodies, query strings and path parameters (fast-check, fixed
// seed, a bounded count per route and role), sent as each role and without a session. Fails on
// any 5xx, on any answer that shows a stack trace or SQL, and on any refused write that changed
// the park's rows anyway (row counts of every park table compared around each refused write);
// afterwards the audit chain must verify. Then an access-control probe: a firm's user tries every
// id-addressed route with the other firm's records and must never get them.
import { createHash } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@yuanqi/contract';
import type { UserRow } from '../src/db/schema.js';
import { verifyAuditChain } from '../src/platform/audit.js';
import { buildDemand, buildVisit } from './demand-factories.js';
import { buildBank, buildEnterprise, buildUser } from './factories.js';
import { buildFund } from './fund-factories.js';
import { anonymous, clientAs, createTestApp, type Client, type TestApp } from './harness.js';
import { buildPolicy, hireRule, rematch, setFacts } from './policy-factories.js';
import { buildServiceWorld, fileApplication } from './service-application-factories.js';
import { mutatedValue, pathValue, queryString, validValue, type JsonSchema, type Pools } from './fuzz/arbitraries.js';

/** Requests per route for each role (half valid-looking, half hostile). */
const PER_ROLE = Number(process.env.FUZZ_PER_ROLE ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

const LEAK_PATTERNS: RegExp[] = [
  /\bat [\w$.<>]+ \(?[^()\s]*:\d+:\d+\)?/, // a stack frame
  /node_modules|\/src\/[\w/-]+\.ts/,
  /\b(select|insert|update|delete)\b[\s\S]{0,80}\b(from|into|set|where)\b/i,
  /syntax error|violates|duplicate key|relation "|column "|invalid input syntax|null value in column|PGlite|kysely|ECONNREFUSED|TypeError|ReferenceError|RangeError|SyntaxError/i,
];

type Operation = { method: string; path: string; body?: JsonSchema; query?: JsonSchema; params?: JsonSchema; multipart: boolean };
type Failure = { request: string; status: number; reason: string; body: string };

let t: TestApp;
const clients = new Map<Role | 'anonymous', Client>();
const users: Partial<Record<Role, UserRow>> = {};
let parkId: string;
let operations: Operation[] = [];
const pools: Pools = { ids: [] };
/** Ids seen in the answer of each list route (`/api/demands` → its rows' ids). */
const listIds = new Map<string, Set<string>>();
let countParkRows: () => Promise<Record<string, number>>;
const other: { firmId: string; ids: string[]; names: string[] } = { firmId: '', ids: [], names: [] };

function describeRequest(o: InjectOptions, role: string): string {
  const body = typeof o.payload === 'string' ? o.payload : o.payload ? '[binary]' : '';
  return `${role} ${o.method} ${String(o.url).slice(0, 300)} ${body.slice(0, 300)}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function collectIds(url: string, res: LightMyRequestResponse): void {
  if (res.statusCode !== 200 || !String(res.headers['content-type'] ?? '').includes('json')) return;
  const found = new Set(res.body.match(UUID) ?? []);
  const key = url.split('?')[0]!;
  const set = listIds.get(key) ?? new Set<string>();
  for (const id of found) {
    set.add(id);
    if (!pools.ids.includes(id)) pools.ids.push(id);
  }
  listIds.set(key, set);
}

/** The ids a path parameter should come from: those listed by the route the path hangs under. */
function candidatesFor(path: string, param: string): string[] {
  const before = path.slice(0, path.indexOf(`{${param}}`)).replace(/\/$/, '');
  const list = before.includes('{') ? null : listIds.get(before);
  if (list?.size) return [...list];
  return param === 'id' || param.endsWith('Id') ? pools.ids.slice(0, 200) : [];
}

function multipartBody(fields: Record<string, string>, file: { name: string; content: Buffer } | null): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----yqfuzz7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const multipartCase = fc.record({
  field: fc.constantFrom('payload', 'note', 'kind', 'material', 'description', 'serviceType', 'amountFen', 'invoiceNo'),
  value: fc.oneof(fc.constantFrom('a\u0000b', '\u0007', '{"x":1}', '{', '12.5', '-1', '', '长'.repeat(5000)), fc.string({ unit: 'binary', maxLength: 30 })),
  fileName: fc.constantFrom('a.pdf', 'a\u0000.pdf', '..\\..\\x.exe', 'x.xlsx', '', '长'.repeat(300) + '.pdf', '\u202egpj.exe', 'a.PDF'),
  content: fc.constantFrom(Buffer.from('%PDF-1.4\n%fuzz\n'), Buffer.from('MZ\x90\x00'), Buffer.from('PK\x03\x04garbage'), Buffer.alloc(0), Buffer.from('\u0000\u0000')),
  withFile: fc.boolean(),
});

function requestsFor(op: Operation, role: string, count: number): InjectOptions[] {
  const seed = SEED ^ parseInt(createHash('sha1').update(`${op.method} ${op.path} ${role}`).digest('hex').slice(0, 7), 16);
  const paramNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const paramArb = fc.record(
    Object.fromEntries(paramNames.map((p) => [p, pathValue(op.params?.properties?.[p], candidatesFor(op.path, p), pools)])) as Record<string, fc.Arbitrary<string>>,
  );
  const hostile = fc.boolean();
  const bodyArb = op.body ? fc.tuple(hostile, validValue(op.body, pools), mutatedValue(op.body, pools)).map(([h, v, m]) => (h ? { m } : { v })) : fc.constant(null);
  const queryArb = fc.tuple(fc.boolean(), queryString(op.query, pools, false), queryString(op.query, pools, true)).map(([h, v, m]) => (h ? m : v));
  const samples = fc.sample(fc.tuple(paramArb, bodyArb, queryArb, multipartCase, fc.boolean()), { seed, numRuns: count });
  return samples.map(([params, body, query, mp, asJson]) => {
    let url = op.path;
    for (const [name, value] of Object.entries(params)) url = url.replace(`{${name}}`, value);
    if (query) url += `?${query}`;
    const request: InjectOptions = { method: op.method.toUpperCase() as InjectOptions['method'], url };
    if (op.method !== 'get' && op.method !== 'delete') {
      if (op.multipart && !asJson) {
        Object.assign(request, multipartBody({ [mp.field]: mp.value }, mp.withFile ? { name: mp.fileName, content: mp.content } : null));
      } else if (body) {
        const value = 'm' in body ? body.m : body.v;
        request.payload = value === undefined ? '' : JSON.stringify(value);
        request.headers = { 'content-type': 'application/json' };
      } else if (op.multipart) {
        request.payload = JSON.stringify({ file: 'x' });
        request.headers = { 'content-type': 'application/json' };
      }
    }
    return request;
  });
}

/** Paths of the string leaves of a value (objects and the first item of arrays, a few levels deep). */
function stringPaths(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (!value || typeof value !== 'object' || depth > 4) return [];
  if (Array.isArray(value)) return value.length ? stringPaths(value[0], [...path, 0], depth + 1) : [];
  return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k], depth + 1));
}

function withLeaf(value: unknown, path: (string | number)[], leaf: string): unknown {
  if (!path.length) return leaf;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = withLeaf(copy[path[0]!], path.slice(1), leaf);
  return copy;
}

/** One request per string the route takes, carrying NUL (and one carrying BEL), all else valid. */
function controlCharacterRequests(op: Operation, role: string): InjectOptions[] {
  const seed = SEED ^ parseInt(createHash('sha1').update(`cc ${op.method} ${op.path} ${role}`).digest('hex').slice(0, 7), 16);
  let url = op.path;
  for (const name of [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) {
    const candidates = candidatesFor(op.path, name);
    url = url.replace(`{${name}}`, candidates[0] ?? fc.sample(pathValue(op.params?.properties?.[name], [], pools), { seed, numRuns: 1 })[0]!);
  }
  const method = op.method.toUpperCase() as InjectOptions['method'];
  const requests: InjectOptions[] = [];
  const query = op.query ? (fc.sample(validValue(op.query, pools), { seed, numRuns: 1 })[0] as Record<string, unknown>) ?? {} : {};
  const encode = (q: Record<string, unknown>) =>
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
  for (const key of Object.keys(op.query?.properties ?? {})) {
    for (const bad of ['a\u0000b', '\u0007']) requests.push({ method, url: `${url}?${encode({ ...query, [key]: bad })}` });
  }
  if (op.body && method !== 'GET') {
    const body = fc.sample(validValue(op.body, pools), { seed, numRuns: 1 })[0];
    for (const path of stringPaths(body)) {
      for (const bad of ['a\u0000b', '\u0007']) {
        requests.push({ method, url, payload: JSON.stringify(withLeaf(body, path, bad)), headers: { 'content-type': 'application/json' } });
      }
    }
  }
  if (op.multipart) {
    requests.push({ method, url, ...multipartBody({ note: 'a\u0000b', kind: '\u0007', payload: '{"itemId":"a\u0000"}' }, { name: 'a\u0000.pdf', content: Buffer.from('%PDF-1.4\n%x\n') }) });
  }
  return requests;
}

/** Error answers are where internals leak (a 200 may quote what a user typed, SQL-like or not). */
function leakIn(res: LightMyRequestResponse): string | null {
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode < 400 || (!type.includes('json') && !type.includes('text'))) return null;
  for (const pattern of LEAK_PATTERNS) {
    const m = pattern.exec(res.body);
    if (m) return `leaks ${JSON.stringify(m[0])}`;
  }
  return null;
}

const changed = (a: Record<string, number>, b: Record<string, number>) => Object.keys(b).filter((k) => a[k] !== b[k]);

beforeAll(async () => {
  t = await createTestApp({ loginIpLimit: 1_000_000 });
  const db = t.ctx.db;
  const w = await buildServiceWorld(db);
  parkId = w.park.id;
  const bank = await buildBank(db, w.park);
  Object.assign(users, {
    enterprise: w.firmUser,
    liaison: w.liaison,
    dispatcher: w.dispatcher,
    approver: w.approver,
    admin: w.admin,
    leader: w.leader,
    policy_officer: await buildUser(db, w.park, { roles: ['policy_officer'] }),
    finance_officer: await buildUser(db, w.park, { roles: ['finance_officer'] }),
    bank: await buildUser(db, w.park, { roles: ['bank'], bankId: bank.id }),
  });
  // Records of every kind, for the own firm and the other firm.
  const fund = await buildFund(db, w.park, { budgetFen: 50_000_000 });
  const policy = await buildPolicy(db, w.park, { fundId: fund.id, rule: hireRule(), materials: [{ name: '营业执照', required: true }] });
  await buildPolicy(db, w.park, { fundId: fund.id, rule: hireRule({ exclusionGroup: 'x' }), mode: 'auto' });
  await buildPolicy(db, w.park, { fundId: fund.id, rule: hireRule(), status: 'draft' });
  for (const firm of [w.firm, w.otherFirm]) await setFacts(db, w.park, firm.id, 2026, { new_hires: 5 });
  await rematch(db, w.park, t.clock.now());
  await buildDemand(db, w.park, w.firm);
  await buildDemand(db, w.park, w.firm, { status: 'resolved' });
  const otherDemand = await buildDemand(db, w.park, w.otherFirm);
  await buildVisit(db, w.park, { liaisonId: w.liaison.id, enterpriseId: w.firm.id, visitedOn: '2026-11-20' });
  for (const role of Object.keys(users) as Role[]) clients.set(role, await clientAs(t, users[role]!));
  clients.set('anonymous', anonymous(t));
  const otherUser = await clientAs(t, w.otherFirmUser);
  const mine = await fileApplication(clients.get('enterprise')!, { itemId: w.item.id });
  const theirs = await fileApplication(otherUser, { itemId: w.item.id });
  const ownApp = await clients.get('enterprise')!.post('/api/policy-applications', { policyId: policy.policy.id });
  const otherApp = await otherUser.post('/api/policy-applications', { policyId: policy.policy.id });
  other.firmId = w.otherFirm.id;
  other.names = [w.otherFirm.name];
  other.ids = [w.otherFirm.id, otherDemand.id, theirs.json().id, otherApp.json().id].filter(Boolean);
  expect([mine.statusCode, theirs.statusCode, ownApp.statusCode, otherApp.statusCode]).toEqual([201, 201, 201, 201]);

  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> }; parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[] }>> };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const group = (where: string): JsonSchema | undefined => {
        const list = parameters.filter((p) => p.in === where);
        if (!list.length) return undefined;
        return { type: 'object', properties: Object.fromEntries(list.map((p) => [p.name, p.schema])), required: list.filter((p) => p.required).map((p) => p.name) };
      };
      const body = op.requestBody?.content?.['application/json']?.schema;
      operations.push({ method, path, body, query: group('query'), params: group('path'), multipart: method === 'post' && !body && /attachments|import|supply|documents|files|redemptions|service-applications$/.test(path) });
    }
  }
  // Harvest ids: every list route as every role.
  for (const [role, client] of clients) {
    for (const op of operations.filter((o) => o.method === 'get' && !o.path.includes('{'))) {
      const res = await client.get(op.path);
      if (role !== 'anonymous') collectIds(op.path, res);
    }
  }
  const tables = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and c.column_name = 'park_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  // demand_rollup and its delta are kept by triggers on demands and ratings (counted here) and
  // folded by the minute's scheduler job, which moves rows between them while the fuzzing runs
  const names = tables.rows.map((r) => r.table_name).filter((n) => !/^(login_attempts|sessions|login_captchas|captchas|demand_rollup|demand_rollup_delta)$/.test(n));
  const query = names.map((n) => `select '${n}' as name, count(*)::int as n from "${n}" where park_id = '${parkId}'`).join(' union all ');
  countParkRows = async () => {
    const r = await sql<{ name: string; n: number }>`${sql.raw(query)}`.execute(db);
    return Object.fromEntries(r.rows.map((row) => [row.name, Number(row.n)]));
  };
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('schema-driven fuzzing', () => {
  it('answers every generated request below 500, without a stack trace or SQL, and never half-writes a refused change', async () => {
    const failures: Failure[] = [];
    let tried = 0;
    let fiveHundreds = 0;
    let refusedWrites = 0;
    const statuses = new Map<number, number>();
    /** Roles the route let past authentication and permission at least once (for the targeted sweep). */
    const admitted = new Map<Operation, Set<string>>();
    const skip = (op: Operation, role: string) => (op.path === '/api/auth/logout' && role !== 'anonymous') || op.path === '/api/openapi.json';
    /** Sends one request and checks its answer: below 500, no leak, a refused write changed nothing. */
    const send = async (op: Operation, role: string, client: Client, request: InjectOptions): Promise<number> => {
      const write = request.method !== 'GET';
      const before = write ? await countParkRows() : null;
      let res: LightMyRequestResponse;
      try {
        res = await client.request(request);
      } catch (error) {
        failures.push({ request: describeRequest(request, role), status: 0, reason: `threw ${(error as Error).message}`, body: '' });
        return 0;
      }
      tried += 1;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) {
        fiveHundreds += 1;
        failures.push({ request: describeRequest(request, role), status: res.statusCode, reason: '5xx', body: res.body.slice(0, 300) });
      }
      const leak = leakIn(res);
      if (leak) failures.push({ request: describeRequest(request, role), status: res.statusCode, reason: leak, body: res.body.slice(0, 300) });
      if (before && res.statusCode >= 400 && !op.path.startsWith('/api/auth/')) {
        refusedWrites += 1;
        const diff = changed(before, await countParkRows());
        if (diff.length) failures.push({ request: describeRequest(request, role), status: res.statusCode, reason: `refused but changed ${diff.join(', ')}`, body: res.body.slice(0, 300) });
      }
      return res.statusCode;
    };
    for (const op of operations) {
      for (const [role, client] of clients) {
        if (skip(op, role)) continue;
        for (const request of requestsFor(op, role, PER_ROLE)) {
          const status = await send(op, role, client, request);
          if (status !== 401 && status !== 403) admitted.set(op, (admitted.get(op) ?? new Set()).add(role));
        }
      }
    }
    // Targeted sweep: every string a route takes (body leaves, query parameters), in an otherwise
    // valid request, once with NUL and once with another control character, as each role the route
    // admitted. Random sampling alone reaches a given field too rarely to prove the boundary rule.
    let targeted = 0;
    for (const op of operations) {
      const roles = [...(admitted.get(op) ?? [])].slice(0, 3);
      for (const role of roles) {
        const client = clients.get(role as Role | 'anonymous')!;
        for (const request of controlCharacterRequests(op, role)) {
          await send(op, role, client, request);
          targeted += 1;
        }
      }
    }
    const audit = await verifyAuditChain(t.ctx.db);
    const byStatus = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ');
    console.log(
      `[fuzz] ${operations.length} routes × ${clients.size} roles × ${PER_ROLE} generated + ${targeted} control-character probes: ${tried} requests tried, 5xx = ${fiveHundreds}, refused writes checked = ${refusedWrites}, failures = ${failures.length}; statuses ${byStatus}; audit chain ${audit.ok ? 'verified' : 'BROKEN'} (${audit.checked} rows)`,
    );
    for (const f of failures.slice(0, 40)) console.log(`[fuzz] FAIL ${f.reason} ${f.status} ${f.request}\n        ${f.body}`);
    expect(failures).toEqual([]);
    expect(audit.ok).toBe(true);
    expect(tried).toBeGreaterThan(operations.length * 20);
  }, 1_500_000);

  it("never gives a firm's user another firm's records on any id-addressed route (404, nothing leaked)", async () => {
    const client = clients.get('enterprise')!;
    let probes = 0;
    const leaks: string[] = [];
    for (const op of operations.filter((o) => o.path.includes('{id}'))) {
      for (const id of other.ids) {
        const url = op.path.replace('{id}', id).replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await client.request({ method: op.method.toUpperCase() as InjectOptions['method'], url, ...(op.method === 'get' || op.method === 'delete' ? {} : { payload: {} }) });
        probes += 1;
        const showsThem = other.names.some((n) => res.body.includes(n)) || (res.statusCode < 300 && res.body.includes(id));
        if ((res.statusCode >= 200 && res.statusCode < 300) || showsThem || res.statusCode >= 500) leaks.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    console.log(`[fuzz] access control: ${probes} out-of-scope probes by a firm's user, leaks = ${leaks.length}`);
    expect(leaks).toEqual([]);
    expect(probes).toBeGreaterThan(100);
  }, 300_000);
});
