import { sql } from 'kysely';
import {
  INSTITUTION_KIND_LABELS,
  type InstitutionDetailView,
  type InstitutionKind,
  type InstitutionView,
  type ZCreateInstitutionRequest,
  type ZUpdateInstitutionRequest,
} from '@yuanqi/contract';
import type { z } from 'zod';
import { can, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/working-calendar.js';
import type { AppContext } from '../../platform/context.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';

type BankRow = { id: string; code: string; name: string; short_name: string | null; kind: InstitutionKind; strategic: boolean; agreement_on: string | null; status: 'active' | 'inactive' };
type BankDetailRow = BankRow & { contact_name: string | null; contact_phone: string | null; sort: number; product_count: number; available_count: number; user_count: number };

export function presentInstitution(r: BankRow): InstitutionView {
  return { id: r.id, code: r.code, name: r.name, shortName: r.short_name, kind: r.kind, kindLabel: INSTITUTION_KIND_LABELS[r.kind], strategic: r.strategic, agreementOn: r.agreement_on, status: r.status };
}

function presentDetail(r: BankDetailRow): InstitutionDetailView {
  return {
    ...presentInstitution(r),
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    sort: r.sort,
    productCount: Number(r.product_count),
    availableCount: Number(r.available_count),
    userCount: Number(r.user_count),
  };
}

async function findInstitutions(ctx: AppContext, parkId: string, today: string, id?: string): Promise<BankDetailRow[]> {
  let query = ctx.db
    .selectFrom('banks as b')
    .select(['b.id', 'b.code', 'b.name', 'b.short_name', 'b.kind', 'b.strategic', 'b.agreement_on', 'b.status', 'b.contact_name', 'b.contact_phone', 'b.sort'])
    .select((eb) => [
      eb.selectFrom('finance_products as p').select(sql<number>`count(*)::int`.as('n')).whereRef('p.bank_id', '=', 'b.id').as('product_count'),
      eb
        .selectFrom('finance_products as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.bank_id', '=', 'b.id')
        .where('p.status', '=', 'published')
        .where('p.valid_from', '<=', today)
        .where((w) => w.or([w('p.valid_to', 'is', null), w('p.valid_to', '>=', today)]))
        .as('available_count'),
      eb.selectFrom('users as u').select(sql<number>`count(*)::int`.as('n')).whereRef('u.bank_id', '=', 'b.id').where('u.is_active', '=', true).as('user_count'),
    ])
    .where('b.park_id', '=', parkId);
  if (id) query = query.where('b.id', '=', id);
  return (await query.orderBy('b.sort').orderBy('b.code').execute()) as BankDetailRow[];
}

/**
 * The park's financial institutions (banks first, partners first) with their contact and product
 * counts: every finance user may list them; firms and banks see the active ones only.
 */
export async function listInstitutions(ctx: AppContext, actor: Actor): Promise<InstitutionDetailView[]> {
  const rows = await findInstitutions(ctx, actor.parkId, shanghaiDate(ctx.clock.now()));
  const staff = can(actor, 'finance:read');
  return rows.filter((r) => staff || r.status === 'active').map(presentDetail);
}

async function getInstitution(ctx: AppContext, actor: Actor, id: string): Promise<InstitutionDetailView> {
  const [row] = await findInstitutions(ctx, actor.parkId, shanghaiDate(ctx.clock.now()), id);
  if (!row) throw notFound('金融机构');
  return presentDetail(row);
}

/** 新增金融机构 (finance officer, admin). The code is unique within the park. */
export async function createInstitution(ctx: AppContext, actor: Actor, body: z.output<typeof ZCreateInstitutionRequest>): Promise<InstitutionDetailView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('banks').select(sql<number>`coalesce(max(sort), 0)::int`.as('n')).where('park_id', '=', actor.parkId).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('banks')
      .values({
        park_id: actor.parkId,
        code: body.code,
        name: body.name,
        short_name: body.shortName,
        kind: body.kind,
        strategic: body.strategic,
        agreement_on: body.agreementOn ?? null,
        contact_name: body.contactName ?? null,
        contact_phone: body.contactPhone ?? null,
        status: body.status,
        sort: body.sort ?? last.n + 10,
      })
      .onConflict((oc) => oc.columns(['park_id', 'code']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict(`机构编码「${body.code}」已被使用`, [{ path: 'code', message: `机构编码「${body.code}」已被使用` }]);
    const { created_at: _c, park_id: _p, ...after } = row;
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'finance_institution', entityId: row.id, before: null, after }], now);
    return row.id;
  });
  return getInstitution(ctx, actor, id);
}

const COLUMNS = {
  name: 'name',
  shortName: 'short_name',
  kind: 'kind',
  strategic: 'strategic',
  agreementOn: 'agreement_on',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  status: 'status',
  sort: 'sort',
} as const;

/** 修改金融机构: kind, 战略合作 and its date, contact, status, order. */
export async function updateInstitution(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof ZUpdateInstitutionRequest>): Promise<InstitutionDetailView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('banks').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('金融机构');
    const patch: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(COLUMNS)) {
      const value = (body as Record<string, unknown>)[field];
      if (value !== undefined) patch[column] = value;
    }
    const strategic = (patch.strategic as boolean | undefined) ?? before.strategic;
    const agreementOn = 'agreement_on' in patch ? (patch.agreement_on as string | null) : before.agreement_on;
    if (strategic && !agreementOn) throw validationError([{ path: 'agreementOn', message: '协议签订日期:签订战略合作协议的机构请填写签订日期' }]);
    if (Object.keys(patch).length === 0) return;
    const after = await trx.updateTable('banks').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const strip = ({ created_at: _c, park_id: _p, ...rest }: typeof before) => rest;
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'finance_institution', entityId: id, before: strip(before), after: strip(after) }], now);
  });
  return getInstitution(ctx, actor, id);
}
