import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { CSP_NONCE_PLACEHOLDER } from './security-headers.js';

/**
 * Issue 10, item 4: the headers of the web page and of the API. The page is a copy of what the
 * web build writes (Vite's html.cspNonce puts the placeholder on its tags and a csp-nonce meta).
 */
const INDEX_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8" /><title>园企通</title>
<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
<script type="module" crossorigin src="/assets/index-test.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
<link rel="stylesheet" crossorigin href="/assets/index-test.css" nonce="${CSP_NONCE_PLACEHOLDER}">
</head><body><div id="root"></div></body></html>`;

let webDist: string;
let t: TestApp;
let prod: TestApp;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), INDEX_HTML);
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'assets', 'index-test.js'), 'console.log(1)');
  t = await createTestApp({ webDist, frameAncestors: ['https://screen.example.gov.cn'] });
  prod = await createTestApp({ webDist, production: true });
});
afterAll(async () => {
  await t.close();
  await prod.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

function directives(res: LightMyRequestResponse): Map<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

describe('the web page (index.html)', () => {
  it('carries a CSP with a fresh nonce that is also written into the page, and no inline script', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/demands' });
    const second = await t.app.inject({ method: 'GET', url: '/demands' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(first);
    const nonce = /'nonce-([^']+)'/.exec(csp.get('script-src') ?? '')?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(directives(second).get('script-src')).not.toContain(nonce);
    expect(first.body).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(first.body).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
    expect(first.body).toContain(`src="/assets/index-test.js" nonce="${nonce}"`);

    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe(`'self' 'nonce-${nonce}'`);
    expect(csp.get('style-src-elem')).toBe(`'self' 'nonce-${nonce}'`);
    for (const [name, value] of csp) {
      // inline script is never allowed; inline <style> only with the nonce
      if (name.startsWith('script-src') || name === 'style-src-elem' || name === 'style-src') {
        expect(value, name).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      }
    }
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(first.headers['x-frame-options']).toBe('DENY');
    expect(first.headers['cache-control']).toBe('no-cache');
  });

  it('sends Permissions-Policy, nosniff and the referrer policy, and HSTS only in production', async () => {
    const dev = await t.app.inject({ method: 'GET', url: '/' });
    expect(dev.headers['permissions-policy']).toContain('camera=()');
    expect(dev.headers['permissions-policy']).toContain('microphone=()');
    expect(dev.headers['permissions-policy']).toContain('geolocation=(self)');
    expect(dev.headers['x-content-type-options']).toBe('nosniff');
    expect(dev.headers['referrer-policy']).toBe('same-origin');
    expect(dev.headers['strict-transport-security']).toBeUndefined();
    const live = await prod.app.inject({ method: 'GET', url: '/' });
    expect(live.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await prod.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('lets only the configured origin frame the big screen (FRAME_ANCESTORS), and nothing else', async () => {
    const screen = await t.app.inject({ method: 'GET', url: '/big-screen' });
    expect(directives(screen).get('frame-ancestors')).toBe('https://screen.example.gov.cn');
    expect(screen.headers['x-frame-options']).toBeUndefined();
    const other = await t.app.inject({ method: 'GET', url: '/big-screenshot' });
    expect(directives(other).get('frame-ancestors')).toBe("'none'");
    const unconfigured = await prod.app.inject({ method: 'GET', url: '/big-screen' });
    expect(directives(unconfigured).get('frame-ancestors')).toBe("'none'");
    expect(unconfigured.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the API and files', () => {
  it('answers JSON — success or error — under default-src none and frame-ancestors none', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/api/no-such-route']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = directives(res);
      expect(csp.get('default-src'), url).toBe("'none'");
      expect(csp.get('frame-ancestors'), url).toBe("'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['permissions-policy'], url).toContain('camera=()');
    }
  });

  it('serves the built scripts under the strict policy too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-test.js' });
    expect(res.statusCode).toBe(200);
    expect(directives(res).get('default-src')).toBe("'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives the API docs their own policy: framed by nobody, not upgraded to https on plain http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = directives(res);
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('script-src')).toMatch(/^'self'/);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });
});
