import {
  PRODUCT_STATE_LABELS,
  PRODUCT_TYPE_LABELS,
  productRangeIssues,
  type CollateralKind,
  type CreateProductRequest,
  type ListProductsQuery,
  type ProductList,
  type ProductState,
  type ProductType,
  type ProductView,
  type UpdateProductRequest,
  type ZCreateProductRequest,
  type ZListProductsQuery,
  type ZUpdateProductRequest,
} from '@yuanqi/contract';
import type { z } from 'zod';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/working-calendar.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound, validationError } from '../../../platform/errors.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { findEnterpriseFit, findProduct, findProducts, lockProduct, type FitTarget, type ProductFilter, type ProductRow, type ProductVisibility } from './repository.js';

export type { CreateProductRequest, ListProductsQuery, UpdateProductRequest };

const PRODUCT = '金融产品';
const INSTITUTION = '金融机构';

/** Which products the actor sees: the park's (finance staff), its bank's plus the market (a bank), the market (firms, liaisons). */
export function visibilityOf(actor: Actor): ProductVisibility {
  if (can(actor, 'finance:read')) return { kind: 'all' };
  if (can(actor, 'finance:bank') && actor.bankId) return { kind: 'bank', bankId: actor.bankId };
  if (can(actor, 'finance:apply') || can(actor, 'finance:bank')) return { kind: 'market' };
  throw forbidden();
}

/** Its bank's staff and the finance officer may change a product. */
function mayEdit(actor: Actor, bankId: string): boolean {
  return can(actor, 'finance:manage') || (can(actor, 'finance:bank') && actor.bankId === bankId);
}

export function stateOf(row: { status: string; valid_from: string; valid_to: string | null }, today: string): ProductState {
  if (row.status === 'draft') return 'draft';
  if (row.status === 'withdrawn') return 'withdrawn';
  if (row.valid_from > today) return 'scheduled';
  if (row.valid_to !== null && row.valid_to < today) return 'expired';
  return 'available';
}

export function presentProduct(r: ProductRow, actor: Actor, today: string): ProductView {
  const state = stateOf(r, today);
  return {
    id: r.id,
    bankId: r.bank_id,
    bankName: r.bank_name,
    bankShortName: r.bank_short_name ?? r.bank_name,
    institutionKind: r.bank_kind,
    strategic: r.strategic,
    name: r.name,
    type: r.type as ProductType,
    typeLabel: PRODUCT_TYPE_LABELS[r.type as ProductType] ?? r.type,
    rateMinBp: r.rate_min_bp,
    rateMaxBp: r.rate_max_bp,
    termMinMonths: r.term_min_months,
    termMaxMonths: r.term_max_months,
    amountMinFen: Number(r.amount_min_fen),
    amountMaxFen: Number(r.amount_max_fen),
    collateral: r.collateral as CollateralKind[],
    targetChains: r.target_chains,
    targetTags: r.target_tags,
    targetNote: r.target_note,
    description: r.description,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    state,
    stateLabel: PRODUCT_STATE_LABELS[state],
    fits: r.fits,
    editable: mayEdit(actor, r.bank_id),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const todayOf = (ctx: AppContext) => shanghaiDate(ctx.clock.now());

/**
 * The firm 适合我 is computed for: an enterprise account's own; for a liaison or staff the firm
 * named by `enterpriseId`, within their scope (else 404). Null when no firm is in question.
 */
async function fitTargetOf(ctx: AppContext, actor: Actor, enterpriseId: string | undefined, required: boolean): Promise<(FitTarget & { name: string }) | null> {
  // an enterprise account's own firm unless it names one (another firm is out of its scope: 404)
  const id = enterpriseId ?? actor.enterpriseId ?? undefined;
  if (!id) {
    if (required) throw new AppError('VALIDATION_FAILED', '适合我:请先选择企业', [{ path: 'enterpriseId', message: '适合我:请先选择企业' }]);
    return null;
  }
  const scope = enterpriseScopeOf(actor);
  const inScope = await ctx.db
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', id)
    .where((eb) => inEnterpriseScope<any, any>(scope, 'park_id', 'id')(eb))
    .executeTakeFirst();
  if (!inScope) throw notFound('企业');
  const firm = await findEnterpriseFit(ctx.db, actor.parkId, id);
  if (!firm) throw notFound('企业');
  return { name: firm.name, chain: firm.chain, tags: firm.tags ?? [] };
}

function filterOf(ctx: AppContext, actor: Actor, q: z.output<typeof ZListProductsQuery>, fit: FitTarget | null): ProductFilter {
  const visibility = visibilityOf(actor);
  return {
    parkId: actor.parkId,
    today: todayOf(ctx),
    visibility,
    q: q.q || undefined,
    type: q.type,
    bankId: q.bankId,
    institutionKind: q.institutionKind,
    amountFen: q.amountFen,
    termMonths: q.termMonths,
    collateral: q.collateral,
    // the market shows available products only, whatever a firm asks for
    state: visibility.kind === 'market' ? undefined : q.state,
    ids: q.ids,
    fit,
    fitsOnly: q.fitsMe === true,
  };
}

/** 金融超市 and the product lists of banks and the finance officer (filters, 适合我, compare by ids). */
export async function listProducts(ctx: AppContext, actor: Actor, q: z.output<typeof ZListProductsQuery>): Promise<ProductList> {
  visibilityOf(actor);
  const fit = await fitTargetOf(ctx, actor, q.enterpriseId, q.fitsMe === true);
  const filter = filterOf(ctx, actor, q, fit);
  const { rows, total } = await findProducts(ctx.db, filter, q.sort ?? 'default', { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => presentProduct(r, actor, filter.today)), total, page: q.page, pageSize: q.pageSize, fitsFor: fit?.name ?? null };
}

/** Every product matching the filters, for the export. */
export async function productsForExport(ctx: AppContext, actor: Actor, q: z.output<typeof ZListProductsQuery>): Promise<ProductView[]> {
  const filter = filterOf(ctx, actor, q, null);
  const { rows } = await findProducts(ctx.db, filter, q.sort ?? 'default', null);
  return rows.map((r) => presentProduct(r, actor, filter.today));
}

export async function getProduct(ctx: AppContext, actor: Actor, id: string): Promise<ProductView> {
  const visibility = visibilityOf(actor);
  const fit = actor.enterpriseId ? await fitTargetOf(ctx, actor, undefined, false) : null;
  const today = todayOf(ctx);
  const row = await findProduct(ctx.db, actor.parkId, id, today, visibility, fit);
  if (!row) throw notFound(PRODUCT);
  return presentProduct(row, actor, today);
}

/** The institution a new product belongs to: a bank account's own (it may name no other), any of the park's for the finance officer. */
async function bankForNewProduct(ctx: AppContext, actor: Actor, bankId: string | undefined): Promise<string> {
  if (can(actor, 'finance:manage')) {
    if (!bankId) throw validationError([{ path: 'bankId', message: '金融机构:请选择产品所属机构' }]);
  } else if (can(actor, 'finance:bank') && actor.bankId) {
    if (bankId && bankId !== actor.bankId) throw notFound(INSTITUTION);
    bankId = actor.bankId;
  } else {
    throw forbidden('只有金融机构账号或金融服务中心可以维护金融产品');
  }
  const bank = await ctx.db.selectFrom('banks').select(['id', 'status']).where('park_id', '=', actor.parkId).where('id', '=', bankId).executeTakeFirst();
  if (!bank) throw notFound(INSTITUTION);
  if (bank.status !== 'active') throw invalidState('该金融机构已停用,不能新增产品');
  return bank.id;
}

function snapshot(r: Record<string, unknown>) {
  const { created_at: _c, updated_at: _u, park_id: _p, ...rest } = r;
  return rest;
}

export async function createProduct(ctx: AppContext, actor: Actor, body: z.output<typeof ZCreateProductRequest>): Promise<ProductView> {
  const bankId = await bankForNewProduct(ctx, actor, body.bankId);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (body.publish && body.validTo && body.validTo < today) throw validationError([{ path: 'validTo', message: '有效期止已过,不能发布' }]);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('finance_products')
      .values({
        park_id: actor.parkId,
        bank_id: bankId,
        name: body.name,
        type: body.type,
        rate_min_bp: body.rateMinBp,
        rate_max_bp: body.rateMaxBp,
        term_min_months: body.termMinMonths,
        term_max_months: body.termMaxMonths,
        amount_min_fen: body.amountMinFen,
        amount_max_fen: body.amountMaxFen,
        collateral: body.collateral,
        target_chains: body.targetChains,
        target_tags: body.targetTags,
        target_note: body.targetNote ?? null,
        description: body.description ?? null,
        valid_from: body.validFrom,
        valid_to: body.validTo ?? null,
        status: body.publish ? 'published' : 'draft',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: body.publish ? 'publish' : 'create', entity: 'finance_product', entityId: row.id, before: null, after: snapshot(row) }], now);
    return row.id;
  });
  return getProduct(ctx, actor, id);
}

const FIELD_COLUMNS = {
  name: 'name',
  type: 'type',
  rateMinBp: 'rate_min_bp',
  rateMaxBp: 'rate_max_bp',
  termMinMonths: 'term_min_months',
  termMaxMonths: 'term_max_months',
  amountMinFen: 'amount_min_fen',
  amountMaxFen: 'amount_max_fen',
  collateral: 'collateral',
  targetChains: 'target_chains',
  targetTags: 'target_tags',
  targetNote: 'target_note',
  description: 'description',
  validFrom: 'valid_from',
  validTo: 'valid_to',
} as const;

/** A product the actor may change, locked; another bank's product is not found. */
async function editableProduct(trx: Parameters<typeof lockProduct>[0], actor: Actor, id: string) {
  const row = await lockProduct(trx, actor.parkId, id);
  if (!row || !mayEdit(actor, row.bank_id)) throw notFound(PRODUCT);
  return row;
}

export async function updateProduct(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof ZUpdateProductRequest>): Promise<ProductView> {
  if (!can(actor, 'finance:manage') && !can(actor, 'finance:bank')) throw forbidden();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await editableProduct(trx, actor, id);
    const patch: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
      const value = (body as Record<string, unknown>)[field];
      if (value !== undefined) patch[column] = value;
    }
    const merged = { ...before, ...patch } as typeof before;
    const issues = productRangeIssues({
      rateMinBp: merged.rate_min_bp,
      rateMaxBp: merged.rate_max_bp,
      termMinMonths: merged.term_min_months,
      termMaxMonths: merged.term_max_months,
      amountMinFen: Number(merged.amount_min_fen),
      amountMaxFen: Number(merged.amount_max_fen),
      validFrom: merged.valid_from,
      validTo: merged.valid_to,
      collateral: merged.collateral,
    });
    if (issues.length) throw validationError(issues);
    if (Object.keys(patch).length === 0) return;
    const after = await trx
      .updateTable('finance_products')
      .set({ ...patch, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'finance_product', entityId: id, before: snapshot(before), after: snapshot(after) }], now);
  });
  return getProduct(ctx, actor, id);
}

/**
 * 发布 (draft / withdrawn → published) or 下架 (published → withdrawn). The update is conditional on
 * the status read, so of two people pressing at once one gets 409.
 */
export async function setProductStatus(ctx: AppContext, actor: Actor, id: string, action: 'publish' | 'withdraw'): Promise<ProductView> {
  if (!can(actor, 'finance:manage') && !can(actor, 'finance:bank')) throw forbidden();
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('finance_products').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).executeTakeFirst();
    if (!row || !mayEdit(actor, row.bank_id)) throw notFound(PRODUCT);
    const to = action === 'publish' ? 'published' : 'withdrawn';
    if (action === 'publish') {
      if (row.status === 'published') throw invalidState('产品已发布');
      if (row.valid_to !== null && row.valid_to < today) throw invalidState(`产品有效期已于${row.valid_to}结束,请先修改有效期再发布`);
    } else if (row.status !== 'published') {
      throw invalidState(row.status === 'draft' ? '草稿尚未发布,无需下架' : '产品已下架');
    }
    const updated = await trx
      .updateTable('finance_products')
      .set({ status: to, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw conflict('产品状态已被他人改变,请刷新后重试');
    await recordAudit(trx, actor, actor.parkId, [{ action, entity: 'finance_product', entityId: id, before: { status: row.status }, after: { status: to } }], now);
  });
  return getProduct(ctx, actor, id);
}
