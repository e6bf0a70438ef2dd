import { sql, type Kysely } from 'kysely';
import { day, events, FIGURES } from './20261207-0005-demand-rollup.js';
import { COLUMNS, grouped } from './20261207-0007-demand-rollup-deltas.js';

/**
 * The demands' UPDATE trigger writes what a change moved, not the whole before and after: for each
 * of a demand's three events (filed, answered, closed) whose place in the rollup (category, owner,
 * Shanghai day) did not move, one row with the difference — none when nothing of it changed — and
 * only for an event that moved, appeared or went, the old row taken away and the new one added.
 * An escalation by the sweep was six event rows per demand (three each side, cancelling but for
 * `escalated`), grouped at two grains; it is now one. Same figures: the rows that cancelled before
 * are simply not written (the rollup test holds every kind of change against counting the rows).
 */
const PAIRED = ['park_id', 'category', 'assignee_id', 'status', 'created_at', 'resolved_at', 'closed_at', 'escalation_count', 'answered_on_time', 'answer_working_days'];

const same = (column: string) => `c.n_${column} is not distinct from c.o_${column}`;
const place = (at: string) => `${same('park_id')} and ${same('category')} and ${same('assignee_id')} and ${day(`c.n_${at}`)} = ${day(`c.o_${at}`)}`;
const answered = (s: 'n' | 'o') => `c.${s}_resolved_at is not null`;
const closedNow = (s: 'n' | 'o') => `(c.${s}_status = 'closed' and c.${s}_closed_at is not null)`;
const rated = (s: 'n' | 'o') => `(exists (select 1 from ratings r where r.park_id = c.${s}_park_id and r.subject_type = 'demand' and r.subject_id = c.id))::int`;
const esc = (s: 'n' | 'o') => `(c.${s}_escalation_count > 0)::int`;
const onTime = (s: 'n' | 'o') => `coalesce(c.${s}_answered_on_time::int, 0)`;
const days = (s: 'n' | 'o') => `coalesce(c.${s}_answer_working_days, 0)`;
const counted = (s: 'n' | 'o') => `(c.${s}_answer_working_days is not null)::int`;
/** One event row: keys of side `s`, then the eight figures. */
const row = (s: 'n' | 'o', at: string, figures: string[]) =>
  `select c.${s}_park_id as park_id, c.${s}_category as category, c.${s}_assignee_id as assignee_id, ${day(`c.${s}_${at}`)} as d, ${figures.map((f, i) => `${f} as ${FIGURES[i]}`).join(', ')} from c`;
const sign = (s: 'n' | 'o') => (s === 'n' ? '' : '-');

function diffEvents(): string {
  const filing = [
    `${row('n', 'created_at', ['0', `${esc('n')} - ${esc('o')}`, '0', '0', '0', '0', '0', '0'])} where ${place('created_at')} and ${esc('n')} <> ${esc('o')}`,
    ...(['n', 'o'] as const).map((s) => `${row(s, 'created_at', [`${sign(s)}1`, `${sign(s)}${esc(s)}`, '0', '0', '0', '0', '0', '0'])} where not (${place('created_at')})`),
  ];
  const answerSame = `${answered('n')} and ${answered('o')} and ${place('resolved_at')}`;
  const answer = [
    `${row('n', 'resolved_at', ['0', '0', '0', `${onTime('n')} - ${onTime('o')}`, `${days('n')} - ${days('o')}`, `${counted('n')} - ${counted('o')}`, '0', '0'])}
      where ${answerSame} and (${onTime('n')}, ${days('n')}, ${counted('n')}) <> (${onTime('o')}, ${days('o')}, ${counted('o')})`,
    ...(['n', 'o'] as const).map((s) => `${row(s, 'resolved_at', ['0', '0', `${sign(s)}1`, `${sign(s)}${onTime(s)}`, `${sign(s)}${days(s)}`, `${sign(s)}${counted(s)}`, '0', '0'])} where ${answered(s)} and not (${answerSame})`),
  ];
  // a closing that stayed in place moves nothing: both sides see the same ratings
  const closeSame = `${closedNow('n')} and ${closedNow('o')} and ${place('closed_at')}`;
  const closing = (['n', 'o'] as const).map((s) => `${row(s, 'closed_at', ['0', '0', '0', '0', '0', '0', `${sign(s)}1`, `${sign(s)}${rated(s)}`])} where ${closedNow(s)} and not (${closeSame})`);
  return [...filing, ...answer, ...closing].join('\n    union all\n    ');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const cols = (a: string) => `(${PAIRED.map((c) => `${a}.${c}`).join(', ')})`;
  const pairs = `select n.id, ${PAIRED.map((c) => `n.${c} as n_${c}, o.${c} as o_${c}`).join(', ')}
                   from new_demands n join old_demands o on o.id = n.id
                  where ${cols('n')} is distinct from ${cols('o')}`;
  await sql
    .raw(
      `create or replace function yq_demand_rollup_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into demand_rollup_delta (${COLUMNS}) ${grouped(events('new_demands', 1))};
        elsif tg_op = 'DELETE' then
          insert into demand_rollup_delta (${COLUMNS}) ${grouped(events('old_demands', -1))};
        else
          with c as materialized (${pairs})
          insert into demand_rollup_delta (${COLUMNS}) ${grouped(diffEvents())};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
}
