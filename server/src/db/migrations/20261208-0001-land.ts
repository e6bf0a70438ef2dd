import { sql, type Kysely } from 'kysely';
import { caseEventsTableSql } from '../../platform/workflow/commit.js';

/**
 * 要素保障 land and premises (SPEC §2.8): parcels 地块 with their boundaries and status history, the
 * 亩均 evaluation 亩均论英雄 (dated thresholds, firms' yearly figures, graded results), the idle-land
 * clean-up 闲置用地清理专项行动 (campaigns and a case per parcel), the investment pipeline before
 * signing 招商线索 (leads as a case, negotiation records; signing creates an investment project),
 * premises 厂房与人才公寓 (buildings, units, leases, monthly bills, rent relief, payments; talent
 * apartment applications and occupancies) and the 征地拆迁 register (areas, households, payments,
 * incidents).
 *
 * The rules that must hold whatever the code does are the database's:
 * - one parcel per park and code; one lease number, building code, unit code per park / building;
 * - no unit leased twice for overlapping dates, no apartment occupied twice for overlapping dates
 *   (exclusion constraints over date ranges, btree_gist);
 * - one bill per lease and month; a bill's relief never exceeds its gross, its paid never its due;
 * - one clean-up case per campaign and parcel; one live apartment application per person;
 * - money is integer fen, areas are numeric (㎡ two decimals, 亩 four decimals).
 * Every business row carries park_id; unique keys and main indexes lead with it.
 */
const statements = [
  `create extension if not exists btree_gist`,

  // ------------------------------------------------------------ dated parameters
  // key ∈ LAND_PARAMETERS (contract land.ts): rents in fen per ㎡ per month by building kind, the
  // idle years after 出让 that make a parcel a clean-up candidate, the deposit months, bill due day.
  `create table land_parameters (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     key text not null check (length(key) between 1 and 60),
     valid_from date not null,
     value bigint not null check (value >= 0),
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, key, valid_from))`,

  // ------------------------------------------------------------ parcels 地块
  // boundary: a GeoJSON Polygon or MultiPolygon geometry in WGS84 lng/lat (RFC 7946).
  // area_mu: computed from the boundary; declared_area_mu: the figure entered or imported (the
  // certificate's), kept to cross-check. status: LAND_PARCEL_STATUSES, moved by the parcel workflow
  // (land_parcel_events is its timeline).
  `create table land_parcels (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null check (length(code) between 1 and 40),
     name text,
     boundary jsonb not null,
     area_mu numeric(14,4) not null check (area_mu > 0),
     declared_area_mu numeric(14,4) check (declared_area_mu > 0),
     centroid_lng double precision not null,
     centroid_lat double precision not null,
     zone text,
     planned_use text not null check (planned_use in ('industrial', 'warehouse', 'commercial', 'residential', 'public', 'other')),
     enterprise_id uuid references enterprises(id),
     project_id uuid references investment_projects(id),
     status text not null check (status in ('reserve', 'transferred', 'construction', 'producing', 'idle', 'inefficient', 'recovered', 'reallocated')),
     status_since date not null,
     transferred_on date,
     construction_on date,
     producing_on date,
     land_price_fen bigint check (land_price_fen >= 0),
     floor_area_m2 numeric(14,2) check (floor_area_m2 >= 0),
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  `create index land_parcels_status_idx on land_parcels (park_id, status)`,
  `create index land_parcels_enterprise_idx on land_parcels (park_id, enterprise_id) where enterprise_id is not null`,
  `create index land_parcels_project_idx on land_parcels (park_id, project_id) where project_id is not null`,
  ...caseEventsTableSql('land_parcel_events', 'parcel_id', 'land_parcels'),

  // The base layer the map draws under the parcels (no tile server): the town's outline, the
  // starter area, roads, rivers, zones. geometry: any GeoJSON geometry in WGS84.
  `create table land_map_features (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     kind text not null check (kind in ('town', 'starter', 'zone', 'road', 'river', 'landmark')),
     name text,
     geometry jsonb not null,
     sort_order int not null default 0,
     created_at timestamptz not null)`,
  `create index land_map_features_park_idx on land_map_features (park_id, sort_order)`,

  // ------------------------------------------------------------ 亩均 evaluation 亩均论英雄
  // rules: ZMujunThresholdRules (contract land-evaluation.ts); the rules valid on 31 Dec of a year
  // grade that year.
  `create table land_evaluation_thresholds (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     valid_from date not null,
     rules jsonb not null,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, valid_from))`,
  // A firm's yearly figures entered or imported where the monthly reports do not cover them.
  `create table land_firm_figures (
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     year int not null check (year between 2000 and 2100),
     revenue_fen bigint check (revenue_fen >= 0),
     tax_fen bigint check (tax_fen >= 0),
     investment_fen bigint check (investment_fen >= 0),
     floor_area_m2 numeric(14,2) check (floor_area_m2 >= 0),
     source text not null default 'entered' check (source in ('entered', 'import')),
     note text,
     updated_by uuid references users(id),
     updated_at timestamptz not null,
     primary key (park_id, enterprise_id, year))`,
  // The graded result of a year (re-running a year replaces its rows in one transaction).
  `create table land_evaluations (
     park_id uuid not null references parks(id),
     year int not null,
     enterprise_id uuid not null references enterprises(id),
     land_mu numeric(14,4) not null,
     revenue_fen bigint,
     tax_fen bigint,
     investment_fen bigint,
     floor_area_m2 numeric(14,2),
     tax_per_mu_fen bigint,
     revenue_per_mu_fen bigint,
     investment_per_mu_fen bigint,
     plot_ratio numeric(8,3),
     score numeric(8,2),
     grade text not null check (grade in ('A', 'B', 'C', 'D')),
     revenue_source text not null check (revenue_source in ('reports', 'entered', 'import', 'none')),
     threshold_id uuid references land_evaluation_thresholds(id),
     computed_at timestamptz not null,
     primary key (park_id, year, enterprise_id))`,
  `create index land_evaluations_grade_idx on land_evaluations (park_id, year, grade)`,

  // ------------------------------------------------------------ idle-land clean-up 专项行动
  `create table land_cleanup_campaigns (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     started_on date not null,
     ends_on date,
     idle_years int not null default 2 check (idle_years between 1 and 20),
     evaluation_year int,
     status text not null default 'active' check (status in ('active', 'closed')),
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  // One case per campaign and parcel: 认定 → 告知 → 约谈 → outcome (限期开工 / 协议收回 / 依法收回)
  // → 收回 → 再出让 (or 已开工 when a 限期开工 firm starts in time). LAND_CLEANUP_STATUSES.
  `create table land_cleanup_cases (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     campaign_id uuid not null references land_cleanup_campaigns(id),
     parcel_id uuid not null references land_parcels(id),
     case_no text not null,
     enterprise_id uuid references enterprises(id),
     reason text not null check (reason in ('idle', 'grade_d', 'other')),
     status text not null,
     identified_on date not null,
     notified_on date,
     interviewed_on date,
     interview_note text,
     outcome text check (outcome in ('deadline', 'agreement', 'legal')),
     start_deadline date,
     compensation_fen bigint check (compensation_fen >= 0),
     recovered_on date,
     recovered_mu numeric(14,4) check (recovered_mu > 0),
     new_project_id uuid references investment_projects(id),
     new_enterprise_id uuid references enterprises(id),
     reallocated_on date,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, case_no),
     unique (park_id, campaign_id, parcel_id))`,
  `create index land_cleanup_cases_status_idx on land_cleanup_cases (park_id, campaign_id, status)`,
  ...caseEventsTableSql('land_cleanup_case_events', 'case_id', 'land_cleanup_cases'),

  // ------------------------------------------------------------ investment leads 招商线索
  // LEAD_STATUSES: new 新线索 → negotiating 洽谈中 → committee 待上会 → approved 已过会 → signed 已签约
  // (creates the investment project, project_id) ; dropped 已放弃 from any open state.
  `create table investment_leads (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     project_name text not null,
     investor text not null,
     contact_name text,
     contact_phone text,
     chain text,
     amount_fen bigint not null check (amount_fen >= 0),
     source text not null check (source in ('online', 'visit', 'fair', 'referral', 'other')),
     description text,
     land_need_mu numeric(14,4) check (land_need_mu >= 0),
     factory_need_m2 numeric(14,2) check (factory_need_m2 >= 0),
     status text not null,
     owner_id uuid references users(id),
     received_on date not null,
     committee_on date,
     committee_decision text check (committee_decision in ('approved', 'rejected')),
     committee_note text,
     signed_on date,
     project_id uuid references investment_projects(id),
     dropped_reason text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  `create index investment_leads_status_idx on investment_leads (park_id, status, received_on)`,
  `create unique index investment_leads_project_idx on investment_leads (park_id, project_id) where project_id is not null`,
  ...caseEventsTableSql('investment_lead_events', 'lead_id', 'investment_leads'),
  // form: online 屏对屏 (video) or in person.
  `create table investment_negotiations (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     lead_id uuid not null references investment_leads(id),
     held_on date not null,
     form text not null check (form in ('online', 'in_person')),
     location text,
     participants text not null,
     minutes text not null,
     next_step text,
     created_by uuid references users(id),
     created_at timestamptz not null)`,
  `create index investment_negotiations_lead_idx on investment_negotiations (park_id, lead_id, held_on)`,

  // ------------------------------------------------------------ premises 厂房与人才公寓
  `create table premises_buildings (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     kind text not null check (kind in ('custom_factory', 'standard_factory', 'apartment')),
     address text,
     floors int not null check (floors between 1 and 200),
     parcel_id uuid references land_parcels(id),
     completed_on date,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  // status: whether the unit can be let at all; whether it is let on a date comes from leases
  // (factories) and occupancies (apartments).
  `create table premises_units (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     building_id uuid not null references premises_buildings(id),
     code text not null,
     floor int not null,
     area_m2 numeric(12,2) not null check (area_m2 > 0),
     layout text,
     status text not null default 'available' check (status in ('available', 'maintenance', 'disabled')),
     note text,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, building_id, code))`,
  `create index premises_units_building_idx on premises_units (park_id, building_id, floor, code)`,
  // A lease covers [starts_on, ends_on] inclusive; a terminated lease ends on terminated_on. The
  // rent per ㎡ per month is fixed at signing from the dated parameter (or negotiated), the monthly
  // rent is area × rate rounded once. No unit is let twice on one day (the exclusion constraint).
  `create table premises_leases (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     contract_no text not null,
     enterprise_id uuid not null references enterprises(id),
     unit_id uuid not null references premises_units(id),
     starts_on date not null,
     ends_on date not null,
     rent_fen_per_m2_month bigint not null check (rent_fen_per_m2_month >= 0),
     monthly_rent_fen bigint not null check (monthly_rent_fen >= 0),
     deposit_fen bigint not null default 0 check (deposit_fen >= 0),
     status text not null default 'active' check (status in ('active', 'terminated', 'cancelled')),
     terminated_on date,
     terminate_reason text,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check (ends_on >= starts_on),
     check ((status = 'terminated') = (terminated_on is not null)),
     check (terminated_on is null or (terminated_on >= starts_on and terminated_on <= ends_on)),
     unique (park_id, contract_no),
     constraint premises_leases_no_overlap exclude using gist (
       unit_id with =,
       daterange(starts_on, coalesce(terminated_on, ends_on), '[]') with &&
     ) where (status <> 'cancelled'))`,
  `create index premises_leases_enterprise_idx on premises_leases (park_id, enterprise_id, starts_on)`,
  `create index premises_leases_unit_idx on premises_leases (park_id, unit_id, starts_on)`,
  // rule: ZReliefRule (contract land-premises.ts), e.g. { kind: 'free_months', months: 3, ... }.
  `create table premises_relief_measures (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     period_from date not null,
     period_to date not null,
     rule jsonb not null,
     status text not null default 'draft' check (status in ('draft', 'active', 'closed')),
     basis text,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check (period_to >= period_from),
     unique (park_id, code))`,
  // One bill per lease and month: gross for the days let that month, relief, due = gross − relief.
  `create table premises_bills (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     lease_id uuid not null references premises_leases(id),
     enterprise_id uuid not null references enterprises(id),
     period date not null check (extract(day from period) = 1),
     days int not null check (days between 1 and 31),
     gross_fen bigint not null check (gross_fen >= 0),
     relief_fen bigint not null default 0 check (relief_fen >= 0),
     due_fen bigint not null check (due_fen >= 0),
     paid_fen bigint not null default 0 check (paid_fen >= 0),
     due_on date not null,
     status text not null default 'open' check (status in ('open', 'partial', 'paid', 'void')),
     issued_at timestamptz not null,
     updated_at timestamptz not null,
     check (relief_fen <= gross_fen),
     check (due_fen = gross_fen - relief_fen),
     check (paid_fen <= due_fen),
     unique (park_id, lease_id, period))`,
  `create index premises_bills_enterprise_idx on premises_bills (park_id, enterprise_id, period)`,
  `create index premises_bills_period_idx on premises_bills (park_id, period, status)`,
  `create table premises_bill_reliefs (
     park_id uuid not null references parks(id),
     bill_id uuid not null references premises_bills(id),
     measure_id uuid not null references premises_relief_measures(id),
     enterprise_id uuid not null references enterprises(id),
     amount_fen bigint not null check (amount_fen > 0),
     explanation text not null,
     primary key (park_id, bill_id, measure_id))`,
  `create index premises_bill_reliefs_measure_idx on premises_bill_reliefs (park_id, measure_id, enterprise_id)`,
  `create table premises_payments (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     bill_id uuid not null references premises_bills(id),
     enterprise_id uuid not null references enterprises(id),
     amount_fen bigint not null check (amount_fen > 0),
     paid_on date not null,
     method text not null check (method in ('transfer', 'cash', 'offset', 'other')),
     reference text,
     note text,
     status text not null default 'active' check (status in ('active', 'void')),
     void_reason text,
     created_by uuid references users(id),
     created_at timestamptz not null)`,
  `create index premises_payments_bill_idx on premises_payments (park_id, bill_id)`,

  // ------------------------------------------------------------ talent apartments 人才公寓
  // rules: [{ id, label, field, op, value, effect: 'require' | 'score', points }] (contract
  // land-apartments.ts); the rules valid on the application's day decide eligibility and order.
  `create table apartment_rule_sets (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     valid_from date not null,
     rules jsonb not null,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, valid_from))`,
  // An application for one staff member; the ID number is kept only hashed (HMAC) and masked.
  // APARTMENT_APPLICATION_STATUSES: submitted → waitlisted (eligible, in the queue by score, then
  // time) → allocated (unit) → moved_in → moved_out; rejected / withdrawn.
  `create table apartment_applications (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     enterprise_id uuid not null references enterprises(id),
     applicant_name text not null,
     id_number_hash text not null,
     id_number_masked text not null,
     phone text,
     position text not null,
     facts jsonb not null default '{}',
     status text not null,
     eligible boolean,
     score int not null default 0,
     rule_set_id uuid references apartment_rule_sets(id),
     evaluation jsonb,
     unit_id uuid references premises_units(id),
     allocated_on date,
     move_in_on date,
     move_out_on date,
     reject_reason text,
     submitted_at timestamptz not null,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  `create unique index apartment_applications_live_person_idx on apartment_applications (park_id, id_number_hash)
     where status in ('submitted', 'waitlisted', 'allocated', 'moved_in')`,
  `create index apartment_applications_queue_idx on apartment_applications (park_id, status, score desc, submitted_at)`,
  `create index apartment_applications_enterprise_idx on apartment_applications (park_id, enterprise_id, submitted_at)`,
  ...caseEventsTableSql('apartment_application_events', 'application_id', 'apartment_applications'),
  // Who holds an apartment from when (allocation) until when (move-out, null = still there).
  `create table apartment_occupancies (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     unit_id uuid not null references premises_units(id),
     application_id uuid not null references apartment_applications(id),
     enterprise_id uuid not null references enterprises(id),
     starts_on date not null,
     ends_on date,
     created_at timestamptz not null,
     check (ends_on is null or ends_on >= starts_on),
     constraint apartment_occupancies_no_overlap exclude using gist (
       unit_id with =,
       daterange(starts_on, ends_on, '[)') with &&
     ))`,
  `create index apartment_occupancies_unit_idx on apartment_occupancies (park_id, unit_id, starts_on)`,

  // ------------------------------------------------------------ 征地拆迁 register
  `create table acquisition_areas (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     planned_mu numeric(14,4) check (planned_mu > 0),
     boundary jsonb,
     started_on date not null,
     finished_on date,
     status text not null default 'active' check (status in ('active', 'finished')),
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  // The officers in charge of an area: the only ones who see its households' personal data unmasked.
  `create table acquisition_area_officers (
     park_id uuid not null references parks(id),
     area_id uuid not null references acquisition_areas(id),
     user_id uuid not null references users(id),
     primary key (park_id, area_id, user_id))`,
  // A household 户 or unit 单位 to relocate. The ID number is kept hashed and masked only.
  `create table acquisition_households (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     area_id uuid not null references acquisition_areas(id),
     code text not null,
     kind text not null check (kind in ('household', 'unit')),
     name text not null,
     id_number_hash text,
     id_number_masked text,
     phone text,
     address text,
     members int check (members >= 0),
     building_area_m2 numeric(12,2) not null check (building_area_m2 >= 0),
     land_area_m2 numeric(12,2) check (land_area_m2 >= 0),
     agreement_on date,
     compensation_agreed_fen bigint check (compensation_agreed_fen >= 0),
     moved_out_on date,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check (moved_out_on is null or agreement_on is not null),
     unique (park_id, area_id, code))`,
  `create table acquisition_payments (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     household_id uuid not null references acquisition_households(id),
     amount_fen bigint not null check (amount_fen > 0),
     paid_on date not null,
     reference text,
     note text,
     status text not null default 'active' check (status in ('active', 'void')),
     void_reason text,
     created_by uuid references users(id),
     created_at timestamptz not null)`,
  `create index acquisition_payments_household_idx on acquisition_payments (park_id, household_id)`,
  // 事故 accident, 纠纷 dispute, 上访 petition — each with its resolution.
  `create table acquisition_incidents (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     area_id uuid not null references acquisition_areas(id),
     household_id uuid references acquisition_households(id),
     kind text not null check (kind in ('accident', 'dispute', 'petition')),
     occurred_on date not null,
     summary text not null,
     status text not null default 'open' check (status in ('open', 'resolved')),
     resolution text,
     resolved_on date,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check ((status = 'resolved') = (resolved_on is not null)))`,
  `create index acquisition_incidents_area_idx on acquisition_incidents (park_id, area_id, occurred_on)`,

  // per-park, per-day counters of the case numbers (platform/day-sequences.ts)
  ...['land_cleanup_case', 'investment_lead', 'apartment_application', 'premises_lease'].map(
    (t) => `create table ${t}_number_sequences (park_id uuid not null references parks(id), day text not null, last int not null, primary key (park_id, day))`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
