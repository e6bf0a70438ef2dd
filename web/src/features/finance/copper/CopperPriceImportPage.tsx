import { ExcelImport } from '../../../components/ExcelImport';
import { downloadPriceTemplate } from './api';

/** 铜价导入: upload with progress, the per-row report (bad dates, non-positive prices, duplicates; dates updated). */
export function CopperPriceImportPage() {
  return (
    <ExcelImport
      title="铜价导入"
      subTitle="从 Excel 批量导入每日铜价;表中已有的日期按文件中的价格更新"
      endpoint="/api/finance/copper/prices/import"
      downloadTemplate={downloadPriceTemplate}
      invalidate="finance"
      unit="天"
      noun="铜价"
      listName="铜价"
      listPath="/finance/copper/prices"
      listButton="查看铜价"
      reportName="铜价导入"
      uploadHint="仅支持 .xlsx;需要“日期”和“价格(元/吨)”两列"
      rules={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>每行一天:日期写成 2026-12-07 或 Excel 日期,价格单位元/吨,最多两位小数。</li>
          <li>日期无法识别、价格不大于0、未来日期、文件中重复的日期不会导入,逐行列出原因。</li>
          <li>表中已有的日期会被更新(导入结果列出“更新”数);全部正确的行在一个事务中写入。</li>
        </ul>
      }
      processingTitle={(phase) => (phase === 'write' ? '正在写入铜价…' : '正在读取并逐行校验…')}
      unchangedText={(n) => `,${n} 天价格无变化`}
    />
  );
}
