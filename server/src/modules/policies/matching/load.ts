import { ColumnWriter, buildMatchingSubject, internedFactKey, type FactLayout, type FactTarget, type FirmColumns, type MatchingSubject } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Loading the subjects of the matching sweep: registry attributes from `enterprises` and every
 * reported fact from `enterprise_fact_lines` (one line per firm, kept from `enterprise_facts` by a
 * trigger: migration 20261207-0002), one round trip per batch of firms.
 *
 * A batch comes back as ONE row built by PostgreSQL: the firms as a JSON array, and their facts as
 * one text, a line per firm (`id␟token␟value␟token␟value…`, lines separated by ␞), in primary-key
 * order. The lines are written when facts change, so a sweep only joins them; the driver hands over
 * a few values instead of a row per fact, and Node.js splits the text. A fact is named in a line by
 * its token, a small number from the park's `fact_tokens` (migration 20261207-0009) that stands for
 * its `key@year` for good: the stream reads the park's token list with its first batch, and again
 * only when a batch reports more tokens than it knows (a fact key or year first used while it
 * streams — the batch's own snapshot holds every token its lines name, so the list read after it
 * does too).
 * Plain decimals are read in place without cutting a string per value. Batches are id ranges read
 * in id order, and the next batch is requested before the current one is parsed, so the database
 * and Node.js work at the same time. Text values travel JSON-encoded (control characters escaped),
 * so no value can break the framing.
 */

export type LoadSubjectsOptions = {
  /** Only these firms (any order; unknown ids are skipped). */
  enterpriseIds?: readonly string[];
  /** Firms per round trip (default 5,000). */
  batchSize?: number;
  /** Only firms with `fromId ≤ id` (a partition of a parallel sweep). */
  fromId?: string;
  /** Only firms with `id < toId`. */
  toId?: string;
};

/** [id, is_above_scale, chain, industry_code, headcount, annual_revenue_fen, registered_capital_fen, founded_on, tags] */
type FirmTuple = [string, boolean, string | null, string | null, number | null, number | null, number | null, string | null, string[] | null];

const ID_CHUNK = 1000;
const US = '\x1f';
const RS = '\x1e';

/**
 * The tokens of one stream (`fact_tokens`: id → key and year), each made once into what the
 * parser needs (`make`), kept in an array indexed by the token's number.
 */
class Tokens<E> {
  readonly byId: (E | undefined)[] = [];
  private known = 0;

  constructor(private readonly make: (key: string, year: number) => E) {}

  private add(rows: [number, string, number][]): void {
    for (const [id, key, year] of rows) {
      if (this.byId[id] !== undefined) continue;
      this.byId[id] = this.make(key, year);
      this.known++;
    }
  }

  /** Brings the list up to what the batch's snapshot held: the list it carried, else a fresh read if it counted more. */
  async sync(db: Executor, parkId: string, row: BatchRow): Promise<void> {
    if (row.tokens) this.add(JSON.parse(row.tokens) as [number, string, number][]);
    if (Number(row.token_count ?? 0) > this.known) {
      const { rows } = await sql<{ list: string | null }>`select json_agg(json_build_array(id, key, year))::text as list from fact_tokens where park_id = ${parkId}`.execute(db);
      if (rows[0]?.list) this.add(JSON.parse(rows[0].list) as [number, string, number][]);
    }
  }
}

type InternedKey = { k: string; key: string; year: number };

/** The one-firm path's token: the very string object the compiled rules look up (identity instead of a text comparison). */
const internedToken = (key: string, year: number): InternedKey => ({ k: internedFactKey(key, year), key, year });

/** The token number written in `text[pos, end)` (its digits). */
function tokenAt(text: string, pos: number, end: number): number {
  let id = 0;
  for (; pos < end; pos++) {
    const c = text.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    id = id * 10 + (c - 48);
  }
  return id;
}

function factValue(text: string): number | string | boolean | null {
  const c = text.charCodeAt(0);
  if (c === 34 /* " */) return JSON.parse(text) as string;
  if (text === 'true') return true;
  if (text === 'false') return false;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A plain decimal (`-12.5`, `300`) read in place from `text[from, to)`, or NaN when it is anything
 * else (then `factValue` reads the slice). Exact: up to 15 digits the integer formed by the digits
 * and the power of ten are both exact doubles, so one division rounds correctly — the same double
 * as `Number()` gives.
 */
export function plainDecimal(text: string, from: number, to: number): number {
  let i = from;
  let negative = false;
  if (text.charCodeAt(i) === 45 /* - */) {
    negative = true;
    i++;
  }
  if (i >= to) return NaN;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 /* . */ && scale < 0) scale = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = scale > 0 ? mantissa / POW10[scale] : mantissa;
  return negative ? -v : v;
}

function toSubjects(firms: FirmTuple[], factText: string | null, tokens: Tokens<InternedKey>): MatchingSubject[] {
  const byId = new Map<string, MatchingSubject>();
  const out = firms.map((t) => {
    const subject = buildMatchingSubject(t[0], {
      isAboveScale: t[1],
      chain: t[2],
      industryCode: t[3],
      headcount: t[4],
      annualRevenueFen: t[5],
      registeredCapitalFen: t[6],
      foundedOn: t[7],
      tags: t[8] ?? [],
    });
    byId.set(t[0], subject);
    return subject;
  });
  if (factText) {
    // one pass over the text with indexOf: no intermediate arrays, only the key and value slices
    const text = factText;
    const end = text.length;
    let pos = 0;
    while (pos < end) {
      let lineEnd = text.indexOf(RS, pos);
      if (lineEnd < 0) lineEnd = end;
      let sep = text.indexOf(US, pos);
      if (sep < 0 || sep > lineEnd) sep = lineEnd;
      const subject = byId.get(text.slice(pos, sep));
      pos = sep + 1;
      if (subject) {
        const facts = subject.facts;
        const latest = subject.factLatestYear;
        while (pos < lineEnd) {
          const keyEnd = text.indexOf(US, pos);
          if (keyEnd < 0 || keyEnd >= lineEnd) break;
          let valueEnd = text.indexOf(US, keyEnd + 1);
          if (valueEnd < 0 || valueEnd > lineEnd) valueEnd = lineEnd;
          const fast = plainDecimal(text, keyEnd + 1, valueEnd);
          const value = fast === fast ? fast : factValue(text.slice(keyEnd + 1, valueEnd));
          const e = value === null ? undefined : tokens.byId[tokenAt(text, pos, keyEnd)];
          pos = valueEnd + 1;
          if (e === undefined) continue;
          facts.set(e.k, value!);
          const newest = latest.get(e.key);
          if (newest === undefined || e.year > newest) latest.set(e.key, e.year);
        }
      }
      pos = lineEnd + 1;
    }
  }
  return out;
}

type BatchRow = { firms: string | null; facts: string | null; token_count: number | string | null; tokens: string | null };

function selectBatch(db: Executor, parkId: string, where: ReturnType<typeof sql>, factsWhere: ReturnType<typeof sql>, withTokens: boolean) {
  return sql<BatchRow>`
    with b as (
      select e.id, e.is_above_scale, e.chain, e.industry_code, e.headcount, e.annual_revenue_fen,
             e.registered_capital_fen, e.founded_on, e.tags
        from enterprises e
       where e.park_id = ${parkId} and ${where})
    select
      (select json_agg(json_build_array(b.id, b.is_above_scale, b.chain, b.industry_code, b.headcount, b.annual_revenue_fen,
                                        b.registered_capital_fen, b.founded_on, b.tags) order by b.id)
         from b)::text as firms,
      (select string_agg(f.enterprise_id::text || chr(31) || f.line, chr(30))
         from enterprise_fact_lines f
        where f.park_id = ${parkId} and ${factsWhere}) as facts,
      (select count(*) from fact_tokens where park_id = ${parkId})::int as token_count,
      ${withTokens ? sql`(select json_agg(json_build_array(id, key, year)) from fact_tokens where park_id = ${parkId})::text` : sql`null::text`} as tokens`.execute(db);
}

type Pending = ReturnType<typeof selectBatch>;

async function parseBatch(db: Executor, parkId: string, pending: Pending, tokens: Tokens<InternedKey>): Promise<MatchingSubject[]> {
  const { rows } = await pending;
  const row = rows[0];
  if (!row?.firms) return [];
  await tokens.sync(db, parkId, row);
  return toSubjects(JSON.parse(row.firms) as FirmTuple[], row.facts, tokens);
}

/**
 * Yields the park's subjects batch by batch, in id order. The batches are id ranges fixed up front
 * (every `batchSize`-th id, from the primary key), so a batch never waits for the previous one to
 * know where to start: the next batch is already being gathered by PostgreSQL (on another
 * connection when the pool has one) while this one is parsed and then matched by the caller.
 */
export async function* streamMatchingSubjects(db: Executor, parkId: string, options: LoadSubjectsOptions = {}): AsyncGenerator<MatchingSubject[]> {
  const tokens = new Tokens(internedToken);
  for await (const b of streamBatches(db, parkId, options, (p) => parseBatch(db, parkId, p, tokens))) if (b.length > 0 || options.enterpriseIds) yield b;
}

/** The batches of the park (or of the given firms), each parsed by `parse`, in id order. */
async function* streamBatches<T>(db: Executor, parkId: string, options: LoadSubjectsOptions, parse: (pending: Pending) => Promise<T>): AsyncGenerator<T> {
  if (options.enterpriseIds) {
    const ids = [...new Set(options.enterpriseIds)];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = sql.join(ids.slice(i, i + ID_CHUNK));
      yield await parse(selectBatch(db, parkId, sql`e.id in (${chunk})`, sql`f.enterprise_id in (${chunk})`, i === 0));
    }
    return;
  }
  const batch = Math.max(1, Math.floor(options.batchSize ?? 5000));
  const { rows } = await sql<{ id: string }>`
    select x.id from (select e.id, row_number() over (order by e.id) as rn from enterprises e
                       where e.park_id = ${parkId}
                         ${options.fromId ? sql`and e.id >= ${options.fromId}` : sql``}
                         ${options.toId ? sql`and e.id < ${options.toId}` : sql``}) x
     where (x.rn - 1) % ${batch} = 0
     order by x.id`.execute(db);
  const starts = rows.map((r) => r.id);
  // the partition's own end closes its last batch
  const end = options.toId;
  // a batch requested ahead and then not awaited (the consumer stopped) must not be an unhandled rejection
  const request = (i: number) => {
    const lo = starts[i];
    const hi = starts[i + 1] ?? end;
    const p =
      hi === undefined
        ? selectBatch(db, parkId, sql`e.id >= ${lo}`, sql`f.enterprise_id >= ${lo}`, i === 0)
        : selectBatch(db, parkId, sql`e.id >= ${lo} and e.id < ${hi}`, sql`f.enterprise_id >= ${lo} and f.enterprise_id < ${hi}`, i === 0);
    p.catch(() => undefined);
    return p;
  };
  let next = starts.length > 0 ? request(0) : null;
  for (let i = 0; next !== null; i++) {
    const current = next;
    next = i + 1 < starts.length ? request(i + 1) : null;
    // a range emptied meanwhile (its firms deleted) yields an empty batch, which the callers skip
    yield await parse(current);
  }
}

/** Every subject of the park (or of the given firms), in id order. */
export async function loadMatchingSubjects(db: Executor, parkId: string, options: LoadSubjectsOptions = {}): Promise<MatchingSubject[]> {
  const out: MatchingSubject[] = [];
  for await (const batch of streamMatchingSubjects(db, parkId, options)) for (const s of batch) out.push(s);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The sweep's shape: batches of firm columns (issue 12)
// ---------------------------------------------------------------------------------------------

/** A token of the fact lines and where its values go (`skip`: no rule reads it). */
type TokenEntry = { skip: boolean; target: FactTarget | null; latest: number; year: number };

/** The sweep's token: the layout's slot for the key's latest year, else for this exact year, else skipped. */
function tokenEntry(layout: FactLayout): (key: string, year: number) => TokenEntry {
  return (key, year) => {
    const latest = layout.latestIndex(key);
    const target = latest >= 0 ? null : layout.exactTarget(key, year);
    return { skip: latest < 0 && target === null, target, latest, year };
  };
}

/** A fact value read in place from `text[from, to)` (null: not a value). */
function valueAt(text: string, from: number, to: number): number | string | boolean | null {
  const fast = plainDecimal(text, from, to);
  if (fast === fast) return fast;
  const len = to - from;
  if (len === 4 && text.startsWith('true', from)) return true;
  if (len === 5 && text.startsWith('false', from)) return false;
  return factValue(text.slice(from, to));
}

function toColumns(firms: FirmTuple[], factText: string | null, layout: FactLayout, tokens: Tokens<TokenEntry>): FirmColumns {
  const w = new ColumnWriter(layout, firms.length);
  for (let k = 0; k < firms.length; k++) {
    const t = firms[k];
    w.firm(k, t[0], {
      isAboveScale: t[1],
      chain: t[2],
      industryCode: t[3],
      headcount: t[4],
      annualRevenueFen: t[5],
      registeredCapitalFen: t[6],
      foundedOn: t[7],
      tags: t[8],
    });
  }
  if (factText) {
    // the lines come in id order as the firms do: the next firm is tried first, the index otherwise
    let byId: Map<string, number> | null = null;
    let expected = 0;
    const tokenById = tokens.byId;
    const text = factText;
    const end = text.length;
    let pos = 0;
    while (pos < end) {
      let lineEnd = text.indexOf(RS, pos);
      if (lineEnd < 0) lineEnd = end;
      let sep = text.indexOf(US, pos);
      if (sep < 0 || sep > lineEnd) sep = lineEnd;
      let k = -1;
      if (expected < firms.length && sep - pos === firms[expected][0].length && text.startsWith(firms[expected][0], pos)) k = expected;
      else {
        byId ??= new Map(firms.map((f, i) => [f[0], i]));
        k = byId.get(text.slice(pos, sep)) ?? -1;
      }
      pos = sep + 1;
      if (k >= 0) {
        expected = k + 1;
        w.begin(k);
        while (pos < lineEnd) {
          const keyEnd = text.indexOf(US, pos);
          if (keyEnd < 0 || keyEnd >= lineEnd) break;
          let valueEnd = text.indexOf(US, keyEnd + 1);
          if (valueEnd < 0 || valueEnd > lineEnd) valueEnd = lineEnd;
          const e = tokenById[tokenAt(text, pos, keyEnd)];
          if (e !== undefined && !e.skip) {
            const value = valueAt(text, keyEnd + 1, valueEnd);
            if (value !== null) {
              if (e.latest >= 0) w.latestFact(e.latest, e.year, value);
              else w.exact(e.target!, value);
            }
          }
          pos = valueEnd + 1;
        }
        w.end();
      }
      pos = lineEnd + 1;
    }
  }
  return w.batch;
}

async function parseColumns(db: Executor, parkId: string, pending: Pending, layout: FactLayout, tokens: Tokens<TokenEntry>): Promise<FirmColumns | null> {
  const { rows } = await pending;
  const row = rows[0];
  if (!row?.firms) return null;
  await tokens.sync(db, parkId, row);
  return toColumns(JSON.parse(row.firms) as FirmTuple[], row.facts, layout, tokens);
}

/**
 * The sweep's loader: the park's firms (or the given ones) batch by batch in id order, as
 * `streamMatchingSubjects` reads them, but written straight into columns in the layout's shape
 * (`FirmColumns`): no Map and no key string per firm, and the facts no rule reads are skipped
 * without reading their values. The layout must hold every rule's slots before the first batch.
 */
export async function* streamFirmColumns(db: Executor, parkId: string, layout: FactLayout, options: LoadSubjectsOptions = {}): AsyncGenerator<FirmColumns> {
  const tokens = new Tokens(tokenEntry(layout));
  for await (const b of streamBatches(db, parkId, options, (p) => parseColumns(db, parkId, p, layout, tokens))) if (b !== null && b.size > 0) yield b;
}
