import { DEFAULT_DEMAND_CATEGORIES, DEMAND_CATEGORY_KIND, ZDemandCategoryExtra, type DemandCategory } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { AppError } from '../../../platform/errors.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Seeds the default categories into a park that has none (idempotent, safe under concurrency). */
export async function ensureDemandCategories(trx: Executor, parkId: string): Promise<void> {
  const any = await trx.selectFrom('dictionaries').select('code').where('park_id', '=', parkId).where('kind', '=', DEMAND_CATEGORY_KIND).limit(1).executeTakeFirst();
  if (any) return;
  await trx
    .insertInto('dictionaries')
    .values(
      DEFAULT_DEMAND_CATEGORIES.map((c, i) => ({
        park_id: parkId,
        kind: DEMAND_CATEGORY_KIND,
        code: c.code,
        label: c.label,
        sort: i + 1,
        extra: JSON.stringify({ acceptDays: c.acceptDays, answerDays: c.answerDays }),
      })),
    )
    .onConflict((oc) => oc.columns(['park_id', 'kind', 'code']).doNothing())
    .execute();
}

const FALLBACK = { acceptDays: 1, answerDays: 5 };

function deadlinesOf(code: string, extra: unknown): { acceptDays: number; answerDays: number } {
  const parsed = ZDemandCategoryExtra.safeParse(extra);
  if (parsed.success) return parsed.data;
  const builtin = DEFAULT_DEMAND_CATEGORIES.find((c) => c.code === code);
  return builtin ? { acceptDays: builtin.acceptDays, answerDays: builtin.answerDays } : FALLBACK;
}

/** The park's categories by code (creating the defaults on first use). */
export async function loadCategories(db: Executor, parkId: string): Promise<Map<string, DemandCategory>> {
  let rows = await db
    .selectFrom('dictionaries')
    .select(['code', 'label', 'sort', 'active', 'extra'])
    .where('park_id', '=', parkId)
    .where('kind', '=', DEMAND_CATEGORY_KIND)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  if (rows.length === 0) {
    await ensureDemandCategories(db, parkId);
    rows = await db
      .selectFrom('dictionaries')
      .select(['code', 'label', 'sort', 'active', 'extra'])
      .where('park_id', '=', parkId)
      .where('kind', '=', DEMAND_CATEGORY_KIND)
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }
  return new Map(rows.map((r) => [r.code, { code: r.code, label: r.label, sort: r.sort, active: r.active, ...deadlinesOf(r.code, r.extra) }]));
}

const DISPLAY_TTL_MS = 30_000;
const displayCache = new Map<string, { at: number; categories: Map<string, DemandCategory> }>();

/**
 * The park's categories for showing labels on lists: cached per process for 30 s (as the calendar
 * is), so a busy board does not re-read the dictionary on every request. Rules (deadlines) always
 * read `loadCategories` inside their transaction.
 */
export async function categoriesForDisplay(db: Executor, parkId: string): Promise<Map<string, DemandCategory>> {
  const hit = displayCache.get(parkId);
  if (hit && Date.now() - hit.at < DISPLAY_TTL_MS) return hit.categories;
  const categories = await loadCategories(db, parkId);
  displayCache.set(parkId, { at: Date.now(), categories });
  return categories;
}

/** The active category `code`, or a 400 naming the field. */
export function requireCategory(categories: Map<string, DemandCategory>, code: string, path = 'category'): DemandCategory {
  // People (and other systems) send the category as its code or as its Chinese name: 融资.
  const category = categories.get(code) ?? [...categories.values()].find((c) => c.label === code.trim());
  if (!category || !category.active) {
    const known = [...categories.values()].filter((c) => c.active).map((c) => `${c.code}(${c.label})`).join('、');
    throw new AppError('VALIDATION_FAILED', `诉求类别“${code}”不存在或已停用`, [{ path, message: `应为:${known}` }]);
  }
  return category;
}

export function categoryLabel(categories: Map<string, DemandCategory>, code: string): string {
  return categories.get(code)?.label ?? code;
}
