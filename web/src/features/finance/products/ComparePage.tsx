import type { ReactNode } from 'react';
import { Button, Card, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { COLLATERAL_LABELS, INSTITUTION_KIND_LABELS, formatRateRange, formatTermRange, formatWanRange, type ProductView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useDictionary } from '../../dictionaries/useDictionary';
import { useProducts } from './api';
import { targetText } from './bits';
import { MAX_COMPARE } from './ProductsPage';
import './products.css';

type Row = { label: string; cell: (p: ProductView) => ReactNode; /** the best product's id on this row, when one stands out */ best?: (items: ProductView[]) => string | null };

/** The product with the lowest / highest `value`, unless all agree. */
function bestBy(items: ProductView[], value: (p: ProductView) => number, lowest: boolean): string | null {
  const values = items.map(value);
  const target = lowest ? Math.min(...values) : Math.max(...values);
  if (values.every((v) => v === target)) return null;
  return items.find((p) => value(p) === target)!.id;
}

/**
 * 2–4 products side by side. A table whose first column (the row names) stays put while the
 * products scroll sideways, so it reads on a 375 px phone as on a desktop; the best rate, amount
 * and term are marked 优.
 */
export default function ComparePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, MAX_COMPARE);
  const list = useProducts({ ids: ids.join(','), pageSize: MAX_COMPARE }, ids.length > 0);
  const chains = useDictionary('chain');
  const tags = useDictionary('tag');
  const items = ids.map((id) => list.data?.items.find((p) => p.id === id)).filter((p): p is ProductView => !!p);
  const canApply = hasPermission(me, 'finance:apply');
  const back = `/finance/products?cmp=${ids.join(',')}`;

  const rows: Row[] = [
    { label: '金融机构', cell: (p) => `${p.bankShortName}(${INSTITUTION_KIND_LABELS[p.institutionKind]})` },
    { label: '产品类型', cell: (p) => p.typeLabel },
    { label: '年利率', cell: (p) => formatRateRange(p.rateMinBp, p.rateMaxBp), best: (xs) => bestBy(xs, (p) => p.rateMinBp, true) },
    { label: '额度', cell: (p) => formatWanRange(p.amountMinFen, p.amountMaxFen), best: (xs) => bestBy(xs, (p) => p.amountMaxFen, false) },
    { label: '期限', cell: (p) => formatTermRange(p.termMinMonths, p.termMaxMonths), best: (xs) => bestBy(xs, (p) => p.termMaxMonths, false) },
    { label: '担保方式', cell: (p) => p.collateral.map((c) => COLLATERAL_LABELS[c]).join('、'), best: (xs) => (xs.filter((p) => p.collateral.includes('none')).length === 1 ? xs.find((p) => p.collateral.includes('none'))!.id : null) },
    { label: '适用企业', cell: (p) => targetText(p.targetChains, p.targetTags, chains.labelOf, tags.labelOf) },
    ...(items.some((p) => p.fits !== null) ? [{ label: '适合我', cell: (p: ProductView) => (p.fits ? '✓ 适合' : '不在适用范围') }] : []),
    { label: '有效期至', cell: (p) => p.validTo ?? '长期' },
  ];

  return (
    <>
      <PageHeader
        title="产品对比"
        subTitle="左右滑动查看更多产品;“优”为该项最优"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
            返回金融超市
          </Button>
        }
      />
      {list.isError && !list.data ? (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      ) : list.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : items.length < 2 ? (
        <Card>
          <EmptyHint description="请在金融超市勾选2至4款产品进行对比">
            <Button type="primary" onClick={() => navigate(back)}>
              去选择产品
            </Button>
          </EmptyHint>
        </Card>
      ) : (
        <div className="yq-compare-scroll" data-testid="compare-table">
          <table className="yq-compare">
            <thead>
              <tr>
                <th scope="row">产品</th>
                {items.map((p) => (
                  <th key={p.id} scope="col">
                    <Link to={`/finance/products/${p.id}`}>{p.name}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const best = row.best?.(items) ?? null;
                return (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {items.map((p) => (
                      <td key={p.id} className={best === p.id ? 'best' : undefined}>
                        {row.cell(p)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {canApply && (
                <tr>
                  <th scope="row">申请</th>
                  {items.map((p) => (
                    <td key={p.id}>
                      <Space orientation="vertical" size={4}>
                        <Button type="primary" size="small" onClick={() => navigate(`/finance/needs/new?productId=${p.id}&bankId=${p.bankId}`)}>
                          申请融资
                        </Button>
                      </Space>
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
