import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Adapts one PGlite instance to the pool interface Kysely's PostgresDialect expects. PGlite is a
 * single connection, so the pool hands it to one borrower at a time: a transaction therefore owns
 * the database until it commits, and concurrent requests queue instead of interleaving statements.
 */
export class PGlitePool implements PostgresPool {
  private queue: (() => void)[] = [];
  private busy = false;
  constructor(private readonly pg: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.busy) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.busy = true;
    let released = false;
    const client: PostgresPoolClient = {
      query: (async (sqlText: string, parameters: readonly unknown[]) => {
        const result = await this.pg.query(sqlText, parameters as unknown[]);
        const command = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? 'SELECT';
        return {
          command: command as PostgresQueryResult<unknown>['command'],
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        const next = this.queue.shift();
        if (next) next();
        else this.busy = false;
      },
    };
    return client;
  }

  async end(): Promise<void> {
    await this.pg.close();
  }
}
