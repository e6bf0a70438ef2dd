import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text files worth compressing; images and fonts are already compressed. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|html|json|txt|map)$/;
/** Below this the headers cost more than the saving. */
const MIN_BYTES = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))),
  );
  return nested.flat();
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every text file of the
 * build, once, at build time; the server sends the variant the browser accepts
 * (server/src/platform/web-app.ts) and never compresses per request. A variant that would not be
 * smaller is not written. index.html is compressed too, but the server sends it uncompressed
 * because it writes a fresh CSP nonce into it per request.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  let log: (message: string) => void = () => {};
  return {
    name: 'yuanqi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      log = (message) => config.logger.info(message);
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((f) => COMPRESSIBLE.test(f));
      let raw = 0;
      let br = 0;
      let gz = 0;
      for (const file of files) {
        const data = await fs.readFile(file);
        if (data.length < MIN_BYTES) continue;
        const [b, g] = await Promise.all([
          brotli(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
          gzipAsync(data, { level: 9 }),
        ]);
        raw += data.length;
        if (b.length < data.length) {
          await fs.writeFile(`${file}.br`, b);
          br += b.length;
        }
        if (g.length < data.length) {
          await fs.writeFile(`${file}.gz`, g);
          gz += g.length;
        }
      }
      const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
      log(`precompressed ${files.length} files: ${kb(raw)} → br ${kb(br)}, gzip ${kb(gz)}`);
    },
  };
}
