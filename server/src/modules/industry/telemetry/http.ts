import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { ingestNow, telemetryWriter } from './ingest.js';

/** What the JSON parser hands the handler when the body is not JSON (counted as malformed). */
const NOT_JSON = Symbol('not-json');

/**
 * `POST /api/industry/devices/:id/telemetry` — a device posts readings with `Authorization: Bearer
 * <token>` (no session, no CSRF: the token is the credential). Answers TelemetryIngestResult (200),
 * 401 for a missing or wrong token, 403 for a disabled device, 400 for a malformed body (counted on
 * the device). Registered in its own scope so a body that is not JSON reaches the handler (and is
 * counted) instead of failing in Fastify's parser.
 */
export function registerTelemetryHttp(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(null, NOT_JSON);
      }
    });
    scope.route({
      method: 'POST',
      url: '/api/industry/devices/:id/telemetry',
      config: { public: true },
      schema: {
        summary: '设备上报读数(HTTP;请求头 Authorization: Bearer <设备令牌>,无需登录)',
        tags: ['industry-devices'],
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
        body: {
          type: 'object',
          properties: {
            readings: {
              type: 'array',
              items: { type: 'object', properties: { metric: { type: 'string' }, value: { type: ['number', 'boolean'] }, ts: { type: ['string', 'number'] } } },
            },
          },
        },
      },
      handler: async (request, reply) => {
        const { id } = request.params as { id: string };
        const header = request.headers.authorization;
        const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
        if (!match) throw new AppError('UNAUTHENTICATED', '缺少设备令牌:请在请求头中携带 Authorization: Bearer <设备令牌>');
        const body = request.body === NOT_JSON ? undefined : request.body;
        const outcome = await ingestNow(ctx, request.log, id, match[1]!, body);
        if (!outcome.ok) {
          if (outcome.reason === 'bad_token') throw new AppError('UNAUTHENTICATED', outcome.message);
          if (outcome.reason === 'device_disabled') throw new AppError('FORBIDDEN', outcome.message);
          throw new AppError('BAD_REQUEST', outcome.message, [{ path: 'readings', message: outcome.message }]);
        }
        return reply.code(200).send(outcome.result);
      },
    });
    // refusals counted through the write-behind buffer are written before the app closes
    scope.addHook('onClose', async () => {
      await telemetryWriter(ctx).flush();
    });
  });
}
