import { ExcelImport } from '../../components/ExcelImport';
import { downloadImportTemplate } from './api';

/** 企业导入: steps, upload with progress, server-side checking with progress, then the per-row report. */
export function EnterpriseImportPage() {
  return (
    <ExcelImport
      title="企业导入"
      subTitle="从 Excel 批量新增或更新企业;按统一社会信用代码识别,重复导入不会产生重复企业"
      endpoint="/api/enterprises/import"
      downloadTemplate={downloadImportTemplate}
      invalidate="enterprises"
      unit="家"
      noun="企业"
      listName="企业库"
      listPath="/enterprises"
      listButton="查看企业库"
      reportName="企业导入"
      steps={[
        { title: '下载模板', content: '按模板填写企业信息' },
        { title: '选择文件', content: '.xlsx,单个文件' },
        { title: '上传与校验', content: '逐行校验' },
        { title: '导入结果', content: '查看未导入的行' },
      ]}
      uploadHint="仅支持 .xlsx,请使用导入模板;第一行为表头,从第二行起每行一家企业"
      rules={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>统一社会信用代码和企业名称必填;代码按国家标准校验,错一位也会指出是哪一位。</li>
          <li>已在企业库中的代码将更新该企业,不会重复新增;金额单位以模板表头为准。</li>
          <li>有问题的行不会导入,并逐行列出原因,修改后可只重新导入这些行。</li>
        </ul>
      }
      processingTitle={(phase) => (phase === 'write' ? '正在写入企业库…' : phase === 'parse' ? '正在读取并逐行校验…' : '正在校验并导入…')}
      processingNote="导入在服务器上进行,离开本页不会中断;全部行校验后一次写入。"
      unchangedText={(n) => `,${n} 家与企业库一致无需变更`}
      allGoodText=";没有被拒绝的行。"
    />
  );
}
