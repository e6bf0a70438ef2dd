import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Result, Typography } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { OPEN_POLICY_APPLICATION_STATUSES, type PolicyApplicationSummary, type PolicyGrantSummary } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { CaseSteps, MyCasesPage, useCaseTabs } from '../../components/case-kit';
import { formatDateTime, formatAmount } from '../../components/format';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useCreateApplication, usePolicy, usePolicyApplications, usePolicyGrants } from './api';
import { ApplicationCardFrame, applicationSteps, GrantStatusTag, periodText } from './bits';
import './policies.css';

const TABS = [
  { value: 'open', label: '办理中' },
  { value: 'done', label: '已办结' },
  { value: 'grants', label: '免申即享' },
] as const;
type Tab = (typeof TABS)[number]['value'];
const STATUS_OF_TAB: Record<Tab, string | undefined> = { open: OPEN_POLICY_APPLICATION_STATUSES.join(','), done: 'paid,rejected,withdrawn', grants: undefined };
const EMPTY: Record<Tab, string> = { open: '没有办理中的申报', done: '暂无已办结的申报', grants: '暂无免申即享兑现' };

function stepOf(status: PolicyApplicationSummary['status']): number {
  return { draft: 0, returned: 0, submitted: 1, first_passed: 2, approved: 3, publicity: 3, paid: 4, rejected: 1, withdrawn: 0 }[status];
}

function ApplicationCard({ a }: { a: PolicyApplicationSummary }) {
  return (
    <ApplicationCardFrame
      a={a}
      to={`/my/policy-applications/${a.id}`}
      title={a.policyTitle}
      meta={
        <>
          <span>{periodText(a.periodKey)}</span>
          <span>{a.paidAmountFen !== null ? `已拨付 ${formatAmount(a.paidAmountFen)}` : a.approvedAmountFen !== null ? `核定 ${formatAmount(a.approvedAmountFen)}` : `测算 ${formatAmount(a.estimatedAmountFen)}`}</span>
          {a.submittedAt && <span>提交于 {formatDateTime(a.submittedAt)}</span>}
        </>
      }
    >
      {a.status === 'returned' && (
        <Typography.Text type="warning" style={{ fontSize: 13, display: 'block', marginTop: 6 }}>
          已退回补正,请修改后重新提交
        </Typography.Text>
      )}
      {a.status !== 'withdrawn' && (
        <div style={{ marginTop: 10 }}>
          <CaseSteps {...applicationSteps({ ...a, step: stepOf(a.status) })} compact vertical={false} />
        </div>
      )}
    </ApplicationCardFrame>
  );
}

function GrantCard({ g }: { g: PolicyGrantSummary }) {
  const navigate = useNavigate();
  return (
    <Card className="yq-mobile-card yq-app-card" hoverable onClick={() => navigate(`/policy-grants/${g.id}`)}>
      <div className="yq-app-head">
        <span className="yq-reco-title">{g.policyTitle}</span>
        <GrantStatusTag status={g.status} />
      </div>
      <div className="yq-reco-meta">
        <span>{periodText(g.periodKey)}</span>
        <span className="yq-reco-amount" style={{ fontSize: 14 }}>
          {formatAmount(g.amountFen)}
        </span>
        {g.voucherNumber && <span>凭证 {g.voucherNumber}</span>}
      </div>
      {g.status === 'awaiting' && (
        <Button type="primary" block style={{ marginTop: 10 }} onClick={(e) => { e.stopPropagation(); navigate(`/policy-grants/${g.id}`); }}>
          确认收款账户
        </Button>
      )}
    </Card>
  );
}

/** 我的申报: the firm's applications with parcel-like progress, and its 免申即享 grants. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const cases = useCaseTabs(TABS);
  const { tab, page } = cases;
  const apps = usePolicyApplications({ status: STATUS_OF_TAB[tab], page, pageSize: 10 }, tab !== 'grants');
  const grants = usePolicyGrants({ page, pageSize: 10 }, tab === 'grants');
  const awaiting = usePolicyGrants({ status: 'awaiting', page: 1, pageSize: 1 });
  const list: typeof apps | typeof grants = tab === 'grants' ? grants : apps;
  return (
    <MyCasesPage<PolicyApplicationSummary | PolicyGrantSummary, Tab>
      title="我的申报"
      hint="申报进度随时可查"
      start={{ label: '为我推荐的政策', icon: <GiftOutlined />, to: '/my/policies' }}
      banners={
        (awaiting.data?.total ?? 0) > 0 &&
        tab !== 'grants' && (
          <Alert
            className="yq-section"
            type="success"
            showIcon
            title={`您有 ${awaiting.data!.total} 笔免申即享资金待确认收款账户`}
            action={
              <Button size="small" type="primary" onClick={() => cases.setTab('grants')}>
                去确认
              </Button>
            }
          />
        )
      }
      cases={cases}
      list={list}
      pageSize={10}
      empty={{
        description: EMPTY[tab],
        action: tab !== 'grants' && (
          <Button type="primary" onClick={() => navigate('/my/policies')}>
            看看可以申报的政策
          </Button>
        ),
      }}
      renderCard={(x) => ('number' in x ? <ApplicationCard a={x} /> : <GrantCard g={x} />)}
    />
  );
}

/**
 * `/my/policies/:id/apply`: continues the firm's live application for the policy, or starts one
 * prefilled from its data, then opens the form.
 */
export function ApplyStartPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const policy = usePolicy(id);
  const create = useCreateApplication();
  const started = useRef(false);
  const [error, setError] = useState<unknown>(null);
  const p = policy.data;
  useEffect(() => {
    if (!p || started.current) return;
    started.current = true;
    if (p.myApplicationId) {
      navigate(`/my/policy-applications/${p.myApplicationId}/edit`, { replace: true });
      return;
    }
    create
      .mutateAsync({ policyId: p.id })
      .then((a) => navigate(`/my/policy-applications/${a.id}/edit`, { replace: true }))
      .catch((e: unknown) => setError(e));
  }, [p, create, navigate]);
  if (policy.isError) {
    return (
      <div className="yq-narrow">
        <Card>
          <QueryError error={policy.error} what="政策" />
        </Card>
      </div>
    );
  }
  if (error) {
    return (
      <div className="yq-narrow">
        <Card>
          <Result status="warning" title="暂时不能申报" subTitle={errorMessage(error)} extra={<Button onClick={() => navigate(`/my/policies/${id}`)}>返回政策</Button>} />
        </Card>
      </div>
    );
  }
  return <PageLoading tip="正在按贵企业数据预填申报表…" />;
}
