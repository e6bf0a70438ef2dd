import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from './context.js';

/**
 * The placeholder the web build writes wherever the per-request nonce goes (Vite's
 * `html.cspNonce`, web/vite.config.ts): the nonce attribute of its script and stylesheet tags and
 * the `<meta property="csp-nonce">` that the web reads to hand the nonce to antd's CSS-in-JS.
 */
export const CSP_NONCE_PLACEHOLDER = 'YQ_CSP_NONCE';

/** Everything that is not the web page (API JSON, files, assets): nothing may load, nothing may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Browser features the platform never uses are switched off; the position only for its own pages (走访 on a phone). */
export const PERMISSIONS_POLICY = [
  'accelerometer=()', 'autoplay=()', 'camera=()', 'display-capture=()', 'geolocation=(self)', 'gyroscope=()',
  'magnetometer=()', 'microphone=()', 'midi=()', 'payment=()', 'usb=()', 'serial=()', 'hid=()',
  'browsing-topics=()', 'interest-cohort=()',
].join(', ');

/** Pages a configured origin may frame (FRAME_ANCESTORS): the leadership big screen only. */
const FRAMABLE_PAGES = /^\/(big-screen|screen)(\/|$)/;

function frameAncestorsOf(config: AppConfig, path: string): string {
  if (config.frameAncestors.length > 0 && FRAMABLE_PAGES.test(path)) return config.frameAncestors.join(' ');
  return "'none'";
}

/**
 * The policy of the web page. No inline script at all (the app is one external module); styles
 * from our own files, and the `<style>` elements antd's CSS-in-JS writes carry this response's
 * nonce. `style-src-attr 'unsafe-inline'` admits style *attributes* only (ECharts' tooltip markup
 * and antd's positioning write them); an attribute cannot load anything nor run script, and
 * `<style>` elements without the nonce stay refused.
 */
export function htmlCsp(nonce: string, config: AppConfig, path: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestorsOf(config, path)}`,
  ].join('; ');
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Serves index.html with a fresh nonce: written into the page (replacing the build's placeholder)
 * and into this response's Content-Security-Policy.
 */
export function sendIndexHtml(reply: FastifyReply, html: string, config: AppConfig, path: string): FastifyReply {
  const nonce = newNonce();
  reply.header('content-security-policy', htmlCsp(nonce, config, path));
  if (frameAncestorsOf(config, path) !== "'none'") reply.removeHeader('x-frame-options');
  reply.header('cache-control', 'no-cache');
  return reply.type('text/html; charset=utf-8').send(html.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
}

/**
 * Headers on every response: a strict CSP unless the response set its own (the web page, the API
 * docs), no framing, no sniffing, HSTS in production, and the Permissions-Policy.
 */
export function installSecurityHeaders(app: FastifyInstance, config: AppConfig): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CSP);
    const csp = String(reply.getHeader('content-security-policy'));
    if (csp.includes("frame-ancestors 'none'")) reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (config.production) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!reply.getHeader('cache-control') && request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
