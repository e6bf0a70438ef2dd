import type { ItemSearchInfo, ItemSort } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { findSynonymEntries } from './repository.js';
import { codeFragmentOf, expandQuery, minimumHits, normalizeQuery, queryTermsOf, type SynonymEntry } from './search-terms.js';
import { queryItems, type ItemFilters, type ItemPage, type ItemSearch } from './search-repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The park's synonyms, kept for 30 s per process: the search reads them on every keystroke.
 * A synonym write clears its park at once in the process that made it; other processes catch up
 * within the TTL — and only the ranking boost waits, because the items' search terms (which make
 * them found) are re-indexed in the write's own transaction.
 */
const SYNONYM_TTL_MS = 30_000;
const synonymCache = new Map<string, { at: number; entries: SynonymEntry[] }>();

export function forgetSynonyms(parkId: string): void {
  synonymCache.delete(parkId);
}

async function synonymsOf(db: Executor, parkId: string): Promise<SynonymEntry[]> {
  const cached = synonymCache.get(parkId);
  if (cached && Date.now() - cached.at < SYNONYM_TTL_MS) return cached.entries;
  const entries = await findSynonymEntries(db, parkId);
  synonymCache.set(parkId, { at: Date.now(), entries });
  return entries;
}

/** Reads a query the way the catalogue is indexed, with the park's synonyms. Null for a blank query. */
export async function analyzeQuery(db: Executor, parkId: string, raw: string | undefined): Promise<ItemSearch | null> {
  if (!raw || raw.trim() === '') return null;
  const normalized = normalizeQuery(raw);
  if (normalized === '') return null;
  const synonyms = await synonymsOf(db, parkId);
  const terms = queryTermsOf(normalized);
  return {
    normalized,
    terms,
    expansions: expandQuery(normalized, synonyms),
    code: codeFragmentOf(raw),
    minHits: minimumHits(terms.length),
  };
}

export function searchInfoOf(search: ItemSearch | null): ItemSearchInfo | null {
  return search ? { normalized: search.normalized, expandedTerms: search.expansions } : null;
}

/**
 * The catalogue search used by the guide, the admin list and the global search box. When half
 * of a long query's terms match nothing, it retries accepting any one term, so a wordy query
 * still finds the nearest items rather than nothing.
 */
export async function searchItems(
  db: Executor,
  parkId: string,
  filters: ItemFilters,
  search: ItemSearch | null,
  page: { limit: number; offset: number; sort?: ItemSort },
): Promise<ItemPage> {
  const first = await queryItems(db, parkId, filters, search, page);
  if (search && first.total === 0 && search.minHits > 1) {
    return queryItems(db, parkId, filters, { ...search, minHits: 1 }, page);
  }
  return first;
}
