import type { FastifyInstance } from 'fastify';
import { ZCreateInstitutionRequest, ZCreateProductRequest, ZListProductsQuery, ZUpdateInstitutionRequest, ZUpdateProductRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { shanghaiDate } from '../../../platform/calendar/working-calendar.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { createInstitution, updateInstitution } from '../institutions.js';
import { productsWorkbook } from './excel.js';
import * as products from './service.js';

/** 金融产品 and institutions: banks maintain their products, firms browse and compare them. */
export function registerProductRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务'];
  // ------------------------------------------------------------ institutions (GET is in ../routes.ts)
  route(app, { method: 'POST', url: '/api/finance/institutions', summary: '新增金融机构', tags, permission: 'finance:manage', body: ZCreateInstitutionRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return createInstitution(ctx, actor, body);
  });
  route(app, { method: 'PATCH', url: '/api/finance/institutions/:id', summary: '修改金融机构(类型、战略合作协议、联系人、状态、排序)', tags, permission: 'finance:manage', params: ZIdParams, body: ZUpdateInstitutionRequest }, ({ actor, params, body }) =>
    updateInstitution(ctx, actor, params.id, body),
  );

  // ------------------------------------------------------------ products
  route(app, { method: 'GET', url: '/api/finance/products', summary: '金融产品(金融超市:企业只见在售产品;机构见本机构全部;金融服务中心见全部)', tags, query: ZListProductsQuery }, ({ actor, query }) =>
    products.listProducts(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/finance/products/export', summary: '按当前筛选导出金融产品 Excel', tags, permission: 'finance:read', query: ZListProductsQuery.omit({ page: true, pageSize: true }), produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const items = await products.productsForExport(ctx, actor, { ...query, page: 1, pageSize: 20 });
    const dict = await ctx.db.selectFrom('dictionaries').select(['kind', 'code', 'label']).where('park_id', '=', actor.parkId).where('kind', 'in', ['chain', 'tag']).execute();
    const label = (kind: string) => (code: string) => dict.find((d) => d.kind === kind && d.code === code)?.label ?? code;
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`金融产品-${shanghaiDate(ctx.clock.now())}.xlsx`));
    return reply.send(await productsWorkbook(items, { chain: label('chain'), tag: label('tag') }));
  });
  route(app, { method: 'GET', url: '/api/finance/products/:id', summary: '金融产品详情', tags, params: ZIdParams }, ({ actor, params }) => products.getProduct(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/finance/products', summary: '新增金融产品(机构账号只能为本机构新增;默认存为草稿)', tags, body: ZCreateProductRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return products.createProduct(ctx, actor, body);
  });
  route(app, { method: 'PATCH', url: '/api/finance/products/:id', summary: '修改金融产品(本机构)', tags, params: ZIdParams, body: ZUpdateProductRequest }, ({ actor, params, body }) =>
    products.updateProduct(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/finance/products/:id/publish', summary: '发布金融产品(上架到金融超市)', tags, params: ZIdParams }, ({ actor, params }) =>
    products.setProductStatus(ctx, actor, params.id, 'publish'),
  );
  route(app, { method: 'POST', url: '/api/finance/products/:id/withdraw', summary: '下架金融产品', tags, params: ZIdParams }, ({ actor, params }) =>
    products.setProductStatus(ctx, actor, params.id, 'withdraw'),
  );
}
