import { useMemo } from 'react';
import { App, Button, Card, Segmented, Space, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { PRODUCT_STATE_LABELS, PRODUCT_STATES, formatRateRange, formatTermRange, formatWanRange, type ProductState, type ProductView } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveList } from '../../../components/ResponsiveList';
import { formatDateTime } from '../../../components/format';
import { readPaging, useListParams } from '../../../components/useListParams';
import { useScreens } from '../../../components/useScreens';
import { useProductAction, useProducts } from './api';
import { CollateralTags, ProductFigures, ProductStateTag } from './bits';
import './products.css';

/** 我们的产品: a bank's own products in every state — add, edit, publish, withdraw (phone-friendly). */
export default function BankProductsPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const navigate = useNavigate();
  const { params, update, paginate } = useListParams();
  const state = (PRODUCT_STATES as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as ProductState) : undefined;
  const query = useMemo(() => ({ bankId: me.bankId ?? undefined, state, q: params.get('q') ?? undefined, sort: 'newest', ...readPaging(params) }), [me.bankId, state, params]);
  const list = useProducts(query, !!me.bankId);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const action = useProductAction();
  const { message, modal } = App.useApp();

  const run = (p: ProductView, kind: 'publish' | 'withdraw') =>
    modal.confirm({
      title: kind === 'publish' ? `发布「${p.name}」?` : `下架「${p.name}」?`,
      content: kind === 'publish' ? '发布后企业即可在金融超市看到并申请。' : '下架后企业在金融超市看不到此产品。',
      okText: kind === 'publish' ? '发布' : '下架',
      okButtonProps: { danger: kind === 'withdraw' },
      onOk: async () => {
        await action.mutateAsync({ id: p.id, action: kind });
        message.success(kind === 'publish' ? '已发布' : '已下架');
      },
    });

  const actions = (p: ProductView) => (
    <Space size={4} onClick={(e) => e.stopPropagation()}>
      <Button size="small" onClick={() => navigate(`/finance/products/${p.id}/edit`)}>
        编辑
      </Button>
      {p.status !== 'published' && p.state !== 'expired' && (
        <Button size="small" type="primary" onClick={() => run(p, 'publish')}>
          发布
        </Button>
      )}
      {p.status === 'published' && (
        <Button size="small" danger onClick={() => run(p, 'withdraw')}>
          下架
        </Button>
      )}
    </Space>
  );

  const columns: TableProps<ProductView>['columns'] = [
    { title: '产品', key: 'name', render: (_, p) => <Link to={`/finance/products/${p.id}`}>{p.name}</Link> },
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 110 },
    { title: '年利率', key: 'rate', width: 130, render: (_, p) => formatRateRange(p.rateMinBp, p.rateMaxBp) },
    { title: '额度', key: 'amount', width: 130, render: (_, p) => formatWanRange(p.amountMinFen, p.amountMaxFen) },
    { title: '期限', key: 'term', width: 100, render: (_, p) => formatTermRange(p.termMinMonths, p.termMaxMonths) },
    { title: '有效期', key: 'valid', width: 190, render: (_, p) => `${p.validFrom} 至 ${p.validTo ?? '长期'}` },
    { title: '状态', key: 'state', width: 90, render: (_, p) => <ProductStateTag state={p.state} label={p.stateLabel} /> },
    { title: '更新', key: 'updated', width: 150, render: (_, p) => formatDateTime(p.updatedAt) },
    { title: '操作', key: 'op', width: 150, render: (_, p) => actions(p) },
  ];

  return (
    <>
      <PageHeader
        title="我们的产品"
        subTitle={me.bankName ? `${me.bankName} · 发布后企业在金融超市可见` : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/finance/products/new')}>
            新增产品
          </Button>
        }
      />
      <FilterBar
        mobile={mobile}
        search={{ placeholder: '产品名称', width: 200, ...searchBox }}
        filters={
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented
              value={state ?? 'all'}
              onChange={(v) => update({ state: v === 'all' ? undefined : String(v) })}
              options={[{ value: 'all', label: '全部' }, ...PRODUCT_STATES.map((s) => ({ value: s, label: PRODUCT_STATE_LABELS[s] }))]}
            />
          </div>
        }
        trailing={<RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />}
      />
      <ResponsiveList<ProductView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1100 } }}
        skeleton="cards"
        empty={
          <EmptyHint description={state ? `没有${PRODUCT_STATE_LABELS[state]}的产品` : '还没有产品'}>
            {!state && (
              <Button type="primary" onClick={() => navigate('/finance/products/new')}>
                新增第一款产品
              </Button>
            )}
          </EmptyHint>
        }
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '款产品' }}
        renderCard={(p) => (
          <Card size="small" className="yq-mobile-card yq-product-card" onClick={() => navigate(`/finance/products/${p.id}`)}>
            <div className="head">
              <div style={{ minWidth: 0 }}>
                <div className="name">{p.name}</div>
                <div className="org">
                  {p.typeLabel} · 有效期至 {p.validTo ?? '长期'}
                </div>
              </div>
              <ProductStateTag state={p.state} label={p.stateLabel} />
            </div>
            <ProductFigures p={p} />
            <CollateralTags kinds={p.collateral} />
            <div className="foot">{actions(p)}</div>
          </Card>
        )}
      />
    </>
  );
}
