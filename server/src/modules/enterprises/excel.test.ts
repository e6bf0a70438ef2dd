import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { usccCheckChar, type Enterprise } from '@yuanqi/contract';
import { AppError } from '../../platform/errors.js';
import { buildEnterpriseTemplate, buildEnterpriseWorkbook, parseEnterpriseWorkbook } from './excel.js';

const withCheck = (first17: string) => first17 + usccCheckChar(first17);
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const USCC_A = withCheck('91360600MA35A0001');
const USCC_B = withCheck('91360602MA39B0002');
const USCC_C = withCheck('91360600MA35C0003');
const USCC_D = withCheck('91360681MA3AD0004');

type Cell = ExcelJS.CellValue;

/** An .xlsx whose first sheet holds `rows` from row 1 (null = an empty row). */
async function sheetOf(rows: (Cell[] | null)[], setup?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((values, i) => {
    if (values) sheet.getRow(i + 1).values = values;
  });
  setup?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

async function thrownBy(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parseEnterpriseWorkbook', () => {
  it('finds the header below a title row and reads shuffled, synonym headers', async () => {
    const buffer = await sheetOf(
      [
        ['鹰潭高新区重点企业名录(2024年)'],
        ['填报单位:园区企业服务中心'],
        ['联系电话', '单位名称 ', '* 信用代码', '注册资本（元）', '成立时间', '国民经济行业', '是否规上', '营业收入(万元)', '职工人数', '标签', '驻企专员', '备注', '法人', '地址', '地块', '联系人', '所属产业链'],
        [
          '0701-6212345', '江西铜缆科技有限公司', toFullWidth(USCC_A), '5,000,000', new Date(Date.UTC(2019, 2, 5)),
          'C3831 电线、电缆制造', '√', 25000, '120人', '高新技术企业、专精特新,上市后备', '王五', '重点', '张三',
          '江西省鹰潭市月湖区龙岗大道8号', 'A-01', '李四', '铜基新材料',
        ],
        null,
        [
          { text: '13812345678', hyperlink: 'tel:13812345678' },
          { richText: [{ text: '鹰潭', font: { bold: true } }, { text: '智联物联网有限公司' }] },
          ` ${USCC_B.slice(0, 9).toLowerCase()} ${USCC_B.slice(9).toLowerCase()} `,
          '100万', '2019/3/5', 'i6512', 'N', { formula: '1000+200', result: 1200 }, 35, null, null, null, null, null, null, null, '物联网',
        ],
        [null, '', '   '],
        [null, '鹰潭大健康药业有限公司', USCC_C, null, '2021年11月8日', 'C27', '否', null, null, '', null],
        [null, '鹰潭贵溪铜材厂', USCC_D, null, 20190305, 'C32', null, '0.5亿', null],
      ],
      (sheet) => sheet.mergeCells('A1:H1'),
    );

    const result = await parseEnterpriseWorkbook(buffer);

    expect(result.rejected).toEqual([]);
    expect(result.totalRows).toBe(4);
    expect(result.rows).toEqual([
      {
        row: 4,
        data: {
          uscc: USCC_A,
          name: '江西铜缆科技有限公司',
          legalRepresentative: '张三',
          registeredCapitalFen: 500_000_000,
          foundedOn: '2019-03-05',
          industryCode: 'C3831',
          chain: '铜基新材料',
          isAboveScale: true,
          annualRevenueFen: 25_000_000_000,
          headcount: 120,
          address: '江西省鹰潭市月湖区龙岗大道8号',
          plot: 'A-01',
          contactName: '李四',
          contactPhone: '07016212345',
          tags: ['高新技术企业', '专精特新', '上市后备'],
          liaisonName: '王五',
        },
      },
      {
        row: 6,
        data: {
          uscc: USCC_B,
          name: '鹰潭智联物联网有限公司',
          legalRepresentative: null,
          registeredCapitalFen: 100_000_000,
          foundedOn: '2019-03-05',
          industryCode: 'I6512',
          chain: '物联网',
          isAboveScale: false,
          annualRevenueFen: 1_200_000_000,
          headcount: 35,
          address: null,
          plot: null,
          contactName: null,
          contactPhone: '13812345678',
          tags: [],
        },
      },
      {
        row: 8,
        data: expect.objectContaining({ uscc: USCC_C, foundedOn: '2021-11-08', industryCode: 'C27', isAboveScale: false, annualRevenueFen: null }),
      },
      {
        row: 9,
        // 是否规上 left blank: derived from 0.5亿 ≥ 2000万
        data: expect.objectContaining({ uscc: USCC_D, foundedOn: '2019-03-05', industryCode: 'C32', isAboveScale: true, annualRevenueFen: 5_000_000_000 }),
      },
    ]);
  });

  it('reads 注册资本 without a unit as 万元, and respects a unit written in the cell', async () => {
    const buffer = await sheetOf([
      ['企业名称', '统一社会信用代码', '注册资本', '年主营业务收入(元)'],
      ['鹰潭甲公司', USCC_A, 500, '1,234.56'],
      ['鹰潭乙公司', USCC_B, '1,000.5', '2000万元'],
      ['鹰潭丙公司', USCC_C, '300000元', 1.005],
    ]);
    const { rows, rejected } = await parseEnterpriseWorkbook(buffer);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.data.registeredCapitalFen, r.data.annualRevenueFen, r.data.isAboveScale])).toEqual([
      [500_000_000, 123_456, false],
      [1_000_500_000, 2_000_000_000, true],
      [30_000_000, 101, false],
    ]);
  });

  it('reports every bad cell with its Excel row, the header as written and the reason', async () => {
    const wrongCheck = USCC_C.slice(0, 17) + (USCC_C[17] === '0' ? '1' : '0');
    const buffer = await sheetOf([
      ['企业导入表'],
      ['统一社会信用代码', '企业名称', '成立日期', '联系电话', '从业人数', '是否规上', '所属行业', '注册资本（万元）'],
      [USCC_A, '鹰潭甲公司', '2019-03-05', '13812345678', 10, '是', 'C3831', 100],
      [wrongCheck, '鹰潭乙公司', '2019-02-30', '12345', -5, '可能', '电线电缆', 'abc'],
      [USCC_A.replace(/0/, 'O'), '', '2020-01-01'],
      [toFullWidth(USCC_A), '鹰潭甲公司分厂'],
      [null, '鹰潭无代码公司', null, null, 12.5],
      [Number('913606001234567890'), '鹰', { formula: 'NA()', result: { error: '#N/A' } }],
      [USCC_B, '鹰潭丁公司', null, null, null, null, null, { formula: 'B9*2' }],
      [USCC_D, '鹰潭戊公司'],
    ]);

    const { rows, rejected, totalRows } = await parseEnterpriseWorkbook(buffer);

    expect(rows.map((r) => r.row)).toEqual([3, 10]);
    expect(totalRows).toBe(8);
    expect(rejected).toEqual([
      { row: 4, column: '统一社会信用代码', message: `统一社会信用代码第18位校验码错误:应为“${USCC_C[17]}”,实为“${wrongCheck[17]}”,请核对前17位` },
      { row: 4, column: '成立日期', message: '“2019-02-30”不是有效的日期,请填写如 2019-03-05' },
      { row: 4, column: '联系电话', message: '联系电话应为11位手机号或带区号的座机号' },
      { row: 4, column: '从业人数', message: '从业人数不能为负数' },
      { row: 4, column: '是否规上', message: '“可能”应填写“是”或“否”' },
      { row: 4, column: '所属行业', message: '“电线电缆”不是国民经济行业代码,请填写如 C3831(GB/T 4754)' },
      { row: 4, column: '注册资本（万元）', message: '“abc”不是有效的金额,应填写数字(单位:万元)' },
      {
        row: 5,
        column: '统一社会信用代码',
        message: `统一社会信用代码第${USCC_A.indexOf('0') + 1}位“O”不是有效字符(字母O应为数字0?),不可使用I、O、S、V、Z`,
      },
      { row: 5, column: '企业名称', message: '请填写企业名称' },
      { row: 6, column: '统一社会信用代码', message: '统一社会信用代码与第3行重复' },
      { row: 7, column: '统一社会信用代码', message: '请填写统一社会信用代码' },
      { row: 7, column: '从业人数', message: '从业人数应为整数' },
      { row: 8, column: '统一社会信用代码', message: '统一社会信用代码被Excel存成了数字,后几位已丢失,请把该列设为“文本”格式后重新填写' },
      { row: 8, column: '企业名称', message: '企业名称至少2个字' },
      { row: 8, column: '成立日期', message: '单元格是错误值 #N/A' },
      { row: 9, column: '注册资本（万元）', message: '公式没有计算结果,请在Excel中重新计算并保存后再导入' },
    ]);
  });

  it('recognises header variants: English, brackets, slash units, 千元 and contact synonyms', async () => {
    const buffer = await sheetOf([
      ['序号', 'uscc', '企业（单位）名称', '注册资本/元', '联系人电话', '联系人姓名', '法人电话', '上年度营业收入（千元）', '成立日期'],
      [1, USCC_A, '鹰潭甲公司', '1.5万', '+86 138 1234 5678', '赵六', '13900000000', 12345.678, '2019-3-5 10:00'],
      [2],
    ]);
    const { rows, rejected, totalRows } = await parseEnterpriseWorkbook(buffer);
    expect(rejected).toEqual([]);
    expect(totalRows).toBe(1);
    expect(rows[0]!.data).toEqual({
      uscc: USCC_A,
      name: '鹰潭甲公司',
      registeredCapitalFen: 1_500_000,
      contactPhone: '13812345678',
      contactName: '赵六',
      annualRevenueFen: 1_234_567_800,
      isAboveScale: false,
      foundedOn: '2019-03-05',
    });
  });

  it('reads tags split on 、,，;； and spaces without duplicates', async () => {
    const buffer = await sheetOf([
      ['统一社会信用代码', '企业名称', '企业标签'],
      [USCC_A, '鹰潭甲公司', '高新技术企业、专精特新，上市后备;瞪羚企业；高新技术企业  科技型中小企业'],
    ]);
    const { rows } = await parseEnterpriseWorkbook(buffer);
    expect(rows[0]!.data.tags).toEqual(['高新技术企业', '专精特新', '上市后备', '瞪羚企业', '科技型中小企业']);
  });

  it('rejects a tag longer than 30 characters naming the tag', async () => {
    const long = '国家级专精特新重点小巨人'.repeat(3);
    const buffer = await sheetOf([['统一社会信用代码', '企业名称', '标签'], [USCC_A, '鹰潭甲公司', `高新技术企业、${long}`]]);
    const { rejected } = await parseEnterpriseWorkbook(buffer);
    expect(rejected).toEqual([{ row: 2, column: '标签', message: `标签“${long}”:每个标签最多30个字` }]);
  });

  it('turns chain labels into codes when the dictionary is given', async () => {
    const buffer = await sheetOf([
      ['统一社会信用代码', '企业名称', '产业链'],
      [USCC_A, '鹰潭甲公司', '铜基新材料'],
      [USCC_B, '鹰潭乙公司', 'iot'],
      [USCC_C, '鹰潭丙公司', '新能源'],
    ]);
    const chainLabels = { copper: '铜基新材料', iot: '物联网' };
    const { rows, rejected } = await parseEnterpriseWorkbook(buffer, { chainLabels });
    expect(rows.map((r) => r.data.chain)).toEqual(['copper', 'iot']);
    expect(rejected).toEqual([{ row: 4, column: '产业链', message: '“新能源”不是已登记的产业链,可选:铜基新材料、物联网' }]);
  });

  it('names the missing required columns', async () => {
    const noUscc = await sheetOf([['企业名称', '法人'], ['鹰潭甲公司', '张三']]);
    const error = await thrownBy(parseEnterpriseWorkbook(noUscc));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('缺少必需的列:“统一社会信用代码”');
    expect(error.message).not.toContain('“企业名称”');
    expect(error.details).toEqual([{ path: 'file', message: error.message }]);

    const neither = await thrownBy(parseEnterpriseWorkbook(await sheetOf([['序号', '备注'], [1, 'x']])));
    expect(neither.message).toContain('缺少必需的列:“统一社会信用代码”、“企业名称”');
  });

  it('rejects a file that is not an xlsx', async () => {
    for (const buffer of [Buffer.from('统一社会信用代码,企业名称\n'), Buffer.from('PK\u0003\u0004garbage'), Buffer.alloc(0)]) {
      const error = await thrownBy(parseEnterpriseWorkbook(buffer));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toBe('文件不是有效的 Excel(.xlsx)文件');
      expect(error.details[0]!.path).toBe('file');
    }
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const error = await thrownBy(parseEnterpriseWorkbook(xls));
    expect(error.details).toEqual([{ path: 'file', message: '这是旧版 .xls 文件,请在 Excel 中另存为 .xlsx 后再导入' }]);
  });

  it('parses 10,000 rows and reports progress every 500 rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业');
    sheet.addRow(['统一社会信用代码', '企业名称', '注册资本(万元)', '成立日期', '所属行业', '是否规上', '从业人数', '联系电话', '标签']);
    for (let i = 0; i < 10_000; i++) {
      const uscc = withCheck(`91360600MA${String(i).padStart(7, '0')}`);
      sheet.addRow([uscc, `鹰潭测试企业${i}有限公司`, 100 + i, '2019-03-05', 'C3831', i % 2 ? '是' : '否', i, '13812345678', '专精特新']);
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const progress: [number, number][] = [];

    const result = await parseEnterpriseWorkbook(buffer, { onProgress: (done, total) => progress.push([done, total]) });

    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(10_000);
    expect(result.rows[9_999]).toEqual({ row: 10_001, data: expect.objectContaining({ registeredCapitalFen: 10_099 * 1_000_000, headcount: 9_999 }) });
    expect(progress).toHaveLength(21);
    expect(progress[0]).toEqual([500, 10_000]);
    expect(progress.at(-1)).toEqual([10_000, 10_000]);
  }, 30_000);
});

const ENTERPRISE: Enterprise = {
  id: '0b5f6d1e-1f7a-4c1e-9a53-0a4d3f1b2c3d',
  parkId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  uscc: USCC_A,
  name: '江西铜缆科技有限公司',
  legalRepresentative: '张三',
  registeredCapitalFen: 5_000_000_000,
  foundedOn: '2019-03-05',
  industryCode: 'C3831',
  chain: 'copper',
  isAboveScale: true,
  annualRevenueFen: 2_512_345_678,
  headcount: 120,
  address: '江西省鹰潭市月湖区龙岗大道8号',
  plot: 'A-01',
  contactName: '李四',
  contactPhone: '13812345678',
  tags: ['高新技术企业', '专精特新'],
  liaisonId: null,
  liaisonName: '王五',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 1,
};

describe('buildEnterpriseWorkbook', () => {
  it('writes Chinese headers, 万元 amounts with two decimals, text dates and a frozen header', async () => {
    const buffer = await buildEnterpriseWorkbook([ENTERPRISE], { chainLabels: { copper: '铜基新材料' } });
    const sheet = (await readBack(buffer)).worksheets[0]!;

    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '统一社会信用代码', '企业名称', '法定代表人', '注册资本(万元)', '成立日期', '行业代码', '产业链', '是否规上',
      '年主营业务收入(万元)', '从业人数', '地址', '地块', '联系人', '联系电话', '标签', '驻企专员',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
    const cell = (header: string) => sheet.getRow(2).getCell((sheet.getRow(1).values as unknown[]).indexOf(header));
    expect(cell('注册资本(万元)').value).toBe(5000);
    expect(cell('年主营业务收入(万元)').value).toBe(2512.345678);
    expect(cell('年主营业务收入(万元)').numFmt).toBe('#,##0.00');
    expect(cell('成立日期').value).toBe('2019-03-05');
    expect(cell('产业链').value).toBe('铜基新材料');
    expect(cell('是否规上').value).toBe('是');
    expect(cell('标签').value).toBe('高新技术企业、专精特新');
  });

  it('re-imports cleanly: export → parse gives the same data', async () => {
    const other: Enterprise = {
      ...ENTERPRISE,
      uscc: USCC_B,
      name: '鹰潭智联物联网有限公司',
      legalRepresentative: null,
      registeredCapitalFen: null,
      foundedOn: null,
      industryCode: null,
      chain: null,
      isAboveScale: false,
      annualRevenueFen: 1,
      headcount: null,
      address: null,
      plot: null,
      contactName: null,
      contactPhone: null,
      tags: [],
      liaisonName: null,
    };
    const chainLabels = { copper: '铜基新材料' };
    const buffer = await buildEnterpriseWorkbook([ENTERPRISE, other], { chainLabels });
    const { rows, rejected, totalRows } = await parseEnterpriseWorkbook(buffer, { chainLabels });

    expect(rejected).toEqual([]);
    expect(totalRows).toBe(2);
    const { id, parkId, liaisonId, liaisonName, createdAt, updatedAt, version, ...fields } = ENTERPRISE;
    expect(rows[0]).toEqual({ row: 2, data: { ...fields, liaisonName: '王五' } });
    expect(rows[1]).toEqual({
      row: 3,
      data: {
        uscc: USCC_B,
        name: '鹰潭智联物联网有限公司',
        legalRepresentative: null,
        registeredCapitalFen: null,
        foundedOn: null,
        industryCode: null,
        chain: null,
        isAboveScale: false,
        annualRevenueFen: 1,
        headcount: null,
        address: null,
        plot: null,
        contactName: null,
        contactPhone: null,
        tags: [],
      },
    });
  });

  it('leaves a masked phone out on re-import instead of rejecting the row', async () => {
    const buffer = await buildEnterpriseWorkbook([{ ...ENTERPRISE, contactPhone: '138****5678' }]);
    const { rows, rejected } = await parseEnterpriseWorkbook(buffer);
    expect(rejected).toEqual([]);
    expect(rows[0]!.data).not.toHaveProperty('contactPhone');
    expect(rows[0]!.data.chain).toBe('copper');
  });
});

describe('buildEnterpriseTemplate', () => {
  it('has the header row, one example row and a 填写说明 sheet', async () => {
    const workbook = await readBack(await buildEnterpriseTemplate());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['企业信息', '填写说明']);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 2)).toEqual(['*统一社会信用代码', '*企业名称']);
    expect(sheet.actualRowCount).toBe(2);
    const help = workbook.getWorksheet('填写说明')!;
    const described = help.getColumn(1).values.slice(2, 2 + headers.length);
    expect(described).toEqual(headers.map((h) => String(h).replace('*', '')));
  });

  it('parses its own example row but refuses to import it', async () => {
    const { rows, rejected } = await parseEnterpriseWorkbook(await buildEnterpriseTemplate());
    expect(rows).toEqual([]);
    expect(rejected).toEqual([{ row: 2, column: '*统一社会信用代码', message: '这是导入模板的示例行,请删除或改成真实企业后再导入' }]);
  });
});
