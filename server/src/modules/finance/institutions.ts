import { INSTITUTION_KIND_LABELS, type InstitutionKind, type InstitutionView } from '@yuanqi/contract';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';

type BankRow = { id: string; code: string; name: string; short_name: string | null; kind: InstitutionKind; strategic: boolean; agreement_on: string | null; status: 'active' | 'inactive' };

export function presentInstitution(r: BankRow): InstitutionView {
  return { id: r.id, code: r.code, name: r.name, shortName: r.short_name, kind: r.kind, kindLabel: INSTITUTION_KIND_LABELS[r.kind], strategic: r.strategic, agreementOn: r.agreement_on, status: r.status };
}

/** The park's financial institutions (banks first, partners first): every finance user may list them. */
export async function listInstitutions(ctx: AppContext, actor: Actor): Promise<InstitutionView[]> {
  const rows = await ctx.db
    .selectFrom('banks')
    .select(['id', 'code', 'name', 'short_name', 'kind', 'strategic', 'agreement_on', 'status'])
    .where('park_id', '=', actor.parkId)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return rows.map(presentInstitution);
}
