import { buildMatchingSubject, type MatchingSubject } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Loading the subjects of the matching sweep: registry attributes from `enterprises` and every
 * reported fact from `enterprise_facts`, one round trip per batch of firms.
 *
 * A batch comes back as ONE row with two values built by PostgreSQL: the firms as a JSON array,
 * and their facts as one text, a line per firm (`id␟key@year␟value␟key@year␟value…`, lines
 * separated by ␞), gathered in primary-key order. The database's own core does the gathering
 * (cheaper in PostgreSQL than building JSON per fact), the driver hands over two values instead
 * of a row per fact, and Node.js splits the text. Fact keys are interned ('new_hires@2025' is one
 * string shared by every firm), which makes building the Maps and the compiled rules' lookups
 * cheap. Batches are read in id order (keyset pagination, no OFFSET) and the next batch is
 * requested before the current one is turned into subjects, so the database and Node.js work at
 * the same time. Fact keys are identifiers (fact_definitions: ^[a-z][a-z0-9_]+$); text values
 * travel JSON-encoded, so no value can break the framing.
 */

export type LoadSubjectsOptions = {
  /** Only these firms (any order; unknown ids are skipped). */
  enterpriseIds?: readonly string[];
  /** Firms per round trip (default 5,000). */
  batchSize?: number;
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
      e = { k: token, key: token.slice(0, at), year };
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
          const value = factValue(text.slice(keyEnd + 1, valueEnd));
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

function selectBatch(db: Executor, parkId: string, where: ReturnType<typeof sql>, limit: number | null, factsWhere: ReturnType<typeof sql>) {
  return sql<BatchRow>`
    with b as (
      select e.id, e.is_above_scale, e.chain, e.industry_code, e.headcount, e.annual_revenue_fen,
             e.registered_capital_fen, e.founded_on, e.tags
        from enterprises e
       where e.park_id = ${parkId} and ${where}
       order by e.id
       ${limit === null ? sql`` : sql`limit ${limit}`})
    select
      (select json_agg(json_build_array(b.id, b.is_above_scale, b.chain, b.industry_code, b.headcount, b.annual_revenue_fen,
                                        b.registered_capital_fen, b.founded_on, b.tags) order by b.id)
         from b)::text as firms,
      (select string_agg(g.enterprise_id::text || chr(31) || g.line, chr(30))
         from (select f.enterprise_id,
                      string_agg(f.key || '@' || f.year || chr(31) ||
                                 coalesce(f.value_number::text, to_json(f.value_text)::text, f.value_bool::text), chr(31)) as line
                 from enterprise_facts f
                where f.park_id = ${parkId} and ${factsWhere}
                  and (f.value_number is not null or f.value_text is not null or f.value_bool is not null)
                group by f.enterprise_id) g) as facts`.execute(db);
}

async function parseBatch(pending: ReturnType<typeof selectBatch>, interner: KeyInterner): Promise<MatchingSubject[]> {
  const { rows } = await pending;
  const row = rows[0];
  if (!row?.firms) return [];
  return toSubjects(JSON.parse(row.firms) as FirmTuple[], row.facts, interner);
}

/** Yields the park's subjects batch by batch (keyset pagination; the next batch is fetched while one is built). */
export async function* streamMatchingSubjects(db: Executor, parkId: string, options: LoadSubjectsOptions = {}): AsyncGenerator<MatchingSubject[]> {
  const interner = new KeyInterner();
  if (options.enterpriseIds) {
    const ids = [...new Set(options.enterpriseIds)];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = sql.join(ids.slice(i, i + ID_CHUNK));
      yield await parseBatch(selectBatch(db, parkId, sql`e.id in (${chunk})`, null, sql`f.enterprise_id in (${chunk})`), interner);
    }
    return;
  }
  const batch = Math.max(1, Math.floor(options.batchSize ?? 5000));
  // the facts of the batch: the primary-key range between its first and last firm
  const range = sql`f.enterprise_id >= (select id from b order by id limit 1) and f.enterprise_id <= (select id from b order by id desc limit 1)`;
  // a batch requested ahead and then not awaited (the consumer stopped) must not be an unhandled rejection
  const ahead = <T,>(p: Promise<T>): Promise<T> => (p.catch(() => undefined), p);
  let pending = ahead(selectBatch(db, parkId, sql`true`, batch, range));
  for (;;) {
    const subjects = await parseBatch(pending, interner);
    if (subjects.length === 0) return;
    const more = subjects.length === batch;
    if (more) pending = ahead(selectBatch(db, parkId, sql`e.id > ${subjects[subjects.length - 1].enterpriseId}`, batch, range));
    yield subjects;
    if (!more) return;
  }
}

/** Every subject of the park (or of the given firms), in id order. */
export async function loadMatchingSubjects(db: Executor, parkId: string, options: LoadSubjectsOptions = {}): Promise<MatchingSubject[]> {
  const out: MatchingSubject[] = [];
  for await (const batch of streamMatchingSubjects(db, parkId, options)) for (const s of batch) out.push(s);
  return out;
}
