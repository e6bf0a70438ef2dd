import { useState } from 'react';
import { Button, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { GRANT_STATUS_LABELS, PAYOUT_SOURCE_LABELS, type Enterprise, type EnterprisePolicyMatches, type PayoutView, type PolicyApplicationSummary } from '@yuanqi/contract';
import { hasPermission, useAuth } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatAmount } from '../../components/format';
import { useGrantList, usePayoutList } from '../dashboard/api';
import { Row } from '../dashboard/bits';
import { useEnterprisePolicyMatches, usePolicyApplications } from '../policies/api';
import { ApplicationStatusTag, MatchStatusTag, ModeTag } from '../policies/bits';
import { ProfileList } from './ProfileList';

const PAGE_SIZE = 8;

type MatchItem = EnterprisePolicyMatches['items'][number];

/** What the firm has done with a policy it matches: its 申报's state, a 免申即享 grant, or nothing yet. */
function Progress({ m }: { m: MatchItem }) {
  if (m.applicationStatus) return <ApplicationStatusTag status={m.applicationStatus} />;
  if (m.grantStatus) return <Tag color={m.grantStatus === 'paid' ? 'green' : m.grantStatus === 'awaiting' ? 'gold' : 'default'}>{GRANT_STATUS_LABELS[m.grantStatus]}</Tag>;
  return <Typography.Text type="secondary">{m.match.status === 'eligible' ? (m.mode === 'auto' ? '待兑现' : '未申报') : '—'}</Typography.Text>;
}

function amountOf(a: PolicyApplicationSummary): number | null {
  return a.paidAmountFen ?? a.approvedAmountFen ?? a.requestedAmountFen ?? a.estimatedAmountFen;
}

/** 匹配的政策: the stored matches, eligible and "data missing" ones; the ineligible only counted. */
function Matches({ enterprise, ownFirm, mobile }: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) {
  const matches = useEnterprisePolicyMatches(enterprise.id);
  const [expanded, setExpanded] = useState(false);
  if (matches.isLoading) return <Table size="small" loading columns={[]} />;
  if (matches.isError) return <QueryError error={matches.error} onRetry={() => matches.refetch()} />;
  const all = matches.data?.items ?? [];
  const shown = all.filter((m) => m.match.status !== 'ineligible');
  const eligible = all.filter((m) => m.match.status === 'eligible');
  const untouched = eligible.filter((m) => !m.applicationId && !m.grantId);
  const untouchedFen = untouched.reduce((s, m) => s + (m.match.amountFen ?? 0), 0);
  const policyLink = (m: MatchItem) => (ownFirm ? `/my/policies/${m.policyId}` : `/policies/${m.policyId}`);

  const columns: TableProps<MatchItem>['columns'] = [
    {
      title: '政策',
      key: 'title',
      render: (_, m) => (
        <div style={{ maxWidth: 340 }}>
          <Link to={policyLink(m)}>{m.title}</Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            {m.category}
            {m.docNumber ? ` · ${m.docNumber}` : ''}
          </div>
        </div>
      ),
    },
    { title: '方式', key: 'mode', render: (_, m) => <ModeTag mode={m.mode} /> },
    { title: '匹配', key: 'match', render: (_, m) => <MatchStatusTag status={m.match.status} label={m.match.statusLabel} /> },
    { title: '预计金额', key: 'amount', align: 'right', render: (_, m) => formatAmount(m.match.amountFen) },
    { title: '进度', key: 'progress', render: (_, m) => <Progress m={m} /> },
  ];

  return (
    <>
      <div className="yq-dash-subhead">
        <span>
          匹配的政策{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            符合条件 {eligible.length} 项
            {untouched.length > 0 ? `,其中未申报/未兑现 ${untouched.length} 项,预计 ${formatAmount(untouchedFen)}` : ''}
          </Typography.Text>
        </span>
        {ownFirm && <Link to="/my/policies">为我推荐的政策</Link>}
      </div>
      {shown.length === 0 ? (
        <EmptyHint description={all.length ? `暂无符合条件的政策(${all.length} 项政策均不符合)` : '暂无政策匹配结果'} />
      ) : mobile ? (
        <div className="yq-dash-list">
          {(expanded ? shown : shown.slice(0, PAGE_SIZE)).map((m) => (
            <Row
              key={m.policyId}
              to={policyLink(m)}
              title={m.title}
              sub={
                <>
                  <ModeTag mode={m.mode} />
                  <MatchStatusTag status={m.match.status} label={m.match.statusLabel} />
                  <Progress m={m} />
                </>
              }
              side={m.match.amountFen === null ? undefined : <span className="yq-dash-money">{formatAmount(m.match.amountFen)}</span>}
            />
          ))}
          {!expanded && shown.length > PAGE_SIZE && (
            <Button type="link" block onClick={() => setExpanded(true)}>
              显示全部 {shown.length} 项
            </Button>
          )}
        </div>
      ) : (
        <Table<MatchItem>
          rowKey="policyId"
          size="small"
          columns={columns}
          dataSource={shown}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true, showSizeChanger: false }}
        />
      )}
      {all.length > shown.length && shown.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          另有 {all.length - shown.length} 项政策经判断不符合条件
        </Typography.Text>
      )}
    </>
  );
}

/** 政策申报: the firm's 申报, newest first. */
function Applications({ enterprise, ownFirm, mobile }: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) {
  const [page, setPage] = useState(1);
  const list = usePolicyApplications({ enterpriseId: enterprise.id, page, pageSize: PAGE_SIZE });
  const link = (a: PolicyApplicationSummary) => (ownFirm ? `/my/policy-applications/${a.id}` : `/policy-applications/${a.id}`);
  const columns: TableProps<PolicyApplicationSummary>['columns'] = [
    {
      title: '申报编号',
      key: 'number',
      render: (_, a) => (
        <div>
          <Link to={link(a)} className="yq-mono">
            {a.number}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>{a.submittedAt ? `${formatDate(a.submittedAt)} 提交` : '未提交'}</div>
        </div>
      ),
    },
    {
      title: '政策',
      key: 'policy',
      render: (_, a) => (
        <div style={{ maxWidth: 320 }}>
          {a.policyTitle}
          <div style={{ fontSize: 12, color: '#667085' }}>兑付期间 {a.periodKey}</div>
        </div>
      ),
    },
    { title: '状态', key: 'status', render: (_, a) => <ApplicationStatusTag status={a.status} label={a.statusLabel} /> },
    { title: '金额', key: 'amount', align: 'right', render: (_, a) => <span className="yq-dash-money">{formatAmount(amountOf(a))}</span> },
  ];
  return (
    <>
      <div className="yq-dash-subhead">
        <span>
          政策申报{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {list.data ? `共 ${list.data.total} 件` : ''}
          </Typography.Text>
        </span>
        {ownFirm && <Link to="/my/policy-applications">我的申报</Link>}
      </div>
      <ProfileList
        query={list}
        mobile={mobile}
        columns={columns}
        unit="件"
        empty="还没有政策申报"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        renderRow={(a) => (
          <Row
            key={a.id}
            to={link(a)}
            title={a.policyTitle}
            sub={
              <>
                <span className="yq-mono">{a.number}</span>
                <ApplicationStatusTag status={a.status} label={a.statusLabel} />
              </>
            }
            side={<span className="yq-dash-money">{formatAmount(amountOf(a))}</span>}
          />
        )}
      />
    </>
  );
}

/** 拨付记录: money the firm received (paid payouts; reversed ones are on the full ledger). */
function Payouts({ enterprise, ownFirm, mobile }: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) {
  const [page, setPage] = useState(1);
  const list = usePayoutList({ enterpriseId: enterprise.id, status: 'paid', page, pageSize: PAGE_SIZE }, true);
  const what = (p: PayoutView) => p.policyTitle ?? p.memo ?? PAYOUT_SOURCE_LABELS[p.source];
  const columns: TableProps<PayoutView>['columns'] = [
    { title: '拨付日期', key: 'paidAt', render: (_, p) => formatDate(p.paidAt) },
    {
      title: '事由',
      key: 'what',
      render: (_, p) => (
        <div style={{ maxWidth: 340 }}>
          {what(p)}
          <div style={{ fontSize: 12, color: '#667085' }}>
            {p.fundName} · <span className="yq-mono">{p.voucherNumber}</span>
          </div>
        </div>
      ),
    },
    { title: '来源', key: 'source', render: (_, p) => <Tag>{PAYOUT_SOURCE_LABELS[p.source]}</Tag> },
    { title: '金额', key: 'amount', align: 'right', render: (_, p) => <span className="yq-dash-money">{formatAmount(p.amountFen)}</span> },
  ];
  return (
    <>
      <div className="yq-dash-subhead">
        <span>
          已获拨付{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {list.data ? `${list.data.total} 笔,合计 ${formatAmount(list.data.totalAmountFen)}` : ''}
          </Typography.Text>
        </span>
        <Link to={ownFirm ? '/my/payouts' : `/payouts?enterpriseId=${enterprise.id}`}>全部拨付记录</Link>
      </div>
      <ProfileList
        query={list}
        mobile={mobile}
        columns={columns}
        unit="笔"
        empty="还没有拨付记录"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        renderRow={(p) => (
          <Row
            key={p.id}
            title={what(p)}
            sub={
              <>
                <span>{formatDate(p.paidAt)}</span>
                <span>{PAYOUT_SOURCE_LABELS[p.source]}</span>
              </>
            }
            side={<span className="yq-dash-money">{formatAmount(p.amountFen)}</span>}
          />
        )}
      />
    </>
  );
}

/** 免申即享 money granted and waiting for the firm's bank account. */
function AwaitingGrants({ enterprise }: { enterprise: Enterprise }) {
  const grants = useGrantList({ enterpriseId: enterprise.id, status: 'awaiting', page: 1, pageSize: 5 }, true);
  const items = grants.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <div className="yq-dash-subhead">
        <span>
          免申即享待确认账户{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {grants.data!.total} 笔
          </Typography.Text>
        </span>
      </div>
      <div className="yq-dash-list">
        {items.map((g) => (
          <Row
            key={g.id}
            to={`/policy-grants/${g.id}`}
            title={g.policyTitle}
            sub={<span>{formatDate(g.createdAt)} 发放,待确认收款账户后拨付</span>}
            side={<span className="yq-dash-money">{formatAmount(g.amountFen)}</span>}
          />
        ))}
      </div>
    </>
  );
}

/**
 * 企业画像 · 政策兑现: the policies the firm matches (with amounts and what became of them), its
 * 申报, 免申即享 money waiting for it, and the payouts it received — each part only for a reader
 * who may see it.
 */
export function ProfilePolicies({ enterprise, ownFirm, mobile }: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) {
  const { me } = useAuth();
  const readsClaims = hasPermission(me, 'policy-application:read');
  return (
    <>
      {hasPermission(me, 'policy:read') && <Matches enterprise={enterprise} ownFirm={ownFirm} mobile={mobile} />}
      {readsClaims && <AwaitingGrants enterprise={enterprise} />}
      {readsClaims && <Applications enterprise={enterprise} ownFirm={ownFirm} mobile={mobile} />}
      {(readsClaims || hasPermission(me, 'fund:read')) && <Payouts enterprise={enterprise} ownFirm={ownFirm} mobile={mobile} />}
    </>
  );
}
