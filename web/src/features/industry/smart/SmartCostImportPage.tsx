import { useParams } from 'react-router-dom';
import { ExcelImport } from '../../../components/ExcelImport';
import { QueryError } from '../../../components/QueryError';
import { PageLoading } from '../../../components/PageLoading';
import { downloadCostTemplate, useSmartProject } from './api';

/** 月度成本导入: one project's months from Excel (the template lists the months, with those already entered). */
export function SmartCostImportPage() {
  const { id = '' } = useParams();
  const project = useSmartProject(id);
  if (project.isLoading) return <PageLoading />;
  if (project.isError || !project.data) return <QueryError error={project.error} onRetry={() => project.refetch()} what="智能化改造项目" />;
  const p = project.data;
  return (
    <ExcelImport
      title="月度运行成本导入"
      subTitle={`${p.enterpriseName} · ${p.name}:已有的月份按文件中的金额更新`}
      endpoint={`/api/industry/smart/projects/${encodeURIComponent(p.id)}/costs/import`}
      downloadTemplate={() => downloadCostTemplate(p.id, p.name)}
      invalidate="industry"
      unit="个月"
      noun="月度成本"
      listName="项目页"
      listPath={`/industry/smart/${p.id}`}
      listButton="查看节约测算"
      reportName="月度成本导入"
      uploadHint="仅支持 .xlsx;需要“月份”和“运行成本(元)”两列,“备注”可选"
      rules={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>每行一个月:月份写成 2025-03(或 Excel 日期),运行成本单位元,最多两位小数;运行成本留空的行不导入。</li>
          <li>月份无法识别、未来月份、金额不是数字或为负数、文件中重复的月份不会导入,逐行列出原因。</li>
          <li>表中已有的月份以文件中的金额更新;全部正确的行在一个事务中写入,随后按新数据重新测算年节约。</li>
        </ul>
      }
      processingTitle={(phase) => (phase === 'write' ? '正在写入月度成本…' : '正在读取并逐行校验…')}
      unchangedText={(n) => `,${n} 个月无变化`}
    />
  );
}
