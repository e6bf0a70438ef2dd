import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/connection.js';
import { loadMatchingSubjects } from '../server/src/modules/policies/matching/index.js';
const url = 'postgres://postgres@127.0.0.1:54329/' + process.argv[2];
const d = await openDatabase({ url, poolSize: 4 });
const park = (await sql<{ id: string }>`select id from parks where code = 'bench-matching'`.execute(d.db)).rows[0].id;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let i = 0; i < 3; i++) {
  let t0 = performance.now(); let c0 = cpu();
  const r = await sql<{ data: string }>`
    with b as (select e.id, e.is_above_scale, e.chain, e.industry_code, e.headcount, e.annual_revenue_fen, e.registered_capital_fen, e.founded_on, e.tags from enterprises e where e.park_id = ${park} order by e.id limit 5000)
    select json_agg(json_build_array(b.id, b.is_above_scale, b.chain, b.industry_code, b.headcount, b.annual_revenue_fen, b.registered_capital_fen, b.founded_on, b.tags,
      (select json_agg(json_build_array(f.key, f.year, coalesce(to_json(f.value_number), to_json(f.value_text), to_json(f.value_bool)))) from enterprise_facts f where f.park_id = ${park} and f.enterprise_id = b.id)) order by b.id)::text as data from b`.execute(d.db);
  const tq = performance.now() - t0; const cq = cpu() - c0;
  t0 = performance.now(); c0 = cpu();
  const parsed = JSON.parse(r.rows[0].data);
  console.log('batch 5000: query wall', tq.toFixed(0), 'node cpu', cq.toFixed(0), '| parse', (performance.now() - t0).toFixed(0), 'MB', (r.rows[0].data.length / 1e6).toFixed(1), parsed.length);
  t0 = performance.now(); c0 = cpu();
  const s = await loadMatchingSubjects(d.db, park);
  console.log('loadMatchingSubjects', s.length, 'wall', (performance.now() - t0).toFixed(0), 'node cpu', (cpu() - c0).toFixed(0));
}
await d.close();
