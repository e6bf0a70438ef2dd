import { useState } from 'react';
import { Space, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import type { ApplicationView, Enterprise } from '@yuanqi/contract';
import { hasPermission, useAuth } from '../../app/auth';
import { formatDate, formatDateTime } from '../../components/format';
import { Row } from '../dashboard/bits';
import { useApplicationList, useProjects } from '../services/api';
import { ApplicationStatusTag, ClockTag, DaibanTag, OutcomeTag } from '../services/ApplicationBits';
import { ProfileList } from './ProfileList';

const PAGE_SIZE = 8;

/** 企业画像 · 政务办件: the firm's service applications (newest first) and its construction projects. */
export function ProfileServices({ enterprise, ownFirm, mobile }: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) {
  const { me } = useAuth();
  const [page, setPage] = useState(1);
  const list = useApplicationList({ enterpriseId: enterprise.id, sort: '-submittedAt', page, pageSize: PAGE_SIZE });
  const open = useApplicationList({ enterpriseId: enterprise.id, state: 'open', page: 1, pageSize: 1 });
  const readsProjects = hasPermission(me, 'project:read');
  const projects = useProjects({ enterpriseId: enterprise.id, page: 1, pageSize: 5 }, readsProjects);
  const allCases = ownFirm ? '/services/applications' : `/services/applications?status=all&q=${encodeURIComponent(enterprise.name)}`;

  const columns: TableProps<ApplicationView>['columns'] = [
    {
      title: '办件编号',
      key: 'number',
      render: (_, a) => (
        <div>
          <Link to={`/services/applications/${a.id}`} className="yq-mono">
            {a.number}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>{formatDateTime(a.submittedAt)}</div>
        </div>
      ),
    },
    {
      title: '事项',
      key: 'item',
      render: (_, a) => (
        <div style={{ maxWidth: 320 }}>
          <Link to={`/services/applications/${a.id}`}>{a.itemName}</Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            {a.department}
            {a.mode !== 'normal' ? ` · ${a.modeLabel}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: '状态',
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          <ApplicationStatusTag status={a.status} label={a.statusLabel} />
          <OutcomeTag a={a} />
          {a.isDaiban && <DaibanTag name={a.daibanLiaisonName} />}
        </Space>
      ),
    },
    { title: '时限', key: 'clock', render: (_, a) => <ClockTag a={a} /> },
  ];

  return (
    <>
      <div className="yq-dash-subhead">
        <span>
          办件{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {list.data ? `累计 ${list.data.total} 件` : ''}
            {open.data ? ` · 在办 ${open.data.total} 件` : ''}
          </Typography.Text>
        </span>
        <Link to={allCases}>{ownFirm ? '我的办件' : '在办件队列中查看'}</Link>
      </div>
      <ProfileList
        query={list}
        mobile={mobile}
        columns={columns}
        unit="件"
        empty="该企业还没有办件"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        renderRow={(a) => (
          <Row
            key={a.id}
            to={`/services/applications/${a.id}`}
            title={a.itemName}
            sub={
              <>
                <span className="yq-mono">{a.number}</span>
                <span>{formatDate(a.submittedAt)}</span>
                <ApplicationStatusTag status={a.status} label={a.statusLabel} />
              </>
            }
            side={a.clockState === 'stopped' ? <OutcomeTag a={a} /> : <ClockTag a={a} />}
          />
        )}
      />
      {readsProjects && (projects.data?.total ?? 0) > 0 && (
        <>
          <div className="yq-dash-subhead">
            <span>工程建设项目</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              共 {projects.data!.total} 个
            </Typography.Text>
          </div>
          <div className="yq-dash-list">
            {projects.data!.items.map((p) => (
              <Row
                key={p.id}
                to={`/services/projects/${p.id}`}
                title={p.name}
                sub={
                  <>
                    <span className="yq-mono">{p.code}</span>
                    <span>{p.currentStageLabel ?? p.statusLabel}</span>
                    <span>
                      {p.applicationCount} 件办件{p.openCount ? `,在办 ${p.openCount}` : ''}
                    </span>
                  </>
                }
                side={
                  <Tag color={p.warning === 'none' ? 'blue' : 'red'} style={{ marginInlineEnd: 0 }}>
                    已用 {p.totalDays}/{p.targetDays} 个工作日
                  </Tag>
                }
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}
