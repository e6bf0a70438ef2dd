import ExcelJS from 'exceljs';
import { COLLATERAL_LABELS, INSTITUTION_KIND_LABELS, fenToYuanCell, type ProductView } from '@yuanqi/contract';
import { writeXlsx } from '../../../platform/xlsx.js';

const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 金融产品一览: one row per product, rates in %, amounts in 万元, chains and tags by their labels. */
export async function productsWorkbook(items: ProductView[], labels: { chain: (code: string) => string; tag: (code: string) => string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('金融产品');
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '金融机构', key: 'bank', width: 30 },
    { header: '机构类型', key: 'kind', width: 10 },
    { header: '产品名称', key: 'name', width: 22 },
    { header: '产品类型', key: 'type', width: 12 },
    { header: '年利率下限(%)', key: 'rateMin', width: 13, style: { numFmt: '0.00' } },
    { header: '年利率上限(%)', key: 'rateMax', width: 13, style: { numFmt: '0.00' } },
    { header: '最短期限(月)', key: 'termMin', width: 12 },
    { header: '最长期限(月)', key: 'termMax', width: 12 },
    { header: '最低额度(万元)', key: 'amountMin', width: 14, style: { numFmt: '#,##0.00' } },
    { header: '最高额度(万元)', key: 'amountMax', width: 14, style: { numFmt: '#,##0.00' } },
    { header: '担保方式', key: 'collateral', width: 22 },
    { header: '适用产业链', key: 'chains', width: 20 },
    { header: '适用企业标签', key: 'tags', width: 22 },
    { header: '适用企业说明', key: 'note', width: 30 },
    { header: '有效期起', key: 'from', width: 12 },
    { header: '有效期止', key: 'to', width: 12 },
    { header: '状态', key: 'state', width: 10 },
    { header: '更新时间', key: 'updated', width: 18 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  items.forEach((p, i) => {
    ws.addRow({
      no: i + 1,
      bank: p.bankName,
      kind: INSTITUTION_KIND_LABELS[p.institutionKind],
      name: p.name,
      type: p.typeLabel,
      rateMin: p.rateMinBp / 100,
      rateMax: p.rateMaxBp / 100,
      termMin: p.termMinMonths,
      termMax: p.termMaxMonths,
      amountMin: fenToYuanCell(p.amountMinFen) / 10_000,
      amountMax: fenToYuanCell(p.amountMaxFen) / 10_000,
      collateral: p.collateral.map((c) => COLLATERAL_LABELS[c]).join('、'),
      chains: p.targetChains.length ? p.targetChains.map(labels.chain).join('、') : '不限',
      tags: p.targetTags.length ? p.targetTags.map(labels.tag).join('、') : '不限',
      note: p.targetNote ?? '',
      from: p.validFrom,
      to: p.validTo ?? '长期',
      state: p.stateLabel,
      updated: shanghai(p.updatedAt),
    });
  });
  return writeXlsx(wb);
}
