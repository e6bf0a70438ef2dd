import type { FastifyInstance } from 'fastify';
import {
  POLICY_DOCUMENT_KINDS,
  ZCreatePolicyRequest,
  ZCreateVersionRequest,
  ZListPoliciesQuery,
  ZPolicyDocumentParams,
  ZPolicyVersionParams,
  ZPublishPolicyRequest,
  ZTestRuleRequest,
  ZUpdatePolicyRequest,
  ZUpdateVersionRequest,
  ZValidateRuleRequest,
  ZWithdrawPolicyRequest,
  type PolicyDocumentKind,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { ZIdParams, attachment, route } from '../../../platform/http.js';
import { readMultipart } from '../../../platform/uploads.js';
import * as library from './service.js';

/** 政策库: policies, their rule versions, rule checks and trial runs, documents, rematch jobs. */
export function registerLibraryRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): void {
  route(app, { method: 'GET', url: '/api/policies', summary: '政策库(企业用户只看已发布政策)', tags, permission: 'policy:read', query: ZListPoliciesQuery }, ({ actor, query }) =>
    library.listPolicies(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/policies/validate-rule', summary: '校验政策规则', tags, permission: 'policy:manage', body: ZValidateRuleRequest }, ({ actor, body }) =>
    library.validateRuleRequest(ctx, actor, body.rule),
  );
  route(app, { method: 'GET', url: '/api/policies/rule-context', summary: '规则校验所用的园区数据(企业行业代码)', tags, permission: 'policy:manage' }, ({ actor }) =>
    library.ruleContext(ctx, actor),
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
    const { files, fields } = await readMultipart(request, { kind: 'attachment' });
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
}
