import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Result,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useListParams } from '../../components/useListParams';
import { useExport } from '../../components/useExport';
import { useScreens } from '../../components/useScreens';
import { CloudUploadOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Enterprise } from '@yuanqi/contract';
import { isEnterpriseOnly, useCan, useAuth } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { formatCount, formatDate, formatWan } from '../../components/format';
import { DictTags } from '../dictionaries/DictTags';
import { useDictionary } from '../dictionaries/useDictionary';
import {
  exportEnterprises,
  useEnterpriseList,
  useLiaisons,
  type EnterpriseFilters,
  type EnterpriseListQuery,
  type EnterpriseSort,
} from './api';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer';

const SORTS: { value: EnterpriseSort; label: string }[] = [
  { value: '-createdAt', label: '最近录入' },
  { value: 'name', label: '名称 A→Z' },
  { value: '-annualRevenueFen', label: '营收从高到低' },
  { value: 'annualRevenueFen', label: '营收从低到高' },
  { value: '-headcount', label: '人数从多到少' },
  { value: 'headcount', label: '人数从少到多' },
];

const FILTER_KEYS = ['q', 'chain', 'tag', 'liaisonId', 'isAboveScale', 'industryCode'] as const;

function readQuery(params: URLSearchParams): EnterpriseListQuery {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const q: EnterpriseListQuery = { page, pageSize };
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) (q as Record<string, unknown>)[key] = v;
  }
  const sort = params.get('sort');
  if (sort && SORTS.some((s) => s.value === sort)) q.sort = sort as EnterpriseSort;
  return q;
}

function sortOrderOf(sort: EnterpriseSort | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/**
 * The registry is the staff desk's; an enterprise's own staff (who may read and edit their firm)
 * are sent to their firm rather than shown a one-row registry with staff actions.
 */
export function EnterpriseListPage() {
  const { me } = useAuth();
  const navigate = useNavigate();
  if (isEnterpriseOnly(me)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="企业用户只能查看和维护本企业的信息。"
        extra={
          <Button type="primary" onClick={() => navigate(`/enterprises/${me!.enterpriseId}`)}>
            查看我的企业
          </Button>
        }
      />
    );
  }
  return <EnterpriseRegistry />;
}

function EnterpriseRegistry() {
  const { me } = useAuth();
  const can = useCan();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, setParams, update, paginate } = useListParams<keyof EnterpriseListQuery>();
  const query = useMemo(() => readQuery(params), [params]);
  const filters: EnterpriseFilters = useMemo(() => {
    const { page: _p, pageSize: _s, ...rest } = query;
    return rest;
  }, [query]);
  const activeFilterCount = FILTER_KEYS.filter((k) => k !== 'q' && query[k]).length;

  // the back button changes the URL under us; the hook keeps the search box in step
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const [creating, setCreating] = useState(false);

  const list = useEnterpriseList(query);
  const chains = useDictionary('chain');
  const tags = useDictionary('tag');
  const liaisons = useLiaisons(!!me && !me.roles.every((r) => r === 'enterprise'));


  const clearFilters = () => {
    searchBox.setKeyword('');
    const next = new URLSearchParams();
    if (query.sort) next.set('sort', query.sort);
    if (query.pageSize !== 20) next.set('pageSize', String(query.pageSize));
    setParams(next);
  };

  const { exporting, doExport } = useExport(() => exportEnterprises(filters));

  const liaisonOptions = useMemo(
    () => [
      { value: 'none', label: '未分配专员' },
      ...(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.displayName}(${l.enterpriseCount}家)` })),
    ],
    [liaisons.data],
  );

  const filterControls = (
    <>
      <Select
        allowClear
        placeholder="产业链"
        value={query.chain}
        options={chains.options}
        onChange={(v) => update({ chain: v })}
        style={{ minWidth: 140 }}
        aria-label="按产业链筛选"
      />
      <Select
        allowClear
        placeholder="企业标签"
        value={query.tag}
        options={tags.options}
        onChange={(v) => update({ tag: v })}
        style={{ minWidth: 140 }}
        aria-label="按标签筛选"
      />
      {!liaisons.isError && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="驻企专员"
          value={query.liaisonId}
          options={liaisonOptions}
          loading={liaisons.isLoading}
          onChange={(v) => update({ liaisonId: v })}
          style={{ minWidth: 160 }}
          aria-label="按驻企专员筛选"
        />
      )}
      <Select
        allowClear
        placeholder="规模"
        value={query.isAboveScale}
        options={[
          { value: 'true', label: '规上企业' },
          { value: 'false', label: '规下企业' },
        ]}
        onChange={(v) => update({ isAboveScale: v })}
        style={{ minWidth: 120 }}
        aria-label="按规模筛选"
      />
      {(activeFilterCount > 0 || query.q) && (
        <Button type="link" onClick={clearFilters}>
          清除筛选
        </Button>
      )}
    </>
  );

  const columns: TableProps<Enterprise>['columns'] = [
    {
      title: '企业名称',
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 240,
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'name'),
      render: (_, e) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/enterprises/${e.id}`} style={{ fontWeight: 500 }}>
            {e.name}
          </Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {e.uscc}
          </div>
        </div>
      ),
    },
    { title: '产业链', dataIndex: 'chain', key: 'chain', width: 110, render: (c: string | null) => (c ? chains.labelOf(c) : '—') },
    {
      title: '规模',
      dataIndex: 'isAboveScale',
      key: 'isAboveScale',
      width: 70,
      render: (v: boolean) => (v ? <Tag color="gold">规上</Tag> : <Tag>规下</Tag>),
    },
    {
      title: '年主营业务收入',
      dataIndex: 'annualRevenueFen',
      key: 'annualRevenueFen',
      width: 140,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'annualRevenueFen'),
      render: (v: number | null) => formatWan(v),
    },
    {
      title: '从业人数',
      dataIndex: 'headcount',
      key: 'headcount',
      width: 100,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'headcount'),
      render: (v: number | null) => formatCount(v, '人'),
    },
    {
      title: '驻企专员',
      dataIndex: 'liaisonName',
      key: 'liaisonName',
      width: 100,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">未分配</Typography.Text>,
    },
    { title: '标签', dataIndex: 'tags', key: 'tags', width: 200, render: (v: string[]) => <DictTags codes={v} /> },
    {
      title: '录入时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'createdAt'),
      render: (v: string) => formatDate(v),
    },
  ];

  const onTableChange: TableProps<Enterprise>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey as string | undefined;
      const sort = s?.order && field ? ((s.order === 'descend' ? `-${field}` : field) as EnterpriseSort) : undefined;
      update({ sort });
    }
  };

  const data = list.data;
  const total = data?.total ?? 0;
  const filtered = activeFilterCount > 0 || !!query.q;

  const empty = filtered ? (
    <EmptyHint description="没有符合条件的企业,试试换个关键词或清除筛选条件">
      <Button onClick={clearFilters}>清除筛选</Button>
    </EmptyHint>
  ) : (
    <EmptyHint description="企业库中还没有企业,可逐家新增或从 Excel 批量导入">
      <Space>
        {can('enterprise:write') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新增企业
          </Button>
        )}
        {can('enterprise:import') && <Button onClick={() => navigate('/enterprises/import')}>批量导入</Button>}
      </Space>
    </EmptyHint>
  );

  const subTitle = data ? `共 ${total.toLocaleString('zh-CN')} 家企业${filtered ? '(已筛选)' : ''}` : '园区企业名录';
  const mine = !!me && query.liaisonId === me.id;

  return (
    <>
      <PageHeader
        title={mine ? '我服务的企业' : '企业库'}
        subTitle={subTitle}
        extra={
          <>
            {can('enterprise:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新增企业
              </Button>
            )}
            {can('enterprise:import') && (
              <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/enterprises/import')}>
                导入
              </Button>
            )}
            {can('enterprise:export') && (
              <Tooltip title="按当前筛选条件导出 Excel">
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} disabled={total === 0}>
                  导出
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      <FilterBar
        mobile={mobile}
        search={{
          ...searchBox,
          placeholder: '企业名称或统一社会信用代码',
          ariaLabel: '搜索企业',
          width: 300,
        }}
        activeCount={activeFilterCount}
        filters={filterControls}
        mobileFilters={
          <Select
            allowClear
            value={query.sort}
            options={SORTS}
            placeholder="默认排序"
            onChange={(v) => update({ sort: v })}
            aria-label="排序"
            prefix="排序"
          />
        }
        trailing={!mobile && <RefreshButton spinning={list.isFetching && !list.isLoading} onClick={() => list.refetch()} />}
      />

      <ResponsiveList<Enterprise>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ onChange: onTableChange, scroll: { x: 1080 } }}
        empty={empty}
        skeleton="cards"
        paging={{
          page: query.page,
          pageSize: query.pageSize,
          onChange: paginate,
          unit: '家',
          sizeChanger: true,
          mobileStyle: { margin: '8px 0' },
        }}
        renderCard={(e) => (
          <Card className="yq-mobile-card" onClick={() => navigate(`/enterprises/${e.id}`)} hoverable style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Link to={`/enterprises/${e.id}`} style={{ fontWeight: 600, fontSize: 15 }} onClick={(ev) => ev.stopPropagation()}>
                {e.name}
              </Link>
              {e.isAboveScale ? <Tag color="gold" style={{ marginInlineEnd: 0 }}>规上</Tag> : null}
            </div>
            <div className="yq-mono" style={{ fontSize: 12, color: '#667085', marginBottom: 6 }}>
              {e.uscc}
            </div>
            <div className="yq-kv">
              <span>产业链</span>
              <span>{chains.labelOf(e.chain)}</span>
            </div>
            <div className="yq-kv">
              <span>年主营业务收入</span>
              <span>{formatWan(e.annualRevenueFen)}</span>
            </div>
            <div className="yq-kv">
              <span>从业人数</span>
              <span>{formatCount(e.headcount, '人')}</span>
            </div>
            <div className="yq-kv">
              <span>驻企专员</span>
              <span>{e.liaisonName ?? '未分配'}</span>
            </div>
            {e.tags.length > 0 && (
              <div style={{ marginTop: 6 }}>
                <DictTags codes={e.tags} />
              </div>
            )}
          </Card>
        )}
      />

      <EnterpriseFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(e) => navigate(`/enterprises/${e.id}`)} />
    </>
  );
}
