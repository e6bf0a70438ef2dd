import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Skeleton, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  DeleteOutlined,
  EditOutlined,
  FileTextOutlined,
  PlusOutlined,
  ReloadOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  POLICY_DOCUMENT_KIND_LABELS,
  POLICY_DOCUMENT_KINDS,
  type PolicyDetail,
  type PolicyDocumentKind,
  type PolicyVersionView,
} from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { hasPermission, useMe } from '../../app/auth';
import { formatSize } from '../../components/files';
import { formatDate, formatDateTime, formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { deletePolicyDocument, policyDocumentUrl, policyKeys, usePolicy, usePublishPolicy, useWithdrawPolicy, uploadPolicyDocument } from './api';
import { JobProgressBar, ModeTag, PolicyStatusTag } from './bits';
import { PolicyApplicationsTab } from './PolicyApplicationsTab';
import { PolicyInfoDrawer } from './PolicyForm';
import { PolicyMatchesTab } from './PolicyMatchesTab';
import { PolicyRunsTab } from './PolicyRunsTab';
import { RuleTestPanel } from './RuleTestPanel';
import './policies.css';

const VERSION_COLORS: Record<PolicyVersionView['status'], string> = { draft: 'default', published: 'green', superseded: 'default' };

function VersionsTable({ p }: { p: PolicyDetail }) {
  return (
    <Table<PolicyVersionView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...p.versions].sort((a, b) => b.versionNo - a.versionNo)}
      columns={[
        { title: '版本', dataIndex: 'versionNo', width: 70, render: (v: number) => `第${v}版` },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: PolicyVersionView['status'], v) => <Tag color={VERSION_COLORS[s]}>{v.statusLabel}</Tag> },
        { title: '生效期间', key: 'eff', width: 200, render: (_, v) => `${formatDate(v.effectiveFrom)} 至 ${v.effectiveTo ? formatDate(v.effectiveTo) : '今'}` },
        {
          title: '规则(白话)',
          key: 'desc',
          render: (_, v) =>
            v.description ? (
              <span style={{ fontSize: 13 }}>{v.description}</span>
            ) : v.problems.length ? (
              <Typography.Text type="warning" style={{ fontSize: 13 }}>
                规则待完善:{v.problems.slice(0, 3).map((x) => x.message).join(';')}
                {v.problems.length > 3 ? ` 等${v.problems.length}处` : ''}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        { title: '修订说明', dataIndex: 'changeNote', width: 180, render: (v: string | null) => v ?? '—' },
        { title: '发布', key: 'pub', width: 150, render: (_, v) => (v.publishedAt ? <span style={{ fontSize: 12 }}>{v.publishedByName ?? ''} {formatDateTime(v.publishedAt)}</span> : '—') },
      ]}
    />
  );
}

function Documents({ p }: { p: PolicyDetail }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PolicyDocumentKind>('original');
  const [uploading, setUploading] = useState(false);
  const canUpload = p.allowedActions.includes('upload_document');
  const refresh = () => queryClient.invalidateQueries({ queryKey: policyKeys.detail(p.id) });
  return (
    <div>
      {p.documents.length === 0 && (
        <div>
          <Typography.Text type="secondary">尚未上传政策原文或解读</Typography.Text>
        </div>
      )}
      {p.documents.map((d) => (
        <div key={d.id} className="yq-file">
          <FileTextOutlined />
          <Tag style={{ marginInlineEnd: 0 }}>{d.kindLabel}</Tag>
          <a href={policyDocumentUrl(p.id, d.id)} download={d.filename} title={`下载 ${d.filename}`}>
            {d.filename}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
            {formatSize(d.size)}
          </Typography.Text>
          {canUpload && (
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={`删除 ${d.filename}`}
              onClick={() =>
                modal.confirm({
                  title: `删除“${d.filename}”?`,
                  okText: '删除',
                  cancelText: '取消',
                  okButtonProps: { danger: true },
                  onOk: async () => {
                    try {
                      await deletePolicyDocument(p.id, d.id);
                      await refresh();
                    } catch (e) {
                      message.error(errorMessage(e));
                    }
                  },
                })
              }
            />
          )}
        </div>
      ))}
      {canUpload && (
        <Space wrap style={{ marginTop: 10 }}>
          <Select value={kind} onChange={setKind} options={POLICY_DOCUMENT_KINDS.map((k) => ({ value: k, label: POLICY_DOCUMENT_KIND_LABELS[k] }))} style={{ width: 120 }} aria-label="附件类型" />
          <Upload
            accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              setUploading(true);
              uploadPolicyDocument(p.id, file as File, kind)
                .then((doc) => {
                  message.success(`已上传 ${doc.filename}`);
                  onSuccess?.(doc);
                  return refresh();
                })
                .catch((e: unknown) => {
                  message.error(errorMessage(e));
                  onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
                })
                .finally(() => setUploading(false));
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            PDF、Word 或图片
          </Typography.Text>
        </Space>
      )}
    </div>
  );
}

function Overview({ p }: { p: PolicyDetail }) {
  const current = p.currentVersion;
  const draft = p.draftVersion;
  return (
    <>
      {current && (
        <Card title={`现行规则(第${current.versionNo}版,${formatDate(current.effectiveFrom)}起)`} className="yq-section">
          <div className="yq-rule-text">{current.description ?? '—'}</div>
        </Card>
      )}
      {draft && (
        <Card
          title={`第${draft.versionNo}版草稿(拟${formatDate(draft.effectiveFrom)}起生效)`}
          className="yq-section"
          extra={p.allowedActions.includes('edit_version') && <Link to={`/policies/${p.id}/rule`}>编辑规则</Link>}
        >
          {draft.description ? <div className="yq-rule-text">{draft.description}</div> : <Typography.Text type="secondary">规则尚未完成</Typography.Text>}
          {draft.problems.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              title={`规则还有 ${draft.problems.length} 处待完善,完善后才能发布`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {draft.problems.map((x, i) => (
                    <li key={i}>{x.message}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Card>
      )}
      <Card title="基本信息" className="yq-section">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          styles={{ label: { width: 110, color: '#667085' } }}
          items={[
            { key: 'code', label: '政策编码', children: <span className="yq-mono">{p.code}</span> },
            { key: 'doc', label: '文号', children: p.docNumber ?? '—' },
            { key: 'issuer', label: '发文单位', children: p.issuer ?? '—' },
            { key: 'cat', label: '政策类别', children: p.category },
            { key: 'mode', label: '兑现方式', children: <ModeTag mode={p.mode} /> },
            { key: 'valid', label: '有效期', children: `${formatDate(p.validFrom)} 至 ${p.validTo ? formatDate(p.validTo) : '长期'}` },
            { key: 'fund', label: '资金来源', children: p.fundName ? `${p.fundName}(可用 ${formatAmount(p.fundBalanceFen)})` : '未指定' },
            { key: 'contact', label: '咨询', children: p.contact ?? '—' },
            { key: 'tags', label: '标签', children: p.tags.length ? p.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—' },
            { key: 'paid', label: '兑现情况', children: `符合 ${p.eligibleCount ?? '—'} 家 · 申报 ${p.appliedCount ?? '—'} 家 · 已拨付 ${p.paidCount ?? '—'} 家 ${formatAmount(p.paidAmountFen)}` },
            ...(p.withdrawnAt ? [{ key: 'wd', label: '撤回', children: `${formatDateTime(p.withdrawnAt)}:${p.withdrawReason ?? ''}` }] : []),
            { key: 'summary', label: '政策摘要', span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.summary ?? '—'}</span> },
          ]}
        />
      </Card>
      <Card title="政策文件" className="yq-section">
        <Documents p={p} />
      </Card>
      <Card title="版本" className="yq-section" styles={{ body: { padding: 0 } }}>
        <VersionsTable p={p} />
      </Card>
    </>
  );
}

function WithdrawModal({ p, onClose }: { p: PolicyDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdrawPolicy(p.id);
  return (
    <Modal
      open
      title={`撤回政策“${p.title}”`}
      okText="撤回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={withdraw.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        await withdraw.mutateAsync(v.reason.trim());
        message.success('已撤回');
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">撤回后企业不再看到此政策,也不能再申报;已受理的申报继续办理。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }, { min: 2, message: '至少2个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const TABS = ['overview', 'test', 'matches', 'applications', 'runs'] as const;
type Tab = (typeof TABS)[number];

/** 政策详情: the policy, its versions and documents; 试算, 匹配企业, 申报 and 免申即享 runs in tabs. */
export function PolicyDetailPage({ initialTab }: { initialTab?: Tab }) {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const { message, modal } = App.useApp();
  const policy = usePolicy(id);
  const publish = usePublishPolicy(id);
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [jobId, setJobId] = useState<string | null>(() => (location.state as { matchJobId?: string | null } | null)?.matchJobId ?? null);
  const queryClient = useQueryClient();
  const p = policy.data;
  const tabParam = params.get('tab') as Tab | null;
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : (initialTab ?? 'overview');

  if (policy.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (policy.isError || !p) {
    return (
      <Card>
        <QueryError error={policy.error} what="政策" onRetry={() => policy.refetch()} />
      </Card>
    );
  }
  const can = (a: PolicyDetail['allowedActions'][number]) => p.allowedActions.includes(a);
  const manages = hasPermission(me, 'policy:manage');

  const doPublish = () => {
    const draft = p.draftVersion;
    if (!draft) return;
    if (draft.problems.length > 0) {
      message.error('规则还有待完善的地方,请先编辑规则');
      return;
    }
    modal.confirm({
      title: p.status === 'published' ? `发布第${draft.versionNo}版?` : `发布政策“${p.title}”?`,
      width: 560,
      content: (
        <div>
          <p>
            自 <strong>{formatDate(draft.effectiveFrom)}</strong> 起生效,发布后规则不可修改;系统将为全部企业重新匹配。
          </p>
          <div className="yq-rule-whole">{draft.description}</div>
        </div>
      ),
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        const res = await publish.mutateAsync({});
        message.success('已发布');
        if (res.matchJobId) setJobId(res.matchJobId);
      },
    });
  };

  const actions: ReactNode[] = [];
  if (can('edit')) actions.push(<Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑基本信息</Button>);
  if (can('edit_version')) actions.push(<Button key="rule" icon={<EditOutlined />} onClick={() => navigate(`/policies/${p.id}/rule`)}>编辑规则</Button>);
  if (can('new_version') && !p.draftVersion) actions.push(<Button key="ver" icon={<PlusOutlined />} onClick={() => navigate(`/policies/${p.id}/rule`)}>新建版本</Button>);
  if (can('publish')) actions.push(<Button key="pub" type="primary" icon={<CloudUploadOutlined />} loading={publish.isPending} onClick={doPublish}>发布</Button>);
  if (can('withdraw')) actions.push(<Button key="wd" danger icon={<StopOutlined />} onClick={() => setWithdrawing(true)}>撤回</Button>);

  const tabItems = [
    { key: 'overview', label: '概况', children: <Overview p={p} /> },
    ...(can('test') || manages
      ? [
          {
            key: 'test',
            label: '企业试算',
            children: (
              <Card className="yq-section" title={p.draftVersion ? `试算第${p.draftVersion.versionNo}版草稿` : `试算现行第${p.currentVersionNo ?? ''}版`}>
                <div style={{ maxWidth: 860 }}>
                  <RuleTestPanel policyId={p.id} disabledReason={p.draftVersion && p.draftVersion.problems.length > 0 && !p.currentVersion ? '规则尚未完成,请先编辑规则' : null} />
                </div>
              </Card>
            ),
          },
        ]
      : []),
    ...(manages && p.currentVersion ? [{ key: 'matches', label: '符合条件企业', children: <PolicyMatchesTab policy={p} /> }] : []),
    ...(hasPermission(me, 'policy-application:read') && p.mode === 'apply' ? [{ key: 'applications', label: '申报', children: <PolicyApplicationsTab policy={p} /> }] : []),
    ...(p.mode === 'auto' && p.currentVersion ? [{ key: 'runs', label: '免申即享兑现', children: <PolicyRunsTab policy={p} /> }] : []),
  ];

  return (
    <>
      <PageHeader
        title={p.title}
        docTitle={p.title}
        subTitle={
          <Space size={8} wrap>
            <span className="yq-mono">{p.code}</span>
            <PolicyStatusTag status={p.status} />
            <ModeTag mode={p.mode} />
            {p.docNumber && <span>{p.docNumber}</span>}
          </Space>
        }
        extra={
          <>
            {actions}
            <Button icon={<ReloadOutlined spin={policy.isFetching} />} onClick={() => policy.refetch()} aria-label="刷新" />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/policies')}>
              政策库
            </Button>
          </>
        }
      />
      {jobId && (
        <Card size="small" className="yq-section">
          <JobProgressBar
            jobId={jobId}
            label="为全部企业重新匹配此政策"
            onDone={(ok) => {
              if (ok) {
                void queryClient.invalidateQueries({ queryKey: ['policies'] });
                window.setTimeout(() => setJobId(null), 2500);
              }
            }}
          />
        </Card>
      )}
      <Tabs
        activeKey={tabItems.some((t) => t.key === tab) ? tab : 'overview'}
        onChange={(k) => {
          const next = new URLSearchParams();
          if (k !== 'overview') next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={tabItems}
        destroyOnHidden
      />
      {editing && <PolicyInfoDrawer policy={p} open={editing} onClose={() => setEditing(false)} />}
      {withdrawing && <WithdrawModal p={p} onClose={() => setWithdrawing(false)} />}
    </>
  );
}
