import { useMemo } from 'react';
import { Button, Card, Checkbox, InputNumber, Select, Space, Switch, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  COLLATERAL_KINDS,
  COLLATERAL_LABELS,
  PRODUCT_SORT_LABELS,
  PRODUCT_SORTS,
  PRODUCT_STATE_LABELS,
  PRODUCT_STATES,
  PRODUCT_TYPE_LABELS,
  PRODUCT_TYPES,
  formatRateRange,
  formatTermRange,
  formatWanRange,
  type ProductView,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import type { Query } from '../../../app/api';
import { EmptyHint } from '../../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveList } from '../../../components/ResponsiveList';
import { wanToFen } from '../../../components/format';
import { useExport } from '../../../components/useExport';
import { readPaging, useListParams } from '../../../components/useListParams';
import { useScreens } from '../../../components/useScreens';
import { useDictionary } from '../../dictionaries/useDictionary';
import { exportProducts, useInstitutionDetails, useProducts } from './api';
import { CollateralTags, InstitutionKindTag, ProductFigures, ProductStateTag, targetText } from './bits';
import './products.css';

const TERMS = [3, 6, 12, 24, 36, 60, 120];
export const MAX_COMPARE = 4;

/** 金融超市 for firms and liaisons; the park's product list (all states, export) for finance staff. */
export default function ProductsPage() {
  const me = useMe();
  return hasPermission(me, 'finance:read') ? <ProductList staff /> : <ProductList staff={false} />;
}

/** The filters in the address (shared by the list and the export). */
function useProductQuery(staff: boolean) {
  const { params } = useListParams();
  return useMemo(() => {
    const amountWan = Number(params.get('amountWan')) || undefined;
    const q: Query = {
      q: params.get('q') ?? undefined,
      type: params.get('type') ?? undefined,
      bankId: params.get('bankId') ?? undefined,
      amountFen: amountWan ? (wanToFen(amountWan) ?? undefined) : undefined,
      termMonths: params.get('termMonths') ?? undefined,
      collateral: params.get('collateral') ?? undefined,
      fitsMe: params.get('fitsMe') === 'true' ? 'true' : undefined,
      sort: params.get('sort') ?? undefined,
      state: staff ? (params.get('state') ?? undefined) : undefined,
      ...readPaging(params),
    };
    return { q, amountWan };
  }, [params, staff]);
}

function ProductList({ staff }: { staff: boolean }) {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const navigate = useNavigate();
  const { params, update, paginate } = useListParams();
  const { q, amountWan } = useProductQuery(staff);
  const list = useProducts(q);
  const institutions = useInstitutionDetails();
  const chains = useDictionary('chain');
  const tags = useDictionary('tag');
  const searchBox = useSearchBox(q.q as string | undefined, (v) => update({ q: v }));
  const { exporting, doExport } = useExport(() => exportProducts({ ...q, page: undefined, pageSize: undefined }));
  const canFit = !staff && !!me.enterpriseId;
  const compare = (params.get('cmp') ?? '').split(',').filter(Boolean);
  const toggleCompare = (id: string, on: boolean) => {
    const next = on ? [...compare.filter((c) => c !== id), id].slice(-MAX_COMPARE) : compare.filter((c) => c !== id);
    update({ cmp: next.join(',') }, false);
  };
  const selected = (list.data?.items ?? []).filter((p) => compare.includes(p.id));
  const available = (institutions.data ?? []).reduce((s, i) => s + i.availableCount, 0);
  const activeCount = ['type', 'bankId', 'amountWan', 'termMonths', 'collateral', 'fitsMe', 'state', 'sort'].filter((k) => params.get(k)).length;

  const compareBox = (p: ProductView) => (
    // a tap on the box or its word picks the product; it never opens the product's page
    <span onClick={(e) => e.stopPropagation()}>
      <Checkbox
        checked={compare.includes(p.id)}
        disabled={!compare.includes(p.id) && compare.length >= MAX_COMPARE}
        onChange={(e) => toggleCompare(p.id, e.target.checked)}
        aria-label={`对比 ${p.name}`}
      >
        对比
      </Checkbox>
    </span>
  );

  const columns: TableProps<ProductView>['columns'] = [
    ...(staff ? [] : [{ title: '对比', key: 'cmp', width: 76, render: (_: unknown, p: ProductView) => compareBox(p) }]),
    {
      title: '产品',
      key: 'name',
      render: (_, p) => (
        <div>
          <Link to={`/finance/products/${p.id}`} style={{ fontWeight: 500 }}>
            {p.name}
          </Link>
          {p.fits && !staff && (
            <Tag color="green" style={{ marginLeft: 6 }}>
              适合我
            </Tag>
          )}
          <div style={{ fontSize: 12, color: '#667085' }}>{p.bankName}</div>
        </div>
      ),
    },
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 110 },
    { title: '年利率', key: 'rate', width: 130, render: (_, p) => <span style={{ color: '#d92d20', fontWeight: 500 }}>{formatRateRange(p.rateMinBp, p.rateMaxBp)}</span> },
    { title: '额度', key: 'amount', width: 130, render: (_, p) => formatWanRange(p.amountMinFen, p.amountMaxFen) },
    { title: '期限', key: 'term', width: 100, render: (_, p) => formatTermRange(p.termMinMonths, p.termMaxMonths) },
    { title: '担保方式', key: 'collateral', width: 150, render: (_, p) => <CollateralTags kinds={p.collateral} /> },
    ...(staff
      ? [
          { title: '有效期', key: 'valid', width: 130, render: (_: unknown, p: ProductView) => <span style={{ fontSize: 12 }}>{p.validFrom}<br />至 {p.validTo ?? '长期'}</span> },
          { title: '状态', key: 'state', width: 90, render: (_: unknown, p: ProductView) => <ProductStateTag state={p.state} label={p.stateLabel} /> },
          {
            title: '操作',
            key: 'op',
            width: 70,
            render: (_: unknown, p: ProductView) => (p.editable ? <Link to={`/finance/products/${p.id}/edit`}>编辑</Link> : null),
          },
        ]
      : [{ title: '适用企业', key: 'target', width: 180, render: (_: unknown, p: ProductView) => <span style={{ fontSize: 12 }}>{targetText(p.targetChains, p.targetTags, chains.labelOf, tags.labelOf)}</span> }]),
  ];

  return (
    <>
      <PageHeader
        title={staff ? '金融产品' : '金融超市'}
        subTitle={
          staff
            ? '园区合作金融机构发布的全部产品(含草稿、已下架、已过期)'
            : `${institutions.data?.length ?? '—'}家金融机构 · ${institutions.data ? available : '—'}款在售产品,筛选、对比后一键申请融资`
        }
        extra={
          staff ? (
            <Space>
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>
                导出Excel
              </Button>
              {hasPermission(me, 'finance:manage') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/finance/products/new')}>
                  代录产品
                </Button>
              )}
            </Space>
          ) : undefined
        }
      />
      <FilterBar
        mobile={mobile}
        activeCount={activeCount}
        search={{ placeholder: '产品或机构名称', ariaLabel: '搜索产品', width: 220, ...searchBox }}
        filters={
          <>
            {canFit && (
              <Space size={4} style={{ flex: mobile ? '1 1 100%' : undefined }}>
                <Switch size="small" checked={params.get('fitsMe') === 'true'} onChange={(v) => update({ fitsMe: v ? 'true' : undefined })} aria-label="只看适合我的" />
                <span>只看适合我的</span>
              </Space>
            )}
            <Select allowClear placeholder="产品类型" value={params.get('type') ?? undefined} onChange={(v) => update({ type: v })} style={{ minWidth: 120 }} options={PRODUCT_TYPES.map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] }))} aria-label="产品类型" />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="金融机构"
              value={params.get('bankId') ?? undefined}
              onChange={(v) => update({ bankId: v })}
              style={{ minWidth: 150 }}
              loading={institutions.isLoading}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.shortName ?? i.name }))}
              aria-label="金融机构"
            />
            <InputNumber
              min={1}
              max={1_000_000}
              placeholder="想贷多少"
              suffix="万元"
              value={amountWan ?? null}
              onChange={(v) => update({ amountWan: v ? String(v) : undefined })}
              style={{ width: mobile ? undefined : 150 }}
              aria-label="想贷金额(万元)"
            />
            <Select allowClear placeholder="期限" value={params.get('termMonths') ?? undefined} onChange={(v) => update({ termMonths: v })} style={{ minWidth: 100 }} options={TERMS.map((m) => ({ value: String(m), label: `${m}个月` }))} aria-label="期限" />
            <Select allowClear placeholder="可提供的担保" value={params.get('collateral') ?? undefined} onChange={(v) => update({ collateral: v })} style={{ minWidth: 130 }} options={COLLATERAL_KINDS.map((c) => ({ value: c, label: COLLATERAL_LABELS[c] }))} aria-label="可提供的担保" />
            {staff && <Select allowClear placeholder="状态" value={params.get('state') ?? undefined} onChange={(v) => update({ state: v })} style={{ minWidth: 100 }} options={PRODUCT_STATES.map((s) => ({ value: s, label: PRODUCT_STATE_LABELS[s] }))} aria-label="状态" />}
            <Select placeholder="排序" value={params.get('sort') ?? undefined} onChange={(v) => update({ sort: v === 'default' ? undefined : v })} style={{ minWidth: 130 }} options={PRODUCT_SORTS.map((s) => ({ value: s, label: PRODUCT_SORT_LABELS[s] }))} aria-label="排序" />
          </>
        }
        trailing={<RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />}
      />
      {canFit && params.get('fitsMe') === 'true' && list.data?.fitsFor && (
        <Typography.Paragraph type="secondary" style={{ margin: '0 2px 10px', fontSize: 13 }}>
          按「{list.data.fitsFor}」的产业链和企业标签匹配,含面向所有企业的产品
        </Typography.Paragraph>
      )}
      <ResponsiveList<ProductView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: staff ? 1150 : 1100 }, onRow: (p) => ({ 'data-testid': `product-${p.id}` }) as never }}
        skeleton="cards"
        empty={<EmptyHint description={activeCount || q.q ? '没有符合条件的产品,试试放宽筛选条件' : '暂无产品'} />}
        paging={{ page: Number(q.page), pageSize: Number(q.pageSize), onChange: paginate, unit: '款产品', sizeChanger: true }}
        renderCard={(p) => (
          <Card size="small" className="yq-mobile-card yq-product-card" onClick={() => navigate(`/finance/products/${p.id}`)} data-testid={`product-${p.id}`}>
            <div className="head">
              <div style={{ minWidth: 0 }}>
                <div className="name">{p.name}</div>
                <div className="org">
                  {p.bankShortName} · {p.typeLabel}
                </div>
              </div>
              <Space size={4} style={{ flex: 'none' }}>
                {staff ? <ProductStateTag state={p.state} label={p.stateLabel} /> : p.fits ? <Tag color="green">适合我</Tag> : <InstitutionKindTag kind={p.institutionKind} />}
              </Space>
            </div>
            <ProductFigures p={p} />
            <CollateralTags kinds={p.collateral} />
            {!staff && (
              <div className="foot">
                {compareBox(p)}
                <span style={{ color: '#1554ad', fontSize: 13 }}>详情与申请 ›</span>
              </div>
            )}
          </Card>
        )}
      />
      {!staff && compare.length > 0 && (
        <div className="yq-compare-bar" role="region" aria-label="产品对比">
          <div className="names">
            已选 {compare.length}/{MAX_COMPARE}:{selected.map((p) => p.name).join('、') || '…'}
          </div>
          <Space size={6} style={{ flex: 'none' }}>
            <Button size="small" onClick={() => update({ cmp: undefined }, false)}>
              清空
            </Button>
            <Button type="primary" size="small" icon={<SwapOutlined />} disabled={compare.length < 2} onClick={() => navigate(`/finance/products/compare?ids=${compare.join(',')}`)}>
              对比
            </Button>
          </Space>
        </div>
      )}
    </>
  );
}
