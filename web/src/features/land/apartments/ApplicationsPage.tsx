import { Button, Card, Space, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { APARTMENT_APPLICATION_STATUSES, APARTMENT_APPLICATION_STATUS_LABELS, type ApartmentApplicationRow } from '@yuanqi/contract';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDate, formatDateTime } from '../../../components/format';
import { useApartmentApplications, useApartmentSummary, type ApplicationListQuery } from './api';
import { ApartmentStatusTag } from './bits';

/** 公寓申请: the park's talent-apartment applications, filtered by state and text; each opens its case page. */
export function ApplicationsPage() {
  const navigate = useNavigate();
  const filters: CaseFilterSpec[] = [
    { kind: 'select', param: 'status', label: '按状态筛选', placeholder: '状态', options: APARTMENT_APPLICATION_STATUSES.map((s) => ({ value: s, label: APARTMENT_APPLICATION_STATUS_LABELS[s] })), width: 120 },
    { kind: 'search', param: 'q', label: '搜索申请人、编号、企业、岗位' },
    { kind: 'select', param: 'enterpriseId', label: '企业', options: [], hidden: true },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const query: ApplicationListQuery = { page: queue.page, pageSize: 20 };
  if (values.status && (APARTMENT_APPLICATION_STATUSES as readonly string[]).includes(values.status)) query.status = values.status;
  if (queue.q) query.q = queue.q;
  if (values.enterpriseId && /^[0-9a-f-]{36}$/i.test(values.enterpriseId)) query.enterpriseId = values.enterpriseId;
  const list = useApartmentApplications(query);
  const summary = useApartmentSummary();
  const s = summary.data;

  const columns: TableProps<ApartmentApplicationRow>['columns'] = [
    {
      title: '申请',
      key: 'code',
      width: 200,
      render: (_, a) => (
        <div>
          <Link to={`/land/apartments/applications/${a.id}`} style={{ fontWeight: 500 }}>
            {a.applicantName}
          </Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {a.code} · {a.idNumberMasked}
          </div>
        </div>
      ),
    },
    { title: '企业', dataIndex: 'enterpriseName', key: 'firm', width: 200, ellipsis: true },
    { title: '岗位', dataIndex: 'position', key: 'position', width: 120, ellipsis: true },
    { title: '电话', dataIndex: 'phoneMasked', key: 'phone', width: 120 },
    { title: '积分', dataIndex: 'score', key: 'score', width: 70, align: 'right' },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, a) => (
        <Space size={4} wrap>
          <ApartmentStatusTag status={a.status} />
          {a.queuePosition && <span style={{ fontSize: 12, color: '#667085' }}>第 {a.queuePosition} 位</span>}
        </Space>
      ),
    },
    { title: '房间', key: 'unit', width: 150, render: (_, a) => a.unitLabel ?? '—' },
    { title: '提交时间', key: 'submitted', width: 150, render: (_, a) => formatDateTime(a.submittedAt) },
    { title: '入住', key: 'in', width: 110, render: (_, a) => (a.moveInOn ? formatDate(a.moveInOn) : '—') },
  ];

  const filtered = !!(query.status || query.q || query.enterpriseId);
  return (
    <CaseQueuePage<ApartmentApplicationRow>
      state={queue}
      title="人才公寓申请"
      subTitle="企业为员工提交申请,按当日有效的入住条件自动审查;符合者进入轮候,按积分和申请先后分配"
      extra={
        <Space>
          <Button onClick={() => navigate('/land/apartments/waitlist')}>轮候名单</Button>
          <Button onClick={() => navigate('/land/apartments/occupancy')}>入住情况</Button>
        </Space>
      }
      board={{
        resets: ['status'],
        toggle: true,
        columns: { phone: 2, desktop: 5 },
        chips: [
          { label: '轮候中', count: s?.waitlisted, patch: { status: 'waitlisted' } },
          { label: '已配房待入住', count: s?.allocated, patch: { status: 'allocated' }, danger: (s?.allocated ?? 0) > 0 },
          { label: '已入住', count: s?.moved_in, patch: { status: 'moved_in' } },
          { label: '已退房', count: s?.moved_out, patch: { status: 'moved_out' } },
          { label: '未通过', count: s?.rejected, patch: { status: 'rejected' } },
        ],
      }}
      list={list}
      columns={columns}
      onRefresh={() => void summary.refetch()}
      table={{ size: 'middle', scroll: { x: 1200 }, onRow: (a) => ({ onClick: () => navigate(`/land/apartments/applications/${a.id}`), style: { cursor: 'pointer' } }) }}
      empty={
        filtered ? (
          <EmptyHint description="没有符合条件的申请">
            <Button onClick={() => queue.setParams({})}>清除筛选</Button>
          </EmptyHint>
        ) : (
          <EmptyHint description="暂无人才公寓申请" />
        )
      }
      paging={{ plainTotal: true, hideOnSinglePage: true }}
      renderCard={(a) => (
        <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/land/apartments/applications/${a.id}`)}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <strong>{a.applicantName}</strong>
            <ApartmentStatusTag status={a.status} />
          </div>
          <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>
            {a.code} · {a.enterpriseName}
          </div>
          <div style={{ fontSize: 13, marginTop: 4 }}>
            {a.position} · {a.score} 分{a.queuePosition ? ` · 第 ${a.queuePosition} 位` : ''}
            {a.unitLabel ? ` · ${a.unitLabel}` : ''}
          </div>
        </Card>
      )}
    />
  );
}
