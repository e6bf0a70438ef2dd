import { ColumnWriter, buildMatchingSubject, internedFactKey, type FactLayout, type FactTarget, type FirmColumns, type MatchingSubject } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Loading the subjects of the matching sweep: registry attributes from `enterprises` and every
 * reported fact from `enterprise_fact_lines` (one line per firm, kept from `enterprise_facts` by a
 * trigger: migration 20261207-0002), one round trip per batch of firms.
 *
 * A batch comes back as ONE row with two values built by PostgreSQL: the firms as a JSON array,
 * and their facts as one text, a line per firm (`id␟key@year␟value␟key@year␟value…`, lines
 * separated by ␞), in primary-key order. The lines are written when facts change, so a sweep
 * only joins them; the driver hands over two values instead of a row per fact, and Node.js splits
 * the text. Fact keys are interned ('new_hires@2025' is one string shared by every firm, and the
 * very string object the compiled rules look up — see `internedFactKey` — so a lookup matches by
 * identity), and plain decimals are read in place without cutting a string per value, which makes
 * building the Maps and the rules' lookups cheap. Batches are id ranges read in id order, and the
 * next batch is requested before the current one is turned into subjects, so the database and
 * Node.js work at the same time. Fact keys are identifiers (fact_definitions: ^[a-z][a-z0-9_]+$);
 * text values travel JSON-encoded, so no value can break the framing.
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

type InternedKey = { k: string; key: string; year: number };

/** Interned `${key}@${year}` strings, per loader call. */
class KeyInterner {
  private map = new Map<string, InternedKey>();
  get(token: string): InternedKey | null {
    let e = this.map.get(token);
    if (e === undefined) {
      const at = token.lastIndexOf('@');
      const year = Number(token.slice(at + 1));
      if (at <= 0 || !Number.isInteger(year)) return null;
      // the same string object the compiled rules look up (identity instead of a text comparison)
      const key = token.slice(0, at);
      e = { k: internedFactKey(key, year), key, year };
      this.map.set(token, e);
    }
    return e;
  }
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

function toSubjects(firms: FirmTuple[], factText: string | null, interner: KeyInterner): MatchingSubject[] {
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
          const e = value === null ? null : interner.get(text.slice(pos, keyEnd));
          pos = valueEnd + 1;
          if (e === null) continue;
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

type BatchRow = { firms: string | null; facts: string | null };

function selectBatch(db: Executor, parkId: string, where: ReturnType<typeof sql>, factsWhere: ReturnType<typeof sql>) {
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
        where f.park_id = ${parkId} and ${factsWhere}) as facts`.execute(db);
}

async function parseBatch(pending: ReturnType<typeof selectBatch>, interner: KeyInterner): Promise<MatchingSubject[]> {
  const { rows } = await pending;
  const row = rows[0];
  if (!row?.firms) return [];
  return toSubjects(JSON.parse(row.firms) as FirmTuple[], row.facts, interner);
}

/**
 * Yields the park's subjects batch by batch, in id order. The batches are id ranges fixed up front
 * (every `batchSize`-th id, from the primary key), so a batch never waits for the previous one to
 * know where to start: the next batch is already being gathered by PostgreSQL (on another
 * connection when the pool has one) while this one is parsed and then matched by the caller.
 */
export async function* streamMatchingSubjects(db: Executor, parkId: string, options: LoadSubjectsOptions = {}): AsyncGenerator<MatchingSubject[]> {
  const interner = new KeyInterner();
  for await (const b of streamBatches(db, parkId, options, (p) => parseBatch(p, interner))) if (b.length > 0 || options.enterpriseIds) yield b;
}

/** The batches of the park (or of the given firms), each parsed by `parse`, in id order. */
async function* streamBatches<T>(db: Executor, parkId: string, options: LoadSubjectsOptions, parse: (pending: ReturnType<typeof selectBatch>) => Promise<T>): AsyncGenerator<T> {
  if (options.enterpriseIds) {
    const ids = [...new Set(options.enterpriseIds)];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = sql.join(ids.slice(i, i + ID_CHUNK));
      yield await parse(selectBatch(db, parkId, sql`e.id in (${chunk})`, sql`f.enterprise_id in (${chunk})`));
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
        ? selectBatch(db, parkId, sql`e.id >= ${lo}`, sql`f.enterprise_id >= ${lo}`)
        : selectBatch(db, parkId, sql`e.id >= ${lo} and e.id < ${hi}`, sql`f.enterprise_id >= ${lo} and f.enterprise_id < ${hi}`);
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

/** A `key@year` token of the fact lines and where its values go (`skip`: no rule reads it). */
type TokenEntry = { token: string; skip: boolean; target: FactTarget | null; latest: number; year: number; next: TokenEntry | null };

/**
 * The tokens of one sweep, found in the fact text without cutting a string per fact: a hash of
 * the token's characters picks a bucket, `startsWith` at the position confirms it. A token is cut
 * and parsed once, the first time it is met.
 */
class TokenTable {
  private buckets = new Int32Array(256).fill(-1);
  private readonly entries: TokenEntry[] = [];
  /** The token a line started with last time (lines list their facts in much the same order). */
  head: TokenEntry | null = null;

  constructor(private readonly layout: FactLayout) {}

  find(text: string, from: number, to: number): TokenEntry | null {
    let h = to - from;
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const mask = this.buckets.length - 1;
    const len = to - from;
    let at = h & mask;
    for (let e = this.buckets[at]; e >= 0; e = this.buckets[at]) {
      const entry = this.entries[e];
      if (entry.token.length === len && text.startsWith(entry.token, from)) return entry;
      at = (at + 1) & mask;
    }
    const token = text.slice(from, to);
    const sep = token.lastIndexOf('@');
    const year = Number(token.slice(sep + 1));
    if (sep <= 0 || !Number.isInteger(year)) return null;
    const key = token.slice(0, sep);
    const latest = this.layout.latestIndex(key);
    const target = latest >= 0 ? null : this.layout.exactTarget(key, year);
    const entry: TokenEntry = { token, skip: latest < 0 && target === null, target, latest, year, next: null };
    this.buckets[at] = this.entries.length;
    this.entries.push(entry);
    if (this.entries.length * 2 > this.buckets.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    this.buckets = new Int32Array(this.buckets.length * 2).fill(-1);
    const mask = this.buckets.length - 1;
    this.entries.forEach((entry, e) => {
      let h = entry.token.length;
      for (let i = 0; i < entry.token.length; i++) h = (Math.imul(h, 31) + entry.token.charCodeAt(i)) | 0;
      let at = h & mask;
      while (this.buckets[at] >= 0) at = (at + 1) & mask;
      this.buckets[at] = e;
    });
  }
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

function toColumns(firms: FirmTuple[], factText: string | null, layout: FactLayout, tokens: TokenTable): FirmColumns {
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
        let prev: TokenEntry | null = null;
        while (pos < lineEnd) {
          const keyEnd = text.indexOf(US, pos);
          if (keyEnd < 0 || keyEnd >= lineEnd) break;
          let valueEnd = text.indexOf(US, keyEnd + 1);
          if (valueEnd < 0 || valueEnd > lineEnd) valueEnd = lineEnd;
          // the token that followed the previous one last time, confirmed in place; else the table
          let e: TokenEntry | null = prev === null ? tokens.head : prev.next;
          if (e === null || e.token.length !== keyEnd - pos || !text.startsWith(e.token, pos)) {
            e = tokens.find(text, pos, keyEnd);
            if (prev === null) tokens.head = e;
            else prev.next = e;
          }
          prev = e;
          if (e !== null && !e.skip) {
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

async function parseColumns(pending: ReturnType<typeof selectBatch>, layout: FactLayout, tokens: TokenTable): Promise<FirmColumns | null> {
  const { rows } = await pending;
  const row = rows[0];
  if (!row?.firms) return null;
  return toColumns(JSON.parse(row.firms) as FirmTuple[], row.facts, layout, tokens);
}

/**
 * The sweep's loader: the park's firms (or the given ones) batch by batch in id order, as
 * `streamMatchingSubjects` reads them, but written straight into columns in the layout's shape
 * (`FirmColumns`): no Map and no key string per firm, and the facts no rule reads are skipped
 * without reading their values. The layout must hold every rule's slots before the first batch.
 */
export async function* streamFirmColumns(db: Executor, parkId: string, layout: FactLayout, options: LoadSubjectsOptions = {}): AsyncGenerator<FirmColumns> {
  const tokens = new TokenTable(layout);
  for await (const b of streamBatches(db, parkId, options, (p) => parseColumns(p, layout, tokens))) if (b !== null && b.size > 0) yield b;
}
