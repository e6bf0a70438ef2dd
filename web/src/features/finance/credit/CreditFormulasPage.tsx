import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { CreditFormulaView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useCreditFormulas } from './api';

const COLORS = { draft: 'blue', published: 'green', retired: 'default' } as const;

/** 信用画像公式: every version (one in force, older kept), each read back in Chinese. */
export default function CreditFormulasPage() {
  const me = useMe();
  const navigate = useNavigate();
  const formulas = useCreditFormulas();
  const published = formulas.data?.find((f) => f.status === 'published');
  return (
    <>
      <PageHeader
        title="信用画像公式"
        subTitle="公式即数据:指标、评分档、权重和等级线按版本管理,发布后生效,旧版本保留"
        extra={
          <Space wrap>
            <Button onClick={() => navigate('/finance/credit/enterprises')}>查看企业信用画像</Button>
            {hasPermission(me, 'finance:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(published ? `/finance/credit/formulas/new?from=${published.id}` : '/finance/credit/formulas/new')}>
                {published ? '以生效版本为底稿新建' : '新建公式'}
              </Button>
            )}
          </Space>
        }
      />
      {published && (
        <Card size="small" title={`生效中:第 ${published.version} 版 ${published.name}`} style={{ marginBottom: 12 }}>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {published.description.map((l) => <li key={l}>{l}</li>)}
          </ol>
        </Card>
      )}
      {formulas.isError ? (
        <Card><QueryError error={formulas.error} onRetry={() => formulas.refetch()} /></Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<CreditFormulaView>
            rowKey="id"
            loading={formulas.isLoading}
            dataSource={formulas.data ?? []}
            pagination={false}
            scroll={{ x: 720 }}
            locale={{ emptyText: formulas.isLoading ? ' ' : <EmptyHint description="还没有信用画像公式" /> }}
            expandable={{
              expandedRowRender: (f) => (
                <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                  {f.description.map((l) => <li key={l}><Typography.Text>{l}</Typography.Text></li>)}
                </ol>
              ),
            }}
            columns={[
              { title: '版本', dataIndex: 'version', width: 80, render: (v: number, f) => <Link to={`/finance/credit/formulas/${f.id}`}>第 {v} 版</Link> },
              { title: '名称', dataIndex: 'name' },
              { title: '状态', dataIndex: 'statusLabel', width: 100, render: (l: string, f) => <Tag color={COLORS[f.status]}>{l}</Tag> },
              { title: '指标数', key: 'n', width: 80, render: (_, f) => f.definition.indicators.length },
              { title: '发布', key: 'pub', width: 200, render: (_, f) => (f.publishedAt ? `${formatDateTime(f.publishedAt)} ${f.publishedByName ?? ''}` : '—') },
              { title: '停用', dataIndex: 'retiredAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            ]}
          />
        </Card>
      )}
    </>
  );
}
