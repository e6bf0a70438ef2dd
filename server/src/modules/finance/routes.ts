import type { FastifyInstance } from 'fastify';
import { ZSetFinanceParameterRequest } from '@yuanqi/contract';
import { can, type Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { route } from '../../platform/http.js';
import { listInstitutions } from './institutions.js';
import { listParameters, setParameter } from './parameters.js';
import { registerProductRoutes } from './products/routes.js';
import { registerMarketRoutes } from './market/routes.js';
import { registerBridgeRoutes } from './bridge/routes.js';
import { registerCopperRoutes } from './copper/routes.js';
import { registerEventRoutes } from './events/routes.js';
import { registerCreditRoutes } from './credit/routes.js';

/** Anyone who takes part in finance: staff who read it, firms (and liaisons) who apply, banks. */
export function requireFinanceAccess(actor: Actor): void {
  if (!can(actor, 'finance:read') && !can(actor, 'finance:apply') && !can(actor, 'finance:bank')) throw forbidden();
}

/** 金融服务: institutions and dated parameters here; each sub-domain registers its own routes. */
export function registerFinanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务'];
  route(app, { method: 'GET', url: '/api/finance/institutions', summary: '金融机构名录(银行、担保、保险等)', tags }, ({ actor }) => {
    requireFinanceAccess(actor);
    return listInstitutions(ctx, actor);
  });
  route(app, { method: 'GET', url: '/api/finance/parameters', summary: '金融服务参数(按生效日期的版本:转贷日费率、最长天数、质押率等)', tags }, ({ actor }) => {
    requireFinanceAccess(actor);
    return listParameters(ctx, actor);
  });
  route(app, { method: 'POST', url: '/api/finance/parameters', summary: '新增参数版本(自生效日起适用,不改变此前已确定的贷款)', tags, permission: 'finance:manage', body: ZSetFinanceParameterRequest }, ({ actor, body }) =>
    setParameter(ctx, actor, body),
  );

  registerProductRoutes(app, ctx);
  registerMarketRoutes(app, ctx);
  registerBridgeRoutes(app, ctx);
  registerCopperRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerCreditRoutes(app, ctx);
}
