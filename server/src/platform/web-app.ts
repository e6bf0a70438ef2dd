import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './context.js';
import { AppError } from './errors.js';
import { sendIndexHtml } from './security-headers.js';

/** Hashed build output (Vite writes `/assets/<name>-<hash>.<ext>`): a changed file gets a new name. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, favicon, no-eval.js): the browser revalidates (ETag) before using its copy. */
export const REVALIDATE_CACHE = 'no-cache';

/**
 * Serves the built web app (web/dist) on the API's origin.
 *
 * - Files are sent precompressed: the build writes `<file>.br` and `<file>.gz` beside every text
 *   asset (web/vite.config.ts), and @fastify/static picks the variant the request's
 *   Accept-Encoding allows (br, then gzip, then the plain file), with `Vary: Accept-Encoding`.
 *   Nothing is compressed per request.
 * - `/assets/*` are hashed and cached for a year (immutable); other files are revalidated.
 * - Any other path that is not an API path is the single-page app: index.html with a fresh CSP
 *   nonce per response (security-headers.ts), never cached, read per request so that a rebuilt
 *   app is served without a restart. It is not precompressed: its nonce differs every time.
 */
export async function registerWebApp(app: FastifyInstance, config: AppConfig): Promise<void> {
  const root = config.webDist ? path.resolve(config.webDist) : null;
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    // only reply.sendFile: the route below decides what is a file (it would otherwise register a
    // route per file found at start, /index.html and the .br files by their own names included)
    serve: false,
    preCompressed: true,
    // our own header below, not send's `public, max-age=0`
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const relative = path.relative(root, filePath).split(path.sep).join('/');
      reply.header('cache-control', relative.startsWith('assets/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
    },
  });
  const indexHtml = () => fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0]!;
    if (url.startsWith('/api/')) {
      throw new AppError('NOT_FOUND', '接口不存在');
    }
    const file = path.join(root, url);
    if (url !== '/' && url !== '/index.html' && file.startsWith(root + path.sep) && !isCompressedVariant(url) && isFile(file)) {
      return reply.sendFile(url.slice(1));
    }
    return sendIndexHtml(reply, indexHtml(), config, url);
  });
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `x.js.br` is only ever sent as `x.js` with Content-Encoding: br, never by its own name. */
function isCompressedVariant(url: string): boolean {
  return /\.(br|gz)$/.test(url);
}
