import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { CSP_NONCE_PLACEHOLDER } from './security-headers.js';
import { IMMUTABLE_CACHE } from './web-app.js';

/**
 * Issue 11, item 7: the built web app goes out precompressed (the .br / .gz the build writes beside
 * each asset), hashed assets cached for a year, index.html never cached and still carrying its
 * per-request nonce.
 */
const INDEX_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" />
<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
<script type="module" crossorigin src="/assets/index-abc123.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
</head><body><div id="root"></div></body></html>`;
const APP_JS = `export const greeting = ${JSON.stringify('园企通 '.repeat(400))};\n`;
const APP_CSS = `.yq-shell { color: #1554ad; }\n`.repeat(50);

let webDist: string;
let t: TestApp;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-web-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  const write = (name: string, data: string | Buffer) => fs.writeFileSync(path.join(webDist, name), data);
  write('index.html', INDEX_HTML);
  write('assets/index-abc123.js', APP_JS);
  write('assets/index-abc123.js.br', brotliCompressSync(APP_JS));
  write('assets/index-abc123.js.gz', gzipSync(APP_JS));
  // a file the build left uncompressed (too small to gain): sent as it is
  write('assets/index-abc123.css', APP_CSS);
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await createTestApp({ webDist });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('GET /assets/*', () => {
  it('sends the brotli file to a browser that accepts br, with Vary and a year-long immutable cache', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(APP_JS) / 4);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(APP_JS);
  });

  it('sends the gzip file to a client without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(APP_JS);
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);

    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(APP_JS);
    expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('falls back to the plain file when the build wrote no compressed variant', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.css', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.body).toBe(APP_CSS);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('revalidates files outside /assets (their names carry no hash)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.svg', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toBeTruthy();
  });
});

describe('GET / (index.html)', () => {
  it('is never cached nor precompressed, and carries a fresh nonce in the page and its CSP', async () => {
    for (const url of ['/', '/index.html', '/demands/new']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBeUndefined();
      const nonce = /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];
      expect(nonce, url).toBeTruthy();
      expect(res.body, url).toContain(`src="/assets/index-abc123.js" nonce="${nonce}"`);
      expect(res.body, url).not.toContain(CSP_NONCE_PLACEHOLDER);
    }
  });

  it('never serves a compressed variant by its own name', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js.br' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('answers an unknown API path with the API’s 404, not the page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
