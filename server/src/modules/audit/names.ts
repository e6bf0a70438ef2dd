import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike } from '../../platform/like.js';
import { JOB_DESCRIPTIONS } from '../../platform/scheduler.js';
import { ROLE_LABELS } from '@yuanqi/contract';

/**
 * How a record is named to people: its business number (SQ… 诉求, BJ… 办件, ZC… 申报), code or
 * name, never its UUID. `from` is the SQL that yields (id, name) for the park's rows; `link` the
 * web page that shows it.
 */
type Namer = { from: string; link?: (id: string) => string };

const NAMERS: Record<string, Namer> = {
  demand: { from: `select id, number as name from demands t where t.park_id = $1`, link: (id) => `/demands/${id}` },
  service_application: { from: `select id, number as name from service_applications t where t.park_id = $1`, link: (id) => `/services/applications/${id}` },
  policy_application: { from: `select id, number as name from policy_applications t where t.park_id = $1`, link: (id) => `/policy-applications/${id}` },
  policy: { from: `select id, code || ' ' || title as name from policies t where t.park_id = $1`, link: (id) => `/policies/${id}` },
  policy_version: { from: `select t.id, p.code || ' 第' || t.version_no || '版' as name from policy_versions t join policies p on p.id = t.policy_id where t.park_id = $1` },
  policy_grant: { from: `select t.id, p.code || ' · ' || e.name as name from policy_grants t join policies p on p.id = t.policy_id join enterprises e on e.id = t.enterprise_id where t.park_id = $1`, link: (id) => `/policy-grants/${id}` },
  policy_publicity: { from: `select id, number || ' ' || title as name from policy_publicity_batches t where t.park_id = $1`, link: (id) => `/policy-publicity/${id}` },
  policy_exemption_run: { from: `select id, number as name from policy_exemption_runs t where t.park_id = $1`, link: (id) => `/policy-runs/${id}` },
  enterprise: { from: `select id, name from enterprises t where t.park_id = $1`, link: (id) => `/enterprises/${id}` },
  user: { from: `select id, display_name || '(' || username || ')' as name from users t where t.park_id = $1` },
  service_item: { from: `select id, code || ' ' || name as name from service_items t where t.park_id = $1` },
  service_project: { from: `select id, code || ' ' || name as name from service_projects t where t.park_id = $1` },
  fund: { from: `select id, code || ' ' || name as name from funds t where t.park_id = $1`, link: (id) => `/funds/${id}` },
  voucher: { from: `select id, number as name from vouchers t where t.park_id = $1` },
  voucher_provider: { from: `select id, name from voucher_providers t where t.park_id = $1` },
  investment_project: { from: `select id, code || ' ' || name as name from investment_projects t where t.park_id = $1`, link: (id) => `/commitments/${id}` },
  commitment_item: { from: `select id, title as name from commitment_items t where t.park_id = $1` },
  rating: { from: `select id, case_number || ' ' || title as name from ratings t where t.park_id = $1`, link: (id) => `/ratings/${id}` },
  rating_rectification: { from: `select t.id, r.case_number || ' 整改' as name from rating_rectifications t join ratings r on r.id = t.rating_id where t.park_id = $1`, link: (id) => `/rectifications/${id}` },
  rating_appeal: { from: `select t.id, r.case_number || ' 申诉' as name from rating_appeals t join ratings r on r.id = t.rating_id where t.park_id = $1` },
  dispatch_meeting: { from: `select id, title as name from dispatch_meetings t where t.park_id = $1`, link: (id) => `/dispatch/meetings/${id}` },
  department: { from: `select id, name from departments t where t.park_id = $1` },
  // 金融服务
  finance_institution: { from: `select id, name from banks t where t.park_id = $1`, link: () => '/finance/institutions' },
  finance_product: { from: `select t.id, b.short_name || ' ' || t.name as name from finance_products t join banks b on b.id = t.bank_id where t.park_id = $1`, link: (id) => `/finance/products/${id}` },
  finance_need: { from: `select id, number as name from finance_needs t where t.park_id = $1`, link: (id) => `/finance/needs/${id}` },
  finance_offer: { from: `select t.id, n.number || ' · ' || coalesce(b.short_name, b.name) as name from finance_offers t join finance_needs n on n.id = t.need_id join banks b on b.id = t.bank_id where t.park_id = $1`, link: (id) => `/finance/offers/${id}` },
  finance_event: { from: `select id, title as name from finance_events t where t.park_id = $1`, link: (id) => `/finance/events/${id}` },
  bridge_loan: { from: `select id, number as name from bridge_loans t where t.park_id = $1`, link: (id) => `/finance/bridge-loans/${id}` },
  bridge_pool: { from: `select id, code || ' ' || name as name from bridge_pools t where t.park_id = $1`, link: () => '/finance/bridge-pools' },
  warehouse_receipt: { from: `select id, warehouse || ' ' || receipt_no as name from warehouse_receipts t where t.park_id = $1` },
  copper_pledge: { from: `select id, number as name from copper_pledges t where t.park_id = $1`, link: (id) => `/finance/copper/pledges/${id}` },
  // 产业云
  industry_report: { from: `select t.id, e.name || ' ' || to_char(t.period, 'YYYY"年"FMMM"月"') || '月报' as name from industry_reports t join enterprises e on e.id = t.enterprise_id where t.park_id = $1`, link: (id) => `/industry/reports/${id}` },
  industry_indicator: { from: `select id, label as name from industry_indicators t where t.park_id = $1`, link: () => '/industry/reports/indicators' },
  iot_device: { from: `select t.id, t.code || ' ' || t.name || '(' || e.name || ')' as name from iot_devices t join enterprises e on e.id = t.enterprise_id where t.park_id = $1`, link: (id) => `/industry/devices/${id}` },
  iot_alarm: { from: `select t.id, t.title || '(' || d.code || ')' as name from iot_alarms t join iot_devices d on d.id = t.device_id where t.park_id = $1`, link: (id) => `/industry/alarms/${id}` },
  iot_alarm_rule: { from: `select id, name from iot_alarm_rules t where t.park_id = $1`, link: () => '/industry/alarm-rules' },
  smart_project: { from: `select t.id, t.name || '(' || e.name || ')' as name from smart_projects t join enterprises e on e.id = t.enterprise_id where t.park_id = $1`, link: (id) => `/industry/smart/${id}` },
  // 要素保障
  land_parcel: { from: `select id, code || coalesce(' ' || name, '') as name from land_parcels t where t.park_id = $1`, link: (id) => `/land/parcels/${id}` },
  land_parameter: { from: `select id, key || ' ' || to_char(valid_from, 'YYYY-MM-DD') || '起' as name from land_parameters t where t.park_id = $1`, link: () => '/land/parameters' },
  land_evaluation_threshold: { from: `select id, '亩均评价标准 ' || to_char(valid_from, 'YYYY-MM-DD') || '起' as name from land_evaluation_thresholds t where t.park_id = $1`, link: () => '/land/evaluation/thresholds' },
  land_cleanup_campaign: { from: `select id, code || ' ' || name as name from land_cleanup_campaigns t where t.park_id = $1`, link: (id) => `/land/cleanup/${id}` },
  land_cleanup_case: { from: `select t.id, t.case_no || ' ' || p.code as name from land_cleanup_cases t join land_parcels p on p.id = t.parcel_id where t.park_id = $1`, link: (id) => `/land/cleanup/cases/${id}` },
  investment_lead: { from: `select id, code || ' ' || project_name as name from investment_leads t where t.park_id = $1`, link: (id) => `/land/leads/${id}` },
  premises_building: { from: `select id, code || ' ' || name as name from premises_buildings t where t.park_id = $1`, link: (id) => `/land/premises/buildings/${id}` },
  premises_unit: { from: `select t.id, b.name || ' ' || t.code as name from premises_units t join premises_buildings b on b.id = t.building_id where t.park_id = $1`, link: () => '/land/premises/buildings' },
  premises_lease: { from: `select t.id, t.contract_no || '(' || e.name || ')' as name from premises_leases t join enterprises e on e.id = t.enterprise_id where t.park_id = $1`, link: (id) => `/land/premises/leases/${id}` },
  premises_bill: { from: `select t.id, e.name || ' ' || to_char(t.period, 'YYYY"年"FMMM"月"') || '租金' as name from premises_bills t join enterprises e on e.id = t.enterprise_id where t.park_id = $1`, link: (id) => `/land/premises/bills/${id}` },
  premises_relief_measure: { from: `select id, code || ' ' || name as name from premises_relief_measures t where t.park_id = $1`, link: (id) => `/land/premises/reliefs/${id}` },
  apartment_application: { from: `select id, code as name from apartment_applications t where t.park_id = $1`, link: (id) => `/land/apartments/applications/${id}` },
  acquisition_area: { from: `select id, code || ' ' || name as name from acquisition_areas t where t.park_id = $1`, link: (id) => `/land/acquisition/${id}` },
  acquisition_household: { from: `select t.id, a.name || ' ' || t.code as name from acquisition_households t join acquisition_areas a on a.id = t.area_id where t.park_id = $1`, link: (id) => `/land/acquisition/households/${id}` },
  acquisition_incident: { from: `select t.id, a.name || ' ' || to_char(t.occurred_on, 'YYYY-MM-DD') || ' 事件' as name from acquisition_incidents t join acquisition_areas a on a.id = t.area_id where t.park_id = $1`, link: (id) => `/land/acquisition/incidents/${id}` },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NamedRef = { name: string | null; link: string | null };

/** Names for the entries of one page: one query per entity type present. */
export async function nameEntries(db: Kysely<DB>, parkId: string, entries: { entity: string; entityId: string | null }[]): Promise<Map<string, NamedRef>> {
  const out = new Map<string, NamedRef>();
  const byEntity = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.entityId) continue;
    const key = `${e.entity}:${e.entityId}`;
    if (e.entity === 'role') out.set(key, { name: (ROLE_LABELS as Record<string, string>)[e.entityId] ?? null, link: null });
    else if (e.entity === 'scheduled_job') out.set(key, { name: JOB_DESCRIPTIONS[e.entityId]?.label ?? null, link: null });
    else if (NAMERS[e.entity] && UUID.test(e.entityId)) (byEntity.get(e.entity) ?? byEntity.set(e.entity, new Set()).get(e.entity)!).add(e.entityId);
  }
  const customRoles = entries.filter((e) => e.entity === 'role' && e.entityId && !out.get(`role:${e.entityId}`)?.name).map((e) => e.entityId!);
  if (customRoles.length) {
    const rows = await db.selectFrom('park_roles').select(['code', 'name']).where('park_id', '=', parkId).where('code', 'in', customRoles).execute();
    for (const r of rows) out.set(`role:${r.code}`, { name: r.name, link: null });
  }
  for (const [entity, ids] of byEntity) {
    const namer = NAMERS[entity]!;
    const rows = await sql<{ id: string; name: string | null }>`${sql.raw(`select id::text as id, name from (${namer.from.replace('$1', '')}`)}${parkId}${sql.raw(`) n where n.id = any(`)}${[...ids]}${sql.raw('::uuid[])')}`.execute(db);
    for (const r of rows.rows) out.set(`${entity}:${r.id}`, { name: r.name, link: namer.link?.(r.id) ?? null });
  }
  return out;
}

/**
 * The records whose business number, code or name starts with `text` (an officer types
 * SQ20261126-0001, not a UUID): at most 200 (entity, id) pairs over every named entity type.
 */
export async function findByName(db: Kysely<DB>, parkId: string, text: string): Promise<{ entity: string; id: string }[]> {
  const like = `${escapeLike(text)}%`;
  const found: { entity: string; id: string }[] = [];
  for (const [entity, namer] of Object.entries(NAMERS)) {
    const rows = await sql<{ id: string }>`${sql.raw(`select id::text as id from (${namer.from.replace('$1', '')}`)}${parkId}${sql.raw(`) n where n.name ilike `)}${like}${sql.raw(' limit 50')}`.execute(db);
    for (const r of rows.rows) found.push({ entity, id: r.id });
    if (found.length >= 200) break;
  }
  return found;
}
