import { useSearchParams } from 'react-router-dom';
import { ExcelImport } from '../../../components/ExcelImport';
import { downloadFiguresTemplate } from './api';

/** 企业亩均数据导入: a year's revenue, tax, investment and floor area per firm, all or nothing. */
export function FiguresImportPage() {
  const [params] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  return (
    <ExcelImport
      title="企业亩均数据导入"
      subTitle={`下载模板(列出有地企业),填写${year}年度的营业收入、税收、累计固定资产投资和建筑面积`}
      endpoint="/api/land/evaluation/figures/import"
      downloadTemplate={() => downloadFiguresTemplate(year)}
      invalidate="land"
      unit="条"
      noun="企业年度数据"
      listName="亩均论英雄"
      listPath="/land/evaluation"
      listButton="返回亩均评价"
      reportName="亩均数据导入"
      uploadHint="仅支持 .xlsx;需要“年度”列,以及“统一社会信用代码”或“企业名称”"
      rules={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>每行一家企业一个年度;金额单位元,建筑面积单位平方米;留空的项目视为未填写。</li>
          <li>企业当年12个月的经济运行月报都已审核通过时,营收和税收以月报合计为准,这里的数值备用。</li>
          <li>整个文件全部校验通过才导入;任何一行有错都不导入,逐行列出原因。导入后请重新评价该年度。</li>
        </ul>
      }
      processingTitle={(phase) => (phase === 'write' ? '正在写入…' : '正在读取并逐行校验…')}
      unchangedText={(n) => `,${n} 条无变化`}
    />
  );
}
