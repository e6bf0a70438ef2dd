import { useParams } from 'react-router-dom';
import { ExcelImport } from '../../../components/ExcelImport';
import { downloadHouseholdTemplate } from './api';

/** 征迁住户导入 (the area's officers): all or nothing, per-row errors. */
export function HouseholdImportPage() {
  const { id = '' } = useParams();
  return (
    <ExcelImport
      title="征迁住户导入"
      subTitle="编号已存在的住户按文件更新,其余新增;仅该片区负责干部可导入"
      endpoint={`/api/land/acquisition/areas/${encodeURIComponent(id)}/households/import`}
      downloadTemplate={() => downloadHouseholdTemplate(id)}
      invalidate="land"
      unit="户"
      noun="住户"
      listName="片区台账"
      listPath={`/land/acquisition/${id}`}
      listButton="返回片区"
      reportName="征迁住户导入"
      uploadHint="仅支持 .xlsx;需要“编号”“姓名或单位名称”“房屋面积(㎡)”等列"
      rules={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>身份证号只用于校验,系统只保存脱敏号码和不可逆摘要。</li>
          <li>签约时须填写协议补偿金额;搬迁日期不能早于签约日期。</li>
          <li>整个文件全部校验通过才导入;任何一行有错都不导入,逐行列出原因。</li>
        </ul>
      }
      processingTitle={(phase) => (phase === 'write' ? '正在写入…' : '正在读取并逐行校验…')}
      unchangedText={(n) => `,${n} 户无变化`}
    />
  );
}
