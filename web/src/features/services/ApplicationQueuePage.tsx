import { Button, Typography, type TableProps } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { APPLICATION_MODES, APPLICATION_MODE_LABELS, APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, OPEN_APPLICATION_STATUSES, type ApplicationView } from '@yuanqi/contract';
import { hasPermission, hasRole, useMe } from '../../app/auth';
import { CaseQueuePage, countdownColumn, useCaseQueue, type CaseFilterSpec } from '../../components/case-kit';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime } from '../../components/format';
import { useApplicationBoard, useApplicationList, type ApplicationListQuery } from './api';
import { ApplicationCardFrame, ApplicationStatusTag, ClockTag, DaibanTag, OutcomeTag } from './ApplicationBits';
import { ItemSelect } from './ItemSelect';
import '../demands/demands.css';
import './services.css';

type Sort = NonNullable<ApplicationListQuery['sort']>;
const SORTS: { value: Sort; label: string }[] = [
  { value: 'urgency', label: '最急在前(超期、将到期、待受理)' },
  { value: 'dueAt', label: '按期限' },
  { value: '-submittedAt', label: '最新提交' },
  { value: 'submittedAt', label: '最早提交' },
  { value: '-finishedAt', label: '最近办结' },
];

/** `status` in the URL: absent = the open ones (the work queue), `all` = none, else a comma list. */
const STATUS_PRESETS = [
  { value: 'open', label: '在办(未办结)' },
  { value: 'closed', label: '已办结/已终结' },
  { value: 'all', label: '全部状态' },
  ...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] })),
];

const WARNINGS = [
  { value: 'due_soon', label: '即将到期' },
  { value: 'overdue', label: '已超期' },
];

function toQuery(values: Record<string, string | undefined>, page: number, pageSize: number): ApplicationListQuery {
  const preset = values.status ?? 'open';
  const sort = SORTS.some((s) => s.value === values.sort) ? (values.sort as Sort) : 'urgency';
  const { warning, mode } = values;
  return {
    state: preset === 'open' || preset === 'closed' ? preset : undefined,
    status: preset === 'open' || preset === 'closed' || preset === 'all' ? undefined : preset,
    itemId: values.itemId,
    warning: warning === 'due_soon' || warning === 'overdue' ? warning : undefined,
    mode: (APPLICATION_MODES as readonly string[]).includes(mode ?? '') ? (mode as ApplicationListQuery['mode']) : undefined,
    daiban: values.daiban === 'true' ? 'true' : undefined,
    q: values.q,
    sort,
    page,
    pageSize,
  };
}

const FILTERS: CaseFilterSpec[] = [
  { kind: 'search', param: 'q', label: '搜索办件', placeholder: '办件编号、事项或企业名称' },
  { kind: 'select', param: 'status', label: '按状态筛选', options: STATUS_PRESETS, defaultValue: 'open', width: 150 },
  { kind: 'custom', param: 'itemId', label: '按事项筛选', render: ({ value, onChange }) => <ItemSelect value={value} onChange={onChange} /> },
  { kind: 'select', param: 'warning', label: '按时限预警筛选', placeholder: '时限预警', options: WARNINGS },
  { kind: 'select', param: 'mode', label: '按办理方式筛选', placeholder: '办理方式', options: APPLICATION_MODES.map((m) => ({ value: m, label: APPLICATION_MODE_LABELS[m] })) },
  { kind: 'select', param: 'sort', label: '排序', options: SORTS, defaultValue: 'urgency', counts: false, width: 200 },
  { kind: 'check', param: 'daiban', label: '只看代办' },
];

/**
 * 受理队列 / 办件: the approver's cases of its items (what to accept first, what runs late), the
 * liaison's 代办 for its firms, the office's and leaders' read of all.
 */
export function ApplicationQueuePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queue = useCaseQueue(FILTERS);
  const query = toQuery(queue.values, queue.page, queue.pageSize);
  const statusPreset = queue.values.status ?? 'open';
  const list = useApplicationList(query);
  const board = useApplicationBoard();
  const handles = hasPermission(me, 'service:handle');
  const liaison = hasRole(me, 'liaison') && !handles;

  const columns: TableProps<ApplicationView>['columns'] = [
    {
      title: '办件编号',
      key: 'number',
      fixed: 'left',
      width: 170,
      render: (_, a) => (
        <div>
          <Link to={`/services/applications/${a.id}`} className="yq-mono" style={{ fontWeight: 500 }}>
            {a.number}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>{formatDateTime(a.submittedAt)}</div>
        </div>
      ),
    },
    {
      title: '事项',
      key: 'item',
      width: 240,
      render: (_, a) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/services/applications/${a.id}`}>{a.itemName}</Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            {a.mode !== 'normal' && <Typography.Text style={{ fontSize: 12, color: a.mode === 'rongque' ? '#6941c6' : '#0e7090' }}>{a.modeLabel} · </Typography.Text>}
            {a.caseKind === 'instant' ? '即办件' : `承诺${a.committedDays}个工作日`}
            {a.projectName ? ` · ${a.projectName}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: '企业',
      key: 'firm',
      width: 200,
      render: (_, a) => (
        <div>
          <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link>
          {a.isDaiban && (
            <div style={{ marginTop: 2 }}>
              <DaibanTag name={a.daibanLiaisonName} />
              {a.daibanLiaisonName && <span style={{ fontSize: 12, color: '#667085', marginLeft: 4 }}>{a.daibanLiaisonName}</span>}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, a) => (
        <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
          <ApplicationStatusTag status={a.status} label={a.statusLabel} />
          <OutcomeTag a={a} />
        </span>
      ),
    },
    countdownColumn<ApplicationView>({
      title: '时限',
      key: 'clock',
      render: (a) => (
        <div>
          <ClockTag a={a} withDue />
          {a.clockState !== 'not_started' && a.clockState !== 'stopped' && (
            <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>
              已用 {a.elapsedDays}/{a.committedDays} 个工作日
            </div>
          )}
        </div>
      ),
    }),
    { title: '申请人', dataIndex: 'applicantName', key: 'applicant', width: 110 },
  ];

  const b = board.data;
  const openCount = b ? OPEN_APPLICATION_STATUSES.reduce((n, s) => n + (b.byStatus[s] ?? 0), 0) : undefined;

  return (
    <CaseQueuePage<ApplicationView>
      state={queue}
      title={handles ? '受理与办件' : liaison ? '代办办件' : '政务服务办件'}
      subTitle={({ total, filtered }) =>
        total !== undefined
          ? `共 ${total.toLocaleString('zh-CN')} 件${filtered ? '(已筛选)' : ''}${query.sort === 'dueAt' ? ',按期限排序,最急的在前' : ''}`
          : handles
            ? '您负责事项的办件'
            : '办件'
      }
      extra={
        hasPermission(me, 'service:apply') && (
          <Button type="primary" icon={<FileSearchOutlined />} onClick={() => navigate('/guide')}>
            {liaison ? '代企业申办' : '办事指南'}
          </Button>
        )
      }
      board={{
        resets: ['status', 'warning', 'mode'],
        toggle: true,
        columns: { phone: 3, desktop: handles ? 6 : 5 },
        chips: [
          { label: '待受理', count: b?.byStatus.submitted, patch: { status: 'submitted' } },
          { label: '在办', count: openCount, patch: {} },
          { label: '补正中', count: b?.byStatus.supplementing, patch: { status: 'supplementing' } },
          { label: '容缺待补', count: b?.rongquePending, patch: { status: 'rongque' } },
          { label: '即将到期', count: b?.dueSoon, patch: { warning: 'due_soon' }, danger: true },
          handles && { label: '已超期', count: b?.overdue, patch: { warning: 'overdue' }, danger: true },
        ],
      }}
      banner={
        handles &&
        b &&
        b.postchecksScheduled > 0 && (
          <Link to="/services/postchecks" className="yq-rate-banner" style={{ marginTop: -4 }}>
            待事后核查 {b.postchecksScheduled} 件{b.postchecksOverdue > 0 ? `,其中逾期 ${b.postchecksOverdue} 件` : ''}
          </Link>
        )
      }
      onRefresh={() => void board.refetch()}
      list={list}
      columns={columns}
      table={{
        rowClassName: (a) => (a.warning === 'overdue' || a.warning === 'legal_overdue' ? 'yq-row-overdue' : a.warning === 'due_soon' ? 'yq-row-warn' : ''),
        scroll: { x: 1040 },
      }}
      empty={<EmptyHint description={statusPreset === 'open' && !queue.activeCount && !queue.q ? '暂无在办的办件' : '没有符合条件的办件'} />}
      paging={{ sizeChanger: true }}
      renderCard={(a) => (
        <ApplicationCardFrame
          a={a}
          meta={
            <>
              <span>{a.enterpriseName}</span>
              <span>{formatDateTime(a.submittedAt)}</span>
            </>
          }
        >
          <div className="yq-app-flags">
            <ClockTag a={a} />
            <OutcomeTag a={a} />
            {a.mode !== 'normal' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.modeLabel}</Typography.Text>}
          </div>
        </ApplicationCardFrame>
      )}
    />
  );
}
