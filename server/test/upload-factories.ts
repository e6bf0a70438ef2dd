import zlib from 'node:zlib';

/** One file inside a zip: its deflated bytes and the sizes the headers will declare. */
export type ZipPart = { name: string; compressed: Buffer; uncompressedSize: number; crc: number };

/** Deflates a small part in one go. */
export function zipPart(name: string, text: string | Buffer): ZipPart {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return { name, compressed: zlib.deflateRawSync(data), uncompressedSize: data.length, crc: zlib.crc32(data) };
}

/**
 * Deflates `prefix + repeat × times + suffix` as a stream, so a part of hundreds of MB costs the
 * test a few hundred kB of memory: the way a zip bomb is made.
 */
export async function streamedZipPart(name: string, prefix: string, repeat: Buffer, times: number, suffix: string): Promise<ZipPart> {
  const deflater = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
  };
  await write(Buffer.from(prefix));
  for (let i = 0; i < times; i++) await write(repeat);
  await write(Buffer.from(suffix));
  deflater.end();
  await finished;
  return { name, compressed: Buffer.concat(out), uncompressedSize: Buffer.byteLength(prefix) + repeat.length * times + Buffer.byteLength(suffix), crc };
}

/** A zip (method 8) of `parts`; `declare` may make a header lie about a part's size. */
export function buildZip(parts: ZipPart[], declare: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = declare[p.name] ?? p.uncompressedSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + p.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A minimal .xlsx whose one worksheet is `sheet` (a part named xl/worksheets/sheet1.xml). */
export function xlsxWithSheet(sheet: ZipPart, declare: Record<string, number> = {}): Buffer {
  return buildZip(
    [zipPart('[Content_Types].xml', CONTENT_TYPES), zipPart('_rels/.rels', ROOT_RELS), zipPart('xl/workbook.xml', WORKBOOK), zipPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS), sheet],
    declare,
  );
}

/** The XML of `rows` rows × `columns` inline-string cells. */
export function sheetXml(rows: number, columns: number, text = (r: number, c: number) => `企业${r}-${c}`): string {
  const out: string[] = [SHEET_HEAD];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 1; c <= columns; c++) row += `<c r="${columnLetters(c)}${r}" t="inlineStr"><is><t>${text(r, c)}</t></is></c>`;
    out.push(`${row}</row>`);
  }
  out.push(SHEET_TAIL);
  return out.join('');
}

export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A multipart/form-data body with one file part (and optional text fields). */
export function multipartFile(file: Buffer, { field = 'file', filename = 'upload.xlsx', type = 'application/octet-stream', fields = {} as Record<string, string> } = {}) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const texts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  const head = `${texts}--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
