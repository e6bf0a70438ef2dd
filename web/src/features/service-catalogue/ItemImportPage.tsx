import { MATERIALS_CELL_HELP } from '@yuanqi/contract';
import { ExcelImport } from '../../components/ExcelImport';
import { downloadItemTemplate } from './api';

/** 事项导入: upload with progress, server-side checking with progress, then the per-row report. */
export function ItemImportPage() {
  return (
    <ExcelImport
      title="事项导入"
      subTitle="从 Excel 实施清单批量新增或更新事项;按实施编码识别,重复导入不会产生重复事项"
      endpoint="/api/service-items/import"
      downloadTemplate={downloadItemTemplate}
      invalidate="service-items"
      unit="项"
      noun="事项"
      listName="事项管理"
      listPath="/admin/service-items"
      listButton="查看事项"
      reportName="事项导入"
      uploadHint="仅支持 .xlsx;表头可在标题行之下,列的顺序不限"
      rules={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>实施编码、事项名称、事项类型、办件类型、法定/承诺时限、到现场次数新增时必填;已有的实施编码只更新表中出现的列。</li>
          <li>申请材料写在一个单元格里:{MATERIALS_CELL_HELP}</li>
          <li>有问题的行不会导入,逐行列出单元格和原因;全部正确的行在一个事务中写入。</li>
        </ul>
      }
      processingTitle={(phase) => (phase === 'write' ? '正在写入事项清单…' : '正在读取并逐行校验…')}
      unchangedText={(n) => `,${n} 项无变化`}
    />
  );
}
