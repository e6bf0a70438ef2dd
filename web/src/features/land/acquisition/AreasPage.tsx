import { Link } from 'react-router-dom';
import { Card, Space, Tag, Typography } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useAreas } from './api';
import { StatementCards } from './bits';

/** 征地拆迁: every development area with its computed statement, and the park's overall. */
export function AreasPage() {
  const areas = useAreas();
  if (areas.isLoading) return <PageLoading />;
  if (areas.isError || !areas.data) return <QueryError error={areas.error} onRetry={() => areas.refetch()} what="征迁片区" />;
  const { items, overall } = areas.data;
  return (
    <>
      <PageHeader title="征地拆迁台账" subTitle="户数、面积、签约、搬迁、补偿和事故纠纷上访均由台账实时统计;个人信息仅对片区负责干部显示" />
      <Card title="全园区" style={{ marginBottom: 16 }}>
        <StatementCards s={overall} />
      </Card>
      {items.map((a) => (
        <Card
          key={a.id}
          style={{ marginBottom: 16 }}
          title={
            <Space wrap>
              <Link to={`/land/acquisition/${a.id}`}>{a.name}</Link>
              <Typography.Text type="secondary">{a.code}</Typography.Text>
              <Tag color={a.status === 'finished' ? 'green' : 'blue'}>{a.status === 'finished' ? '已完成' : '进行中'}</Tag>
              {a.isOfficer && <Tag color="gold">我负责</Tag>}
            </Space>
          }
          extra={<Link to={`/land/acquisition/${a.id}`}>进入片区</Link>}
        >
          <Typography.Paragraph type="secondary">
            {a.startedOn} 启动{a.finishedOn ? `,${a.finishedOn} 完成` : ''};负责干部:{a.officers.map((o) => o.name).join('、') || '未指定'}
          </Typography.Paragraph>
          <StatementCards s={a.statement} />
        </Card>
      ))}
    </>
  );
}
