import { useState } from 'react';
import { Button, Card, Input, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd';
import { EditOutlined, FileDoneOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { missingText, type MissingItem, type PolicySummary, type RecommendedPolicy } from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDate, formatDateTime, formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { usePolicyList, useRecommended } from './api';
import { GrantStatusTag, ModeTag } from './bits';
import './policies.css';

/** Where the firm supplies a missing item: reported data on the data page, registry fields on its profile. */
export function supplyLink(items: MissingItem[], enterpriseId: string | null): string {
  const fact = items.find((m) => m.kind === 'fact');
  if (fact) return `/my/policy-data?year=${fact.year ?? ''}&focus=${encodeURIComponent(fact.key)}`;
  return enterpriseId ? `/enterprises/${enterpriseId}` : '/my/policy-data';
}

function RecommendationCard({ r, enterpriseId }: { r: RecommendedPolicy; enterpriseId: string }) {
  const navigate = useNavigate();
  const unknown = r.match.status === 'unknown';
  return (
    <Card className="yq-mobile-card yq-reco-card">
      <div className="yq-reco-head">
        <Link to={`/my/policies/${r.policyId}`} className="yq-reco-title">
          {r.title}
        </Link>
        {!unknown && r.match.amountFen !== null && <span className="yq-reco-amount">{formatAmount(r.match.amountFen)}</span>}
      </div>
      <div className="yq-reco-meta">
        <ModeTag mode={r.mode} />
        <span>{r.category}</span>
        {r.docNumber && <span>{r.docNumber}</span>}
        {r.validTo && <span>截止 {formatDate(r.validTo)}</span>}
      </div>
      {r.match.reasons.length > 0 && (
        <ul className="yq-reco-reasons">
          {r.match.reasons.slice(0, unknown ? 2 : 3).map((t, i) => (
            <li key={i} className={/\?|未填报|需补充/.test(t) ? 'no' : undefined}>
              {t.replace(/\s*(✓|✗|\?\(数据不全\))\s*$/, '')}
            </li>
          ))}
        </ul>
      )}
      {unknown && r.match.missing.length > 0 && (
        <div className="yq-missing" style={{ marginTop: 8 }}>
          <span className="yq-missing-label">请补充:</span>
          {r.match.missing.map((m) => (
            <Tag key={`${m.kind}:${m.key}:${m.year ?? ''}`} color="orange" style={{ marginInlineEnd: 4 }}>
              {missingText(m)}
            </Tag>
          ))}
        </div>
      )}
      <div className="yq-reco-actions">
        {unknown ? (
          <Button type="primary" ghost icon={<EditOutlined />} onClick={() => navigate(supplyLink(r.match.missing, enterpriseId))}>
            去补充数据
          </Button>
        ) : r.mode === 'auto' ? (
          r.grantId ? (
            <Button type="primary" onClick={() => navigate(`/policy-grants/${r.grantId}`)}>
              {r.grantStatus === 'awaiting' ? '确认收款账户' : '查看兑现'}
            </Button>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              免申即享:无需申报,兑现时将通知您确认收款账户
            </Typography.Text>
          )
        ) : r.canApply ? (
          <Button type="primary" icon={<FileDoneOutlined />} onClick={() => navigate(`/my/policies/${r.policyId}/apply`)}>
            我要申报
          </Button>
        ) : null}
        {r.grantStatus && <GrantStatusTag status={r.grantStatus} />}
        <Button type="link" onClick={() => navigate(`/my/policies/${r.policyId}`)} style={{ paddingInline: 0 }}>
          政策详情 <RightOutlined />
        </Button>
      </div>
    </Card>
  );
}

function AllPolicies() {
  const navigate = useNavigate();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = usePolicyList({ q, status: 'published', page, pageSize: 10 });
  return (
    <div className="yq-card-list">
      <Input.Search allowClear placeholder="搜索政策名称、文号" onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} enterButton aria-label="搜索政策" />
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
      {list.data?.items.length === 0 && (
        <Card>
          <EmptyHint description="没有找到相关政策" />
        </Card>
      )}
      {list.data?.items.map((p: PolicySummary) => (
        <Card key={p.id} className="yq-mobile-card yq-reco-card" hoverable onClick={() => navigate(`/my/policies/${p.id}`)}>
          <div className="yq-reco-head">
            <span className="yq-reco-title">{p.title}</span>
            <ModeTag mode={p.mode} />
          </div>
          <div className="yq-reco-meta">
            <span>{p.category}</span>
            {p.docNumber && <span>{p.docNumber}</span>}
          </div>
          {p.summary && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0', fontSize: 13 }}>
              {p.summary}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
      {list.data && list.data.total > 10 && <Pagination simple align="center" current={page} pageSize={10} total={list.data.total} onChange={setPage} />}
    </div>
  );
}

/** 为我推荐的政策: what the firm can get now (with reasons) and what it could get after supplying data. */
export function MyPoliciesPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'all' ? 'all' : 'mine';
  const reco = useRecommended(undefined, tab === 'mine');
  const r = reco.data;
  return (
    <div className="yq-narrow">
      <PageHeader
        title="为我推荐的政策"
        subTitle={r?.computedAt ? `按贵企业最新数据匹配 · ${formatDateTime(r.computedAt)}` : '按企业数据精准匹配,看得懂、办得快'}
        extra={
          <Button icon={<FileDoneOutlined />} onClick={() => navigate('/my/policy-applications')}>
            我的申报
          </Button>
        }
      />
      <Segmented
        block
        value={tab}
        options={[
          { value: 'mine', label: '为我推荐' },
          { value: 'all', label: '全部政策' },
        ]}
        onChange={(v) => setParams(v === 'all' ? { tab: 'all' } : {})}
        style={{ marginBottom: 12 }}
      />
      {tab === 'all' ? (
        <AllPolicies />
      ) : reco.isError && !r ? (
        <Card>
          <QueryError error={reco.error} onRetry={() => reco.refetch()} />
        </Card>
      ) : reco.isLoading || !r ? (
        <div className="yq-card-list">
          {Array.from({ length: 3 }, (_, i) => (
            <Card key={i} className="yq-mobile-card">
              <Skeleton active paragraph={{ rows: 3 }} />
            </Card>
          ))}
        </div>
      ) : (
        <div className="yq-card-list">
          {r.eligible.length > 0 && (
            <div className="yq-reco-total">
              <div>
                <div className="yq-reco-total-label">{r.enterpriseName} 现可享受 {r.eligible.length} 项政策,预计</div>
                <div className="yq-reco-total-value">{formatAmount(r.totalAmountFen)}</div>
              </div>
            </div>
          )}
          {r.eligible.length === 0 && r.unknown.length === 0 && (
            <Card>
              <EmptyHint description="暂未匹配到贵企业可享受的政策。企业数据更新后会重新匹配。">
                <Button onClick={() => setParams({ tab: 'all' })}>浏览全部政策</Button>
              </EmptyHint>
            </Card>
          )}
          {r.eligible.map((x) => (
            <RecommendationCard key={x.policyId} r={x} enterpriseId={r.enterpriseId} />
          ))}
          {r.unknown.length > 0 && (
            <>
              <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                补充数据后可判断({r.unknown.length} 项)
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                以下政策需要贵企业补充部分数据才能确定是否符合。
              </Typography.Text>
              {r.unknown.map((x) => (
                <RecommendationCard key={x.policyId} r={x} enterpriseId={r.enterpriseId} />
              ))}
            </>
          )}
        </div>
      )}
    </div>
  );
}
