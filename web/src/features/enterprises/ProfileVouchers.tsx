import { useState } from 'react';
import { Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { VOUCHER_STATUS_LABELS, type Enterprise, type VoucherStatus, type VoucherView } from '@yuanqi/contract';
import { hasPermission, useAuth } from '../../app/auth';
import { formatDate, formatMoney } from '../../components/format';
import { useVoucherList } from '../dashboard/api';
import { MoneyText, Row } from '../dashboard/bits';
import { ProfileList } from './ProfileList';

const PAGE_SIZE = 8;
const STATUS_COLORS: Record<VoucherStatus, string> = { active: 'green', used: 'default', expired: 'orange', revoked: 'red' };

function StatusTag({ v }: { v: VoucherView }) {
  return (
    <Tag color={STATUS_COLORS[v.status]} style={{ marginInlineEnd: 0 }}>
      {VOUCHER_STATUS_LABELS[v.status]}
    </Tag>
  );
}

/** 企业画像 · 创新券: the vouchers issued to the firm, what is used and what is left. */
export function ProfileVouchers({ enterprise, ownFirm, mobile }: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) {
  const { me } = useAuth();
  const [page, setPage] = useState(1);
  const list = useVoucherList({ enterpriseId: enterprise.id, page, pageSize: PAGE_SIZE }, true);
  const totals = list.data?.totals;
  const more = ownFirm ? '/my/vouchers' : hasPermission(me, 'voucher:manage') ? `/vouchers?q=${encodeURIComponent(enterprise.name)}` : null;

  const columns: TableProps<VoucherView>['columns'] = [
    {
      title: '券号',
      key: 'number',
      render: (_, v) => (
        <div>
          <span className="yq-mono">{v.number}</span>
          <div style={{ fontSize: 12, color: '#667085' }}>{formatDate(v.issuedOn)} 发放</div>
        </div>
      ),
    },
    { title: '资金', key: 'fund', render: (_, v) => v.fundName },
    { title: '面额', key: 'face', align: 'right', render: (_, v) => formatMoney(v.faceValueFen) },
    { title: '已使用', key: 'redeemed', align: 'right', render: (_, v) => formatMoney(v.redeemedFen) },
    { title: '余额', key: 'remaining', align: 'right', render: (_, v) => (v.status === 'active' ? <MoneyText fen={v.remainingFen} /> : '—') },
    {
      title: '有效期至',
      key: 'valid',
      render: (_, v) => (
        <span>
          {formatDate(v.validUntil)}
          {v.status === 'active' && v.daysLeft <= 30 && (
            <Tag color="orange" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
              {v.daysLeft <= 0 ? '今日到期' : `${v.daysLeft}天后到期`}
            </Tag>
          )}
        </span>
      ),
    },
    { title: '状态', key: 'status', render: (_, v) => <StatusTag v={v} /> },
  ];

  return (
    <>
      <div className="yq-dash-subhead">
        <span>
          创新券{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {list.data && totals ? `共 ${list.data.total} 张,面额 ${formatMoney(totals.faceValueFen)},已使用 ${formatMoney(totals.redeemedFen)},已兑付服务机构 ${formatMoney(totals.reimbursedFen)}` : ''}
          </Typography.Text>
        </span>
        {more && <Link to={more}>{ownFirm ? '我的创新券' : '创新券管理'}</Link>}
      </div>
      <ProfileList
        query={list}
        mobile={mobile}
        columns={columns}
        unit="张"
        empty="还没有发放给该企业的创新券"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        renderRow={(v) => (
          <Row
            key={v.id}
            title={`${v.number} · ${v.fundName}`}
            sub={
              <>
                <span>面额 {formatMoney(v.faceValueFen)}</span>
                <span>{formatDate(v.validUntil)} 到期</span>
                <StatusTag v={v} />
              </>
            }
            side={v.status === 'active' ? <MoneyText fen={v.remainingFen} /> : undefined}
          />
        )}
      />
    </>
  );
}
