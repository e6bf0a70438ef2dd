import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { PGlitePool } from './pglite-pool.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  db: Kysely<DB>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tarball, to start other instances from. */
  dumpDataDir?: () => Promise<Blob>;
  /** PostgreSQL only: the pool's live figures (系统监控). */
  pool?: { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number };
  /**
   * PostgreSQL only: runs `fn` on one pooled connection of its own (for what Kysely cannot say,
   * such as `COPY … FROM STDIN`); the connection goes back to the pool afterwards.
   */
  withClient?: <T>(fn: (client: pg.PoolClient) => Promise<T>) => Promise<T>;
  /**
   * Subscribes to a NOTIFY channel. `onState(true)` once listening, `onState(false)` whenever
   * messages may be missed (the listening connection lost; it reconnects every second). Resolves
   * to a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onState: (live: boolean) => void): Promise<() => Promise<void>>;
};

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/** LISTEN on a connection of its own (a pooled one may be handed to another query at any time). */
function listenOnServer(url: string, channel: string, onMessage: (payload: string) => void, onState: (live: boolean) => void): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
    let down = false;
    const lost = () => {
      if (down) return;
      down = true;
      if (client === c) client = null;
      onState(false);
      c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(connect, 1000);
    };
    c.on('notification', (m) => {
      if (m.channel === channel) onMessage(m.payload ?? '');
    });
    c.on('error', lost);
    c.on('end', lost);
    c.connect()
      .then(() => c.query(`LISTEN ${channel}`))
      .then(() => {
        if (down) return;
        if (stopped) return void c.end().catch(() => undefined);
        client = c;
        onState(true);
      })
      .catch(lost);
  };
  connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    onState(false);
    await c?.end().catch(() => undefined);
  };
}

// Both drivers must hand back the same JavaScript types: counts and fen amounts (int8) as
// numbers, dates (date) as 'YYYY-MM-DD' strings so no time zone can shift them.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

const pgliteParsers = {
  20: (v: string) => Number(v),
  1700: (v: string) => Number(v),
  1082: (v: string) => v,
};

export type OpenOptions = {
  /** A postgres:// URL: use a PostgreSQL server. */
  url?: string;
  /** PGlite data folder; undefined means in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data folder (tests load a migrated template this way). */
  loadDataDir?: Blob;
  poolSize?: number;
  /**
   * PostgreSQL: longest wait for a connection, from the pool or a new one (default 10 s). While the
   * server restarts a request fails after this long instead of hanging, and answers 503.
   */
  connectTimeoutMs?: number;
  /** PostgreSQL: `statement_timeout` of every connection (unset: none). */
  statementTimeoutMs?: number;
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      // Dead peers (a server that vanished without closing the socket) are noticed.
      keepAlive: true,
    });
    pool.on('error', () => {
      /* idle client errors are reported on next use */
    });
    // The pool listens for errors only on idle connections. One checked out between two statements
    // (a transaction, a stream) when the server ends it (a restart) would emit an unhandled 'error'
    // and end the process; with this listener its statement fails (answered 503) and the pool drops
    // the connection when it comes back.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = options.url;
    return {
      kind: 'postgres',
      db,
      pool,
      withClient: async (fn) => {
        const client = await pool.connect();
        let failed = false;
        try {
          return await fn(client);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          // a connection a failure may have left mid-transaction or mid-COPY is dropped, not reused
          client.release(failed);
        }
      },
      close: () => db.destroy(),
      listen: async (channel, onMessage, onState) => {
        if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name: ${channel}`);
        return listenOnServer(url, channel, onMessage, onState);
      },
    };
  }
  if (options.dataDir) fs.mkdirSync(path.resolve(options.dataDir), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir ? path.resolve(options.dataDir) : undefined,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, btree_gist },
    parsers: pgliteParsers,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return {
    kind: 'pglite',
    db,
    close: async () => {
      await db.destroy();
    },
    dumpDataDir: () => pglite.dumpDataDir('none'),
    // one process holds the whole database: its notifications cannot be missed
    listen: async (channel, onMessage, onState) => {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name: ${channel}`);
      const unlisten = await pglite.listen(channel, onMessage);
      onState(true);
      return async () => {
        onState(false);
        if (!pglite.closed) await unlisten().catch(() => undefined);
      };
    },
  };
}

