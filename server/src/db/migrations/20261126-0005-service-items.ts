import { sql, type Kysely } from 'kysely';

/**
 * 政务服务 catalogue 办事指南: service items with the fields of an implementation list 实施清单,
 * and the park's search synonyms.
 *
 * Search: `search_terms` holds the character unigrams and bigrams (plus lower-cased ASCII words)
 * of the item's name, 主项/子项, keywords, code and of every synonym that points at the item;
 * `name_terms` the same of the name alone (for ranking). They are computed by the application
 * (modules/services/search-terms.ts), so no extension is needed: pg_trgm does not index CJK
 * characters under the C locale, and neither PGlite nor a managed PostgreSQL is guaranteed to
 * carry zhparser. A park holds ~1,500 items, so the search reads the park's rows through
 * `service_items_park_status_idx` and scores them; the GIN index serves the global search across
 * parks (province roles) and rare-term look-ups.
 */
const statements = [
  `create table service_items (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     basic_code text,
     code text not null,
     name text not null,
     main_item text,
     sub_item text,
     item_type text not null check (item_type in ('license', 'confirmation', 'filing', 'public_service', 'payment',
       'reward', 'adjudication', 'inspection', 'other')),
     department text not null default '行政审批局',
     legal_basis text,
     target text not null default 'enterprise' check (target in ('enterprise', 'person', 'both')),
     case_kind text not null check (case_kind in ('instant', 'promised')),
     legal_days int not null check (legal_days >= 0),
     committed_days int not null check (committed_days >= 0),
     special_procedures jsonb not null default '[]',
     visits int not null check (visits >= 0),
     online boolean not null default false,
     appointment boolean not null default false,
     delivery boolean not null default false,
     chengnuo_allowed boolean not null default false,
     chengnuo_text text,
     fee_charged boolean not null default false,
     fee_basis text,
     fee_amount_fen bigint check (fee_amount_fen is null or fee_amount_fen >= 0),
     steps jsonb not null default '[]',
     consult_phone text,
     complaint_phone text,
     joint_departments text[] not null default '{}',
     materials jsonb not null default '[]',
     approver_ids uuid[] not null default '{}',
     project_stage text check (project_stage in ('planning', 'engineering', 'construction', 'acceptance')),
     keywords text[] not null default '{}',
     search_terms text[] not null default '{}',
     name_terms text[] not null default '{}',
     status text not null default 'active' check (status in ('active', 'inactive')),
     version int not null default 1,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     unique (park_id, code),
     check (committed_days <= legal_days),
     check (jsonb_typeof(materials) = 'array'),
     check (jsonb_typeof(special_procedures) = 'array'),
     check (jsonb_typeof(steps) = 'array'))`,
  `create index service_items_park_status_idx on service_items (park_id, status, code)`,
  // the statistics read only these columns of every item of the park: an index-only scan skips
  // the wide rows (materials, texts) of the table
  `create index service_items_park_stats_idx on service_items (park_id, code)
     include (id, name, department, case_kind, committed_days, legal_days, status)`,
  `create index service_items_park_stage_idx on service_items (park_id, project_stage) where project_stage is not null`,
  `create index service_items_park_department_idx on service_items (park_id, department)`,
  `create index service_items_approvers_idx on service_items using gin (approver_ids)`,
  `create index service_items_search_idx on service_items using gin (search_terms)`,

  `create table service_synonyms (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     term text not null,
     expands_to text[] not null check (cardinality(expands_to) > 0),
     created_by uuid references users(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     unique (park_id, term))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
