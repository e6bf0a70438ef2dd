import {
  CREDIT_FORMULA_STATUS_LABELS,
  describeCreditFormula,
  validateCreditFormula,
  type CreditFormulaView,
  type CreditProfile,
  type CreditProfileResponse,
  type SaveCreditFormulaRequest,
} from '@yuanqi/contract';
import { sql } from 'kysely';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, invalidState, notFound, validationError } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { liveConsentScopes } from '../market/consents.js';
import { applyCreditFormula, creditProfileFor } from './profile.js';

type FormulaRow = {
  id: string;
  version: number;
  name: string;
  note: string | null;
  status: 'draft' | 'published' | 'retired';
  definition: CreditFormulaView['definition'];
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  retired_at: Date | null;
  created_by_name: string | null;
  published_by_name: string | null;
};

function present(r: FormulaRow): CreditFormulaView {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    note: r.note,
    status: r.status,
    statusLabel: CREDIT_FORMULA_STATUS_LABELS[r.status],
    definition: r.definition,
    description: describeCreditFormula(r.definition),
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
    publishedByName: r.published_by_name,
    retiredAt: r.retired_at?.toISOString() ?? null,
  };
}

function formulasQuery(ctx: AppContext, parkId: string) {
  return ctx.db
    .selectFrom('finance_credit_formulas as f')
    .leftJoin('users as c', 'c.id', 'f.created_by')
    .leftJoin('users as p', 'p.id', 'f.published_by')
    .select(['f.id', 'f.version', 'f.name', 'f.note', 'f.status', 'f.definition', 'f.created_at', 'f.updated_at', 'f.published_at', 'f.retired_at', 'c.display_name as created_by_name', 'p.display_name as published_by_name'])
    .where('f.park_id', '=', parkId);
}

/** Every version, newest first (the one in force marked published). */
export async function listCreditFormulas(ctx: AppContext, actor: Actor): Promise<CreditFormulaView[]> {
  const rows = await formulasQuery(ctx, actor.parkId).orderBy('f.version', 'desc').execute();
  return rows.map((r) => present(r as FormulaRow));
}

export async function getCreditFormula(ctx: AppContext, actor: Actor, id: string): Promise<CreditFormulaView> {
  const row = await formulasQuery(ctx, actor.parkId).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('信用画像公式');
  return present(row as FormulaRow);
}

function assertValid(input: SaveCreditFormulaRequest): void {
  const issues = validateCreditFormula(input.definition);
  if (issues.length) throw validationError(issues.map((i) => ({ path: `definition.${i.path}`, message: i.message })));
}

/** A new draft version (the next number of the park). */
export async function createCreditFormula(ctx: AppContext, actor: Actor, input: SaveCreditFormulaRequest): Promise<CreditFormulaView> {
  assertValid(input);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    // one new version number at a time per park (the unique key would refuse a duplicate anyway)
    await sql`select pg_advisory_xact_lock(hashtext('finance_credit_formulas:' || ${actor.parkId}))`.execute(trx);
    const last = await trx.selectFrom('finance_credit_formulas').select(sql<number>`coalesce(max(version), 0)::int`.as('v')).where('park_id', '=', actor.parkId).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('finance_credit_formulas')
      .values({ park_id: actor.parkId, version: Number(last.v) + 1, name: input.name, note: input.note ?? null, status: 'draft', definition: JSON.stringify(input.definition), created_by: actor.userId, created_at: now, updated_at: now })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'finance_credit_formula', entityId: row.id, before: null, after: { version: row.version, name: input.name, definition: input.definition } }], now);
    return row.id;
  });
  return getCreditFormula(ctx, actor, id);
}

/** Edits a draft; a published or retired version is never changed (409). */
export async function updateCreditFormula(ctx: AppContext, actor: Actor, id: string, input: SaveCreditFormulaRequest): Promise<CreditFormulaView> {
  assertValid(input);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('finance_credit_formulas').select(['status', 'name', 'definition']).where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('信用画像公式');
    if (before.status !== 'draft') throw invalidState('只有草稿可以修改;已发布或已停用的版本请另存为新草稿');
    await trx
      .updateTable('finance_credit_formulas')
      .set({ name: input.name, note: input.note ?? null, definition: JSON.stringify(input.definition), updated_at: now })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'finance_credit_formula', entityId: id, before: { name: before.name, definition: before.definition }, after: { name: input.name, definition: input.definition } }], now);
  });
  return getCreditFormula(ctx, actor, id);
}

/** Publishes a draft: the version in force is retired (kept) in the same transaction. */
export async function publishCreditFormula(ctx: AppContext, actor: Actor, id: string): Promise<CreditFormulaView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('finance_credit_formulas:' || ${actor.parkId}))`.execute(trx);
    const draft = await trx.selectFrom('finance_credit_formulas').select(['status', 'version', 'definition']).where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!draft) throw notFound('信用画像公式');
    if (draft.status !== 'draft') throw conflict(draft.status === 'published' ? '该版本已在生效中' : '已停用的版本不能再发布,请另存为新草稿');
    const issues = validateCreditFormula(draft.definition);
    if (issues.length) throw validationError(issues.map((i) => ({ path: `definition.${i.path}`, message: i.message })));
    const retired = await trx
      .updateTable('finance_credit_formulas')
      .set({ status: 'retired', retired_at: now, updated_at: now })
      .where('park_id', '=', actor.parkId)
      .where('status', '=', 'published')
      .returning(['id', 'version'])
      .execute();
    await trx
      .updateTable('finance_credit_formulas')
      .set({ status: 'published', published_at: now, published_by: actor.userId, updated_at: now })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute();
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [
        ...retired.map((r) => ({ action: 'retire', entity: 'finance_credit_formula', entityId: r.id, before: { status: 'published', version: r.version }, after: { status: 'retired' } })),
        { action: 'publish', entity: 'finance_credit_formula', entityId: id, before: { status: 'draft' }, after: { status: 'published', version: draft.version } },
      ],
      now,
    );
  });
  return getCreditFormula(ctx, actor, id);
}

/** A version (usually a draft) applied to one firm before publishing: nothing is stored. */
export async function testCreditFormula(ctx: AppContext, actor: Actor, id: string, enterpriseId: string): Promise<CreditProfile> {
  const formula = await getCreditFormula(ctx, actor, id);
  const issues = validateCreditFormula(formula.definition);
  if (issues.length) throw validationError(issues.map((i) => ({ path: `definition.${i.path}`, message: i.message })));
  const profile = await applyCreditFormula(ctx.db, actor.parkId, enterpriseId, formula, ctx.clock.now());
  if (!profile) throw notFound('企业');
  return profile;
}

/**
 * Who may see a firm's credit profile: staff with finance:read; the firm itself (and its liaison);
 * a bank only with the firm's live 'credit' consent. Anything else is 404, exactly as a firm that
 * does not exist.
 */
async function assertMayViewProfile(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<void> {
  if (can(actor, 'finance:read')) return;
  if (can(actor, 'finance:bank') && actor.bankId) {
    const scopes = await liveConsentScopes(ctx.db, actor.parkId, actor.bankId, enterpriseId);
    if (scopes.includes('credit')) return;
    throw notFound('企业信用画像');
  }
  if (can(actor, 'finance:apply')) {
    const scope = enterpriseScopeOf(actor);
    if (scope.kind === 'enterprise' && scope.enterpriseId === enterpriseId) return;
    if (scope.kind === 'liaison') {
      const mine = await ctx.db.selectFrom('enterprises').select('id').where('park_id', '=', actor.parkId).where('id', '=', enterpriseId).where('liaison_id', '=', actor.userId).executeTakeFirst();
      if (mine) return;
    }
  }
  throw notFound('企业信用画像');
}

export async function viewCreditProfile(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<CreditProfileResponse> {
  await assertMayViewProfile(ctx, actor, enterpriseId);
  const exists = await ctx.db.selectFrom('enterprises').select('id').where('park_id', '=', actor.parkId).where('id', '=', enterpriseId).executeTakeFirst();
  if (!exists) throw notFound('企业');
  return { profile: await creditProfileFor(ctx.db, actor.parkId, enterpriseId, ctx.clock.now()) };
}
