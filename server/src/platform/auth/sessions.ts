import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@yuanqi/contract';
import { createQueryId, type CompiledQuery, type InferResult, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildActor, type Actor } from '../actor.js';
import { accessOf } from '../role-access.js';
import { dropCachedSessions, type SessionCache } from './session-cache.js';

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

/**
 * How long a session lives: it ends after `idleMinutes` without a request, and in any case
 * `absoluteHours` after the log-in (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS).
 */
export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

/**
 * Sessions live in the database so every app process accepts them; only a hash of the token is
 * stored. `expires_at` is the absolute end; the idle end is `last_seen_at` + the idle timeout.
 */
export async function createSession(
  db: Kysely<DB>,
  user: { id: string; park_id: string },
  now: Date,
  absoluteHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<CreatedSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + absoluteHours * 3_600_000);
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
    .innerJoin('parks as p', 'p.id', 'u.park_id')
    .select([
      's.id as session_id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 's.ended_at',
      'u.id', 'u.park_id', 'u.username', 'u.display_name', 'u.roles', 'u.custom_roles', 'u.enterprise_id', 'u.bank_id', 'u.is_active',
      'p.roles_version',
    ])
    .where('s.id', '=', id);
}
export type SessionLookupRow = InferResult<ReturnType<typeof sessionLookup>>[number];

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

/**
 * The request's session, or why there is none: `expired` when the token names a session that ran
 * past its idle or absolute timeout (the web then says 登录已超时), `none` otherwise.
 */
export async function loadSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  policy: SessionPolicy,
  requestId: string,
  cache?: SessionCache<SessionLookupRow>,
): Promise<LoadedSession | 'expired' | 'ended' | 'none'> {
  const id = sessionIdOf(token);
  // a few seconds' reuse of this process's last read, dropped when the session, its user or the
  // park's roles change (session-cache.ts says how every process learns of it)
  let row = cache?.get(id);
  if (!row) {
    const generation = cache?.generation() ?? 0;
    [row] = (await db.executeQuery(compiledSessionLookup(db, id))).rows;
    if (row && cache) cache.put(id, row, generation);
  }
  if (!row || !row.is_active) return 'none';
  // 强制下线 (在线用户): told apart so the user learns why.
  if (row.ended_at) return 'ended';
  const idleMs = policy.idleMinutes * 60_000;
  if (row.expires_at.getTime() <= now.getTime() || now.getTime() - row.last_seen_at.getTime() > idleMs) return 'expired';
  // last_seen_at is written at most every few minutes (a tenth of the idle timeout, at most five
  // minutes) so reads stay reads; the idle end is therefore exact to within that step.
  if (now.getTime() - row.last_seen_at.getTime() > Math.min(5 * 60_000, idleMs / 10)) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
    row.last_seen_at = now;
  }
  // Permissions and data scope come from the park's role table (cached per process, keyed by the
  // park's roles_version read above, so an edit counts from the next request on every process).
  const access = await accessOf(db, row.park_id, row.roles_version, row.roles as Role[], row.custom_roles);
  return {
    actor: buildActor({
      userId: row.id,
      parkId: row.park_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles as Role[],
      permissions: access.permissions,
      dataScope: access.dataScope,
      customRoles: access.customRoles,
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
  dropCachedSessions(`s:${sessionId}`);
}

/** Ends every session of a user but `keepSessionId`; returns how many ended. */
export async function destroyOtherSessions(db: Kysely<DB>, userId: string, keepSessionId: string | null): Promise<number> {
  const ended = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId ?? '')
    .returning('id')
    .execute();
  for (const s of ended) dropCachedSessions(`s:${s.id}`);
  return ended.length;
}

/** Sessions of one user, newest first (个人设置 lists them as 登录设备). */
export async function listSessionsOf(db: Kysely<DB>, userId: string, now: Date, policy: SessionPolicy) {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - policy.idleMinutes * 60_000))
    .orderBy('created_at', 'desc')
    .execute();
  return rows;
}
