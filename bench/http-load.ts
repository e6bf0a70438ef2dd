// The HTTP load generator the domain benches share: `connections` keep-alive loops in a child
// process (so it does not share the measured server's event loop), each taking the next URL of the
// list in turn, for warm-up + duration seconds; latencies of requests started after the warm-up.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type LoadResult = { requests: number; errors: number; non2xx: number; rps: number; p50: number; p95: number; p99: number; max: number; mean: number };

export type LoadOptions = { connections: number; warmupSeconds: number; durationSeconds: number };

const SCRIPT = `
  const [list, cookie, connections, warmup, duration] = process.argv.slice(1);
  const urls = JSON.parse((await import('node:fs')).readFileSync(list, 'utf8'));
  const lat = []; let errors = 0, non2xx = 0, requests = 0, next = 0;
  const start = performance.now(), measureFrom = start + warmup * 1000, end = measureFrom + duration * 1000;
  async function worker() {
    while (performance.now() < end) {
      const url = urls[next++ % urls.length];
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (t >= measureFrom) { requests++; lat.push(performance.now() - t); if (res.status < 200 || res.status >= 300) non2xx++; }
      } catch { if (t >= measureFrom) errors++; }
    }
  }
  await Promise.all(Array.from({ length: Number(connections) }, worker));
  lat.sort((a, b) => a - b);
  const q = (p) => lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)] : NaN;
  const mean = lat.reduce((s, x) => s + x, 0) / (lat.length || 1);
  process.stdout.write(JSON.stringify({ requests, errors, non2xx, rps: requests / Number(duration), p50: q(0.5), p95: q(0.95), p99: q(0.99), max: lat.at(-1) ?? NaN, mean }));
`;

/** Loads the URLs (rotating) with the session `cookie`. */
export function loadUrls(urls: string[], cookie: string, options: LoadOptions): Promise<LoadResult> {
  // the list goes through a file: thousands of URLs do not fit on a command line
  const list = path.join(os.tmpdir(), `bench-urls-${process.pid}-${randomBytes(3).toString('hex')}.json`);
  fs.writeFileSync(list, JSON.stringify(urls));
  return new Promise<LoadResult>((resolve, reject) => {
    const args = ['--input-type=module', '-e', SCRIPT, list, cookie, String(options.connections), String(options.warmupSeconds), String(options.durationSeconds)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  }).finally(() => fs.rmSync(list, { force: true }));
}
