import type { FastifyInstance } from 'fastify';
import {
  ZBridgeBankConfirmRequest,
  ZBridgeDisburseRequest,
  ZBridgeLoanListQuery,
  ZBridgeNoteRequest,
  ZBridgePoolCapitalRequest,
  ZBridgeReasonRequest,
  ZBridgeRepayRequest,
  ZBridgeStatementQuery,
  ZCreateBridgeLoanRequest,
  ZCreateBridgePoolRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { requireFinanceAccess } from '../routes.js';
import { poolStatementWorkbook } from './excel.js';
import { createPool, getPool, listPools, moveCapital, poolStatement } from './pool.js';
import { fileLoan, getLoan, listLoans, listOverdueForAgenda, takeStep } from './service.js';
import { bridgeLoanStatistics } from './stats.js';
import { registerBridgeSweep } from './sweep.js';

/** 应急转贷(bridge loans and the pool). */
export function registerBridgeRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerBridgeSweep();
  const tags = ['金融服务·应急转贷'];
  route(app, { method: 'GET', url: '/api/finance/bridge-loans/stats', summary: '应急转贷统计(任意期间:笔数、金额、平均天数、费用、资金池周转、逾期)', tags, permission: 'finance:read', query: ZBridgeStatementQuery }, ({ actor, query }) =>
    bridgeLoanStatistics(ctx.db, actor.parkId, query),
  );
  route(app, { method: 'GET', url: '/api/finance/bridge-loans/overdue', summary: '逾期转贷(周调度议程与看板)', tags, permission: 'finance:read' }, ({ actor }) => listOverdueForAgenda(ctx.db, actor.parkId));

  // ------------------------------------------------------------ pools
  route(app, { method: 'GET', url: '/api/finance/bridge-pools', summary: '转贷资金池', tags, permission: 'finance:read' }, ({ actor }) => listPools(ctx.db, actor.parkId));
  route(app, { method: 'POST', url: '/api/finance/bridge-pools', summary: '新建转贷资金池(初始资金为第一笔台账)', tags, permission: 'finance:manage', body: ZCreateBridgePoolRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return createPool(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/finance/bridge-pools/:id', summary: '转贷资金池', tags, permission: 'finance:read', params: ZIdParams }, ({ actor, params }) => getPool(ctx.db, actor.parkId, params.id));
  route(app, { method: 'POST', url: '/api/finance/bridge-pools/:id/capital', summary: '注资或减资(减资不超过可用余额)', tags, permission: 'finance:manage', params: ZIdParams, body: ZBridgePoolCapitalRequest }, ({ actor, params, body }) =>
    moveCapital(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/finance/bridge-pools/:id/statement', summary: '资金池明细账(期初、明细、期末)', tags, permission: 'finance:read', params: ZIdParams, query: ZBridgeStatementQuery }, ({ actor, params, query }) =>
    poolStatement(ctx.db, actor.parkId, params.id, query),
  );
  route(app, { method: 'GET', url: '/api/finance/bridge-pools/:id/statement/export', summary: '导出资金池明细账 Excel', tags, permission: 'finance:read', params: ZIdParams, query: ZBridgeStatementQuery, produces: XLSX_TYPE }, async ({ actor, params, query, reply }) => {
    const s = await poolStatement(ctx.db, actor.parkId, params.id, query);
    const buffer = await poolStatementWorkbook(s);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${s.pool.name}明细账-${query.from}至${query.to}.xlsx`));
    return reply.send(buffer);
  });

  // ------------------------------------------------------------ loans
  route(app, { method: 'GET', url: '/api/finance/bridge-loans', summary: '应急转贷(员工见本园区,银行见本行,企业见本企业)', tags, query: ZBridgeLoanListQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return listLoans(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/bridge-loans', summary: '申请应急转贷(企业为本企业,联络员为所联系企业)', tags, permission: 'finance:apply', body: ZCreateBridgeLoanRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return fileLoan(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/finance/bridge-loans/:id', summary: '转贷详情(时间线、费用、可执行操作)', tags, params: ZIdParams }, ({ actor, params }) => {
    requireFinanceAccess(actor);
    return getLoan(ctx, actor, params.id);
  });
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/bank-confirm', summary: '银行确认续贷承诺', tags, params: ZIdParams, body: ZBridgeBankConfirmRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'bank_confirm', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/bank-decline', summary: '银行拒绝续贷承诺', tags, params: ZIdParams, body: ZBridgeReasonRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'bank_decline', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/approve', summary: '审批通过(须银行已确认续贷承诺)', tags, params: ZIdParams, body: ZBridgeNoteRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'approve', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/leader-approve', summary: '大额转贷领导审批', tags, params: ZIdParams, body: ZBridgeNoteRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'leader_approve', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/reject', summary: '退回转贷申请', tags, params: ZIdParams, body: ZBridgeReasonRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'reject', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/withdraw', summary: '企业撤回转贷申请(放款前)', tags, params: ZIdParams, body: ZBridgeNoteRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'withdraw', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/disburse', summary: '放款(从资金池,按放款日参数确定费率与期限)', tags, params: ZIdParams, body: ZBridgeDisburseRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'disburse', body }),
  );
  route(app, { method: 'POST', url: '/api/finance/bridge-loans/:id/repay', summary: '登记归还(银行续贷后):本金回池,转贷费与逾期费入账', tags, params: ZIdParams, body: ZBridgeRepayRequest }, ({ actor, params, body }) =>
    takeStep(ctx, actor, params.id, { action: 'repay', body }),
  );
}
