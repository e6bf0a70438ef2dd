import { useMemo } from 'react';
import { Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ApartmentApplicationRow } from '@yuanqi/contract';
import { CaseSteps, MyCasesPage, useCaseTabs } from '../../../components/case-kit';
import { formatDateTime } from '../../../components/format';
import { useApartmentApplications, type ApplicationListQuery } from './api';
import { ApartmentStatusTag, apartmentSteps } from './bits';

const TABS = [
  { value: 'open', label: '办理中' },
  { value: 'living', label: '在住' },
  { value: 'all', label: '全部' },
] as const;
const STATUS_OF: Record<(typeof TABS)[number]['value'], string | undefined> = { open: 'submitted,waitlisted,allocated', living: 'moved_in', all: undefined };

/** 人才公寓 (firm, phone first): its staff's applications tracked like parcels, and a new one. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const cases = useCaseTabs(TABS);
  const query: ApplicationListQuery = useMemo(() => ({ status: STATUS_OF[cases.tab], page: cases.page, pageSize: 10 }), [cases.tab, cases.page]);
  const list = useApartmentApplications(query);
  return (
    <MyCasesPage<ApartmentApplicationRow, (typeof TABS)[number]['value']>
      title="人才公寓"
      hint="为员工申请人才公寓,轮候与入住进度随时可查"
      start={{ label: '新申请', icon: <PlusOutlined />, to: '/land/apartments/my/new' }}
      cases={cases}
      list={list}
      pageSize={query.pageSize}
      empty={{ description: cases.tab === 'living' ? '暂无员工在住' : '暂无申请', action: <Link to="/land/apartments/my/new">为员工申请人才公寓</Link> }}
      renderCard={(a) => (
        <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/land/apartments/applications/${a.id}`)} data-testid="apartment-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <strong>
              {a.applicantName} <span style={{ fontWeight: 400, color: '#667085', fontSize: 13 }}>{a.position}</span>
            </strong>
            <ApartmentStatusTag status={a.status} />
          </div>
          <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>
            <span className="yq-mono">{a.code}</span> · 提交于 {formatDateTime(a.submittedAt)}
          </div>
          {a.status === 'waitlisted' && (
            <div style={{ marginTop: 6, fontSize: 13 }} data-testid="card-queue">
              轮候第 <strong>{a.queuePosition}</strong> 位 · 积分 {a.score} 分 · 已等待 {a.waitDays ?? 0} 天
            </div>
          )}
          {a.unitLabel && <div style={{ marginTop: 6, fontSize: 13 }}>房间:{a.unitLabel}</div>}
          <div style={{ marginTop: 10 }}>
            <CaseSteps {...apartmentSteps(a)} compact vertical={false} />
          </div>
        </Card>
      )}
    />
  );
}
