// `npm test`: the whole suite.
//  1. type check (the five TypeScript projects, two at a time);
//  2. unit and API tests (Vitest) on embedded PGlite;
//  3. the same API tests on a PostgreSQL server when TEST_DATABASE_URL is set (CI sets it), with
//     the fault drills (server/test/faults.test.ts), then the load bench (bench:load);
//  4. browser tests (Playwright, system Chromium). Missing Chromium fails the run: browser tests
//     never skip silently (set YQ_SKIP_E2E=1 to leave them out on purpose, e.g. while editing).
// Ends with one line "N passed, N failed" over all of them.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  return r.status ?? 1;
}

/** Runs `tsc --noEmit` on each project, `parallel` at a time; prints each one's output whole; returns the failed projects. */
async function typecheckAll(projects, parallel) {
  const failedProjects = [];
  const queue = [...projects];
  const one = (project) =>
    new Promise((resolve) => {
      const child = spawn(npx, ['tsc', '-p', project, '--noEmit'], { cwd: root, env: { ...process.env, TZ: 'UTC' } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => {
        console.log(`typecheck ${project}: ${code === 0 ? 'ok' : 'FAILED'}`);
        if (out.trim()) process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
        if (code !== 0) failedProjects.push(project);
        resolve();
      });
    });
  const lane = async () => {
    while (queue.length > 0) await one(queue.shift());
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return failedProjects;
}

function countVitest(file, label) {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numFailedTests > 0 || report.success === false) failures.push(label);
  } catch {
    failed += 1;
    failures.push(`${label} (no report)`);
  }
}

// The five projects are checked two at a time (each tsc is mostly one core); output comes per project.
console.log('\n=== 类型检查 typecheck ===');
const typecheckFailures = await typecheckAll(['packages/contract', 'server', 'web', 'e2e', 'bench'], 2);
if (typecheckFailures.length > 0) {
  failed += 1;
  failures.push(`typecheck (${typecheckFailures.join(', ')})`);
}

const pgliteReport = path.join(tmp, 'vitest-pglite.json');
const env = { ...process.env };
delete env.TEST_DATABASE_URL;
console.log('\n=== 单元与接口测试(PGlite 内嵌数据库) ===');
spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${pgliteReport}`], { cwd: root, stdio: 'inherit', env: { ...env, TZ: 'UTC' } });
countVitest(pgliteReport, 'vitest (PGlite)');

if (process.env.TEST_DATABASE_URL) {
  const pgReport = path.join(tmp, 'vitest-postgres.json');
  console.log('\n=== 接口测试(PostgreSQL 服务器) ===');
  spawnSync(npx, ['vitest', 'run', 'server', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`], { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  countVitest(pgReport, 'vitest (PostgreSQL)');

  // The load bench on the production shape: three app processes behind nginx on PostgreSQL,
  // 200 virtual users for 60 s; one item, failed on any error or a process's memory growing past
  // its bound (bench/load.ts). It makes its own database on the same server.
  const loadStatus = run('负载测试 bench:load(3 个进程 + nginx,PostgreSQL)', ['tsx', 'bench/load.ts'], { BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL });
  if (loadStatus === 0) passed += 1;
  else {
    failed += 1;
    failures.push('bench:load');
  }
}

if (process.env.YQ_SKIP_E2E === '1') {
  console.log('\n=== 浏览器测试已按 YQ_SKIP_E2E=1 跳过 ===');
} else {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`\n浏览器测试需要 Chromium(${chromium})。Debian: apt-get install -y chromium fonts-wqy-microhei`);
    failed += 1;
    failures.push('e2e (Chromium missing)');
  } else {
    const e2eReport = path.join(tmp, 'playwright.json');
    fs.rmSync(e2eReport, { force: true });
    run('浏览器测试(Playwright + Chromium)', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
    try {
      const stats = JSON.parse(fs.readFileSync(e2eReport, 'utf8')).stats;
      passed += stats.expected + (stats.flaky ?? 0);
      failed += stats.unexpected;
      skipped += stats.skipped;
      if (stats.unexpected > 0) failures.push('e2e');
    } catch {
      failed += 1;
      failures.push('e2e (no report)');
    }
  }
}

console.log('');
if (failures.length) console.log(`失败: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
