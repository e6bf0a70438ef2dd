import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerApplicationRoutes } from './applications/routes.js';
import { registerExemptionRoutes } from './exemption/routes.js';
import { registerFactRoutes } from './facts/routes.js';
import { registerLibraryRoutes } from './library/routes.js';
import { policySearchProvider } from './library/search-provider.js';
import { registerPolicySweep } from './library/sweep.js';
import { registerMatchingRoutes } from './matching/routes.js';
import { registerPublicityRoutes } from './publicity/routes.js';

/** 政策兑现: policy library, rules, facts, matching, 申报, 公示, 免申即享 runs and grants. */
export function registerPolicyRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.search.register(policySearchProvider);
  registerPolicySweep();
  const tags = ['policies'];
  registerLibraryRoutes(app, ctx, tags);
  registerMatchingRoutes(app, ctx, tags);
  registerExemptionRoutes(app, ctx, tags);
  registerFactRoutes(app, ctx, tags);
  registerApplicationRoutes(app, ctx, tags);
  registerPublicityRoutes(app, ctx, tags);
}
