import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type Client, type TestApp } from '../../test/harness.js';
import { buildDemand } from '../../test/demand-factories.js';
import { buildEnterprise, buildPark, buildUser } from '../../test/factories.js';
import { multipartFile, sheetXml, streamedZipPart, xlsxWithSheet, zipPart, SHEET_HEAD, SHEET_TAIL } from '../../test/upload-factories.js';
import { checkUpload, cleanFilename, sniffFileType } from './uploads.js';
import { inspectXlsx, readCell, safeCellText } from './xlsx.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function realXlsx(): Promise<Buffer> {
  const w = new ExcelJS.Workbook();
  w.addWorksheet('名录').addRow(['统一社会信用代码', '企业名称']);
  return Buffer.from(await w.xlsx.writeBuffer());
}

async function realDocx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('说明')] }] }));
}

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string; details: { path: string; message: string }[] } }).error;

describe('checkUpload: the type comes from the bytes', () => {
  it('accepts files whose bytes match their extension', async () => {
    expect(checkUpload('attachment', '现场照片.PNG', PNG).contentType).toBe('image/png');
    expect(checkUpload('attachment', '申请书.pdf', PDF).contentType).toBe('application/pdf');
    expect(checkUpload('attachment', '说明.docx', await realDocx()).contentType).toContain('wordprocessingml');
    expect(checkUpload('attachment', '明细.xlsx', await realXlsx()).contentType).toContain('spreadsheetml');
    expect(checkUpload('invoice', '发票.pdf', PDF).contentType).toBe('application/pdf');
  });

  it('refuses a renamed file, a type the kind does not take, and an empty file, naming the file', async () => {
    const xlsx = await realXlsx();
    const docx = await realDocx();
    expect(() => checkUpload('attachment', '说明.pdf', EXE)).toThrow(/说明\.pdf.*不符/);
    expect(() => checkUpload('attachment', '照片.jpg', PDF)).toThrow(/照片\.jpg.*不符/);
    expect(() => checkUpload('attachment', '表格.xlsx', docx)).toThrow(/不符/);
    // an .xlsx named .pdf where a pdf is wanted
    expect(() => checkUpload('invoice', '发票.pdf', xlsx)).toThrow(/发票\.pdf.*不符/);
    expect(() => checkUpload('invoice', '发票.xlsx', xlsx)).toThrow(/类型不支持.*pdf、jpg、png/);
    expect(() => checkUpload('attachment', '脚本.exe', EXE)).toThrow(/类型不支持/);
    expect(() => checkUpload('image', '扫描件.pdf', PDF)).toThrow(/类型不支持/);
    expect(() => checkUpload('attachment', '空.pdf', Buffer.alloc(0))).toThrow(/空文件/);
    expect(() => checkUpload('xlsx', '旧表.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toThrow(/旧版 \.xls/);
  });

  it('does not take a zip that merely mentions xl/ or word/ for an office file', () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....xl/workbook.xml')]);
    expect(sniffFileType(fake)).toBeNull();
    expect(() => checkUpload('attachment', '明细.xlsx', fake)).toThrow(/不符/);
  });

  it('drops a client path and control characters from the file name', () => {
    expect(cleanFilename('C:\\Users\\张三\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(cleanFilename('../../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b.pdf')).toBe('a_b.pdf');
    expect(cleanFilename('a\u0085\ud800\ufffeb\n.pdf')).toBe('a___b_.pdf');
    expect(cleanFilename('营业执照😀.pdf')).toBe('营业执照😀.pdf');
  });
});

describe('inspectXlsx: limits checked before parsing', () => {
  it('passes an ordinary workbook and counts its rows', async () => {
    const figures = await inspectXlsx(xlsxWithSheet(zipPart('xl/worksheets/sheet1.xml', sheetXml(120, 5))));
    expect(figures.sheets).toEqual([{ path: 'xl/worksheets/sheet1.xml', rows: 120, cells: 600, maxColumn: 5 }]);
  });

  it('refuses a part that inflates past what its header declares', async () => {
    const bomb = await streamedZipPart('xl/worksheets/sheet1.xml', SHEET_HEAD, Buffer.alloc(1024 * 1024, 0x20), 20, SHEET_TAIL);
    const lying = xlsxWithSheet(bomb, { 'xl/worksheets/sheet1.xml': 50_000 });
    await expect(inspectXlsx(lying)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('比声明的更大') });
  });

  it('refuses a compression ratio typical of a zip bomb even under the size cap', async () => {
    const dense = await streamedZipPart('xl/worksheets/sheet1.xml', SHEET_HEAD, Buffer.alloc(1024 * 1024, 0x20), 30, SHEET_TAIL);
    await expect(inspectXlsx(xlsxWithSheet(dense))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('压缩比') });
  });

  it('refuses more than 200 columns', async () => {
    const wide = xlsxWithSheet(zipPart('xl/worksheets/sheet1.xml', sheetXml(2, 201, () => 'x')));
    await expect(inspectXlsx(wide)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('第 201 列') });
  });
});

describe('cells: formula text is neutralised on export and restored on import', () => {
  it('prefixes text a spreadsheet would run, and leaves signed numbers and phones', () => {
    expect(safeCellText('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(safeCellText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCellText('+cmd|\' /C calc\'!A0')).toBe("'+cmd|' /C calc'!A0");
    expect(safeCellText('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(safeCellText('\tabc')).toBe("'\tabc");
    expect(safeCellText('+86 138 0000 0000')).toBe('+86 138 0000 0000');
    expect(safeCellText('-5')).toBe('-5');
    expect(safeCellText('园区企业')).toBe('园区企业');
    expect(readCell("'=HYPERLINK(\"http://x\",\"y\")")).toBe('=HYPERLINK("http://x","y")');
    expect(readCell("'普通文字")).toBe("'普通文字");
  });
});

describe('uploads over HTTP', () => {
  let t: TestApp;
  let admin: Client;
  let firmUser: Client;
  let demandId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const park = await buildPark(t.ctx.db);
    admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
    const firm = await buildEnterprise(t.ctx.db, park, { name: '=HYPERLINK("http://x","y")' });
    firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
    demandId = (await buildDemand(t.ctx.db, park, firm)).id;
  });
  afterAll(() => t?.close());

  const importXlsx = (client: Client, file: Buffer, filename = '企业名录.xlsx') =>
    client.request({ method: 'POST', url: '/api/enterprises/import', ...multipartFile(file, { filename }) });

  /** Runs `work` while sampling this process's memory and asking /api/health. */
  async function whileWatching<T extends { statusCode: number }>(work: () => Promise<T>) {
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    let done = false;
    const health: number[] = [];
    const pending = work().finally(() => {
      done = true;
    });
    const probe = (async () => {
      // a client asking every few milliseconds (inject alone never yields to I/O, so pause between)
      while (!done) {
        health.push(await t.app.inject({ method: 'GET', url: '/api/health' }).then((r) => r.statusCode, () => 0));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const started = Date.now();
    const result = await pending;
    const ms = Date.now() - started;
    await probe;
    clearInterval(sampler);
    const figures = { result, health, ms, rssGrowth: peakRss - before.rss, heapGrowth: peakHeap - before.heapUsed };
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(`[uploads] ${result.statusCode} in ${ms} ms; /api/health answered ${health.length}× meanwhile; peak RSS +${mb(figures.rssGrowth)}, heap +${mb(figures.heapGrowth)}`);
    return figures;
  }

  it('answers 413 to a zip bomb .xlsx in bounded memory, importing nothing', async () => {
    // 200 MB of one repeated row, deflated to well under 1 MB
    const row = Buffer.from('<row><c t="inlineStr"><is><t>炸弹</t></is></c></row>'.repeat(20_000));
    const bomb = xlsxWithSheet(await streamedZipPart('xl/worksheets/sheet1.xml', SHEET_HEAD, row, Math.ceil((200 * 1024 * 1024) / row.length), SHEET_TAIL));
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const { result: res, rssGrowth } = await whileWatching(() => importXlsx(admin, bomb));
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
    expect(errorOf(res).details[0]!.path).toBe('file');
    expect(rssGrowth).toBeLessThan(64 * 1024 * 1024);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await admin.get('/api/enterprises?pageSize=1')).json().total).toBe(1);
  }, 180_000);

  it('answers 413 to a 200,000-row sheet while /api/health keeps answering, in bounded memory', async () => {
    const sheet = await streamedZipPart('xl/worksheets/sheet1.xml', SHEET_HEAD, Buffer.alloc(0), 0, sheetXml(200_000, 1).slice(SHEET_HEAD.length));
    const file = xlsxWithSheet(sheet);
    expect(file.length).toBeLessThan(10 * 1024 * 1024);
    const { result: res, health, rssGrowth, heapGrowth } = await whileWatching(() => importXlsx(admin, file));
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).message).toContain('200,000 行');
    expect(errorOf(res).message).toContain('50,000');
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    expect(rssGrowth).toBeLessThan(96 * 1024 * 1024);
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
    expect((await admin.get('/api/enterprises?pageSize=1')).json().total).toBe(1);
  }, 180_000);

  it('cuts an Excel import off at 10 MB while it streams (413 naming the limit)', async () => {
    const big = Buffer.concat([await realXlsx(), Buffer.alloc(11 * 1024 * 1024)]);
    const res = await importXlsx(admin, big);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).message).toContain('10 MB');
  }, 180_000);

  it('refuses a text field holding a control character with a 400 naming it (the one text rule), storing nothing', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    const res = await firmUser.request({ method: 'POST', url: `/api/demands/${demandId}/attachments`, ...multipartFile(pdf, { filename: '说明.pdf', fields: { note: 'a\u0000b' } }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'note' });
    expect(res.json().error.message).toContain('空字符(NUL)');
    const detail = await firmUser.get(`/api/demands/${demandId}`);
    expect(JSON.stringify(detail.json())).not.toContain('说明.pdf');
  });

  it('refuses an .exe renamed .pdf and an .xlsx renamed .pdf as attachments, storing nothing', async () => {
    const url = `/api/demands/${demandId}/attachments`;
    const exe = await firmUser.request({ method: 'POST', url, ...multipartFile(EXE, { filename: '申请书.pdf', type: 'application/pdf' }) });
    expect(exe.statusCode).toBe(400);
    expect(errorOf(exe).message).toContain('申请书.pdf');
    const sheet = await firmUser.request({ method: 'POST', url, ...multipartFile(await realXlsx(), { filename: '营业执照.pdf', type: 'application/pdf' }) });
    expect(sheet.statusCode).toBe(400);
    expect(errorOf(sheet).message).toContain('不符');
    const named = await firmUser.request({ method: 'POST', url, ...multipartFile(PDF, { filename: '营业执照.pdf', type: 'application/x-msdownload' }) });
    expect(named.statusCode).toBe(201);
    expect(named.json().attachments.map((a: { contentType: string }) => a.contentType)).toEqual(['application/pdf']);
  });

  it('refuses an .xlsx sent to the Excel import under another name (the bytes decide, and must match the name)', async () => {
    const res = await importXlsx(admin, await realXlsx(), '名录.pdf');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('file');
  });

  it('exports a firm named =HYPERLINK(…) as plain text, never a formula', async () => {
    const res = await admin.get('/api/enterprises/export');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const values: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    const cell = values.find((v) => typeof v === 'string' && v.includes('HYPERLINK'));
    expect(cell).toBe('\'=HYPERLINK("http://x","y")');
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });
});
