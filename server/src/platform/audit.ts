import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

type Executor = Kysely<DB> | Transaction<DB>;

/** JSON with sorted keys, Dates as ISO strings: the bytes the hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).filter((k) => (value as any)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as any)[k])}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

/** Normalises a value to what jsonb stores (Dates become strings, undefined drops out). */
function toStored(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(canonicalJson(value));
}

export type HashInput = {
  chainKey: string;
  seq: number;
  parkId: string | null;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string | null;
};

export function hashEntry(e: HashInput): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        chainKey: e.chainKey,
        seq: e.seq,
        parkId: e.parkId,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
        requestId: e.requestId,
        prevHash: e.prevHash,
      }),
    )
    .digest('hex');
}

export function chainKeyOf(parkId: string | null): string {
  return parkId ? `park:${parkId}` : 'system';
}

/**
 * Appends entries to the park's hash chain inside the caller's transaction. The advisory lock
 * serialises appenders of one chain (across processes too) until the transaction ends, so two
 * writers can never both link to the same predecessor.
 */
export async function recordAudit(trx: Transaction<DB>, actor: Actor | null, parkId: string | null, entries: AuditEntry[], now = new Date()): Promise<void> {
  if (entries.length === 0) return;
  const chainKey = chainKeyOf(parkId);
  await sql`select pg_advisory_xact_lock(hashtext(${chainKey}))`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('chain_key', '=', chainKey)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? null;
  const at = new Date(Math.floor(now.getTime()));
  const rows = entries.map((entry) => {
    seq += 1;
    const input: HashInput = {
      chainKey,
      seq,
      parkId,
      at,
      actorId: actor?.userId ?? null,
      actorName: actor ? actor.displayName : null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: toStored(entry.before),
      after: toStored(entry.after),
      requestId: actor?.requestId ?? null,
      prevHash,
    };
    const hash = hashEntry(input);
    prevHash = hash;
    return {
      chain_key: chainKey,
      seq,
      park_id: parkId,
      at,
      actor_id: input.actorId,
      actor_name: input.actorName,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      before: input.before === null ? null : JSON.stringify(input.before),
      after: input.after === null ? null : JSON.stringify(input.after),
      request_id: input.requestId,
      prev_hash: input.prevHash,
      hash,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
  }
}

export type VerifyResult = {
  ok: boolean;
  checked: number;
  chains: number;
  firstBroken: { id: number; seq: number; chainKey: string; reason: string } | null;
};

/** Recomputes every chain from its first row; names the first row whose link or hash is wrong. */
export async function verifyAuditChain(db: Executor, parkId?: string): Promise<VerifyResult> {
  let chainQuery = db.selectFrom('audit_log').select('chain_key').distinct();
  if (parkId) chainQuery = chainQuery.where('chain_key', '=', chainKeyOf(parkId));
  const chains = (await chainQuery.execute()).map((r) => r.chain_key);
  let checked = 0;
  for (const chainKey of chains) {
    let prevHash: string | null = null;
    let expectedSeq = 1;
    let afterSeq = 0;
    for (;;) {
      const batch = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain_key', '=', chainKey)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(5000)
        .execute();
      if (batch.length === 0) break;
      for (const row of batch) {
        checked += 1;
        const seq = Number(row.seq);
        const broken = (reason: string): VerifyResult => ({
          ok: false,
          checked,
          chains: chains.length,
          firstBroken: { id: Number(row.id), seq, chainKey, reason },
        });
        if (seq !== expectedSeq) return broken(`序号不连续:应为${expectedSeq},实为${seq}`);
        if (row.prev_hash !== prevHash) return broken('前序哈希与上一条记录不一致');
        const hash = hashEntry({
          chainKey,
          seq,
          parkId: row.park_id,
          at: row.at,
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          entity: row.entity,
          entityId: row.entity_id,
          before: row.before ?? null,
          after: row.after ?? null,
          requestId: row.request_id,
          prevHash: row.prev_hash,
        });
        if (hash !== row.hash) return broken('记录内容与哈希不符(疑似被篡改)');
        prevHash = row.hash;
        expectedSeq += 1;
        afterSeq = seq;
      }
    }
  }
  return { ok: true, checked, chains: chains.length, firstBroken: null };
}

/** Field-level differences between two snapshots, for change history. */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { field: string; before: unknown; after: unknown }[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: { field: string; before: unknown; after: unknown }[] = [];
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out.push({ field: key, before: b, after: a });
  }
  return out;
}
