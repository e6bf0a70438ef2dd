import type { ReactNode } from 'react';
import { App, Button, Card, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileDoneOutlined, FileTextOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { formatSize } from '../../components/files';
import { formatDate, formatDateTime, formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { useMe } from '../../app/auth';
import { policyDocumentUrl, useCreateApplication, usePolicy } from './api';
import { MatchStatusTag, MissingList, ModeTag } from './bits';
import { supplyLink } from './MyPoliciesPage';
import './policies.css';

function Kv({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="yq-kv">
      <span>{label}</span>
      <span>{children}</span>
    </div>
  );
}

/** A policy in plain words for the firm: who qualifies, how much, how to get it, and where it stands. */
export function MyPolicyDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const policy = usePolicy(id);
  const create = useCreateApplication();
  const p = policy.data;
  if (policy.isLoading || policy.isError || !p) return <RecordLoadCard query={policy} what="政策" narrow />;
  const m = p.myMatch;
  const version = p.currentVersion;
  const apply = async () => {
    if (p.myApplicationId) return navigate(`/my/policy-applications/${p.myApplicationId}`);
    const a = await create.mutateAsync({ policyId: p.id });
    message.success('已按贵企业数据预填申报表,请核对后提交');
    navigate(`/my/policy-applications/${a.id}/edit`);
  };
  return (
    <div className="yq-narrow">
      <PageHeader
        title="政策详情"
        docTitle={p.title}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/my/policies'))}>
            返回
          </Button>
        }
      />
      <Card className="yq-section">
        <Typography.Title level={4} style={{ margin: '0 0 4px', overflowWrap: 'anywhere' }}>
          {p.title}
        </Typography.Title>
        <div className="yq-reco-meta">
          <ModeTag mode={p.mode} />
          <span>{p.category}</span>
          {p.docNumber && <span>{p.docNumber}</span>}
          {p.issuer && <span>{p.issuer}</span>}
        </div>
        {m && (
          <div style={{ marginTop: 12 }}>
            <div className="yq-test-head">
              <MatchStatusTag status={m.status} label={m.status === 'eligible' ? '贵企业符合条件' : m.status === 'unknown' ? '需补充数据' : '暂不符合'} />
              {m.status === 'eligible' && m.amountFen !== null && (
                <span>
                  预计可享 <strong className="yq-reco-amount">{formatAmount(m.amountFen)}</strong>
                </span>
              )}
            </div>
            {m.reasons.length > 0 && (
              <ul className="yq-reco-reasons">
                {m.reasons.map((t, i) => (
                  <li key={i} className={/未填报|需补充|✗|\?/.test(t) ? 'no' : undefined}>
                    {t.replace(/\s*(✓|✗|\?\(数据不全\))\s*$/, '')}
                  </li>
                ))}
              </ul>
            )}
            {m.status === 'unknown' && (
              <div style={{ marginTop: 8 }}>
                <MissingList items={m.missing} />
                <Button type="primary" ghost icon={<EditOutlined />} style={{ marginTop: 8 }} onClick={() => navigate(supplyLink(m.missing, me.enterpriseId))}>
                  去补充数据
                </Button>
              </div>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
              匹配时间 {formatDateTime(m.computedAt)}
            </Typography.Text>
          </div>
        )}
        <div style={{ marginTop: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {p.mode === 'apply' && p.myApplicationId && (
            <Button type="primary" icon={<FileDoneOutlined />} onClick={() => navigate(`/my/policy-applications/${p.myApplicationId}`)} block>
              查看我的申报
            </Button>
          )}
          {p.mode === 'apply' && !p.myApplicationId && p.allowedActions.includes('apply') && (
            <Button type="primary" size="large" icon={<FileDoneOutlined />} onClick={() => void apply()} loading={create.isPending} block>
              我要申报
            </Button>
          )}
          {p.mode === 'auto' && p.myGrantId && (
            <Button type="primary" size="large" onClick={() => navigate(`/policy-grants/${p.myGrantId}`)} block>
              查看兑现 / 确认收款账户
            </Button>
          )}
          {p.mode === 'auto' && !p.myGrantId && (
            <Typography.Text type="secondary">免申即享:无需申报。符合条件的,政策兑现时系统会通知您确认收款账户。</Typography.Text>
          )}
        </div>
      </Card>

      {version?.description && (
        <Card title="享受条件和标准" className="yq-section">
          <div className="yq-rule-text">{version.description}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            现行标准自 {formatDate(version.effectiveFrom)} 起执行
          </Typography.Text>
        </Card>
      )}
      {p.summary && (
        <Card title="政策说明" className="yq-section">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.summary}</Typography.Paragraph>
        </Card>
      )}
      {p.mode === 'apply' && version && version.materials.length > 0 && (
        <Card title="申报需要的材料" className="yq-section">
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {version.materials.map((mat, i) => (
              <li key={i}>
                {mat.name}
                {mat.required ? '' : '(选交)'}
                {mat.hint && <div style={{ fontSize: 12, color: '#667085' }}>{mat.hint}</div>}
              </li>
            ))}
          </ol>
        </Card>
      )}
      <Card title="其他信息" className="yq-section">
        <Kv label="有效期">
          {formatDate(p.validFrom)} 至 {p.validTo ? formatDate(p.validTo) : '长期'}
        </Kv>
        {p.contact && <Kv label="咨询">{p.contact}</Kv>}
        {p.documents.map((d) => (
          <div key={d.id} className="yq-file">
            <FileTextOutlined />
            <a href={policyDocumentUrl(p.id, d.id)} download={d.filename}>
              {d.kindLabel}:{d.filename}
            </a>
            <span style={{ color: '#98a2b3', fontSize: 12, flex: 'none' }}>{formatSize(d.size)}</span>
          </div>
        ))}
      </Card>
    </div>
  );
}
