#!/usr/bin/env node
// Dependency gate for CI (OPERATIONS.md, "Dependencies"):
//  1. every package.json of the workspace names exact versions (no ^ ~ ranges, tags or URLs), so
//     package-lock.json (installed with `npm ci`) is the only source of versions;
//  2. `npm audit --omit=dev` finds no high or critical advisory in production dependencies other
//     than those in audit-allowlist.json, each reviewed, with a reason and an expiry date.
// Exit 0: clean; 1: a finding (printed); 2: the advisory service could not be asked (strict mode).
//
//   node scripts/audit-deps.mjs                      ask the registry (npm audit)
//   node scripts/audit-deps.mjs --report FILE        read a saved `npm audit --json` report instead
//   node scripts/audit-deps.mjs --unreachable=warn   a registry without the audit endpoint is a
//                                                    warning, not a failure (offline mirrors)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BLOCKING = new Set(['high', 'critical']);
const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'overrides'];
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Names whose version is not exact, across the root and workspace package.json files. */
export function findUnpinned(root) {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const files = ['package.json', ...(rootPkg.workspaces ?? []).map((w) => path.join(w, 'package.json'))];
  const local = new Set();
  const pkgs = files.map((file) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
    if (pkg.name) local.add(pkg.name);
    return { file, pkg };
  });
  const problems = [];
  const check = (file, field, name, spec) => {
    if (typeof spec === 'object' && spec !== null) {
      for (const [inner, v] of Object.entries(spec)) check(file, `${field}.${name}`, inner, v);
      return;
    }
    // a workspace package is linked, not fetched
    if (local.has(name) && (spec === '*' || EXACT.test(spec))) return;
    if (typeof spec !== 'string' || !EXACT.test(spec)) problems.push(`${file}: ${field} "${name}": "${spec}" 不是确定版本(应写成锁文件中的版本号,如 1.2.3)`);
  };
  for (const { file, pkg } of pkgs) {
    for (const field of DEP_FIELDS) for (const [name, spec] of Object.entries(pkg[field] ?? {})) check(file, field, name, spec);
  }
  return problems;
}

/** High/critical advisories of an `npm audit --json` report (npm 7+ format), one per advisory. */
export function blockingAdvisories(report) {
  const found = new Map();
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via ?? []) {
      if (typeof via !== 'object' || !BLOCKING.has(via.severity)) continue;
      const ghsa = /GHSA-[\w-]+/.exec(via.url ?? '')?.[0];
      const id = ghsa ?? String(via.source);
      if (!found.has(id)) found.set(id, { id, source: via.source, package: via.name, severity: via.severity, title: via.title, url: via.url, range: via.range });
    }
  }
  return [...found.values()];
}

/** Checks the allow-list's own shape: every entry reviewed, reasoned, dated. */
export function readAllowlist(file) {
  if (!fs.existsSync(file)) return { entries: [], problems: [] };
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const problems = [];
  const entries = (data.accepted ?? []).map((e, i) => {
    for (const key of ['id', 'package', 'reason', 'reviewer', 'expires']) {
      if (typeof e[key] !== 'string' || e[key].trim() === '') problems.push(`audit-allowlist.json 第 ${i + 1} 条缺少 ${key}`);
    }
    if (e.expires && !/^\d{4}-\d{2}-\d{2}$/.test(e.expires)) problems.push(`audit-allowlist.json 第 ${i + 1} 条 expires 应为 YYYY-MM-DD`);
    return e;
  });
  return { entries, problems };
}

/** Splits advisories into accepted (a live allow-list entry) and blocking; lists expired and unused entries. */
export function judge(advisories, entries, today) {
  const blocking = [];
  const accepted = [];
  const expired = [];
  const used = new Set();
  for (const a of advisories) {
    const entry = entries.find((e) => (e.id === a.id || e.id === String(a.source)) && e.package === a.package);
    if (!entry) blocking.push(a);
    else if (entry.expires < today) {
      expired.push({ advisory: a, entry });
      blocking.push(a);
      used.add(entry);
    } else {
      accepted.push({ advisory: a, entry });
      used.add(entry);
    }
  }
  const unused = entries.filter((e) => !used.has(e));
  return { blocking, accepted, expired, unused };
}

/** A parsed `npm audit --json` output, or why it is not a report. */
function interpret(text, fallback) {
  let report = null;
  try {
    report = JSON.parse(text);
  } catch {
    return { report: null, error: (fallback || 'npm audit 输出不是 JSON').trim().slice(0, 300) };
  }
  // npm prints an error object (e.g. the registry has no audit endpoint) instead of a report
  if (!report || (!report.vulnerabilities && !report.metadata)) return { report: null, error: report?.message ?? report?.error?.summary ?? 'npm audit 没有给出报告' };
  return { report, error: null };
}

function runNpmAudit(root) {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return interpret(r.stdout, r.stderr || `npm audit exited ${r.status}`);
}

export function main(argv = process.argv.slice(2), root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')) {
  const reportArg = argv.find((a) => a.startsWith('--report='))?.slice(9) ?? (argv.includes('--report') ? argv[argv.indexOf('--report') + 1] : null);
  const unreachableWarn = argv.includes('--unreachable=warn');
  const today = argv.find((a) => a.startsWith('--today='))?.slice(8) ?? new Date().toISOString().slice(0, 10);
  let failed = false;

  const unpinned = findUnpinned(root);
  if (unpinned.length) {
    failed = true;
    console.log(`依赖版本未锁定(${unpinned.length} 处):`);
    for (const p of unpinned) console.log(`  ✗ ${p}`);
  } else {
    console.log('依赖版本:所有 package.json 均为确定版本,版本只来自 package-lock.json(npm ci)');
  }

  const allow = readAllowlist(path.join(root, 'audit-allowlist.json'));
  if (allow.problems.length) {
    failed = true;
    for (const p of allow.problems) console.log(`  ✗ ${p}`);
  }

  const { report, error } = reportArg ? interpret(fs.readFileSync(reportArg, 'utf8')) : runNpmAudit(root);
  if (!report) {
    console.log(`安全审计:无法取得 npm audit 结果(${error})`);
    if (!unreachableWarn) return 2;
    console.log('  ⚠ 按 --unreachable=warn 继续:本次未能检查已知漏洞,请在能访问 registry.npmjs.org 的环境中复查');
    return failed ? 1 : 0;
  }
  const advisories = blockingAdvisories(report);
  const { blocking, accepted, expired, unused } = judge(advisories, allow.entries, today);
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(
    `安全审计(生产依赖 ${report.metadata?.dependencies?.prod ?? '?'} 个):高危 ${counts.high ?? 0},严重 ${counts.critical ?? 0},中危 ${counts.moderate ?? 0},低危 ${counts.low ?? 0};已评审接受 ${accepted.length},阻断 ${blocking.length}`,
  );
  for (const { advisory, entry } of accepted) console.log(`  ✓ 已接受 ${advisory.id} ${advisory.package}(${advisory.severity}):${entry.reason} —— ${entry.reviewer},至 ${entry.expires}`);
  for (const { advisory, entry } of expired) console.log(`  ✗ 接受已过期 ${advisory.id} ${advisory.package}:${entry.expires} 到期,请重新评审或升级`);
  for (const a of blocking) console.log(`  ✗ ${a.severity === 'critical' ? '严重' : '高危'} ${a.id} ${a.package} ${a.range ?? ''}:${a.title ?? ''} ${a.url ?? ''}`);
  for (const e of unused) console.log(`  ⚠ 允许清单中的 ${e.id}(${e.package})已不再出现,可以删除`);
  if (blocking.length) failed = true;
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
