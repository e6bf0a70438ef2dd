import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZSaveCreditFormulaRequest, ZTestCreditFormulaRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { route } from '../../../platform/http.js';
import { requireFinanceAccess } from '../routes.js';
import { createCreditFormula, getCreditFormula, listCreditFormulas, publishCreditFormula, testCreditFormula, updateCreditFormula, viewCreditProfile } from './service.js';

const ZId = z.object({ id: z.uuid() });

/** 信用画像(the credit profile): formula versions (finance officer) and each firm's profile. */
export function registerCreditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务'];
  route(app, { method: 'GET', url: '/api/finance/credit/formulas', summary: '信用画像公式的各版本(最新在前)', tags, permission: 'finance:read' }, ({ actor }) => listCreditFormulas(ctx, actor));
  route(app, { method: 'GET', url: '/api/finance/credit/formulas/:id', summary: '信用画像公式的一个版本(含中文释义)', tags, permission: 'finance:read', params: ZId }, ({ actor, params }) =>
    getCreditFormula(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/finance/credit/formulas', summary: '新建信用画像公式草稿', tags, permission: 'finance:manage', body: ZSaveCreditFormulaRequest }, ({ actor, body }) =>
    createCreditFormula(ctx, actor, body),
  );
  route(app, { method: 'PUT', url: '/api/finance/credit/formulas/:id', summary: '修改信用画像公式草稿', tags, permission: 'finance:manage', params: ZId, body: ZSaveCreditFormulaRequest }, ({ actor, params, body }) =>
    updateCreditFormula(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/finance/credit/formulas/:id/publish', summary: '发布信用画像公式(原生效版本停用并保留)', tags, permission: 'finance:manage', params: ZId }, ({ actor, params }) =>
    publishCreditFormula(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/finance/credit/formulas/:id/test', summary: '用某企业试算公式(不保存)', tags, permission: 'finance:manage', params: ZId, body: ZTestCreditFormulaRequest }, ({ actor, params, body }) =>
    testCreditFormula(ctx, actor, params.id, body.enterpriseId),
  );
  route(app, { method: 'GET', url: '/api/finance/credit/enterprises/:id', summary: '企业信用画像(工作人员;企业本身;经企业授权“信用画像”的金融机构)', tags, params: ZId }, ({ actor, params }) => {
    requireFinanceAccess(actor);
    return viewCreditProfile(ctx, actor, params.id);
  });
}
