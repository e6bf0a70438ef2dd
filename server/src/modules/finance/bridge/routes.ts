import type { FastifyInstance } from 'fastify';
import { ZBridgeStatementQuery } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { route } from '../../../platform/http.js';
import { bridgeLoanStatistics } from './stats.js';

/** 应急转贷(bridge loans and the pool). */
export function registerBridgeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务·应急转贷'];
  route(app, { method: 'GET', url: '/api/finance/bridge-loans/stats', summary: '应急转贷统计(任意期间:笔数、金额、平均天数、费用、资金池周转、逾期)', tags, permission: 'finance:read', query: ZBridgeStatementQuery }, ({ actor, query }) =>
    bridgeLoanStatistics(ctx.db, actor.parkId, query),
  );
}
