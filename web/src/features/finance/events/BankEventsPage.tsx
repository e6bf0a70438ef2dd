import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { formatFigureYuan } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useBankEvents } from './api';

/** The 融资对接会 our institution takes part in (phone-friendly cards). */
export default function BankEventsPage() {
  const events = useBankEvents();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="融资对接会" subTitle="本机构参加的对接会:查看报名企业,登记意向和签约结果" />
      {events.isError ? (
        <Card><QueryError error={events.error} onRetry={() => events.refetch()} /></Card>
      ) : (
        <div className="yq-card-list">
          {events.isLoading && <Card loading />}
          {events.data?.length === 0 && <Card><Empty description="本机构暂未受邀参加对接会" /></Card>}
          {events.data?.map((e) => (
            <Card key={e.id} className="yq-mobile-card" hoverable onClick={() => navigate(`/finance/bank-events/${e.id}`)}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap><strong>{e.title}</strong><Tag color={e.signupOpen ? 'blue' : 'default'}>{e.signupOpen ? '报名中' : e.statusLabel}</Tag></Space>
                <Typography.Text type="secondary">{e.heldOn}{e.venue ? ` · ${e.venue}` : ''}</Typography.Text>
                <span>报名企业 {e.figures.signups} 家 · 本机构意向 {e.figures.intentions} 笔 · 签约 {e.figures.signedFirms} 家 {formatFigureYuan(e.figures.signedAmountFen)}</span>
              </Space>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
