import type { ReactNode } from 'react';
import { Button, Card, Tag, Typography } from 'antd';
import { RightOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { OPEN_POLICY_APPLICATION_STATUSES, type Me } from '@yuanqi/contract';
import { hasPermission } from '../../app/auth';
import { formatDate, formatMoney } from '../../components/format';
import { EmptyHint } from '../../components/EmptyHint';
import { usePolicyApplications, usePolicyGrants, useRecommended } from '../policies/api';
import { useApplicationList } from '../services/api';
import { ApplicationStatusTag as CaseStatusTag, ClockTag } from '../services/ApplicationBits';
import { useVoucherList } from './api';
import { useFirmMonths } from '../industry/reports/api';
import { Chip, Chips, Loaded, MoneyText, Row } from './bits';

/** Vouchers this close to their end date are a to-do (use them or lose them). */
const VOUCHER_WARN_DAYS = 30;

/** 为我推荐的政策: how much the firm may claim, and the three largest. */
function RecommendedCard() {
  const navigate = useNavigate();
  const rec = useRecommended();
  const data = rec.data;
  const top = data?.eligible.slice(0, 3) ?? [];
  return (
    <Card title="为我推荐的政策" className="yq-section" extra={<Link to="/my/policies">全部 <RightOutlined /></Link>}>
      <Loaded loading={rec.isLoading} error={rec.isError} rows={3}>
        {!data || (data.eligible.length === 0 && data.unknown.length === 0) ? (
          <EmptyHint description="暂未匹配到可享受的政策。补充企业数据后,平台会重新为您匹配">
            <Button onClick={() => navigate('/my/policy-data')}>补充企业数据</Button>
          </EmptyHint>
        ) : (
          <>
            <div className="yq-dash-hero">
              {data.eligible.length > 0 ? (
                <>
                  <span>符合条件 {data.eligible.length} 项,预计可享</span>
                  <span className="yq-dash-hero-value">{formatMoney(data.totalAmountFen)}</span>
                </>
              ) : (
                <span>暂无已确定符合条件的政策</span>
              )}
            </div>
            {top.length > 0 && (
              <div className="yq-dash-list">
                {top.map((p) => (
                  <Row
                    key={p.policyId}
                    to={`/my/policies/${p.policyId}`}
                    title={p.title}
                    sub={
                      <>
                        <Tag color={p.mode === 'auto' ? 'purple' : 'blue'}>{p.modeLabel}</Tag>
                        <span>{p.category}</span>
                        {p.validTo && <span>{formatDate(p.validTo)} 截止</span>}
                      </>
                    }
                    side={
                      <>
                        <MoneyText fen={p.match.amountFen} />
                        <span style={{ fontSize: 12, color: '#667085' }}>{p.grantStatus === 'awaiting' ? '待确认收款' : p.canApply ? '可申报' : p.mode === 'auto' ? '免申即享' : ''}</span>
                      </>
                    }
                  />
                ))}
              </div>
            )}
            {data.unknown.length > 0 && (
              <Link to="/my/policies" style={{ display: 'block', marginTop: 8, fontSize: 13 }}>
                另有 {data.unknown.length} 项政策补充数据后即可判断 <RightOutlined />
              </Link>
            )}
          </>
        )}
      </Loaded>
    </Card>
  );
}

/**
 * The enterprise's 工作台 block for 政务服务 and 政策兑现: counts (办件, 申报, money to confirm,
 * vouchers), then what waits for the firm itself — a grant's bank account, a returned 申报, a
 * 办件's 补正 or 容缺 materials, a voucher about to lapse — then the cases still running.
 * Each part shows only when the user may read it.
 */
export function EnterpriseBenefits({ me }: { me: Me }) {
  const readsPolicies = hasPermission(me, 'policy:read');
  const readsCases = hasPermission(me, 'application:read');
  const readsClaims = hasPermission(me, 'policy-application:read');
  const readsVouchers = hasPermission(me, 'voucher:read');

  const cases = useApplicationList({ state: 'open', sort: 'dueAt', page: 1, pageSize: 5 }, readsCases);
  const casesForMe = useApplicationList({ status: 'supplementing,rongque', sort: 'dueAt', page: 1, pageSize: 5 }, readsCases);
  const claims = usePolicyApplications({ status: OPEN_POLICY_APPLICATION_STATUSES.join(','), page: 1, pageSize: 5 }, readsClaims);
  const returned = usePolicyApplications({ status: 'returned', page: 1, pageSize: 5 }, readsClaims);
  const grants = usePolicyGrants({ status: 'awaiting', page: 1, pageSize: 5 }, readsClaims);
  const vouchers = useVoucherList({ status: 'active', page: 1, pageSize: 50 }, readsVouchers);
  // 经济运行月报: months not yet submitted (not started, draft, returned), with their due day
  const readsReports = hasPermission(me, 'industry:report') && !!me.enterpriseId;
  const reportMonths = useFirmMonths(undefined, readsReports);
  const openReports = (reportMonths.data?.months ?? []).filter((m) => m.status === null || m.status === 'draft' || m.status === 'returned');

  if (!readsPolicies && !readsCases && !readsClaims && !readsVouchers) return null;

  const voucherRemaining = vouchers.data ? vouchers.data.totals.faceValueFen - vouchers.data.totals.redeemedFen : undefined;
  const lapsing = (vouchers.data?.items ?? []).filter((v) => v.daysLeft <= VOUCHER_WARN_DAYS);
  const forMe = casesForMe.data?.items ?? [];
  const forMeIds = new Set(forMe.map((a) => a.id));
  const running = (cases.data?.items ?? []).filter((a) => !forMeIds.has(a.id)).slice(0, 3);

  const todos: ReactNode[] = [
    ...openReports.map((m) => (
      <Row
        key={`ir-${m.period}`}
        to={m.reportId ? `/industry/reports/${m.reportId}` : `/industry/reports/file?period=${m.period.slice(0, 7)}`}
        title={`${m.periodLabel}经济运行月报`}
        sub={<span>{m.status === 'returned' ? `被退回:${m.returnReason ?? '请修改后重新提交'}` : `请于 ${formatDate(m.dueOn)} 前报送`}</span>}
        side={
          <Tag color={(m.workingDaysLeft ?? 0) < 0 ? 'red' : m.status === 'returned' ? 'magenta' : 'orange'} style={{ marginInlineEnd: 0 }}>
            {(m.workingDaysLeft ?? 0) < 0 ? `逾期${-(m.workingDaysLeft ?? 0)}个工作日` : m.status === 'returned' ? '退回修改' : m.workingDaysLeft === 0 ? '今日截止' : `剩${m.workingDaysLeft}个工作日`}
          </Tag>
        }
      />
    )),
    ...(grants.data?.items ?? []).map((g) => (
      <Row
        key={`g-${g.id}`}
        to={`/policy-grants/${g.id}`}
        title={g.policyTitle}
        sub={<span>免申即享 · 请确认收款账户后拨付</span>}
        side={
          <>
            <MoneyText fen={g.amountFen} />
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              待确认
            </Tag>
          </>
        }
      />
    )),
    ...(returned.data?.items ?? []).map((a) => (
      <Row
        key={`r-${a.id}`}
        to={`/my/policy-applications/${a.id}`}
        title={a.policyTitle}
        sub={
          <>
            <span className="yq-mono">{a.number}</span>
            <span>申报被退回,请补正后重新提交</span>
          </>
        }
        side={
          <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
            退回补正
          </Tag>
        }
      />
    )),
    ...forMe.map((a) => (
      <Row
        key={`s-${a.id}`}
        to={`/services/applications/${a.id}`}
        title={a.itemName}
        sub={
          <>
            <span className="yq-mono">{a.number}</span>
            <span>{a.status === 'rongque' ? `容缺材料请于 ${a.rongqueDeadline ? formatDate(a.rongqueDeadline) : '期限'} 前补齐` : '请按一次性告知补正材料'}</span>
          </>
        }
        side={<CaseStatusTag status={a.status} label={a.statusLabel} />}
      />
    )),
    ...lapsing.map((v) => (
      <Row
        key={`v-${v.id}`}
        to="/my/vouchers"
        title={`创新券 ${v.number}`}
        sub={<span>余额 {formatMoney(v.remainingFen)},{formatDate(v.validUntil)} 到期</span>}
        side={
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {v.daysLeft <= 0 ? '今日到期' : `${v.daysLeft} 天后到期`}
          </Tag>
        }
      />
    )),
  ];
  const todoLoading = (readsReports && reportMonths.isLoading) || (readsClaims && (grants.isLoading || returned.isLoading)) || (readsCases && casesForMe.isLoading) || (readsVouchers && vouchers.isLoading);

  return (
    <div className="yq-narrow wide">
      {readsPolicies && <RecommendedCard />}
      <Card
        title="办事与兑现"
        className="yq-section"
        extra={
          hasPermission(me, 'service:read') ? (
            <Link to="/guide">
              <SearchOutlined /> 办事指南
            </Link>
          ) : undefined
        }
      >
        <Chips cols={4} xs={2}>
          {readsCases && <Chip to="/services/applications" label="在办办件" value={cases.data?.total} loading={cases.isLoading} />}
          {readsClaims && <Chip to="/my/policy-applications" label="政策申报中" value={claims.data?.total} loading={claims.isLoading} />}
          {readsClaims && <Chip to="/my/policy-applications?tab=grants" label="兑现待确认" value={grants.data?.total} tone="warn" loading={grants.isLoading} />}
          {readsVouchers && (
            <Chip
              to="/my/vouchers"
              label="可用创新券"
              value={vouchers.data?.total}
              sub={voucherRemaining !== undefined && vouchers.data?.total ? `余额 ${formatMoney(voucherRemaining)}` : undefined}
              loading={vouchers.isLoading}
            />
          )}
        </Chips>

        <div className="yq-dash-subhead" style={{ marginTop: 16 }}>
          <span>等我处理</span>
        </div>
        <Loaded loading={todoLoading} rows={2}>
          {todos.length === 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              没有等您处理的办件、申报或兑现
            </Typography.Text>
          ) : (
            <div className="yq-dash-list">{todos}</div>
          )}
        </Loaded>

        {readsCases && (
          <>
            <div className="yq-dash-subhead" style={{ marginTop: 16 }}>
              <span>办理中的办件</span>
              <Link to="/services/applications">我的办件</Link>
            </div>
            <Loaded loading={cases.isLoading} error={cases.isError} rows={2}>
              {running.length === 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {forMe.length > 0 ? '其余办件都在等您补材料' : '暂无办理中的办件。'}
                  {forMe.length === 0 && hasPermission(me, 'service:read') && <Link to="/guide">查找办事指南</Link>}
                </Typography.Text>
              ) : (
                <div className="yq-dash-list">
                  {running.map((a) => (
                    <Row
                      key={a.id}
                      to={`/services/applications/${a.id}`}
                      title={a.itemName}
                      sub={
                        <>
                          <span className="yq-mono">{a.number}</span>
                          <CaseStatusTag status={a.status} label={a.statusLabel} />
                        </>
                      }
                      side={<ClockTag a={a} />}
                    />
                  ))}
                </div>
              )}
            </Loaded>
          </>
        )}
      </Card>
    </div>
  );
}
