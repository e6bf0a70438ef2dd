import { App, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { formatRateRange, formatTermRange, formatWanRange, type ProductView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useDictionary } from '../../dictionaries/useDictionary';
import { useProduct, useProductAction } from './api';
import { CollateralTags, InstitutionKindTag, ProductStateTag } from './bits';
import './products.css';

/** A product as a firm reads it before applying, and as its bank or the finance officer manages it. */
export default function ProductDetailPage() {
  const { id } = useParams();
  const product = useProduct(id);
  const navigate = useNavigate();
  const p = product.data;
  return (
    <>
      <PageHeader
        title={p?.name ?? '金融产品'}
        subTitle={p ? `${p.bankName} · ${p.typeLabel}` : undefined}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            返回
          </Button>
        }
      />
      {product.isError ? (
        <Card>
          <QueryError error={product.error} onRetry={() => product.refetch()} what="产品" />
        </Card>
      ) : !p ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <ProductBody p={p} />
      )}
    </>
  );
}

function ProductBody({ p }: { p: ProductView }) {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const chains = useDictionary('chain');
  const tags = useDictionary('tag');
  const action = useProductAction();
  const { message, modal } = App.useApp();
  const canApply = hasPermission(me, 'finance:apply') && p.state === 'available';
  const run = (kind: 'publish' | 'withdraw') =>
    modal.confirm({
      title: kind === 'publish' ? `发布「${p.name}」?` : `下架「${p.name}」?`,
      content: kind === 'publish' ? '发布后企业即可在金融超市看到并申请。' : '下架后企业在金融超市看不到此产品,已提交的融资需求不受影响。',
      okText: kind === 'publish' ? '发布' : '下架',
      okButtonProps: { danger: kind === 'withdraw' },
      onOk: async () => {
        await action.mutateAsync({ id: p.id, action: kind });
        message.success(kind === 'publish' ? '已发布' : '已下架');
      },
    });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 880 }}>
      <Card>
        <Space wrap size={6} style={{ marginBottom: 8 }}>
          <InstitutionKindTag kind={p.institutionKind} />
          {p.strategic && <Tag color="gold">战略合作</Tag>}
          <ProductStateTag state={p.state} label={p.stateLabel} />
          {p.fits === true && <Tag color="green">适合我</Tag>}
          {p.fits === false && <Tag>不在适用范围</Tag>}
        </Space>
        <div className="yq-detail-figures">
          <div>
            <div className="v rate">{formatRateRange(p.rateMinBp, p.rateMaxBp)}</div>
            <div className="k">年利率</div>
          </div>
          <div>
            <div className="v">{formatWanRange(p.amountMinFen, p.amountMaxFen)}</div>
            <div className="k">额度</div>
          </div>
          <div>
            <div className="v">{formatTermRange(p.termMinMonths, p.termMaxMonths)}</div>
            <div className="k">期限</div>
          </div>
        </div>
        {(canApply || p.editable) && (
          <Space wrap style={{ marginTop: 8, width: screens.sm ? undefined : '100%' }} className={screens.sm ? undefined : 'yq-apply-full'}>
            {canApply && (
              <Button type="primary" size="large" block={!screens.sm} icon={<SendOutlined />} onClick={() => navigate(`/finance/needs/new?productId=${p.id}&bankId=${p.bankId}`)}>
                申请融资
              </Button>
            )}
            {p.editable && (
              <>
                <Button icon={<EditOutlined />} onClick={() => navigate(`/finance/products/${p.id}/edit`)}>
                  编辑
                </Button>
                {p.status !== 'published' && (
                  <Button type="primary" onClick={() => run('publish')} loading={action.isPending}>
                    发布
                  </Button>
                )}
                {p.status === 'published' && (
                  <Button danger onClick={() => run('withdraw')} loading={action.isPending}>
                    下架
                  </Button>
                )}
              </>
            )}
          </Space>
        )}
      </Card>
      <Card title="产品说明" size="small">
        <Descriptions column={1} size="small" layout={screens.sm ? 'horizontal' : 'vertical'} styles={{ label: { width: 120 } }}>
          <Descriptions.Item label="金融机构">{p.bankName}</Descriptions.Item>
          <Descriptions.Item label="担保方式">
            <CollateralTags kinds={p.collateral} />
          </Descriptions.Item>
          <Descriptions.Item label="适用产业链">{p.targetChains.length ? p.targetChains.map(chains.labelOf).join('、') : '不限'}</Descriptions.Item>
          <Descriptions.Item label="适用企业">{p.targetTags.length ? p.targetTags.map(tags.labelOf).join('、') : '不限'}</Descriptions.Item>
          {p.targetNote && <Descriptions.Item label="申请条件">{p.targetNote}</Descriptions.Item>}
          <Descriptions.Item label="有效期">
            {p.validFrom} 至 {p.validTo ?? '长期有效'}
          </Descriptions.Item>
          {p.editable && <Descriptions.Item label="最后修改">{formatDateTime(p.updatedAt)}</Descriptions.Item>}
        </Descriptions>
        {p.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>{p.description}</Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
