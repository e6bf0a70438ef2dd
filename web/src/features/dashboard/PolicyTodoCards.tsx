import { Card, Col, Progress, Row as Grid, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Me } from '@yuanqi/contract';
import { hasPermission } from '../../app/auth';
import { dayjs, formatDate, formatMoney, toParkTime } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { usePolicyGrants, usePolicyStats } from '../policies/api';
import { useActiveFunds, useActivePublicity } from './api';
import { Chip, Chips, Loaded, MoneyText, Row, SubHead } from './bits';

const REVIEW = '/policy-applications';

/** 今日结束 / 明日结束 / M月D日结束, from the end instant in park time. */
function endsText(endsAt: string): { text: string; soon: boolean } {
  const end = toParkTime(endsAt).startOf('day');
  const today = dayjs().tz('Asia/Shanghai').startOf('day');
  const days = end.diff(today, 'day');
  if (days <= 0) return { text: '今日结束', soon: true };
  if (days === 1) return { text: '明日结束', soon: true };
  return { text: `${toParkTime(endsAt).format('M月D日')}结束`, soon: false };
}

/**
 * The policy window's to-dos: the 初审/复审 queues, what waits for 公示 and for payout, the 公示
 * batches running out, objections to handle and 免申即享 grants still waiting for the firm's
 * bank account.
 */
export function PolicyTodoCard({ me }: { me: Me }) {
  const wide = !!useScreens().lg;
  const stats = usePolicyStats();
  const publicity = useActivePublicity(true);
  const grants = usePolicyGrants({ status: 'awaiting', page: 1, pageSize: 4 }, hasPermission(me, 'policy-application:read'));
  const s = stats.data;
  const loading = stats.isLoading;
  const batches = [...(publicity.data?.items ?? [])].sort((a, b) => a.endsAt.localeCompare(b.endsAt));

  return (
    <Card title="政策兑现待办" style={{ height: '100%' }} extra={<Link to={REVIEW}>申报审核 <RightOutlined /></Link>}>
      <Chips cols={wide ? 6 : 3} xs={3}>
        <Chip to={`${REVIEW}?queue=first`} label="待初审" value={s?.queue.first} tone="warn" loading={loading} />
        <Chip to={`${REVIEW}?queue=second`} label="待复审" value={s?.queue.second} tone="warn" loading={loading} />
        <Chip to={`${REVIEW}?queue=publicity`} label="待公示" value={s?.queue.publicity} loading={loading} />
        <Chip to={`${REVIEW}?queue=payout`} label="公示期满待拨付" value={s?.queue.payout} tone="warn" loading={loading} />
        <Chip to="/policy-publicity" label="公示异议" value={s?.openObjections} tone="danger" loading={loading} />
        <Chip to="/policy-runs" label="免申即享待确认" value={s?.grantsAwaiting} loading={loading} />
      </Chips>
      {stats.isError && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          暂时无法读取队列数字,请稍后刷新
        </Typography.Text>
      )}
      <Grid gutter={[24, 8]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <SubHead extra={<Link to="/policy-publicity">全部公示</Link>}>公示中的批次</SubHead>
          <Loaded loading={publicity.isLoading} error={publicity.isError} rows={2}>
            {batches.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                当前没有公示中的批次
              </Typography.Text>
            ) : (
              <div className="yq-dash-list">
                {batches.map((b) => {
                  const ends = endsText(b.endsAt);
                  return (
                    <Row
                      key={b.id}
                      to={`/policy-publicity/${b.id}`}
                      title={b.title}
                      sub={
                        <>
                          <span className="yq-mono">{b.number}</span>
                          <span>
                            {b.itemCount} 家 · {formatMoney(b.totalAmountFen)}
                          </span>
                          {b.openObjections > 0 && <Tag color="red">异议 {b.openObjections}</Tag>}
                        </>
                      }
                      side={
                        <Tag color={ends.soon ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>
                          {ends.text}
                        </Tag>
                      }
                    />
                  );
                })}
              </div>
            )}
          </Loaded>
        </Col>
        <Col xs={24} lg={12}>
          <SubHead extra={<span className="yq-dash-subhead-note">{grants.data ? `共 ${grants.data.total} 笔` : ''}</span>}>免申即享待企业确认账户</SubHead>
          <Loaded loading={grants.isLoading} error={grants.isError} rows={2}>
            {(grants.data?.items.length ?? 0) === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                没有待确认的免申即享资金
              </Typography.Text>
            ) : (
              <div className="yq-dash-list">
                {grants.data!.items.map((g) => (
                  <Row
                    key={g.id}
                    to={`/policy-grants/${g.id}`}
                    title={g.enterpriseName}
                    sub={
                      <>
                        <span>{g.policyTitle}</span>
                        <span>{formatDate(g.createdAt)} 发放</span>
                      </>
                    }
                    side={<MoneyText fen={g.amountFen} />}
                  />
                ))}
              </div>
            )}
          </Loaded>
        </Col>
      </Grid>
    </Card>
  );
}

/** 专项资金 balances: what is left to pay out, the funds nearest exhaustion first. */
export function FundBalanceCard() {
  const funds = useActiveFunds(true);
  const items = [...(funds.data?.items ?? [])].sort((a, b) => b.burnPercent - a.burnPercent).slice(0, 5);
  const totals = funds.data?.totals;
  return (
    <Card title="专项资金余额" style={{ height: '100%' }} extra={<Link to="/funds">资金台账 <RightOutlined /></Link>}>
      <Loaded loading={funds.isLoading} error={funds.isError} rows={4}>
        {!totals || items.length === 0 ? (
          <Typography.Text type="secondary">暂无在用的专项资金</Typography.Text>
        ) : (
          <>
            <div className="yq-dash-hero">
              <span className="yq-dash-hero-value">{formatMoney(totals.availableFen)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                可用 · 预算 {formatMoney(totals.budgetFen)} · 已拨付 {totals.burnPercent}%
              </Typography.Text>
            </div>
            {items.map((f) => (
              <Link key={f.id} to={`/funds/${f.id}`} className="yq-dash-fund">
                <div className="yq-dash-fund-head">
                  <span>{f.name}</span>
                  <span style={{ whiteSpace: 'nowrap', color: f.availableFen <= 0 ? '#d92d20' : undefined }}>可用 {formatMoney(f.availableFen)}</span>
                </div>
                <Progress
                  percent={Math.min(100, f.burnPercent + (f.budgetFen ? (f.reservedFen / f.budgetFen) * 100 : 0))}
                  success={{ percent: f.burnPercent }}
                  showInfo={false}
                  size="small"
                  status={f.burnPercent >= 90 ? 'exception' : 'normal'}
                />
              </Link>
            ))}
            {(funds.data?.items.length ?? 0) > items.length && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                另有 {funds.data!.items.length - items.length} 项资金,<Link to="/funds">查看全部</Link>
              </Typography.Text>
            )}
          </>
        )}
      </Loaded>
    </Card>
  );
}
