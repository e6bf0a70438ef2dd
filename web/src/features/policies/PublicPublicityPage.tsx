import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Pagination, Result, Select, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { PublicPublicityBatchDetail } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { applyFieldErrors } from '../../components/forms';
import { formatDateTime, formatAmount } from '../../components/format';
import { usePageTitle } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { useScreens } from '../../components/useScreens';
import { usePublicBatch, usePublicBatches, useSubmitObjection } from './api';
import './policies.css';

function Shell({ parkName, children }: { parkName?: string; children: React.ReactNode }) {
  return (
    <div className="yq-public">
      <header className="yq-public-head">
        <h1>政策兑现公示</h1>
        <small>{parkName ?? '园企通'} · 公示期内如有异议,可在本页提出</small>
      </header>
      <main className="yq-public-body">{children}</main>
    </div>
  );
}

function ObjectionForm({ b }: { b: PublicPublicityBatchDetail }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ applicationId?: string; submitterName: string; contact: string; content: string }>();
  const submit = useSubmitObjection(b.id);
  const [done, setDone] = useState<string | null>(null);
  if (done) {
    return <Result status="success" title="异议已提交" subTitle={`受理时间 ${formatDateTime(done)}。我们将核查并联系您。`} extra={<Button onClick={() => { setDone(null); form.resetFields(); }}>再提一条</Button>} />;
  }
  return (
    <Form
      form={form}
      layout="vertical"
     
      onFinish={async (v) => {
        try {
          const r = await submit.mutateAsync({
            ...(v.applicationId ? { applicationId: v.applicationId } : {}),
            submitterName: v.submitterName.trim(),
            contact: v.contact.trim(),
            content: v.content.trim(),
          });
          setDone(r.receivedAt);
        } catch (e) {
          if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
        }
      }}
    >
      <Form.Item name="applicationId" label="针对的企业(选填)">
        <Select allowClear placeholder="选择名单中的企业" options={b.items.map((i) => ({ value: i.applicationId, label: `${i.enterpriseName} · ${i.policyTitle}` }))} />
      </Form.Item>
      <Form.Item name="submitterName" label="您的姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, message: '姓名至少2个字' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contact" label="联系方式" rules={[{ required: true, whitespace: true, message: '请填写联系方式' }, { min: 5, message: '联系方式至少5个字' }]}>
        <Input maxLength={100} placeholder="手机号或邮箱" />
      </Form.Item>
      <Form.Item name="content" label="异议内容" rules={[{ required: true, whitespace: true, message: '请填写异议内容' }, { min: 5, message: '异议内容至少5个字' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount placeholder="请写明异议事实和依据" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submit.isPending} block>
        提交异议
      </Button>
    </Form>
  );
}

/** The public list of one batch (no log-in): firms and amounts, the window, an objection form. */
export function PublicPublicityBatchPage() {
  const { id = '' } = useParams();
  const screens = useScreens();
  const batch = usePublicBatch(id);
  const b = batch.data;
  usePageTitle(b ? `${b.title} - 公示` : '政策兑现公示');
  if (batch.isLoading || batch.isError || !b) {
    return (
      <Shell>
        <RecordLoadCard query={batch} what="公示" />
      </Shell>
    );
  }
  return (
    <Shell parkName={b.parkName}>
      <Card className="yq-section">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {b.title}
        </Typography.Title>
        <div className="yq-reco-meta" style={{ fontSize: 13 }}>
          <span className="yq-mono">{b.number}</span>
          <span>
            公示期 {formatDateTime(b.startsAt)} 至 {formatDateTime(b.endsAt)}
          </span>
          {b.active ? <Tag color="processing">公示中</Tag> : <Tag>公示已结束</Tag>}
        </div>
        <div style={{ marginTop: 8 }}>
          共 {b.itemCount} 户,金额合计 <strong>{formatAmount(b.totalAmountFen)}</strong>
        </div>
        {b.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{b.note}</Typography.Paragraph>}
      </Card>
      <Card title="公示名单" className="yq-section" styles={{ body: { padding: screens.md ? 0 : undefined } }}>
        {screens.md ? (
          <Table
            rowKey="applicationId"
            pagination={false}
            dataSource={b.items}
            columns={[
              { title: '序号', key: 'i', width: 64, render: (_, __, i) => i + 1 },
              { title: '企业名称', dataIndex: 'enterpriseName' },
              { title: '统一社会信用代码', dataIndex: 'usccMasked', width: 220, render: (v: string | null) => <span className="yq-mono">{v ?? '—'}</span> },
              { title: '政策', dataIndex: 'policyTitle' },
              { title: '金额', dataIndex: 'amountFen', width: 140, align: 'right', render: (v: number) => <span className="yq-money">{formatAmount(v)}</span> },
            ]}
          />
        ) : (
          <List
            dataSource={b.items}
            renderItem={(i) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <strong>{i.enterpriseName}</strong>
                    <span className="yq-money">{formatAmount(i.amountFen)}</span>
                  </div>
                  <div style={{ fontSize: 12, color: '#667085' }}>
                    {i.policyTitle} · <span className="yq-mono">{i.usccMasked ?? ''}</span>
                  </div>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title="提出异议" className="yq-section">
        {b.acceptingObjections ? (
          <ObjectionForm b={b} />
        ) : (
          <Alert type="info" showIcon title="公示期已结束,不再受理异议" />
        )}
      </Card>
      <div style={{ textAlign: 'center' }}>
        <Link to="/public/publicity">查看全部公示</Link>
      </div>
    </Shell>
  );
}

/** All public batches (no log-in). */
export function PublicPublicityListPage() {
  const [page, setPage] = useState(1);
  const list = usePublicBatches(page);
  usePageTitle('政策兑现公示');
  return (
    <Shell parkName={list.data?.items[0]?.parkName}>
      {list.isError && !list.data ? (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      ) : (
        <Card title="公示列表">
          <List
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: '暂无公示' }}
            renderItem={(b) => (
              <List.Item extra={b.active ? <Tag color="processing">公示中</Tag> : <Tag>已结束</Tag>}>
                <List.Item.Meta
                  title={<Link to={`/public/publicity/${b.id}`}>{b.title}</Link>}
                  description={`${formatDateTime(b.startsAt)} 至 ${formatDateTime(b.endsAt)} · ${b.itemCount} 户 · ${formatAmount(b.totalAmountFen)}`}
                />
              </List.Item>
            )}
          />
          {list.data && list.data.total > 20 && <Pagination simple align="center" current={page} pageSize={20} total={list.data.total} onChange={setPage} />}
        </Card>
      )}
    </Shell>
  );
}
