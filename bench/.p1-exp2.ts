import { buildMatchingSubject, addSubjectFact } from '../packages/contract/src/index.js';
const keys = ['new_hires','new_graduate_hires','expansion_hires','insured_headcount','layoff_rate','ui_paid_months','ui_premium_paid_fen','rd_expense_fen','revenue_fen','revenue_growth','tax_paid_fen','debt_ratio'];
const N = 100000;
const tuples: any[] = [];
for (let i = 0; i < N; i++) { const l = []; for (const k of keys) for (const y of [2024, 2025]) l.push([k, y, Math.random()*1000, null, null]); tuples.push(l); }
const json = tuples.map(t => JSON.stringify(t));
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now();
  const parsed = json.map(j => JSON.parse(j));
  const tParse = performance.now() - t0;
  t0 = performance.now();
  const subs = parsed.map((l, i) => { const s = buildMatchingSubject('e'+i, { headcount: 10, annualRevenueFen: 100 }); for (const f of l) addSubjectFact(s, f[0], f[1], f[2] ?? f[3] ?? f[4]); return s; });
  const tBuild = performance.now() - t0;
  console.log('parse', tParse.toFixed(0), 'build', tBuild.toFixed(0), subs.length, json.reduce((a, j) => a + j.length, 0) / 1e6, 'MB');
}
