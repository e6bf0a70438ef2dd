import type { BankFirmView, ConsentScope, ConsentView, SetConsentRequest } from '@yuanqi/contract';
import { NEED_STATUS_LABELS } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { creditProfileFor } from '../credit/profile.js';
import { monthlyFiguresFor } from '../credit/industry.js';
import { setConsentIn } from './service.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The scopes of the live data consent 数据授权 of a firm to one institution ([] if none): what that
 * institution may see of the firm besides the needs the firm sent it. One indexed lookup
 * (finance_consents_live_idx). The credit profile and the bank's firm view ask this.
 */
export async function liveConsentScopes(db: Executor, parkId: string, bankId: string, enterpriseId: string): Promise<ConsentScope[]> {
  const row = await db
    .selectFrom('finance_consents')
    .select('scopes')
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('bank_id', '=', bankId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return (row?.scopes ?? []) as ConsentScope[];
}

// ------------------------------------------------------------ 数据授权: list, set, revoke; the bank's firm view

function consentScope(actor: Actor) {
  if (can(actor, 'finance:bank') && actor.bankId && !can(actor, 'finance:read')) return { kind: 'bank' as const, bankId: actor.bankId };
  if (can(actor, 'finance:read')) return { kind: 'firm' as const, scope: { kind: 'park' as const, parkId: actor.parkId } };
  if (can(actor, 'finance:apply')) return { kind: 'firm' as const, scope: enterpriseScopeOf(actor) };
  throw forbidden();
}

/** A firm's consents (live and past, newest first); a bank the live consents to it; staff the park's. */
export async function listConsents(ctx: AppContext, actor: Actor, query: { enterpriseId?: string; live?: boolean }): Promise<ConsentView[]> {
  const cs = consentScope(actor);
  let q = ctx.db
    .selectFrom('finance_consents as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .innerJoin('banks as b', 'b.id', 'c.bank_id')
    .leftJoin('finance_needs as n', 'n.id', 'c.need_id')
    .leftJoin('users as g', 'g.id', 'c.granted_by')
    .leftJoin('users as r', 'r.id', 'c.revoked_by')
    .selectAll('c')
    .select(['e.name as enterprise_name', 'b.name as bank_name', 'n.number as need_number', 'g.display_name as granted_by_name', 'r.display_name as revoked_by_name']);
  if (cs.kind === 'bank') q = q.where('c.park_id', '=', actor.parkId).where('c.bank_id', '=', cs.bankId).where('c.revoked_at', 'is', null);
  else {
    q = q.where(inEnterpriseScope<any, any>(cs.scope, 'c.park_id', 'c.enterprise_id'));
    if (query.live) q = q.where('c.revoked_at', 'is', null);
  }
  if (query.enterpriseId) q = q.where('c.enterprise_id', '=', query.enterpriseId);
  const rows = await q.orderBy(sql`c.revoked_at is null`, 'desc').orderBy('c.granted_at', 'desc').limit(500).execute();
  return rows.map((c) => ({
    id: c.id,
    enterpriseId: c.enterprise_id,
    enterpriseName: c.enterprise_name,
    bankId: c.bank_id,
    bankName: c.bank_name,
    scopes: c.scopes as ConsentScope[],
    needId: c.need_id,
    needNumber: c.need_number,
    grantedAt: c.granted_at.toISOString(),
    grantedByName: c.granted_by_name,
    revokedAt: c.revoked_at ? c.revoked_at.toISOString() : null,
    revokedByName: c.revoked_by_name,
    revokeReason: c.revoke_reason,
    live: c.revoked_at === null,
  }));
}

async function firmOf(ctx: AppContext, actor: Actor, enterpriseId: string | undefined): Promise<string> {
  if (!can(actor, 'finance:apply') && !can(actor, 'finance:manage')) throw forbidden('只有企业(或其服务专员)可以授权');
  const scope = can(actor, 'finance:manage') ? ({ kind: 'park', parkId: actor.parkId } as const) : enterpriseScopeOf(actor);
  const id = scope.kind === 'enterprise' ? (enterpriseId ?? scope.enterpriseId) : enterpriseId;
  if (!id) throw new AppError('VALIDATION_FAILED', '请选择企业', [{ path: 'enterpriseId', message: '请选择企业' }]);
  const firm = await ctx.db.selectFrom('enterprises').select('id').where(inEnterpriseScope<DB, 'enterprises'>(scope, 'park_id', 'id')).where('id', '=', id).executeTakeFirst();
  if (!firm) throw notFound('企业');
  return firm.id;
}

/** Grants or changes a firm's consent to one institution (the old live row is revoked, a new one recorded). */
export async function setConsent(ctx: AppContext, actor: Actor, body: SetConsentRequest): Promise<ConsentView[]> {
  const enterpriseId = await firmOf(ctx, actor, body.enterpriseId);
  const bank = await ctx.db.selectFrom('banks').select('id').where('park_id', '=', actor.parkId).where('id', '=', body.bankId).where('status', '=', 'active').executeTakeFirst();
  if (!bank) throw new AppError('VALIDATION_FAILED', '金融机构不存在或已停用', [{ path: 'bankId', message: '金融机构不存在或已停用' }]);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const audits = await setConsentIn(trx, actor, actor.parkId, enterpriseId, bank.id, body.scopes, now, null);
    await recordAudit(trx, actor, actor.parkId, audits, now);
  });
  return listConsents(ctx, actor, { enterpriseId });
}

/** Revokes a live consent with a reason; the row stays as the record. */
export async function revokeConsent(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<ConsentView[]> {
  if (!can(actor, 'finance:apply') && !can(actor, 'finance:manage')) throw notFound('授权记录');
  const scope = can(actor, 'finance:manage') ? ({ kind: 'park', parkId: actor.parkId } as const) : enterpriseScopeOf(actor);
  const now = ctx.clock.now();
  const enterpriseId = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('finance_consents as c').selectAll('c').where('c.id', '=', id).where(inEnterpriseScope<any, any>(scope, 'c.park_id', 'c.enterprise_id')).forUpdate().executeTakeFirst();
    if (!row) throw notFound('授权记录');
    if (row.revoked_at) throw new AppError('INVALID_STATE', '该授权已撤销');
    await trx.updateTable('finance_consents').set({ revoked_at: now, revoked_by: actor.userId, revoke_reason: reason }).where('id', '=', row.id).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, actor, row.park_id, [{ action: 'consent.revoke', entity: 'finance_consent', entityId: row.id, before: { scopes: row.scopes }, after: { revokedAt: now, reason } }], now);
    const bankUsers = await trx.selectFrom('users').select('id').where('park_id', '=', row.park_id).where('bank_id', '=', row.bank_id).where('is_active', '=', true).execute();
    const firm = await trx.selectFrom('enterprises').select('name').where('id', '=', row.enterprise_id).executeTakeFirstOrThrow();
    await ctx.notifier.notify(
      trx,
      bankUsers.map((u) => ({ parkId: row.park_id, userId: u.id, kind: 'finance.consent', title: `${firm.name}撤销了数据授权`, body: `原因:${reason}` })),
    );
    return row.enterprise_id;
  });
  return listConsents(ctx, actor, { enterpriseId });
}

/**
 * What an institution may see of a firm: 404 unless the firm sent it a need or holds a live
 * consent to it; the registry only with 'registry', the credit profile only with 'credit';
 * the last 12 months' key figures of its monthly reports only with 'monthly'. Staff see every part.
 */
export async function bankFirmView(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<BankFirmView> {
  const isBank = can(actor, 'finance:bank') && actor.bankId && !can(actor, 'finance:read');
  if (!isBank && !can(actor, 'finance:read')) throw notFound('企业');
  const parkId = actor.parkId;
  const firm = await ctx.db.selectFrom('enterprises').selectAll().where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
  if (!firm) throw notFound('企业');
  let needsQ = ctx.db
    .selectFrom('finance_needs as n')
    .select(['n.id', 'n.number', 'n.amount_fen', 'n.term_months', 'n.purpose', 'n.filed_at', 'n.status'])
    .where('n.park_id', '=', parkId)
    .where('n.enterprise_id', '=', enterpriseId);
  let scopes: ConsentScope[] = ['registry', 'monthly', 'credit'];
  if (isBank) {
    const bankId = actor.bankId!;
    needsQ = needsQ.where((eb) => eb.exists(eb.selectFrom('finance_offers as o').select('o.id').whereRef('o.need_id', '=', 'n.id').where('o.park_id', '=', parkId).where('o.bank_id', '=', bankId)));
    scopes = await liveConsentScopes(ctx.db, parkId, bankId, enterpriseId);
  }
  const needs = await needsQ.orderBy('n.filed_at', 'desc').limit(50).execute();
  if (isBank && needs.length === 0 && scopes.length === 0) throw notFound('企业');
  const credit = scopes.includes('credit') ? await creditProfileFor(ctx.db, parkId, enterpriseId, ctx.clock.now()) : null;
  return {
    enterpriseId: firm.id,
    name: firm.name,
    consentScopes: scopes,
    registry: scopes.includes('registry')
      ? {
          uscc: firm.uscc,
          legalRepresentative: firm.legal_representative,
          registeredCapitalFen: firm.registered_capital_fen === null ? null : Number(firm.registered_capital_fen),
          foundedOn: firm.founded_on,
          industryCode: firm.industry_code,
          chain: firm.chain,
          aboveScale: firm.is_above_scale,
          headcount: firm.headcount,
          address: firm.address,
          contactName: firm.contact_name,
          contactPhone: firm.contact_phone,
        }
      : null,
    monthly: scopes.includes('monthly') ? await monthlyFiguresFor(ctx.db, parkId, enterpriseId) : null,
    credit,
    needs: needs.map((n) => ({
      id: n.id,
      number: n.number,
      amountFen: Number(n.amount_fen),
      termMonths: n.term_months,
      purpose: n.purpose,
      filedAt: n.filed_at.toISOString(),
      status: n.status,
      statusLabel: NEED_STATUS_LABELS[n.status],
    })),
  };
}
