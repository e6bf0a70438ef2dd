import { useMemo } from 'react';
import { Button, Tag, Typography } from 'antd';
import { ApartmentOutlined, FileSearchOutlined, RightOutlined, StarOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ApplicationView } from '@yuanqi/contract';
import { useToRateIds } from '../demands/api';
import { CaseSteps, MyCasesPage, useCaseTabs } from '../../components/case-kit';
import { formatDate, formatDateTime } from '../../components/format';
import { useApplicationList, useProjects, type ApplicationListQuery } from './api';
import { ApplicationCardFrame, applicationSteps, ClockTag, OutcomeTag } from './ApplicationBits';
import '../demands/demands.css';
import './services.css';

/** One case as the firm follows it: number, item, state, countdown and its parcel-like progress. */
export function ApplicationCard({ a, toRate }: { a: ApplicationView; toRate?: boolean }) {
  return (
    <ApplicationCardFrame
      a={a}
      meta={
        <>
          <span>{a.department}</span>
          <span>提交于 {formatDateTime(a.submittedAt)}</span>
          {a.projectName && <span>项目:{a.projectName}</span>}
        </>
      }
    >
      <div className="yq-app-flags">
        <ClockTag a={a} />
        <OutcomeTag a={a} />
        {a.status === 'supplementing' && <Tag color="orange" style={{ marginInlineEnd: 0 }}>请补正材料</Tag>}
        {a.status === 'rongque' && a.rongqueDeadline && (
          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
            容缺材料 {formatDate(a.rongqueDeadline)} 前补齐
          </Tag>
        )}
        {toRate && (
          <Tag color="gold" icon={<StarOutlined />} style={{ marginInlineEnd: 0 }}>
            待评价
          </Tag>
        )}
        {a.resultDocNumber && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            文号 {a.resultDocNumber}
          </Typography.Text>
        )}
      </div>
      <div style={{ marginTop: 10 }}>
        <CaseSteps {...applicationSteps(a, true)} compact vertical={false} />
      </div>
    </ApplicationCardFrame>
  );
}

/** 我的办件: the firm's cases, open ones first by deadline, like parcels. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const cases = useCaseTabs();
  const { tab, page } = cases;
  const query: ApplicationListQuery = useMemo(
    () => ({ state: tab === 'all' ? undefined : tab, sort: tab === 'open' ? 'dueAt' : tab === 'closed' ? '-finishedAt' : '-submittedAt', page, pageSize: 10 }),
    [tab, page],
  );
  const list = useApplicationList(query);
  const projects = useProjects({ page: 1, pageSize: 1 });
  const toRate = useToRateIds('application');
  const projectCount = projects.data?.total ?? 0;
  const guide = (
    <Button type="primary" onClick={() => navigate('/guide')}>
      去办事指南
    </Button>
  );

  return (
    <MyCasesPage
      title="我的办件"
      hint="办理进度随时可查"
      start={{ label: '办事指南', icon: <FileSearchOutlined />, to: '/guide' }}
      banners={
        <>
          {toRate.size > 0 && (
            <div className="yq-rate-banner">
              <StarOutlined /> 您有 {toRate.size} 件已办结的办件待评价,打开办件即可评价
            </div>
          )}
          {projectCount > 0 && (
            <Link to="/services/projects" className="yq-rate-banner" style={{ background: '#eef4ff', borderColor: '#bcd0ee', color: '#1554ad' }}>
              <ApartmentOutlined /> 我的工程建设项目({projectCount}个) <RightOutlined />
            </Link>
          )}
        </>
      }
      cases={cases}
      list={list}
      pageSize={query.pageSize}
      empty={{ description: tab === 'open' ? '没有正在办理的事项。用大白话搜一搜,找到要办的事' : '暂无办件', action: guide }}
      renderCard={(a) => <ApplicationCard a={a} toRate={toRate.has(a.id)} />}
    />
  );
}
