import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerLandParcelsRoutes } from './parcels/routes.js';
import { registerLandEvaluationRoutes } from './evaluation/routes.js';
import { registerLandCleanupRoutes } from './cleanup/routes.js';
import { registerLandLeadsRoutes } from './leads/routes.js';
import { registerLandPremisesRoutes } from './premises/routes.js';
import { registerLandApartmentsRoutes } from './apartments/routes.js';
import { registerLandAcquisitionRoutes } from './acquisition/routes.js';

/**
 * 要素保障 land and premises (SPEC §2.8): each sub-domain registers its own routes — parcels 地块
 * (map, status, import), evaluation 亩均论英雄, cleanup 闲置用地清理专项行动, leads 招商线索 (signing
 * creates an investment project of the funds module), premises 厂房 (buildings, units, leases,
 * bills, relief, payments, parameters), apartments 人才公寓, acquisition 征地拆迁.
 */
export function registerLandRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerLandParcelsRoutes(app, ctx);
  registerLandEvaluationRoutes(app, ctx);
  registerLandCleanupRoutes(app, ctx);
  registerLandLeadsRoutes(app, ctx);
  registerLandPremisesRoutes(app, ctx);
  registerLandApartmentsRoutes(app, ctx);
  registerLandAcquisitionRoutes(app, ctx);
}
