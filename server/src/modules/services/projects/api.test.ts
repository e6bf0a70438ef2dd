import type { ServiceItemRow } from '../../../db/schema-service-items.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { act, buildServiceWorld, fileApplication, supply, type ServiceWorld } from '../../../../test/service-application-factories.js';
import { buildServiceItem } from '../../../../test/service-factories.js';

let t: TestApp;
let w: ServiceWorld;
let firm: Client;
let other: Client;
let approver: Client;
let planningA: ServiceItemRow;
let planningB: ServiceItemRow;
let engineering: ServiceItemRow;

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

async function travel(instant: Date) {
  t.clock.set(instant);
  [firm, other, approver] = await Promise.all([clientAs(t, w.firmUser), clientAs(t, w.otherFirmUser), clientAs(t, w.approver)]);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildServiceWorld(t.ctx.db);
  [planningA, planningB, engineering] = await Promise.all([
    buildServiceItem(t.ctx.db, w.park, { name: '建设项目用地预审与选址意见书', projectStage: 'planning', approverIds: [w.approver.id] }),
    buildServiceItem(t.ctx.db, w.park, { name: '建设用地规划许可证核发', projectStage: 'planning', approverIds: [w.approver.id] }),
    buildServiceItem(t.ctx.db, w.park, { name: '建设工程规划许可证核发', projectStage: 'engineering', approverIds: [w.approver.id] }),
  ]);
  await travel(at('2026-11-02', '09:00'));
});
afterAll(async () => t?.close());

const projectBody = (overrides: Record<string, unknown> = {}) => ({
  enterpriseId: w.firm.id,
  code: '2611-360600-04-01-123456',
  name: '年产5万吨高精度铜板带项目',
  location: '鹰潭高新区铜产业园A-12地块',
  investmentFen: 350_000_000_00,
  startedOn: '2026-11-02',
  ...overrides,
});

describe('POST /api/service-projects', () => {
  it('refuses anonymous callers, firms and bad input', async () => {
    expect((await anonymous(t).post('/api/service-projects', projectBody())).statusCode).toBe(401);
    expect((await firm.post('/api/service-projects', projectBody())).statusCode).toBe(403);
    const bad = await approver.post('/api/service-projects', projectBody({ code: '项目' }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('项目代码');
    expect((await approver.post('/api/service-projects', projectBody({ targetDays: 200 }))).statusCode).toBe(400);
  });

  it('registers a project with its four stages and refuses the same code twice', async () => {
    const res = await approver.post('/api/service-projects', projectBody());
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.stages.map((s: { label: string }) => s.label)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']);
    expect(p.stages.map((s: { plannedDays: number }) => s.plannedDays)).toEqual([15, 20, 10, 15]);
    expect(p).toMatchObject({ targetDays: 60, legalDays: 120, totalDays: 0, currentStage: 'planning', status: 'active' });
    expect(p.stageItems.find((s: { stage: string }) => s.stage === 'planning').items.map((i: { id: string }) => i.id).sort()).toEqual([planningA.id, planningB.id].sort());
    expect((await approver.post('/api/service-projects', projectBody())).statusCode).toBe(409);
  });
});

describe('GET /api/service-projects/:id', () => {
  it('runs a stage’s items in parallel and counts the stage and total clocks without days on which every item waited', async () => {
    const project = (await approver.post('/api/service-projects', projectBody({ code: '2611-360600-04-01-654321' }))).json();
    expect((await other.get(`/api/service-projects/${project.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/service-projects')).json().total).toBe(0);
    expect((await firm.get(`/api/service-projects/${project.id}`)).json().canApply).toBe(true);

    // Another firm's project, or an item outside the four stages, cannot carry the application.
    const wrongItem = await fileApplication(firm, { itemId: w.item.id, projectId: project.id });
    expect(wrongItem.statusCode).toBe(400);
    expect(errorOf(wrongItem).details[0]!.path).toBe('projectId');

    const a = (await fileApplication(firm, { itemId: planningA.id, projectId: project.id })).json();
    const b = (await fileApplication(firm, { itemId: planningB.id, projectId: project.id })).json();
    expect(a.projectName).toBe('年产5万吨高精度铜板带项目');
    await act(approver, a.id, { action: 'accept' });
    await travel(at('2026-11-04'));
    await act(approver, b.id, { action: 'accept' });
    await travel(at('2026-11-05'));
    await act(approver, b.id, { action: 'request_supplement', materialKeys: ['m2'], note: '营业执照已过期,请上传新证' });
    await travel(at('2026-11-09'));
    await act(approver, a.id, { action: 'approve', resultDocNumber: '用字第3606002026001号' });
    await travel(at('2026-11-11'));
    expect((await supply(firm, b.id, ['m2'])).statusCode).toBe(200);
    await travel(at('2026-11-13'));
    await act(approver, b.id, { action: 'approve', resultDocNumber: '地字第3606002026001号' });
    await fileApplication(firm, { itemId: engineering.id, projectId: project.id });

    const view = (await firm.get(`/api/service-projects/${project.id}`)).json();
    const planning = view.stages[0];
    // A ran 11/3–11/9 (5 working days), B 11/12–11/13 after its 补正 (11/5–11/11); 11/10 and 11/11 nobody at the bureau held the stage.
    expect(planning).toMatchObject({ status: 'done', workingDays: 7, overPlan: false });
    expect(planning.applications).toHaveLength(2);
    const barB = planning.applications.find((x: { id: string }) => x.id === b.id);
    expect(barB.pausedSpans).toEqual([{ from: at('2026-11-05').toISOString(), to: at('2026-11-11').toISOString(), kind: 'supplement', name: '补正' }]);
    expect(barB.elapsedDays).toBe(2);
    expect(view.stages[1]).toMatchObject({ stage: 'engineering', status: 'in_progress', workingDays: 0 });
    expect(view).toMatchObject({ totalDays: 7, currentStage: 'engineering', warning: 'none', applicationCount: 3, openCount: 1 });
    expect(view.gantt.from).toBe(at('2026-11-02', '00:00').toISOString());

    const list = (await firm.get('/api/service-projects')).json();
    expect(list.items.find((p: { id: string }) => p.id === project.id)).toMatchObject({ totalDays: 7, currentStageLabel: '工程建设许可' });
  });
});

describe('PATCH /api/service-projects/:id', () => {
  it('changes the stage plan and completes the project', async () => {
    const project = (await approver.post('/api/service-projects', projectBody({ code: '2611-360600-04-01-777777' }))).json();
    const res = await approver.patch(`/api/service-projects/${project.id}`, { plannedDays: { planning: 10, engineering: 20, construction: 15, acceptance: 15 }, status: 'completed' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stages[0].plannedDays).toBe(10);
    expect(res.json().status).toBe('completed');
    expect((await firm.patch(`/api/service-projects/${project.id}`, { status: 'active' })).statusCode).toBe(403);
  });
});
