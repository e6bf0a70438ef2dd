import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';

/**
 * The sessions this process has just read, kept for a few seconds (SESSION_CACHE_SECONDS, default
 * 5; 0 = read the database on every request) so that a user's burst of requests costs one session
 * query instead of one each.
 *
 * What may never be served from it is a session that has ended or a user or role table that has
 * changed. The database announces each such change on the channel `yq_session_change` when its
 * transaction commits (triggers of migration 20261207-0001: `s:<session>`, `u:<user>`,
 * `p:<park>`), every process listens on its own connection and drops what the message names:
 * - on the process that made the change, before it answers (the writer also drops the entries
 *   itself, `dropCachedSessions`, so not even that process's next request waits for the message);
 * - on every other process, when the message arrives: milliseconds after the commit;
 * - while a process is not listening (starting, its listening connection lost, reconnecting, or
 *   its own ping not coming back: `listenForSessionChanges`) the cache is off: every request reads
 *   the database, and the cache starts empty once listening again, so a message missed in between
 *   cannot leave a stale entry.
 * A read that races a change (begun before the commit, finished after the message) is not kept:
 * every message moves the generation on and a read is cached only if none arrived during it.
 */
type Entry<Row> = { row: Row; at: number };

const MAX_ENTRIES = 20_000;

export class SessionCache<Row extends { id: string; park_id: string }> {
  private readonly entries = new Map<string, Entry<Row>>();
  private live = false;
  private gen = 0;

  constructor(readonly ttlMs: number, private readonly now: () => number = () => performance.now()) {}

  /** Listening or not; either change empties the cache. */
  setLive(live: boolean): void {
    this.live = live;
    this.gen++;
    this.entries.clear();
  }

  get isLive(): boolean {
    return this.live;
  }

  get enabled(): boolean {
    return this.live && this.ttlMs > 0;
  }

  /** The generation to hand back to `put` with the row read now. */
  generation(): number {
    return this.gen;
  }

  get(sessionId: string): Row | undefined {
    if (!this.enabled) return undefined;
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e.row;
  }

  /** Keeps a row read from the database, unless a change was announced while it was being read. */
  put(sessionId: string, row: Row, readAtGeneration: number): void {
    if (!this.enabled || readAtGeneration !== this.gen) return;
    if (this.entries.size >= MAX_ENTRIES) this.evictExpired();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(sessionId, { row, at: this.now() });
  }

  /** A message of the channel: `s:<session id>`, `u:<user id>`, `p:<park id>`; anything else empties the cache. */
  drop(message: string): void {
    this.gen++;
    const at = message.indexOf(':');
    const kind = message.slice(0, at);
    const id = message.slice(at + 1);
    if (kind === 's') this.entries.delete(id);
    else if (kind === 'u' || kind === 'p') {
      for (const [key, e] of this.entries) if ((kind === 'u' ? e.row.id : e.row.park_id) === id) this.entries.delete(key);
    } else this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [key, e] of this.entries) if (now - e.at > this.ttlMs) this.entries.delete(key);
  }
}

export const SESSION_CHANGE_CHANNEL = 'yq_session_change';

/**
 * Feeds the channel's messages to the cache. The cache is turned on only once a message this
 * process sent itself has come back (`ping:<token>`, every 30 s): a connection that LISTENs but is
 * never told anything (a pooler in transaction mode, a broken proxy) keeps the cache off, and a
 * ping not back within 5 s turns it off until one is.
 */
export async function listenForSessionChanges(
  database: Database,
  cache: SessionCache<{ id: string; park_id: string }>,
  options: { pingEveryMs?: number; pingTimeoutMs?: number } = {},
): Promise<() => Promise<void>> {
  const token = `ping:${randomUUID()}`;
  let listening = false;
  let overdue: NodeJS.Timeout | null = null;
  const ping = () => {
    if (!listening) return;
    overdue ??= setTimeout(() => {
      overdue = null;
      if (cache.isLive) cache.setLive(false);
    }, options.pingTimeoutMs ?? 5000);
    sql`select pg_notify(${SESSION_CHANGE_CHANNEL}, ${token})`.execute(database.db).catch(() => undefined);
  };
  const stop = await database.listen(
    SESSION_CHANGE_CHANNEL,
    (message) => {
      if (message === token) {
        if (overdue) clearTimeout(overdue);
        overdue = null;
        if (!cache.isLive) cache.setLive(true);
      } else if (!message.startsWith('ping:')) cache.drop(message);
    },
    (live) => {
      listening = live;
      if (!live) {
        if (cache.isLive) cache.setLive(false);
      } else ping();
    },
  );
  const timer = setInterval(ping, options.pingEveryMs ?? 30_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    if (overdue) clearTimeout(overdue);
    await stop();
    cache.setLive(false);
  };
}

/** Every cache of this process (one per app; tests build several). */
const caches = new Set<SessionCache<{ id: string; park_id: string }>>();

export function registerSessionCache(cache: SessionCache<{ id: string; park_id: string }>): () => void {
  caches.add(cache);
  return () => caches.delete(cache);
}

/**
 * Drops entries on this process at once, before the database's message arrives: for the code that
 * ends a session or changes a user, right after its write commits (or inside the transaction: an
 * entry re-read before the commit is dropped again by the message).
 */
export function dropCachedSessions(message: `s:${string}` | `u:${string}` | `p:${string}`): void {
  for (const cache of caches) cache.drop(message);
}
