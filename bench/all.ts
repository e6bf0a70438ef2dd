// `npm run bench:all`: every benchmark, one after another (never in parallel: they measure the
// machine), then one table of every goal — figure, goal, this run's result, the previous run's —
// for a closing note. Each benchmark writes its own bench/results/<name>-<date>.json as well; this
// table goes to bench/results/all-<date>.json. Not part of `npm test`.
//
// BENCH_ONLY=api,matching picks some; anything else in the environment is passed on (e.g.
// BENCH_DATABASE_URL). Exits 1 if any goal fails or any benchmark exits non-zero.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Verdict } from './verdicts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');

/** name = the script and the prefix of its result files. */
const BENCHES = ['api', 'matching', 'demands', 'services', 'finance', 'load'] as const;

type Row = Verdict & { bench: string; previous: string };

/** The newest earlier result file of a benchmark with verdicts in it (`<name>-YYYY-MM-DD.json`). */
function previousVerdicts(name: string): { file: string; verdicts: Verdict[] } | null {
  if (!fs.existsSync(resultsDir)) return null;
  const files = fs
    .readdirSync(resultsDir)
    .filter((f) => new RegExp(`^${name}-\\d{4}-\\d{2}-\\d{2}\\.json$`).test(f))
    .map((f) => ({ f, at: fs.statSync(path.join(resultsDir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of files) {
    try {
      const data = JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as { verdicts?: Verdict[] };
      if (Array.isArray(data.verdicts)) return { file: f, verdicts: data.verdicts };
    } catch {
      /* an unreadable old file is no previous figure */
    }
  }
  return null;
}

function main(): number {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((n) => !(BENCHES as readonly string[]).includes(n));
  if (unknown.length) {
    console.error(`BENCH_ONLY: unknown benchmark ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
    return 2;
  }
  const chosen = BENCHES.filter((n) => only.length === 0 || only.includes(n));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-bench-all-'));
  const rows: Row[] = [];
  const runs: { bench: string; exitCode: number | null; seconds: number }[] = [];
  for (const name of chosen) {
    const before = previousVerdicts(name);
    const resultFile = path.join(tmp, `${name}.json`);
    console.log(`\n=== bench:${name} (load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}) ===`);
    const t0 = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    });
    runs.push({ bench: name, exitCode: run.status, seconds: Math.round((performance.now() - t0) / 1000) });
    let verdicts: Verdict[] = [];
    try {
      verdicts = (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { verdicts: Verdict[] }).verdicts;
    } catch {
      verdicts = [{ figure: 'the benchmark', goal: 'runs to the end', result: `exit ${run.status ?? run.signal}, no results`, pass: false }];
    }
    if (run.status !== 0 && verdicts.every((v) => v.pass)) verdicts.push({ figure: 'the benchmark', goal: 'exit 0', result: `exit ${run.status ?? run.signal}`, pass: false });
    for (const v of verdicts) rows.push({ ...v, bench: name, previous: before?.verdicts.find((p) => p.figure === v.figure)?.result ?? '—' });
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const widths = [10, 70, 14, 34, 34, 4];
  const cell = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  console.log(`\nbench:all — ${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} CPUs · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(['bench', 'figure', 'goal', 'result', 'previous', ''].map((h, i) => cell(h, widths[i]!)).join(' '));
  for (const r of rows) console.log([r.bench, r.figure, r.goal, r.result, r.previous, r.pass ? 'PASS' : 'FAIL'].map((c, i) => cell(c, widths[i]!)).join(' '));
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `all-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine: { node: process.version, cpus: os.cpus().length, loadavgAfter: os.loadavg() }, runs, rows }, null, 2)}\n`);
  console.log(`\n${rows.filter((r) => r.pass).length} of ${rows.length} goals met; table → ${path.relative(root, file)}`);
  return rows.every((r) => r.pass) && runs.every((r) => r.exitCode === 0) ? 0 : 1;
}

process.exit(main());
