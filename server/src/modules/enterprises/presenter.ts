import { maskPhone, type Enterprise } from '@yuanqi/contract';
import type { EnterpriseRow } from '../../db/schema.js';
import { can, type Actor } from '../../platform/actor.js';

/** Row → API shape; the contact phone is masked for readers who need not see it. */
export function presentEnterprise(row: EnterpriseRow & { liaison_name?: string | null }, actor: Actor | null): Enterprise {
  const showContacts = actor ? can(actor, 'enterprise:view-contacts') : false;
  const fields = snapshotOf(row);
  return {
    id: row.id,
    parkId: row.park_id,
    ...fields,
    contactPhone: showContacts ? fields.contactPhone : maskPhone(fields.contactPhone),
    liaisonName: row.liaison_name ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** The registry fields of a firm: the audit log's snapshot and the body of the API shape. */
export function snapshotOf(row: EnterpriseRow) {
  return {
    uscc: row.uscc,
    name: row.name,
    legalRepresentative: row.legal_representative,
    registeredCapitalFen: row.registered_capital_fen,
    foundedOn: row.founded_on,
    industryCode: row.industry_code,
    chain: row.chain,
    isAboveScale: row.is_above_scale,
    annualRevenueFen: row.annual_revenue_fen,
    headcount: row.headcount,
    address: row.address,
    plot: row.plot,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    tags: row.tags ?? [],
    liaisonId: row.liaison_id,
  };
}
