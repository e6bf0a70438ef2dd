import { lazy, Suspense } from 'react';
import { Button, Tabs } from 'antd';
import { AuditOutlined, ToolOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { seesOfficeDesk } from '../dispatch/access';
import { RatingLedger } from './RatingLedger';
import { RatingSettingsPanel } from './RatingSettingsPanel';
import { PageLoading } from '../../components/PageLoading';

// the statistics tab carries ECharts; the ledger does not need to wait for it
const RatingStatsPanel = lazy(() => import('./RatingStatsPanel').then((m) => ({ default: m.RatingStatsPanel })));

type Tab = 'ledger' | 'stats' | 'settings';

export function RatingsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (['ledger', 'stats', 'settings'] as const).find((t) => t === params.get('tab')) ?? 'ledger';
  const parkWide = seesOfficeDesk(me);

  return (
    <>
      <PageHeader
        title="好差评"
        docTitle={tab === 'stats' ? '好差评统计' : tab === 'settings' ? '好差评设置' : '好差评台账'}
        subTitle={parkWide ? '一事一评,差评必整改、必回访;经申诉移除的差评保留在台账中' : '我经办事项收到的评价;评价人信息不向经办人公开'}
        extra={
          <>
            <Button icon={<ToolOutlined />} onClick={() => navigate('/rectifications')}>
              差评整改
            </Button>
            {hasPermission(me, 'rating:review') && (
              <Button icon={<AuditOutlined />} onClick={() => navigate('/appeals')}>
                申诉审核
              </Button>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'ledger' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          { key: 'ledger', label: '评价台账', children: <RatingLedger /> },
          {
            key: 'stats',
            label: '统计分析',
            children: (
              <Suspense fallback={<PageLoading />}>
                <RatingStatsPanel />
              </Suspense>
            ),
          },
          { key: 'settings', label: '规则设置', children: <RatingSettingsPanel /> },
        ]}
      />
    </>
  );
}
