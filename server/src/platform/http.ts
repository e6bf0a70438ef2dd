import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '@yuanqi/contract';
import { z } from 'zod';
import type { Actor } from './actor.js';
import { requirePermission } from './actor.js';
import { cleanInput } from '@yuanqi/contract';
import { AppError, labelOf, notFound, parseInput } from './errors.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> = {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** Reachable without a session (log-in, health). */
  public?: boolean;
  permission?: Permission;
  body?: B;
  query?: Q;
  params?: P;
  /** Responds with a file, not JSON. */
  produces?: string;
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteInput<B, Q, P, Public extends boolean = false> = {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  actor: Public extends true ? Actor | null : Actor;
  request: FastifyRequest;
  reply: FastifyReply;
};

function jsonSchemaOf(schema: z.ZodType | undefined, io: 'input' | 'output' = 'input'): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Declares a route: authentication, permission, zod validation of params/query/body (Chinese
 * messages naming the field), then the handler. A params failure is a 404: a malformed id is
 * just an id that does not exist.
 */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
  handler: (input: RouteInput<B, Q, P>) => Promise<unknown>,
): void {
  app.route({
    method: spec.method,
    url: spec.url,
    schema: {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.body && !spec.produces ? { body: jsonSchemaOf(spec.body) } : {}),
      ...(spec.query ? { querystring: jsonSchemaOf(spec.query) } : {}),
      ...(spec.params ? { params: jsonSchemaOf(spec.params) } : {}),
      ...(spec.public ? {} : { security: [{ session: [] }] }),
    },
    config: { public: spec.public ?? false },
    handler: async (request, reply) => {
      const actor = request.actor;
      if (!spec.public && !actor) throw new AppError('UNAUTHENTICATED', '请先登录');
      if (spec.permission && actor) requirePermission(actor, spec.permission);
      let params: unknown;
      if (spec.params) {
        const cleaned = cleanInput(request.params, labelOf);
        const parsed = cleaned.issues.length ? null : spec.params.safeParse(cleaned.value);
        if (!parsed || !parsed.success) throw notFound();
        params = parsed.data;
      }
      const query = spec.query ? parseInput(spec.query, request.query) : undefined;
      const body = spec.body ? parseInput(spec.body, request.body) : undefined;
      const result = await handler({ body, query, params, actor: actor as Actor, request, reply } as RouteInput<B, Q, P>);
      if (reply.sent) return reply;
      return result;
    },
  });
}

export const ZIdParams = z.object({ id: z.uuid() });

/** Content-Disposition for a download with a Chinese file name (RFC 5987). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
