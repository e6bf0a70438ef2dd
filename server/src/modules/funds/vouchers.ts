import { randomUUID } from 'node:crypto';
import {
  type CreateProviderRequest,
  type IssueVouchersRequest,
  type ListRedemptionsQuery,
  type ListVouchersQuery,
  type Paged,
  type ProviderView,
  type RedeemVoucherRequest,
  type RedemptionView,
  type ReviewRedemptionRequest,
  type UpdateProviderRequest,
  type VoucherDetail,
  type VoucherList,
  type VoucherView,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { VoucherRedemptionRow, VoucherRow } from '../../db/schema-funds.js';
import { can, systemActor, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../platform/errors.js';
import { enterpriseScopeOf, inEnterpriseScope, type EnterpriseScope } from '../../platform/scope.js';
import { checkUpload } from '../../platform/uploads.js';
import { notifyFirm } from './funds.js';
import { nextNumber, realUser, recordPayout, registerPayoutReversalHandler, releaseReservation, reserveFunds, yuan } from './service.js';

/**
 * 创新券: the office issues vouchers to firms (each one's face value reserved in a fund); a firm
 * redeems at a registered provider against an invoice (claims ≤ what is left, one invoice once);
 * the office reviews and reimburses the provider (a payout from the reservation, source
 * 'voucher'); past its date a voucher expires and its unclaimed rest goes back to the fund.
 */

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const shortDate = (d: string) => d;

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

export async function listProviders(ctx: AppContext, actor: Actor, q: { status?: 'active' | 'suspended'; q?: string }): Promise<ProviderView[]> {
  let query = ctx.db
    .selectFrom('voucher_providers as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('voucher_redemptions')
          .select(['provider_id', sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('amount')])
          .where('park_id', '=', actor.parkId)
          .where('status', '=', 'reimbursed')
          .groupBy('provider_id')
          .as('r'),
      (j) => j.onRef('r.provider_id', '=', 'p.id'),
    )
    .selectAll('p')
    .select(['r.n', 'r.amount'])
    .where('p.park_id', '=', actor.parkId);
  if (q.status) query = query.where('p.status', '=', q.status);
  if (q.q) query = query.where((eb) => eb.or([eb('p.name', 'ilike', `%${q.q}%`), eb('p.uscc', 'ilike', `%${q.q}%`)]));
  const rows = await query.orderBy('p.status').orderBy('p.name').execute();
  const full = can(actor, 'voucher:manage');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    serviceTypes: r.service_types,
    contactName: r.contact_name,
    contactPhone: full ? r.contact_phone : r.contact_phone ? `${r.contact_phone.slice(0, 3)}****${r.contact_phone.slice(-4)}` : null,
    accountName: r.account_name,
    bankName: r.bank_name,
    accountNo: full ? r.account_no : `${r.account_no.slice(0, 4)} **** ${r.account_no.slice(-4)}`,
    status: r.status,
    note: r.note,
    redeemedFen: Number(r.amount ?? 0),
    redemptionCount: Number(r.n ?? 0),
  }));
}

export async function createProvider(ctx: AppContext, actor: Actor, input: CreateProviderRequest): Promise<ProviderView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('voucher_providers')
      .values({
        park_id: actor.parkId,
        name: input.name,
        uscc: input.uscc,
        service_types: input.serviceTypes,
        contact_name: input.contactName ?? null,
        contact_phone: input.contactPhone ?? null,
        account_name: input.accountName,
        bank_name: input.bankName,
        account_no: input.accountNo,
        note: input.note ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict('该统一社会信用代码的服务机构已登记', [{ path: 'uscc', message: '已登记' }]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'voucher_provider', entityId: row.id, before: null, after: { ...input } }], now);
    return row.id;
  });
  return (await listProviders(ctx, actor, {})).find((p) => p.id === id)!;
}

export async function updateProvider(ctx: AppContext, actor: Actor, id: string, input: UpdateProviderRequest): Promise<ProviderView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('voucher_providers').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('服务机构');
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.uscc !== undefined ? { uscc: input.uscc } : {}),
      ...(input.serviceTypes !== undefined ? { service_types: input.serviceTypes } : {}),
      ...(input.contactName !== undefined ? { contact_name: input.contactName ?? null } : {}),
      ...(input.contactPhone !== undefined ? { contact_phone: input.contactPhone ?? null } : {}),
      ...(input.accountName !== undefined ? { account_name: input.accountName } : {}),
      ...(input.bankName !== undefined ? { bank_name: input.bankName } : {}),
      ...(input.accountNo !== undefined ? { account_no: input.accountNo } : {}),
      ...(input.note !== undefined ? { note: input.note ?? null } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    };
    if (Object.keys(patch).length === 0) return;
    await trx.updateTable('voucher_providers').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
    const pick = (r: Record<string, unknown>) => Object.fromEntries(Object.keys(patch).map((k) => [k, r[k]]));
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'voucher_provider', entityId: id, before: pick(before), after: patch }], now);
  });
  const found = (await listProviders(ctx, actor, {})).find((p) => p.id === id);
  if (!found) throw notFound('服务机构');
  return found;
}

// ---------------------------------------------------------------------------------------------
// Vouchers
// ---------------------------------------------------------------------------------------------

type VoucherListRow = VoucherRow & { enterprise_name: string; fund_name: string };

function presentVoucher(row: VoucherListRow, today: string): VoucherView {
  const face = Number(row.face_value_fen);
  const redeemed = Number(row.redeemed_fen);
  return {
    id: row.id,
    number: row.number,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    fundId: row.fund_id,
    fundName: row.fund_name,
    faceValueFen: face,
    redeemedFen: redeemed,
    reimbursedFen: Number(row.reimbursed_fen),
    remainingFen: row.status === 'active' ? face - redeemed : 0,
    releasedFen: Number(row.released_fen),
    serviceTypes: row.service_types,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    daysLeft: daysBetween(today, row.valid_until),
    status: row.status,
    note: row.note,
  };
}

function voucherQuery(db: Kysely<DB>, scope: EnterpriseScope) {
  return db
    .selectFrom('vouchers as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .innerJoin('funds as f', 'f.id', 'v.fund_id')
    .where((eb) => inEnterpriseScope<any, any>(scope, 'v.park_id', 'v.enterprise_id')(eb));
}

export async function listVouchers(ctx: AppContext, actor: Actor, q: ListVouchersQuery): Promise<VoucherList> {
  let query = voucherQuery(ctx.db, enterpriseScopeOf(actor));
  if (q.enterpriseId) query = query.where('v.enterprise_id', '=', q.enterpriseId);
  if (q.fundId) query = query.where('v.fund_id', '=', q.fundId);
  if (q.status) query = query.where('v.status', '=', q.status);
  if (q.q) query = query.where((eb) => eb.or([eb('v.number', 'ilike', `%${q.q}%`), eb('e.name', 'ilike', `%${q.q}%`)]));
  const rows = await query
    .selectAll('v')
    .select(['e.name as enterprise_name', 'f.name as fund_name'])
    .orderBy(sql`case v.status when 'active' then 0 else 1 end`)
    .orderBy('v.issued_on', 'desc')
    .orderBy('v.number', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const totals = await query
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(v.face_value_fen), 0)::bigint`.as('face'),
      sql<number>`coalesce(sum(v.redeemed_fen), 0)::bigint`.as('redeemed'),
      sql<number>`coalesce(sum(v.reimbursed_fen), 0)::bigint`.as('reimbursed'),
    ])
    .executeTakeFirstOrThrow();
  const today = shanghaiDate(ctx.clock.now());
  return {
    items: rows.map((r) => presentVoucher(r, today)),
    total: Number(totals.n),
    page: q.page,
    pageSize: q.pageSize,
    totals: { faceValueFen: Number(totals.face), redeemedFen: Number(totals.redeemed), reimbursedFen: Number(totals.reimbursed) },
  };
}

type RedemptionListRow = Omit<VoucherRedemptionRow, 'file_data'> & { voucher_number: string; enterprise_name: string; provider_name: string; payout_voucher_number: string | null };

function presentRedemption(r: RedemptionListRow): RedemptionView {
  return {
    id: r.id,
    voucherId: r.voucher_id,
    voucherNumber: r.voucher_number,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    providerId: r.provider_id,
    providerName: r.provider_name,
    serviceType: r.service_type,
    invoiceNo: r.invoice_no,
    invoiceAmountFen: Number(r.invoice_amount_fen),
    invoiceDate: r.invoice_date,
    amountFen: Number(r.amount_fen),
    description: r.description,
    hasFile: r.file_name !== null,
    fileName: r.file_name,
    status: r.status,
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    payoutId: r.payout_id,
    payoutVoucherNumber: r.payout_voucher_number,
    createdAt: r.created_at.toISOString(),
  };
}

const REDEMPTION_COLUMNS = [
  'r.id', 'r.park_id', 'r.voucher_id', 'r.enterprise_id', 'r.provider_id', 'r.service_type', 'r.invoice_no', 'r.invoice_amount_fen',
  'r.invoice_date', 'r.amount_fen', 'r.file_name', 'r.file_type', 'r.file_size', 'r.description', 'r.status', 'r.review_note',
  'r.reviewed_by', 'r.reviewed_at', 'r.payout_id', 'r.created_by', 'r.created_at', 'r.updated_at',
] as const;

function redemptionQuery(db: Kysely<DB>, scope: EnterpriseScope) {
  return db
    .selectFrom('voucher_redemptions as r')
    .innerJoin('vouchers as v', 'v.id', 'r.voucher_id')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .innerJoin('voucher_providers as p', 'p.id', 'r.provider_id')
    .leftJoin('payouts as po', 'po.id', 'r.payout_id')
    .where((eb) => inEnterpriseScope<any, any>(scope, 'r.park_id', 'r.enterprise_id')(eb));
}

export async function getVoucher(ctx: AppContext, actor: Actor, id: string): Promise<VoucherDetail> {
  const scope = enterpriseScopeOf(actor);
  const row = await voucherQuery(ctx.db, scope).selectAll('v').select(['e.name as enterprise_name', 'f.name as fund_name']).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('创新券');
  const redemptions = await redemptionQuery(ctx.db, scope)
    .select(REDEMPTION_COLUMNS)
    .select(['v.number as voucher_number', 'e.name as enterprise_name', 'p.name as provider_name', 'po.voucher_number as payout_voucher_number'])
    .where('r.voucher_id', '=', id)
    .orderBy('r.created_at', 'desc')
    .execute();
  return { ...presentVoucher(row, shanghaiDate(ctx.clock.now())), redemptions: redemptions.map(presentRedemption) };
}

export async function listRedemptions(ctx: AppContext, actor: Actor, q: ListRedemptionsQuery): Promise<Paged<RedemptionView>> {
  let query = redemptionQuery(ctx.db, enterpriseScopeOf(actor));
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.providerId) query = query.where('r.provider_id', '=', q.providerId);
  if (q.voucherId) query = query.where('r.voucher_id', '=', q.voucherId);
  const rows = await query
    .select(REDEMPTION_COLUMNS)
    .select(['v.number as voucher_number', 'e.name as enterprise_name', 'p.name as provider_name', 'po.voucher_number as payout_voucher_number'])
    .orderBy(sql`case r.status when 'submitted' then 0 else 1 end`)
    .orderBy('r.created_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(presentRedemption), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

export async function redemptionFile(ctx: AppContext, actor: Actor, id: string): Promise<{ filename: string; contentType: string; data: Buffer }> {
  const row = await redemptionQuery(ctx.db, enterpriseScopeOf(actor)).select(['r.file_name', 'r.file_type', 'r.file_data']).where('r.id', '=', id).executeTakeFirst();
  if (!row || !row.file_data || !row.file_name) throw notFound('发票附件');
  return { filename: row.file_name, contentType: row.file_type ?? 'application/octet-stream', data: row.file_data };
}

/** Issues one voucher per firm, each face value reserved in the fund, in one transaction. */
export async function issueVouchers(ctx: AppContext, actor: Actor, input: IssueVouchersRequest): Promise<{ issued: VoucherView[] }> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.validUntil < today) {
    throw new AppError('VALIDATION_FAILED', '有效期不能早于今天', [{ path: 'validUntil', message: '有效期不能早于今天' }]);
  }
  const ids = [...new Set(input.enterpriseIds)];
  const issuedIds = await ctx.db.transaction().execute(async (trx) => {
    const firms = await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', actor.parkId).where('id', 'in', ids).execute();
    if (firms.length !== ids.length) throw new AppError('VALIDATION_FAILED', '所选企业有不存在的', [{ path: 'enterpriseIds', message: '企业不存在' }]);
    const out: string[] = [];
    for (const firm of firms) {
      const row = await insertVoucher(trx, ctx, actor, { parkId: actor.parkId, fundId: input.fundId, enterpriseId: firm.id, faceValueFen: input.faceValueFen, validUntil: input.validUntil, serviceTypes: input.serviceTypes ?? [], note: input.note ?? null, now });
      out.push(row.id);
      await notifyFirm(ctx, trx, actor.parkId, firm.id, '您获得一张创新券', `创新券 ${row.number} 面额 ${yuan(input.faceValueFen)},有效期至 ${input.validUntil},可在园区登记的服务机构使用。`, '/my/vouchers');
    }
    return out;
  });
  const list = await voucherQuery(ctx.db, enterpriseScopeOf(actor)).selectAll('v').select(['e.name as enterprise_name', 'f.name as fund_name']).where('v.id', 'in', issuedIds).execute();
  return { issued: list.map((r) => presentVoucher(r, today)) };
}

/** One voucher with its reservation, number and audit (also used by the demo seed). */
export async function insertVoucher(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor | null,
  input: { parkId: string; fundId: string; enterpriseId: string; faceValueFen: number; validUntil: string; serviceTypes: string[]; note: string | null; now: Date; issuedOn?: string },
): Promise<VoucherRow> {
  const { parkId, now } = input;
  const id = randomUUID();
  const issuedOn = input.issuedOn ?? shanghaiDate(now);
  const year = issuedOn.slice(0, 4);
  const { reservationId } = await reserveFunds(trx, ctx, actor, {
    parkId,
    fundId: input.fundId,
    enterpriseId: input.enterpriseId,
    amountFen: input.faceValueFen,
    source: 'voucher',
    sourceId: id,
    memo: '创新券发放预留',
    now,
  });
  const number = `CXQ${year}-${String(await nextNumber(trx, parkId, 'voucher', year)).padStart(5, '0')}`;
  const row = await trx
    .insertInto('vouchers')
    .values({
      id,
      park_id: parkId,
      number,
      enterprise_id: input.enterpriseId,
      fund_id: input.fundId,
      reservation_id: reservationId,
      face_value_fen: input.faceValueFen,
      service_types: input.serviceTypes,
      issued_on: issuedOn,
      valid_until: input.validUntil,
      status: 'active',
      note: input.note,
      issued_by: realUser(actor),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx as Transaction<DB>, actor, parkId, [
    { action: 'issue', entity: 'voucher', entityId: id, before: null, after: { number, enterpriseId: input.enterpriseId, fundId: input.fundId, faceValueFen: input.faceValueFen, validUntil: input.validUntil } },
  ], now);
  return row;
}

export type RedeemInput = RedeemVoucherRequest & { file: { filename: string; data: Buffer } | null };

/** A firm (or the office for it) claims against its voucher with a provider's invoice. */
export async function redeemVoucher(ctx: AppContext, actor: Actor, voucherId: string, input: RedeemInput): Promise<VoucherDetail> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const scope = enterpriseScopeOf(actor);
  const own = await voucherQuery(ctx.db, scope).select(['v.id', 'v.enterprise_id']).where('v.id', '=', voucherId).executeTakeFirst();
  if (!own) throw notFound('创新券');
  // the holder's own staff redeem; the office may record it for them
  if (scope.kind !== 'enterprise' && !can(actor, 'voucher:manage')) throw forbidden('只有持券企业或创新券管理人员可以登记使用');
  if (!input.file) throw new AppError('VALIDATION_FAILED', '请上传发票', [{ path: 'file', message: '请上传发票(pdf/jpg/png)' }]);
  const file = checkUpload('invoice', input.file.filename, input.file.data);
  const upload = input.file;
  await ctx.db.transaction().execute(async (trx) => {
    const voucher = await trx.selectFrom('vouchers').selectAll().where('id', '=', voucherId).executeTakeFirstOrThrow();
    const provider = await trx.selectFrom('voucher_providers').selectAll().where('park_id', '=', actor.parkId).where('id', '=', input.providerId).executeTakeFirst();
    if (!provider) throw new AppError('VALIDATION_FAILED', '服务机构不存在', [{ path: 'providerId', message: '服务机构不存在' }]);
    if (provider.status !== 'active') throw invalidState(`服务机构「${provider.name}」已暂停,不能受理创新券`);
    if (voucher.status === 'expired' || voucher.valid_until < today) throw invalidState(`创新券 ${voucher.number} 已于 ${shortDate(voucher.valid_until)} 过期`);
    if (voucher.status === 'revoked') throw invalidState(`创新券 ${voucher.number} 已作废`);
    if (input.invoiceDate > today) throw new AppError('VALIDATION_FAILED', '开票日期不能晚于今天', [{ path: 'invoiceDate', message: '开票日期不能晚于今天' }]);
    if (input.invoiceDate < voucher.issued_on) {
      throw new AppError('VALIDATION_FAILED', `开票日期不能早于创新券发放日期 ${voucher.issued_on}`, [{ path: 'invoiceDate', message: '开票日期早于发券日期' }]);
    }
    if (input.serviceType && voucher.service_types.length > 0 && !voucher.service_types.includes(input.serviceType)) {
      throw new AppError('VALIDATION_FAILED', `该券仅限 ${voucher.service_types.join('、')} 服务`, [{ path: 'serviceType', message: '服务类型不在券的适用范围内' }]);
    }
    if (input.serviceType && !provider.service_types.includes(input.serviceType)) {
      throw new AppError('VALIDATION_FAILED', `服务机构「${provider.name}」未登记 ${input.serviceType} 服务`, [{ path: 'serviceType', message: '该机构不提供此服务' }]);
    }
    // claim against the rest: a guarded update, so two claims at once cannot exceed the face value
    const claimed = await trx
      .updateTable('vouchers')
      .set({
        redeemed_fen: sql`redeemed_fen + ${input.amountFen}`,
        status: sql`case when redeemed_fen + ${input.amountFen} = face_value_fen then 'used' else status end`,
        updated_at: now,
      })
      .where('id', '=', voucherId)
      .where('status', '=', 'active')
      .where(sql<boolean>`redeemed_fen + ${input.amountFen} <= face_value_fen`)
      .returning(['id'])
      .executeTakeFirst();
    if (!claimed) {
      const left = Number(voucher.face_value_fen) - Number(voucher.redeemed_fen);
      throw new AppError('INVALID_STATE', `抵用金额超过创新券余额:剩余 ${yuan(Math.max(left, 0))},本次 ${yuan(input.amountFen)}`, [{ path: 'amountFen', message: `最多可抵用 ${yuan(Math.max(left, 0))}` }]);
    }
    const inserted = await trx
      .insertInto('voucher_redemptions')
      .values({
        park_id: actor.parkId,
        voucher_id: voucherId,
        enterprise_id: voucher.enterprise_id,
        provider_id: provider.id,
        service_type: input.serviceType ?? null,
        invoice_no: input.invoiceNo,
        invoice_amount_fen: input.invoiceAmountFen,
        invoice_date: input.invoiceDate,
        amount_fen: input.amountFen,
        file_name: file.filename,
        file_type: file.contentType,
        file_size: upload.data.length,
        file_data: upload.data,
        description: input.description ?? null,
        status: 'submitted',
        created_by: realUser(actor),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw conflict(`发票号码 ${input.invoiceNo} 已登记过,同一张发票只能使用一次`, [{ path: 'invoiceNo', message: '该发票已使用' }]);
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'redeem', entity: 'voucher', entityId: voucherId, before: { redeemedFen: Number(voucher.redeemed_fen) }, after: { redemptionId: inserted.id, providerId: provider.id, invoiceNo: input.invoiceNo, amountFen: input.amountFen } },
    ], now);
    const officers = await trx.selectFrom('users').select('id').where('park_id', '=', actor.parkId).where('is_active', '=', true).where(sql<boolean>`'policy_officer' = any(roles)`).execute();
    await ctx.notifier.notify(trx, officers.map((o) => ({ parkId: actor.parkId, userId: o.id, kind: 'voucher', title: '创新券兑付待审核', body: `创新券 ${voucher.number} 在「${provider.name}」抵用 ${yuan(input.amountFen)},请审核兑付。`, link: '/vouchers?tab=redemptions' })));
  });
  // the unique index refused nothing above if we got here; the transaction rolled back otherwise
  return getVoucher(ctx, actor, voucherId);
}

/** The office reimburses the provider (a payout from the voucher's reservation) or rejects the claim. */
export async function reviewRedemption(ctx: AppContext, actor: Actor, id: string, input: ReviewRedemptionRequest): Promise<RedemptionView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('voucher_redemptions').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound('兑付申请');
    if (r.status !== 'submitted') throw invalidState(`该申请已${r.status === 'reimbursed' ? '兑付' : '驳回'},不能重复审核`);
    const voucher = await trx.selectFrom('vouchers').selectAll().where('id', '=', r.voucher_id).executeTakeFirstOrThrow();
    if (input.action === 'reimburse') await reimburse(trx, ctx, actor, r, voucher, input.note ?? null, now);
    else await reject(trx, ctx, actor, r, voucher, input.note ?? '', now);
  });
  const row = await redemptionQuery(ctx.db, enterpriseScopeOf(actor))
    .select(REDEMPTION_COLUMNS)
    .select(['v.number as voucher_number', 'e.name as enterprise_name', 'p.name as provider_name', 'po.voucher_number as payout_voucher_number'])
    .where('r.id', '=', id)
    .executeTakeFirstOrThrow();
  return presentRedemption(row);
}

export async function reimburse(trx: Kysely<DB>, ctx: AppContext, actor: Actor | null, r: VoucherRedemptionRow, voucher: VoucherRow, note: string | null, now: Date): Promise<string> {
  const provider = await trx.selectFrom('voucher_providers').selectAll().where('id', '=', r.provider_id).executeTakeFirstOrThrow();
  const amount = Number(r.amount_fen);
  const { payoutId, voucherNumber } = await recordPayout(trx, ctx, actor, {
    parkId: r.park_id,
    fundId: voucher.fund_id,
    enterpriseId: r.enterprise_id,
    amountFen: amount,
    policyId: null,
    policyVersionId: null,
    periodKey: r.invoice_date.slice(0, 7),
    exclusionKey: `voucher-invoice:${r.provider_id}:${r.invoice_no}`,
    source: 'voucher',
    sourceId: r.id,
    account: { accountName: provider.account_name, bankName: provider.bank_name, accountNo: provider.account_no },
    memo: `创新券 ${voucher.number} 兑付(${provider.name} 发票 ${r.invoice_no})`,
    now,
    reservationId: voucher.reservation_id,
  });
  await trx
    .updateTable('voucher_redemptions')
    .set({ status: 'reimbursed', payout_id: payoutId, review_note: note, reviewed_by: realUser(actor), reviewed_at: now, updated_at: now })
    .where('id', '=', r.id)
    .execute();
  await trx.updateTable('vouchers').set({ reimbursed_fen: sql`reimbursed_fen + ${amount}`, updated_at: now }).where('id', '=', voucher.id).execute();
  await recordAudit(trx as Transaction<DB>, actor, r.park_id, [
    { action: 'reimburse', entity: 'voucher_redemption', entityId: r.id, before: { status: 'submitted' }, after: { status: 'reimbursed', payoutId, voucherNumber } },
  ], now);
  if (actor) {
    await notifyFirm(ctx, trx, r.park_id, r.enterprise_id, '创新券已兑付', `创新券 ${voucher.number} 在「${provider.name}」抵用的 ${yuan(amount)} 已拨付给服务机构(凭证号 ${voucherNumber})。`, '/my/vouchers');
  }
  return payoutId;
}

async function reject(trx: Kysely<DB>, ctx: AppContext, actor: Actor, r: VoucherRedemptionRow, voucher: VoucherRow, note: string, now: Date): Promise<void> {
  const amount = Number(r.amount_fen);
  const today = shanghaiDate(now);
  await trx
    .updateTable('voucher_redemptions')
    .set({ status: 'rejected', review_note: note, reviewed_by: realUser(actor), reviewed_at: now, updated_at: now })
    .where('id', '=', r.id)
    .execute();
  const expiredNow = voucher.valid_until < today || voucher.status === 'expired';
  await trx
    .updateTable('vouchers')
    .set({
      redeemed_fen: sql`redeemed_fen - ${amount}`,
      status: expiredNow ? 'expired' : voucher.status === 'revoked' ? 'revoked' : 'active',
      ...(expiredNow ? { released_fen: sql`released_fen + ${amount}`, expired_at: voucher.expired_at ?? now } : {}),
      updated_at: now,
    })
    .where('id', '=', voucher.id)
    .execute();
  // past its date (or revoked) the claimed amount is no longer usable: back to the fund
  if ((expiredNow || voucher.status === 'revoked') && voucher.reservation_id) {
    await releaseReservation(trx, ctx, actor, { parkId: r.park_id, reservationId: voucher.reservation_id, amountFen: amount, memo: `创新券 ${voucher.number} 兑付驳回,释放预留`, now });
  }
  await recordAudit(trx as Transaction<DB>, actor, r.park_id, [
    { action: 'reject', entity: 'voucher_redemption', entityId: r.id, before: { status: 'submitted' }, after: { status: 'rejected', note } },
  ], now);
  await notifyFirm(ctx, trx, r.park_id, r.enterprise_id, '创新券使用申请被驳回', `创新券 ${voucher.number} 发票 ${r.invoice_no} 的抵用申请被驳回:${note}`, '/my/vouchers');
}

/** 作废: the unclaimed rest goes back to the fund; claims already submitted are still reviewed. */
export async function revokeVoucher(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<VoucherDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const v = await trx.selectFrom('vouchers').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!v) throw notFound('创新券');
    if (v.status !== 'active' && v.status !== 'used') throw invalidState(`创新券 ${v.number} 已${v.status === 'expired' ? '过期' : '作废'}`);
    const rest = Number(v.face_value_fen) - Number(v.redeemed_fen);
    await trx.updateTable('vouchers').set({ status: 'revoked', released_fen: sql`released_fen + ${rest}`, updated_at: now, note: reason }).where('id', '=', id).execute();
    if (rest > 0 && v.reservation_id) {
      await releaseReservation(trx, ctx, actor, { parkId: actor.parkId, reservationId: v.reservation_id, amountFen: rest, memo: `创新券 ${v.number} 作废,释放预留`, now });
    }
    await recordAudit(trx, actor, actor.parkId, [{ action: 'revoke', entity: 'voucher', entityId: id, before: { status: v.status }, after: { status: 'revoked', reason, releasedFen: rest } }], now);
    await notifyFirm(ctx, trx, actor.parkId, v.enterprise_id, '创新券已作废', `创新券 ${v.number} 已作废:${reason}`, '/my/vouchers');
  });
  return getVoucher(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Expiry sweep
// ---------------------------------------------------------------------------------------------

/**
 * Marks vouchers past their date as expired and releases their unclaimed rest. Idempotent: the
 * update only matches active vouchers, so a second run (or a second process) does nothing.
 */
export async function expireVouchers(ctx: AppContext, now = ctx.clock.now()): Promise<{ expired: number; releasedFen: number }> {
  const today = shanghaiDate(now);
  const parks = await ctx.db.selectFrom('vouchers').select('park_id').distinct().where('status', '=', 'active').where('valid_until', '<', today).execute();
  let expired = 0;
  let releasedFen = 0;
  for (const { park_id: parkId } of parks) {
    for (;;) {
      const batch = await ctx.db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('vouchers')
          .selectAll()
          .where('park_id', '=', parkId)
          .where('status', '=', 'active')
          .where('valid_until', '<', today)
          .orderBy('valid_until')
          .limit(200)
          .forUpdate()
          .skipLocked()
          .execute();
        const actor = systemActor(parkId, '创新券到期处理');
        for (const v of due) releasedFen += await expireVoucher(trx, ctx, actor, v, now, true);
        return due.length;
      });
      expired += batch;
      if (batch < 200) break;
    }
  }
  return { expired, releasedFen };
}

/** Expires one (locked, active) voucher and releases its unclaimed rest; answers the released amount. */
export async function expireVoucher(trx: Kysely<DB>, ctx: AppContext, actor: Actor | null, v: VoucherRow, now: Date, notify: boolean): Promise<number> {
  const rest = Number(v.face_value_fen) - Number(v.redeemed_fen);
  await trx.updateTable('vouchers').set({ status: 'expired', expired_at: now, released_fen: sql`released_fen + ${rest}`, updated_at: now }).where('id', '=', v.id).where('status', '=', 'active').execute();
  if (rest > 0 && v.reservation_id) {
    await releaseReservation(trx, ctx, actor, { parkId: v.park_id, reservationId: v.reservation_id, amountFen: rest, memo: `创新券 ${v.number} 到期,释放未使用额度`, now });
  }
  await recordAudit(trx as Transaction<DB>, null, v.park_id, [{ action: 'expire', entity: 'voucher', entityId: v.id, before: { status: 'active' }, after: { status: 'expired', releasedFen: rest } }], now);
  if (notify && rest > 0) await notifyFirm(ctx, trx, v.park_id, v.enterprise_id, '创新券已过期', `创新券 ${v.number} 已于 ${v.valid_until} 到期,未使用的 ${yuan(rest)} 已收回。`, '/my/vouchers');
  return rest;
}

/** A reversed reimbursement reopens the claim: the money is back in the voucher's reservation. */
registerPayoutReversalHandler('voucher', async (trx, _ctx, _actor, payout) => {
  const r = await trx.selectFrom('voucher_redemptions').selectAll().where('park_id', '=', payout.parkId).where('id', '=', payout.sourceId).executeTakeFirst();
  if (!r || r.payout_id !== payout.id) return;
  await trx.updateTable('voucher_redemptions').set({ status: 'submitted', payout_id: null, review_note: `兑付款退回:${payout.reason}`, updated_at: payout.now }).where('id', '=', r.id).execute();
  await trx.updateTable('vouchers').set({ reimbursed_fen: sql`reimbursed_fen - ${payout.amountFen}`, updated_at: payout.now }).where('id', '=', r.voucher_id).execute();
});
