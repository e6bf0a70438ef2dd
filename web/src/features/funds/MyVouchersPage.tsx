import { useState } from 'react';
import { Button, Card, Drawer, Empty, List, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import type { VoucherView } from '@yuanqi/contract';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { invoiceUrl, useVoucher, useVouchers } from './api';
import { RedeemForm } from './RedeemForm';
import { RedemptionStatusTag, VoucherStatusTag, yuan } from './bits';

/** 我的创新券 (phone first): each voucher, what is left and until when, and using it against an invoice. */
export default function MyVouchersPage() {
  const list = useVouchers({ page: 1, pageSize: 100 });
  const screens = useScreens();
  const [openId, setOpenId] = useState<string | null>(null);
  const [redeeming, setRedeeming] = useState(false);
  const items = list.data?.items ?? [];
  const usable = items.filter((v) => v.status === 'active' && v.remainingFen > 0);

  return (
    <>
      <PageHeader title="我的创新券" subTitle={list.data ? `可使用 ${usable.length} 张,余额合计 ${yuan(usable.reduce((s, v) => s + v.remainingFen, 0))}` : '园区发放的科技创新券'} />
      {list.isError && !list.data && (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      )}
      {list.isLoading && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {list.data && items.length === 0 && (
        <Card>
          <Empty description="暂无创新券。园区发放后会通过站内消息通知您。" />
        </Card>
      )}
      <div className="yq-card-list">
        {items.map((v) => (
          <VoucherCard
            key={v.id}
            v={v}
            onOpen={() => {
              setOpenId(v.id);
              setRedeeming(false);
            }}
            onUse={() => {
              setOpenId(v.id);
              setRedeeming(true);
            }}
          />
        ))}
      </div>
      <Drawer
        open={!!openId}
        onClose={() => setOpenId(null)}
        placement={screens.md ? 'right' : 'bottom'}
        size={screens.md ? 480 : '88%'}
        title={redeeming ? '使用创新券' : '创新券详情'}
        destroyOnHidden
      >
        {openId && <VoucherDrawerBody id={openId} redeeming={redeeming} setRedeeming={setRedeeming} />}
      </Drawer>
    </>
  );
}

function VoucherCard({ v, onOpen, onUse }: { v: VoucherView; onOpen: () => void; onUse: () => void }) {
  const usedPercent = Math.round((v.redeemedFen / v.faceValueFen) * 100);
  const soon = v.status === 'active' && v.daysLeft <= 30;
  return (
    <Card size="small" className="yq-mobile-card" data-testid={`voucher-${v.number}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
        <div>
          <div style={{ fontSize: 12, color: '#667085' }}>
            创新券 <span className="yq-mono">{v.number}</span>
          </div>
          <div style={{ fontSize: 24, fontWeight: 600, color: v.status === 'active' ? '#0e7490' : '#98a2b3' }}>{yuan(v.faceValueFen)}</div>
        </div>
        <VoucherStatusTag status={v.status} />
      </div>
      <Progress percent={usedPercent} size="small" showInfo={false} />
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
        <span>
          可用余额 <Typography.Text strong>{yuan(v.remainingFen)}</Typography.Text>
        </span>
        <span style={{ color: soon ? '#b54708' : '#667085' }}>
          {v.status === 'active' ? (v.daysLeft >= 0 ? `有效期至 ${v.validUntil}(剩 ${v.daysLeft} 天)` : '已过有效期') : `有效期至 ${v.validUntil}`}
        </span>
      </div>
      <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>
        已抵用 {yuan(v.redeemedFen)} · 已兑付 {yuan(v.reimbursedFen)}
        {v.serviceTypes.length > 0 && ` · 限 ${v.serviceTypes.join('、')}`}
      </div>
      <Space style={{ marginTop: 8, width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onOpen}>使用记录</Button>
        {v.status === 'active' && v.remainingFen > 0 && v.daysLeft >= 0 && (
          <Button type="primary" onClick={onUse}>
            使用
          </Button>
        )}
      </Space>
    </Card>
  );
}

function VoucherDrawerBody({ id, redeeming, setRedeeming }: { id: string; redeeming: boolean; setRedeeming: (b: boolean) => void }) {
  const voucher = useVoucher(id);
  const v = voucher.data;
  if (voucher.isError) return <QueryError error={voucher.error} onRetry={() => voucher.refetch()} />;
  if (!v) return <Skeleton active />;
  if (redeeming) return <RedeemForm voucher={v} onDone={() => setRedeeming(false)} />;
  return (
    <>
      <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 12 }}>
        <div>
          <span className="yq-mono">{v.number}</span> <VoucherStatusTag status={v.status} />
        </div>
        <div>
          面额 {yuan(v.faceValueFen)} · 可用 <Typography.Text strong>{yuan(v.remainingFen)}</Typography.Text>
        </div>
        <div style={{ color: '#667085', fontSize: 13 }}>
          发放于 {v.issuedOn},有效期至 {v.validUntil}
          {v.releasedFen > 0 && `;到期/作废收回 ${yuan(v.releasedFen)}`}
        </div>
        {v.status === 'active' && v.remainingFen > 0 && v.daysLeft >= 0 && (
          <Button type="primary" block onClick={() => setRedeeming(true)}>
            使用创新券
          </Button>
        )}
      </Space>
      <Typography.Title level={5}>使用记录</Typography.Title>
      <List
        dataSource={v.redemptions}
        locale={{ emptyText: '尚未使用' }}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                <Typography.Text strong>{yuan(r.amountFen)}</Typography.Text>
                <RedemptionStatusTag status={r.status} />
              </div>
              <div style={{ fontSize: 13 }}>{r.providerName}</div>
              <div style={{ fontSize: 12, color: '#667085' }}>
                发票 <span className="yq-mono">{r.invoiceNo}</span> · {yuan(r.invoiceAmountFen)} · {formatDate(r.invoiceDate)}
                {r.serviceType && <Tag style={{ marginLeft: 4 }}>{r.serviceType}</Tag>}
              </div>
              {r.reviewNote && <div style={{ fontSize: 12, color: r.status === 'rejected' ? '#b42318' : '#667085' }}>审核意见:{r.reviewNote}</div>}
              {r.payoutVoucherNumber && <div style={{ fontSize: 12, color: '#667085' }}>兑付凭证 {r.payoutVoucherNumber}</div>}
              {r.hasFile && (
                <a href={invoiceUrl(r.id)} target="_blank" rel="noreferrer" style={{ fontSize: 12 }}>
                  <FileTextOutlined /> 查看发票
                </a>
              )}
            </div>
          </List.Item>
        )}
      />
    </>
  );
}
