import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/audit-deps.mjs');

/** A workspace on disk (root + one workspace package) with an audit report and an allow-list. */
function workspace(opts: { serverDeps?: Record<string, string>; report?: unknown; allow?: unknown[] }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-audit-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'yuanqi', workspaces: ['server'], devDependencies: { typescript: '6.0.3' } }));
  fs.mkdirSync(path.join(root, 'server'));
  fs.writeFileSync(path.join(root, 'server/package.json'), JSON.stringify({ name: '@yuanqi/server', dependencies: opts.serverDeps ?? { fastify: '5.12.8' } }));
  fs.writeFileSync(path.join(root, 'audit-allowlist.json'), JSON.stringify({ accepted: opts.allow ?? [] }));
  fs.writeFileSync(path.join(root, 'report.json'), JSON.stringify(opts.report ?? clean));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(SCRIPT, path.join(root, 'scripts/audit-deps.mjs'));
  roots.push(root);
  return root;
}

function run(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/audit-deps.mjs'), '--report', path.join(root, 'report.json'), '--today=2026-12-01', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

const clean = { auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 }, dependencies: { prod: 120 } } };

function reportWith(severity: string) {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      'fast-xml': { name: 'fast-xml', severity, via: [{ source: 1102345, name: 'fast-xml', dependency: 'fast-xml', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-abcd-1234-wxyz', severity, range: '<2.1.0' }] },
      exceljs: { name: 'exceljs', severity, via: ['fast-xml'] },
    },
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: severity === 'moderate' ? 2 : 0, high: severity === 'high' ? 2 : 0, critical: 0, total: 2 }, dependencies: { prod: 120 } },
  };
}

const entry = { id: 'GHSA-abcd-1234-wxyz', package: 'fast-xml', reason: '只在导出时用到,不解析外来 XML', reviewer: '张工 2026-11-20', expires: '2027-01-31' };

describe('scripts/audit-deps.mjs', () => {
  it('passes a clean report with pinned versions', () => {
    const r = run(workspace({}));
    expect(r.code).toBe(0);
    expect(r.out).toContain('高危 0,严重 0');
  });

  it('fails on a high advisory in production dependencies, naming it', () => {
    const r = run(workspace({ report: reportWith('high') }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('GHSA-abcd-1234-wxyz');
    expect(r.out).toContain('fast-xml');
  });

  it('passes a moderate advisory', () => {
    expect(run(workspace({ report: reportWith('moderate') })).code).toBe(0);
  });

  it('passes an advisory accepted in the allow-list until its expiry, then fails again', () => {
    const live = run(workspace({ report: reportWith('high'), allow: [entry] }));
    expect(live.code).toBe(0);
    expect(live.out).toContain('已接受 GHSA-abcd-1234-wxyz');
    const expired = run(workspace({ report: reportWith('high'), allow: [{ ...entry, expires: '2026-11-30' }] }));
    expect(expired.code).toBe(1);
    expect(expired.out).toContain('接受已过期');
  });

  it('refuses an allow-list entry without a reviewer or reason', () => {
    const r = run(workspace({ report: reportWith('high'), allow: [{ ...entry, reviewer: '' }] }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('缺少 reviewer');
  });

  it('fails on a version range in any package.json', () => {
    const r = run(workspace({ serverDeps: { fastify: '^5.12.8', pg: '8.23.1' } }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('server/package.json');
    expect(r.out).toContain('"fastify": "^5.12.8"');
  });

  it('treats an unreadable audit as a failure unless told to warn', () => {
    const root = workspace({});
    fs.writeFileSync(path.join(root, 'report.json'), JSON.stringify({ message: '405 Method Not Allowed' }));
    // a saved report that is an npm error object is not a report
    const strict = spawnSync(process.execPath, [path.join(root, 'scripts/audit-deps.mjs'), '--report', path.join(root, 'report.json')], { cwd: root, encoding: 'utf8' });
    expect(strict.status).toBe(2);
    const warn = spawnSync(process.execPath, [path.join(root, 'scripts/audit-deps.mjs'), '--report', path.join(root, 'report.json'), '--unreachable=warn'], { cwd: root, encoding: 'utf8' });
    expect(warn.status).toBe(0);
    expect(warn.stdout).toContain('无法取得');
  });
});
