import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@yuanqi/contract';
import { createQueryId, type CompiledQuery, type InferResult, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildActor, type Actor } from '../actor.js';

export const SESSION_COOKIE = 'yq_session';
export const CSRF_COOKIE = 'yq_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type CreatedSession = { token: string; csrfToken: string; expiresAt: Date };

/** Sessions live in the database so every app process accepts them; only a hash of the token is stored. */
export async function createSession(
  db: Kysely<DB>,
  user: { id: string; park_id: string },
  now: Date,
  hours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<CreatedSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      user_id: user.id,
      park_id: user.park_id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export type LoadedSession = { actor: Actor; csrfToken: string; expiresAt: Date; lastSeenAt: Date };

function sessionLookup(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id', 's.csrf_token', 's.expires_at', 's.last_seen_at',
      'u.id', 'u.park_id', 'u.username', 'u.display_name', 'u.roles', 'u.enterprise_id', 'u.bank_id', 'u.is_active',
    ])
    .where('s.id', '=', id);
}
type SessionLookupRow = InferResult<ReturnType<typeof sessionLookup>>[number];

/**
 * The session lookup runs on every API request, so its SQL is built and compiled once per Kysely
 * instance and reused with the request's id as the one parameter (bench/api.ts: ~50 µs of CPU
 * per request). Only the SQL text is kept, never a session: every request still reads the database.
 */
const compiledLookups = new WeakMap<Kysely<DB>, CompiledQuery<SessionLookupRow>>();

function compiledSessionLookup(db: Kysely<DB>, id: string): CompiledQuery<SessionLookupRow> {
  let compiled = compiledLookups.get(db);
  if (!compiled) {
    compiled = sessionLookup(db, id).compile();
    if (compiled.parameters.length !== 1) throw new Error('session lookup: expected exactly one parameter');
    compiledLookups.set(db, compiled);
  }
  return { ...compiled, queryId: createQueryId(), parameters: [id] };
}

export async function loadSession(db: Kysely<DB>, token: string, now: Date, hours: number, requestId: string): Promise<LoadedSession | null> {
  const id = sessionIdOf(token);
  const [row] = (await db.executeQuery(compiledSessionLookup(db, id))).rows;
  if (!row || !row.is_active || row.expires_at.getTime() <= now.getTime()) return null;
  // Sliding expiry, written at most every few minutes so reads stay reads.
  if (now.getTime() - row.last_seen_at.getTime() > 5 * 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + hours * 3_600_000) })
      .where('id', '=', id)
      .execute();
  }
  return {
    actor: buildActor({
      userId: row.id,
      parkId: row.park_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles as Role[],
      enterpriseId: row.enterprise_id,
      bankId: row.bank_id,
      sessionId: row.session_id,
      requestId,
    }),
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export async function destroySession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
