// Every benchmark ends the same way: its goals as verdicts (figure, goal, result, PASS/FAIL),
// printed and written with its figures to bench/results/<name>-<date>.json — and, when
// `npm run bench:all` runs it, also to the file that runner names (BENCH_RESULT_FILE).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One goal of a benchmark: what was measured, the goal in words, the figure, and whether it holds. */
export type Verdict = { figure: string; goal: string; result: string; pass: boolean };

export function printVerdicts(name: string, verdicts: Verdict[]): void {
  for (const v of verdicts) console.log(`[bench:${name}] ${v.pass ? 'PASS' : 'FAIL'}  ${v.figure}: ${v.result} (goal ${v.goal})`);
}

/** Writes the benchmark's figures with its verdicts; returns the file's path relative to the repository. */
export function writeResults(name: string, out: object, verdicts: Verdict[]): string {
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().slice(0, 10)}.json`);
  const text = `${JSON.stringify({ ...out, verdicts, pass: verdicts.every((v) => v.pass) }, null, 2)}\n`;
  fs.writeFileSync(file, text);
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, text);
  printVerdicts(name, verdicts);
  return path.relative(root, file);
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
