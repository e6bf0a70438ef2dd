import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ZAdjustFundRequest,
  ZCancelCommitmentRequest,
  ZCommitmentItemRequest,
  ZCreateFundRequest,
  ZCreateInvestmentProjectRequest,
  ZCreateProviderRequest,
  ZFulfilCommitmentRequest,
  ZFulfilmentQuery,
  ZIssueVouchersRequest,
  ZListFundsQuery,
  ZListInvestmentProjectsQuery,
  ZListPayoutsQuery,
  ZListRedemptionsQuery,
  ZListVouchersQuery,
  ZManualPayoutRequest,
  ZRedeemVoucherRequest,
  ZReversePayoutRequest,
  ZReviewRedemptionRequest,
  ZStatementQuery,
  ZUpdateFundRequest,
  ZUpdateInvestmentProjectRequest,
  ZUpdateProviderRequest,
  PROVIDER_STATUSES,
} from '@yuanqi/contract';
import { z } from 'zod';
import { requirePermission } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, parseInput } from '../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../platform/http.js';
import { readMultipart } from '../../platform/uploads.js';
import * as commitments from './commitments.js';
import { payoutsWorkbook, statementWorkbook } from './excel.js';
import * as funds from './funds.js';
import { registerVoucherSweep } from './sweep.js';
import * as vouchers from './vouchers.js';

const ZProviderQuery = z.object({ status: z.enum(PROVIDER_STATUSES).optional(), q: z.string().trim().max(60).optional() });
const ZReasonRequest = z.object({ reason: z.string({ error: '原因应为文字' }).trim().min(1, { error: '请填写原因' }).max(500, { error: '原因最多500个字' }) });

const today = (ctx: AppContext) => new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The redemption form: its text fields and the one invoice file (field `file`). */
async function readRedemptionForm(request: FastifyRequest): Promise<{ fields: Record<string, string>; file: { filename: string; data: Buffer } | null }> {
  const form = await readMultipart(request, {
    kind: (field) => (field === 'file' ? 'invoice' : null),
    maxFiles: 1,
    notMultipart: '请以 multipart/form-data 提交,发票文件字段名为 file',
  });
  const file = form.files[0];
  return { fields: form.fields, file: file ? { filename: file.filename, data: file.buffer } : null };
}

/** 专项资金 ledgers and payouts, 创新券 vouchers, 招商承诺 commitments. */
export function registerFundRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerVoucherSweep();

  // ---------------------------------------------------------------- funds
  const tags = ['专项资金'];
  route(app, { method: 'GET', url: '/api/funds', summary: '专项资金列表(预算、已预留、已拨付、可用、执行率)', tags, permission: 'fund:read', query: ZListFundsQuery }, ({ actor, query }) =>
    funds.listFunds(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/funds', summary: '新建专项资金(预算作为首笔台账)', tags, permission: 'fund:manage', body: ZCreateFundRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return funds.createFund(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/funds/:id', summary: '专项资金详情', tags, permission: 'fund:read', params: ZIdParams }, ({ actor, params }) =>
    funds.getFund(ctx, actor, params.id),
  );
  route(app, { method: 'PATCH', url: '/api/funds/:id', summary: '修改专项资金(名称、主管部门、关闭/启用)', tags, permission: 'fund:manage', params: ZIdParams, body: ZUpdateFundRequest }, ({ actor, params, body }) =>
    funds.updateFund(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/funds/:id/adjustments', summary: '追加/调减预算(不得低于已拨付+已预留)', tags, permission: 'fund:manage', params: ZIdParams, body: ZAdjustFundRequest }, ({ actor, params, body }) =>
    funds.adjustFund(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/funds/:id/statement', summary: '资金明细账(期初、明细、期末)', tags, permission: 'fund:read', params: ZIdParams, query: ZStatementQuery }, ({ actor, params, query }) =>
    funds.fundStatement(ctx, actor, params.id, query),
  );
  route(app, { method: 'GET', url: '/api/funds/:id/statement/export', summary: '导出资金明细账 Excel', tags, permission: 'fund:read', params: ZIdParams, query: ZStatementQuery, produces: XLSX_TYPE }, async ({ actor, params, query, reply }) => {
    const statement = await funds.fundStatement(ctx, actor, params.id, query);
    const buffer = await statementWorkbook(statement);
    const span = `${query.from ?? '建账'}至${query.to ?? today(ctx)}`;
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${statement.fund.name}明细账-${span}.xlsx`));
    return reply.send(buffer);
  });

  // ---------------------------------------------------------------- payouts
  const payoutTags = ['拨付'];
  route(app, { method: 'GET', url: '/api/payouts', summary: '拨付记录(按资金、政策、企业、期间、来源筛选;企业只见本企业)', tags: payoutTags, query: ZListPayoutsQuery }, ({ actor, query }) =>
    funds.listPayouts(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/payouts/export', summary: '按当前筛选导出拨付记录 Excel', tags: payoutTags, query: ZListPayoutsQuery.omit({ page: true, pageSize: true }), produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const items = await funds.payoutsForExport(ctx, actor, query);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`拨付记录-${today(ctx)}.xlsx`));
    return reply.send(await payoutsWorkbook(items));
  });
  route(app, { method: 'GET', url: '/api/payouts/:id', summary: '拨付记录详情', tags: payoutTags, params: ZIdParams }, ({ actor, params }) => funds.getPayout(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/payouts', summary: '其他拨付(一事一议等,同一企业同一互斥键同一期间只拨一次)', tags: payoutTags, permission: 'payout:execute', body: ZManualPayoutRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return funds.manualPayout(ctx, actor, body);
  });
  route(app, { method: 'POST', url: '/api/payouts/:id/reverse', summary: '退回(冲销分录,不删除拨付记录)', tags: payoutTags, permission: 'payout:execute', params: ZIdParams, body: ZReversePayoutRequest }, ({ actor, params, body }) =>
    funds.reverse(ctx, actor, params.id, body.reason),
  );

  // ---------------------------------------------------------------- vouchers
  const vTags = ['创新券'];
  route(app, { method: 'GET', url: '/api/voucher-providers', summary: '创新券服务机构', tags: vTags, permission: 'voucher:read', query: ZProviderQuery }, async ({ actor, query }) => ({
    items: await vouchers.listProviders(ctx, actor, query),
  }));
  route(app, { method: 'POST', url: '/api/voucher-providers', summary: '登记服务机构', tags: vTags, permission: 'voucher:manage', body: ZCreateProviderRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return vouchers.createProvider(ctx, actor, body);
  });
  route(app, { method: 'PATCH', url: '/api/voucher-providers/:id', summary: '修改服务机构(含暂停/恢复)', tags: vTags, permission: 'voucher:manage', params: ZIdParams, body: ZUpdateProviderRequest }, ({ actor, params, body }) =>
    vouchers.updateProvider(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/vouchers', summary: '创新券(企业只见本企业)', tags: vTags, permission: 'voucher:read', query: ZListVouchersQuery }, ({ actor, query }) =>
    vouchers.listVouchers(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/vouchers', summary: '发放创新券(每张面额从专项资金预留)', tags: vTags, permission: 'voucher:manage', body: ZIssueVouchersRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return vouchers.issueVouchers(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/vouchers/:id', summary: '创新券详情与使用记录', tags: vTags, permission: 'voucher:read', params: ZIdParams }, ({ actor, params }) =>
    vouchers.getVoucher(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/vouchers/:id/redemptions', summary: '凭发票使用创新券(multipart:字段 + 发票文件 file)', tags: vTags, permission: 'voucher:read', params: ZIdParams }, async ({ actor, params, request, reply }) => {
    const { fields, file } = await readRedemptionForm(request);
    const input = parseInput(ZRedeemVoucherRequest, { ...fields, serviceType: fields.serviceType || undefined, description: fields.description || undefined });
    reply.status(201);
    return vouchers.redeemVoucher(ctx, actor, params.id, { ...input, file });
  });
  route(app, { method: 'POST', url: '/api/vouchers/:id/revoke', summary: '作废创新券(未使用额度释放回资金)', tags: vTags, permission: 'voucher:manage', params: ZIdParams, body: ZReasonRequest }, ({ actor, params, body }) =>
    vouchers.revokeVoucher(ctx, actor, params.id, body.reason),
  );
  route(app, { method: 'GET', url: '/api/voucher-redemptions', summary: '创新券兑付申请', tags: vTags, permission: 'voucher:read', query: ZListRedemptionsQuery }, ({ actor, query }) =>
    vouchers.listRedemptions(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/voucher-redemptions/:id/review', summary: '审核兑付申请:兑付给服务机构或驳回', tags: vTags, permission: 'voucher:manage', params: ZIdParams, body: ZReviewRedemptionRequest }, async ({ actor, params, body }) => {
    if (body.action === 'reimburse') requirePermission(actor, 'payout:execute');
    return vouchers.reviewRedemption(ctx, actor, params.id, body);
  });
  route(app, { method: 'GET', url: '/api/voucher-redemptions/:id/file', summary: '下载发票', tags: vTags, permission: 'voucher:read', params: ZIdParams, produces: 'application/octet-stream' }, async ({ actor, params, reply }) => {
    const f = await vouchers.redemptionFile(ctx, actor, params.id);
    reply.header('content-type', f.contentType).header('content-disposition', attachment(f.filename));
    return reply.send(f.data);
  });

  // ---------------------------------------------------------------- commitments
  const cTags = ['招商承诺'];
  route(app, { method: 'GET', url: '/api/investment-projects', summary: '招商签约项目', tags: cTags, permission: 'commitment:read', query: ZListInvestmentProjectsQuery }, ({ actor, query }) =>
    commitments.listProjects(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/investment-projects', summary: '登记签约项目', tags: cTags, permission: 'commitment:manage', body: ZCreateInvestmentProjectRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return commitments.createProject(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/investment-projects/:id', summary: '项目详情与承诺事项', tags: cTags, permission: 'commitment:read', params: ZIdParams }, ({ actor, params }) =>
    commitments.getProject(ctx, actor, params.id),
  );
  route(app, { method: 'PATCH', url: '/api/investment-projects/:id', summary: '修改项目(阶段、计划/实际日期等)', tags: cTags, permission: 'commitment:manage', params: ZIdParams, body: ZUpdateInvestmentProjectRequest }, ({ actor, params, body }) =>
    commitments.updateProject(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/investment-projects/:id/items', summary: '添加承诺事项', tags: cTags, permission: 'commitment:manage', params: ZIdParams, body: ZCommitmentItemRequest }, async ({ actor, params, body, reply }) => {
    reply.status(201);
    return commitments.addItem(ctx, actor, params.id, body);
  });
  route(app, { method: 'PATCH', url: '/api/commitment-items/:id', summary: '修改承诺事项', tags: cTags, permission: 'commitment:manage', params: ZIdParams, body: ZCommitmentItemRequest }, ({ actor, params, body }) =>
    commitments.updateItem(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/commitment-items/:id/cancel', summary: '取消承诺事项(须填原因)', tags: cTags, permission: 'commitment:manage', params: ZIdParams, body: ZCancelCommitmentRequest }, ({ actor, params, body }) =>
    commitments.cancelItem(ctx, actor, params.id, body.reason),
  );
  route(app, { method: 'POST', url: '/api/commitment-items/:id/fulfilments', summary: '登记兑现:拨付、关联已有拨付或登记非资金兑现', tags: cTags, permission: 'commitment:manage', params: ZIdParams, body: ZFulfilCommitmentRequest }, async ({ actor, params, body, reply }) => {
    if (body.mode === 'pay') requirePermission(actor, 'payout:execute');
    reply.status(201);
    return commitments.fulfilItem(ctx, actor, params.id, body);
  });
  route(app, { method: 'GET', url: '/api/commitment-items/:id/linkable-payouts', summary: '可关联的拨付记录(项目落地企业、未关联)', tags: cTags, permission: 'commitment:read', params: ZIdParams }, ({ actor, params }) =>
    commitments.linkablePayouts(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/commitment-fulfilments/:id/void', summary: '作废错误的兑现登记', tags: cTags, permission: 'commitment:manage', params: ZIdParams, body: ZReasonRequest }, ({ actor, params, body }) =>
    commitments.voidFulfilment(ctx, actor, params.id, body.reason),
  );
  route(app, { method: 'GET', url: '/api/commitments/fulfilment', summary: '任意期间的承诺兑现率(按期到期事项按时兑现/到期)', tags: cTags, permission: 'commitment:read', query: ZFulfilmentQuery }, ({ actor, query }) =>
    commitments.fulfilmentReport(ctx, actor, query),
  );
}
