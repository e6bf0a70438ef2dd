import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  POLICY_DOCUMENT_KINDS,
  ZCancelGrantRequest,
  ZConfirmGrantRequest,
  ZCreateFactDefinitionRequest,
  ZCreatePolicyApplicationRequest,
  ZCreatePolicyRequest,
  ZCreatePublicityRequest,
  ZCreateVersionRequest,
  ZFactKeyParams,
  ZFactsQuery,
  ZHandleObjectionRequest,
  ZListGrantsQuery,
  ZListMatchesQuery,
  ZListPoliciesQuery,
  ZListPolicyApplicationsQuery,
  ZListPublicityQuery,
  ZPolicyApplicationPayoutRequest,
  ZPolicyApplicationTransitionRequest,
  ZPolicyDocumentParams,
  ZPolicyFileParams,
  ZPolicyVersionParams,
  ZPublicPublicityQuery,
  ZPublishPolicyRequest,
  ZPutFactsRequest,
  ZRecommendedQuery,
  ZRunItemsQuery,
  ZStartRunQuery,
  ZStartRunRequest,
  ZSubmitObjectionRequest,
  ZTestRuleRequest,
  ZUpdateFactDefinitionRequest,
  ZUpdatePolicyApplicationRequest,
  ZUpdatePolicyRequest,
  ZUpdateVersionRequest,
  ZValidateRuleRequest,
  ZWithdrawPolicyRequest,
  type PolicyDocumentKind,
} from '@yuanqi/contract';
import { z } from 'zod';
import { can } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../platform/http.js';
import { registerPayoutReversalHandler } from '../funds/service.js';
import * as applications from './applications.js';
import * as exemption from './exemption.js';
import * as facts from './facts.js';
import * as library from './library.js';
import * as views from './match-views.js';
import * as publicity from './publicity.js';
import { registerPolicySweep } from './sweep.js';
import { buildApplicationsWorkbook, buildMatchesWorkbook, buildRunWorkbook } from './xlsx.js';
import { policySearchProvider } from './search-provider.js';

type Upload = { filename: string; buffer: Buffer };

/** Reads a multipart body: its files and its plain fields (kind, material …). */
async function readMultipart(request: FastifyRequest): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件,字段名为 file', [{ path: 'file', message: '请选择要上传的文件' }]);
  }
  const files: Upload[] = [];
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') files.push({ filename: part.filename, buffer: await part.toBuffer() });
    else fields[part.fieldname] = String(part.value ?? '');
  }
  return { files, fields };
}

const ZRunParams = z.object({ id: z.uuid() });
const ZXlsxIdParams = z.object({ id: z.uuid() });

/** 政策兑现: policy library, rules, facts, matching, 申报, 公示, 免申即享 runs and grants. */
export function registerPolicyRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.search.register(policySearchProvider);
  registerPolicySweep();
  registerPayoutReversalHandler('policy_application', (trx, _ctx, actor, payout) => applications.onApplicationPayoutReversed(trx, actor, payout));
  registerPayoutReversalHandler('exemption_grant', (trx, _ctx, actor, payout) => exemption.onGrantPayoutReversed(trx, actor, payout));
  const tags = ['policies'];

  // Library ----------------------------------------------------------------------------------
  route(app, { method: 'GET', url: '/api/policies', summary: '政策库(企业用户只看已发布政策)', tags, permission: 'policy:read', query: ZListPoliciesQuery }, ({ actor, query }) =>
    library.listPolicies(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/policies/stats', summary: '政策兑现工作台数字', tags, permission: 'policy:read' }, ({ actor }) => {
    if (!can(actor, 'policy:manage') && !can(actor, 'policy:review') && !can(actor, 'policy-application:read')) throw forbidden();
    if (actor.enterpriseId) throw forbidden();
    return views.policyOverview(ctx, actor);
  });
  route(app, { method: 'GET', url: '/api/policies/recommended', summary: '为您推荐的政策(符合条件与待补充数据)', tags, permission: 'policy:read', query: ZRecommendedQuery }, ({ actor, query }) =>
    views.recommendedPolicies(ctx, actor, query.enterpriseId),
  );
  route(app, { method: 'POST', url: '/api/policies/validate-rule', summary: '校验政策规则', tags, permission: 'policy:manage', body: ZValidateRuleRequest }, ({ actor, body }) =>
    library.validateRuleRequest(ctx, actor, body.rule),
  );
  route(app, { method: 'POST', url: '/api/policies/rematch', summary: '重新匹配全部政策(后台任务)', tags, permission: 'policy:manage' }, async ({ actor, reply }) => {
    reply.status(202);
    return { jobId: await library.startPolicyMatchJob(ctx, actor, null) };
  });
  route(app, { method: 'POST', url: '/api/policies', summary: '新建政策(草稿)', tags, permission: 'policy:manage', body: ZCreatePolicyRequest }, async ({ actor, body, reply }) => {
    const created = await library.createPolicy(ctx, actor, body);
    reply.status(201);
    return created;
  });
  route(app, { method: 'GET', url: '/api/policies/:id', summary: '政策详情(版本、附件、本企业匹配情况)', tags, permission: 'policy:read', params: ZIdParams }, ({ actor, params }) =>
    library.getPolicy(ctx, actor, params.id),
  );
  route(app, { method: 'PATCH', url: '/api/policies/:id', summary: '修改政策基本信息(仅未发布的草稿)', tags, permission: 'policy:manage', params: ZIdParams, body: ZUpdatePolicyRequest }, ({ actor, params, body }) =>
    library.updatePolicy(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policies/:id/versions', summary: '新建规则版本(草稿)', tags, permission: 'policy:manage', params: ZIdParams, body: ZCreateVersionRequest }, async ({ actor, params, body, reply }) => {
    const out = await library.createVersion(ctx, actor, params.id, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'PATCH', url: '/api/policies/:id/versions/:versionId', summary: '编辑草稿版本(已发布版本不可修改)', tags, permission: 'policy:manage', params: ZPolicyVersionParams, body: ZUpdateVersionRequest }, ({ actor, params, body }) =>
    library.updateVersion(ctx, actor, params.id, params.versionId, body),
  );
  route(app, { method: 'DELETE', url: '/api/policies/:id/versions/:versionId', summary: '删除草稿版本', tags, permission: 'policy:manage', params: ZPolicyVersionParams }, ({ actor, params }) =>
    library.deleteVersion(ctx, actor, params.id, params.versionId),
  );
  route(app, { method: 'POST', url: '/api/policies/:id/publish', summary: '发布草稿版本(自生效日起替代旧版本)', tags, permission: 'policy:manage', params: ZIdParams, body: ZPublishPolicyRequest }, ({ actor, params, body }) =>
    library.publishPolicy(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policies/:id/withdraw', summary: '撤回政策', tags, permission: 'policy:manage', params: ZIdParams, body: ZWithdrawPolicyRequest }, ({ actor, params, body }) =>
    library.withdrawPolicy(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policies/:id/test', summary: '企业试算(规则在某企业上的判断过程)', tags, permission: 'policy:manage', params: ZIdParams, body: ZTestRuleRequest }, ({ actor, params, body }) =>
    library.testRule(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policies/:id/rematch', summary: '重新匹配本政策(后台任务)', tags, permission: 'policy:manage', params: ZIdParams }, async ({ actor, params, reply }) => {
    await library.visiblePolicy(ctx.db, actor, params.id);
    reply.status(202);
    return { jobId: await library.startPolicyMatchJob(ctx, actor, [params.id]) };
  });
  route(app, { method: 'POST', url: '/api/policies/:id/documents', summary: '上传政策原文、解读或申报表格', tags, permission: 'policy:manage', params: ZIdParams }, async ({ actor, params, request, reply }) => {
    const { files, fields } = await readMultipart(request);
    const file = files[0];
    if (!file) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', [{ path: 'file', message: '请选择要上传的文件' }]);
    const kind = (fields.kind || 'original') as PolicyDocumentKind;
    if (!(POLICY_DOCUMENT_KINDS as readonly string[]).includes(kind)) throw new AppError('VALIDATION_FAILED', '附件类型不存在', [{ path: 'kind', message: '附件类型应为 original、interpretation、form 或 other' }]);
    const doc = await library.addDocument(ctx, actor, params.id, file, kind);
    reply.status(201);
    return doc;
  });
  route(app, { method: 'GET', url: '/api/policies/:id/documents/:documentId', summary: '下载政策附件', tags, permission: 'policy:read', params: ZPolicyDocumentParams, produces: 'application/octet-stream' }, async ({ actor, params, reply }) => {
    const doc = await library.readDocument(ctx, actor, params.id, params.documentId);
    reply.header('content-type', doc.content_type).header('content-disposition', attachment(doc.filename));
    return reply.send(doc.data);
  });
  route(app, { method: 'DELETE', url: '/api/policies/:id/documents/:documentId', summary: '删除政策附件', tags, permission: 'policy:manage', params: ZPolicyDocumentParams }, async ({ actor, params, reply }) => {
    await library.deleteDocument(ctx, actor, params.id, params.documentId);
    return reply.status(204).send();
  });
  route(app, { method: 'GET', url: '/api/policies/:id/matches', summary: '政策匹配企业(符合条件未申报等)', tags, permission: 'policy:manage', params: ZIdParams, query: ZListMatchesQuery }, ({ actor, params, query }) =>
    views.policyMatches(ctx, actor, params.id, query),
  );
  route(app, { method: 'GET', url: '/api/policies/:id/matches.xlsx', summary: '导出政策匹配企业 Excel', tags, permission: 'policy:manage', params: ZXlsxIdParams, query: ZListMatchesQuery, produces: XLSX_TYPE }, async ({ actor, params, query, reply }) => {
    const policy = await library.visiblePolicy(ctx.db, actor, params.id);
    const page = await views.policyMatches(ctx, actor, params.id, { ...query, page: 1, pageSize: 100_000 });
    const buffer = await buildMatchesWorkbook(policy.title, page.items);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${policy.title}-匹配企业.xlsx`));
    return reply.send(buffer);
  });

  // 免申即享 runs ---------------------------------------------------------------------------
  route(app, { method: 'POST', url: '/api/policies/:id/runs', summary: '免申即享批量兑现(后台任务;wait=true 时完成后返回)', tags, permission: 'policy:manage', params: ZIdParams, query: ZStartRunQuery, body: ZStartRunRequest }, async ({ actor, params, query, body, reply }) => {
    const run = await exemption.startRun(ctx, actor, params.id, body, query.wait === true);
    reply.status(query.wait ? 201 : 202);
    return run;
  });
  route(app, { method: 'GET', url: '/api/policies/:id/runs', summary: '免申即享兑现批次', tags, permission: 'policy:read', params: ZIdParams }, async ({ actor, params }) => {
    if (!can(actor, 'policy:manage') && !can(actor, 'policy:review')) throw forbidden();
    await library.visiblePolicy(ctx.db, actor, params.id);
    return { items: await exemption.listRuns(ctx, actor, params.id) };
  });
  route(app, { method: 'GET', url: '/api/policy-runs/:id', summary: '兑现批次报告(逐户发放或跳过原因)', tags, permission: 'policy:manage', params: ZRunParams, query: ZRunItemsQuery }, ({ actor, params, query }) =>
    exemption.runReport(ctx, actor, params.id, query),
  );
  route(app, { method: 'GET', url: '/api/policy-runs/:id/report.xlsx', summary: '导出兑现批次报告 Excel', tags, permission: 'policy:manage', params: ZXlsxIdParams, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const report = await exemption.runReport(ctx, actor, params.id, { page: 1, pageSize: 100_000 });
    const buffer = await buildRunWorkbook(report, report.items);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`免申即享兑现-${report.number}.xlsx`));
    return reply.send(buffer);
  });

  // Grants -------------------------------------------------------------------------------------
  route(app, { method: 'GET', url: '/api/policy-grants', summary: '免申即享兑现记录(企业只看本企业)', tags, permission: 'policy-application:read', query: ZListGrantsQuery }, ({ actor, query }) =>
    exemption.listGrants(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/policy-grants/:id', summary: '免申即享兑现详情', tags, permission: 'policy-application:read', params: ZIdParams }, ({ actor, params }) => exemption.getGrant(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/policy-grants/:id/confirm', summary: '确认收款账户并拨付(企业本人,或窗口代为确认)', tags, permission: 'policy-application:read', params: ZIdParams, body: ZConfirmGrantRequest }, ({ actor, params, body }) =>
    exemption.confirmGrant(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policy-grants/:id/cancel', summary: '取消免申即享兑现', tags, permission: 'policy:manage', params: ZIdParams, body: ZCancelGrantRequest }, ({ actor, params, body }) =>
    exemption.cancelGrant(ctx, actor, params.id, body),
  );

  // Facts ----------------------------------------------------------------------------------------
  route(app, { method: 'GET', url: '/api/fact-definitions', summary: '企业数据指标(内置与本园区自定义)', tags, permission: 'policy:read' }, async ({ actor }) => ({ items: await facts.listFactDefinitions(ctx, actor) }));
  route(app, { method: 'POST', url: '/api/fact-definitions', summary: '新增企业数据指标', tags, permission: 'policy:manage', body: ZCreateFactDefinitionRequest }, async ({ actor, body, reply }) => {
    const out = await facts.createFactDefinition(ctx, actor, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'PATCH', url: '/api/fact-definitions/:key', summary: '修改企业数据指标', tags, permission: 'policy:manage', params: ZFactKeyParams, body: ZUpdateFactDefinitionRequest }, ({ actor, params, body }) =>
    facts.updateFactDefinition(ctx, actor, params.key, body),
  );
  route(app, { method: 'GET', url: '/api/enterprises/:id/facts', summary: '企业政策数据(按年度)', tags, permission: 'enterprise:read', params: ZIdParams, query: ZFactsQuery }, ({ actor, params, query }) =>
    facts.getEnterpriseFacts(ctx, actor, params.id, query.year),
  );
  route(app, { method: 'PUT', url: '/api/enterprises/:id/facts', summary: '填报/核定企业政策数据(更新匹配结果)', tags, permission: 'enterprise:read', params: ZIdParams, body: ZPutFactsRequest }, ({ actor, params, body }) =>
    facts.putEnterpriseFacts(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/enterprises/:id/policy-matches', summary: '企业画像:政策匹配情况', tags, permission: 'policy:read', params: ZIdParams }, ({ actor, params }) =>
    views.enterpriseMatches(ctx, actor, params.id),
  );
  route(app, { method: 'GET', url: '/api/facts/template.xlsx', summary: '企业数据导入模板', tags, permission: 'policy:manage', produces: XLSX_TYPE }, async ({ actor, reply }) => {
    const buffer = await facts.factsTemplate(ctx, actor);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('企业政策数据导入模板.xlsx'));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/facts/import', summary: '批量导入企业政策数据(逐行报告)', tags, permission: 'policy:manage' }, async ({ actor, request }) => {
    const { files } = await readMultipart(request);
    const file = files[0];
    if (!file) throw new AppError('VALIDATION_FAILED', '请选择要导入的 Excel 文件', [{ path: 'file', message: '请选择文件' }]);
    return facts.importFacts(ctx, actor, file.buffer);
  });

  // 申报 -----------------------------------------------------------------------------------------
  route(app, { method: 'GET', url: '/api/policy-applications', summary: '政策申报列表(审核队列、企业本企业)', tags, permission: 'policy-application:read', query: ZListPolicyApplicationsQuery }, ({ actor, query }) =>
    applications.listApplications(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/policy-applications.xlsx', summary: '导出政策申报 Excel', tags, permission: 'policy-application:read', query: ZListPolicyApplicationsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const rows = await applications.exportApplicationRows(ctx, actor, query);
    const buffer = await buildApplicationsWorkbook(rows);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('政策申报.xlsx'));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/policy-applications', summary: '发起申报(按企业数据预填)', tags, permission: 'policy:apply', body: ZCreatePolicyApplicationRequest }, async ({ actor, body, reply }) => {
    const out = await applications.createApplication(ctx, actor, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'GET', url: '/api/policy-applications/:id', summary: '申报详情(进度、材料、审核记录)', tags, permission: 'policy-application:read', params: ZIdParams }, ({ actor, params }) =>
    applications.getApplication(ctx, actor, params.id),
  );
  route(app, { method: 'PATCH', url: '/api/policy-applications/:id', summary: '修改申报(草稿或退回补正时)', tags, permission: 'policy:apply', params: ZIdParams, body: ZUpdatePolicyApplicationRequest }, ({ actor, params, body }) =>
    applications.updateApplication(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policy-applications/:id/files', summary: '上传申报材料', tags, permission: 'policy:apply', params: ZIdParams }, async ({ actor, params, request, reply }) => {
    const { files, fields } = await readMultipart(request);
    const out = await applications.addFiles(ctx, actor, params.id, files, fields.material?.trim() || null);
    reply.status(201);
    return out;
  });
  route(app, { method: 'GET', url: '/api/policy-applications/:id/files/:fileId', summary: '下载申报材料', tags, permission: 'policy-application:read', params: ZPolicyFileParams, produces: 'application/octet-stream' }, async ({ actor, params, reply }) => {
    const file = await applications.readFile(ctx, actor, params.id, params.fileId);
    reply.header('content-type', file.content_type).header('content-disposition', attachment(file.filename));
    return reply.send(file.data);
  });
  route(app, { method: 'DELETE', url: '/api/policy-applications/:id/files/:fileId', summary: '删除申报材料', tags, permission: 'policy:apply', params: ZPolicyFileParams }, async ({ actor, params, reply }) => {
    await applications.deleteFile(ctx, actor, params.id, params.fileId);
    return reply.status(204).send();
  });
  route(app, { method: 'POST', url: '/api/policy-applications/:id/transitions', summary: '申报流转(提交、撤回、初审/复审通过、退回补正、不予通过)', tags, permission: 'policy-application:read', params: ZIdParams, body: ZPolicyApplicationTransitionRequest }, ({ actor, params, body }) =>
    applications.transitionApplication(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policy-applications/:id/payout', summary: '资金拨付(公示期满)', tags, permission: 'payout:execute', params: ZIdParams, body: ZPolicyApplicationPayoutRequest }, ({ actor, params, body }) =>
    applications.payApplication(ctx, actor, params.id, body),
  );

  // 公示 -----------------------------------------------------------------------------------------
  route(app, { method: 'POST', url: '/api/policy-publicity', summary: '发起公示(5个工作日)', tags, permission: 'policy:review', body: ZCreatePublicityRequest }, async ({ actor, body, reply }) => {
    const out = await publicity.createPublicity(ctx, actor, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'GET', url: '/api/policy-publicity', summary: '公示批次', tags, permission: 'policy-application:read', query: ZListPublicityQuery }, ({ actor, query }) => publicity.listPublicity(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/policy-publicity/:id', summary: '公示批次详情(含异议)', tags, permission: 'policy-application:read', params: ZIdParams }, ({ actor, params }) =>
    publicity.getPublicity(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/policy-objections/:id/handle', summary: '处理公示异议', tags, permission: 'policy:review', params: ZIdParams, body: ZHandleObjectionRequest }, ({ actor, params, body }) =>
    publicity.handleObjection(ctx, actor, params.id, body),
  );
  const ZPublicListQuery = ZPublicPublicityQuery.extend({ park: z.string().trim().max(40).optional() });
  route(app, { method: 'GET', url: '/api/public/policy-publicity', summary: '公示名单(公开,无需登录)', tags, public: true, query: ZPublicListQuery }, ({ query }) => publicity.publicList(ctx, query));
  route(app, { method: 'GET', url: '/api/public/policy-publicity/:id', summary: '公示名单详情(公开,无需登录)', tags, public: true, params: ZIdParams }, ({ params }) => publicity.publicDetail(ctx, params.id));
  route(app, { method: 'POST', url: '/api/public/policy-publicity/:id/objections', summary: '对公示提出异议(公开,无需登录)', tags, public: true, params: ZIdParams, body: ZSubmitObjectionRequest }, async ({ params, body, request, reply }) => {
    const out = await publicity.submitObjection(ctx, params.id, body, { ip: request.ip ?? null });
    reply.status(201);
    return out;
  });
}
