import { useMemo } from 'react';
import { Button, Checkbox, Select, Typography, type TableProps } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { APPLICATION_MODES, APPLICATION_MODE_LABELS, APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, OPEN_APPLICATION_STATUSES, type ApplicationView } from '@yuanqi/contract';
import { hasPermission, hasRole, useMe } from '../../app/auth';
import { BoardChip } from '../../components/BoardChip';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { formatDateTime } from '../../components/format';
import { readPaging, useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { useApplicationBoard, useApplicationList, type ApplicationListQuery } from './api';
import { ApplicationCardFrame, ApplicationStatusTag, ClockTag, DaibanTag, OutcomeTag } from './ApplicationBits';
import { ItemSelect } from './ItemSelect';
import '../demands/demands.css';
import './services.css';

type Sort = NonNullable<ApplicationListQuery['sort']>;
const SORTS: { value: Sort; label: string }[] = [
  { value: 'dueAt', label: '按期限(最急在前)' },
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

function readQuery(params: URLSearchParams): ApplicationListQuery & { statusPreset: string } {
  const statusPreset = params.get('status') ?? 'open';
  const sort = SORTS.some((s) => s.value === params.get('sort')) ? (params.get('sort') as Sort) : 'dueAt';
  const warning = params.get('warning');
  const mode = params.get('mode');
  return {
    statusPreset,
    state: statusPreset === 'open' || statusPreset === 'closed' ? statusPreset : undefined,
    status: statusPreset === 'open' || statusPreset === 'closed' || statusPreset === 'all' ? undefined : statusPreset,
    itemId: params.get('itemId') ?? undefined,
    warning: warning === 'due_soon' || warning === 'overdue' ? warning : undefined,
    mode: (APPLICATION_MODES as readonly string[]).includes(mode ?? '') ? (mode as ApplicationListQuery['mode']) : undefined,
    daiban: params.get('daiban') === 'true' ? 'true' : undefined,
    q: params.get('q') ?? undefined,
    sort,
    ...readPaging(params),
  };
}

/**
 * 受理队列 / 办件: the approver's cases of its items (what to accept first, what runs late), the
 * liaison's 代办 for its firms, the office's and leaders' read of all.
 */
export function ApplicationQueuePage() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const { statusPreset, ...query } = useMemo(() => readQuery(params), [params]);
  const list = useApplicationList(query);
  const board = useApplicationBoard();
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const handles = hasPermission(me, 'service:handle');
  const liaison = hasRole(me, 'liaison') && !handles;

  const activeFilters = ['itemId', 'warning', 'mode', 'daiban'].filter((k) => params.get(k)).length + (statusPreset !== 'open' ? 1 : 0);

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
    {
      title: '时限',
      key: 'clock',
      width: 200,
      render: (_, a) => (
        <div>
          <ClockTag a={a} withDue />
          {a.clockState !== 'not_started' && a.clockState !== 'stopped' && (
            <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>
              已用 {a.elapsedDays}/{a.committedDays} 个工作日
            </div>
          )}
        </div>
      ),
    },
    { title: '申请人', dataIndex: 'applicantName', key: 'applicant', width: 110 },
  ];

  const filterControls = (
    <>
      <Select value={statusPreset} options={STATUS_PRESETS} onChange={(v) => update({ status: v === 'open' ? undefined : v })} style={{ minWidth: 150 }} aria-label="按状态筛选" />
      <ItemSelect value={query.itemId} onChange={(v) => update({ itemId: v })} />
      <Select allowClear placeholder="时限预警" value={query.warning} options={WARNINGS} onChange={(v) => update({ warning: v })} style={{ minWidth: 120 }} aria-label="按时限预警筛选" />
      <Select
        allowClear
        placeholder="办理方式"
        value={query.mode}
        options={APPLICATION_MODES.map((m) => ({ value: m, label: APPLICATION_MODE_LABELS[m] }))}
        onChange={(v) => update({ mode: v })}
        style={{ minWidth: 120 }}
        aria-label="按办理方式筛选"
      />
      <Select value={query.sort} options={SORTS} onChange={(v) => update({ sort: v === 'dueAt' ? undefined : v })} style={{ minWidth: 160 }} aria-label="排序" />
      <Checkbox checked={query.daiban === 'true'} onChange={(e) => update({ daiban: e.target.checked ? 'true' : undefined })}>
        只看代办
      </Checkbox>
    </>
  );

  const data = list.data;
  const total = data?.total ?? 0;
  const b = board.data;
  const isOnly = (patch: Record<string, string>) =>
    Object.entries(patch).every(([k, v]) => params.get(k) === v) && ['status', 'warning', 'mode'].every((k) => k in patch || !params.get(k));
  const chip = (label: string, value: number | undefined, patch: Record<string, string>, danger = false) => {
    const active = isOnly(patch);
    return (
      <BoardChip
        label={label}
        value={value}
        active={active}
        danger={danger}
        onClick={() => update({ status: undefined, warning: undefined, mode: undefined, ...(active ? {} : patch) })}
      />
    );
  };
  const openCount = b ? OPEN_APPLICATION_STATUSES.reduce((n, s) => n + (b.byStatus[s] ?? 0), 0) : undefined;

  return (
    <>
      <PageHeader
        title={handles ? '受理与办件' : liaison ? '代办办件' : '政务服务办件'}
        subTitle={
          data
            ? `共 ${total.toLocaleString('zh-CN')} 件${activeFilters || query.q ? '(已筛选)' : ''}${query.sort === 'dueAt' ? ',按期限排序,最急的在前' : ''}`
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
      />
      <div className="yq-board" style={{ gridTemplateColumns: `repeat(${mobile ? 3 : handles ? 6 : 5}, minmax(0, 1fr))` }}>
        {chip('待受理', b?.byStatus.submitted, { status: 'submitted' })}
        {chip('在办', openCount, {})}
        {chip('补正中', b?.byStatus.supplementing, { status: 'supplementing' })}
        {chip('容缺待补', b?.rongquePending, { status: 'rongque' })}
        {chip('即将到期', b?.dueSoon, { warning: 'due_soon' }, true)}
        {handles ? chip('已超期', b?.overdue, { warning: 'overdue' }, true) : null}
      </div>
      {handles && b && b.postchecksScheduled > 0 && (
        <Link to="/services/postchecks" className="yq-rate-banner" style={{ marginTop: -4 }}>
          待事后核查 {b.postchecksScheduled} 件{b.postchecksOverdue > 0 ? `,其中逾期 ${b.postchecksOverdue} 件` : ''}
        </Link>
      )}
      <FilterBar
        mobile={mobile}
        search={{ ...searchBox, placeholder: '办件编号、事项或企业名称', ariaLabel: '搜索办件', width: 260 }}
        activeCount={activeFilters}
        filters={filterControls}
        trailing={
          !mobile && (
            <RefreshButton
              spinning={list.isFetching && !list.isLoading}
              onClick={() => {
                void list.refetch();
                void board.refetch();
              }}
            />
          )
        }
      />

      <ResponsiveList<ApplicationView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{
          rowClassName: (a) => (a.warning === 'overdue' || a.warning === 'legal_overdue' ? 'yq-row-overdue' : a.warning === 'due_soon' ? 'yq-row-warn' : ''),
          scroll: { x: 1040 },
        }}
        empty={<EmptyHint description={statusPreset === 'open' && !activeFilters && !query.q ? '暂无在办的办件' : '没有符合条件的办件'} />}
        skeleton="cards"
        cardListStyle={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '件', sizeChanger: true, mobileOnlyWhenPaged: true, mobileStyle: { margin: '8px 0' } }}
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
    </>
  );
}
