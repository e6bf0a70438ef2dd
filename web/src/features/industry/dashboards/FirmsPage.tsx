import { useState } from 'react';
import { Badge, Card, Col, Input, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useDashboardFirms } from './api';
import './dashboards.css';

/**
 * 企业数据看板 — the firms whose dashboards the officer may open (a liaison: its firms; the office:
 * the park), those with live alarms first; each card opens the firm's dashboard.
 */
export function FirmsPage() {
  const [q, setQ] = useState<string | undefined>(undefined);
  const firms = useDashboardFirms(q);
  const list = firms.data;
  return (
    <>
      <PageHeader
        title="企业数据看板"
        subTitle="有物联网设备或须报送月报的企业;有待处理告警的排在前面"
        extra={<Input.Search allowClear placeholder="企业名称" aria-label="搜索企业名称" onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 220 }} />}
      />
      {firms.isLoading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : firms.isError || !list ? (
        <QueryError error={firms.error} onRetry={() => firms.refetch()} what="企业" />
      ) : list.items.length === 0 ? (
        <EmptyHint description={q ? `没有名称含“${q}”的企业` : '没有可查看的企业'} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.items.map((f) => (
              <Col key={f.enterpriseId} xs={24} sm={12} lg={8} xxl={6}>
                <Link to={`/industry/firms/${f.enterpriseId}/dashboard`} aria-label={`${f.name} 数据看板`}>
                  <Card size="small" hoverable className="yq-dash-stat" data-testid="dash-firm">
                    <div className="yq-dash-device-head">
                      <span className="yq-dash-device-name" title={f.name}>
                        {f.name}
                      </span>
                      {f.liveAlarms > 0 && <Tag color="red">告警 {f.liveAlarms}</Tag>}
                    </div>
                    <div className="yq-dash-muted">
                      {f.chainLabel ?? '未分链'}
                      {f.isAboveScale ? ' · 规上企业' : ''}
                    </div>
                    <Space size={12} style={{ marginTop: 6 }}>
                      {f.devices > 0 ? (
                        <Badge status={f.online === f.devices ? 'success' : 'warning'} text={`设备在线 ${f.online}/${f.devices}`} />
                      ) : (
                        <Typography.Text type="secondary">未接入设备</Typography.Text>
                      )}
                    </Space>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
          {list.total > list.items.length && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              共 {list.total} 家,显示前 {list.items.length} 家;请输入企业名称搜索。
            </Typography.Paragraph>
          )}
        </>
      )}
    </>
  );
}
