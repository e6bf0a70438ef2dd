import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CONSENT_SCOPES, CONSENT_SCOPE_LABELS, type ConsentScope, type ConsentView } from '@yuanqi/contract';
import { isEnterpriseOnly, useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { applyFieldErrors } from '../../../components/forms';
import { useInstitutions } from '../api';
import { useConsents, useRevokeConsent, useSetConsent } from './api';
import './market.css';

function ConsentCard({ c, onRevoke, showFirm }: { c: ConsentView; onRevoke?: (c: ConsentView) => void; showFirm?: boolean }) {
  return (
    <Card size="small" className="yq-mobile-card" style={{ opacity: c.live ? 1 : 0.7 }} data-testid="consent-card">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span style={{ fontWeight: 600 }}>{c.bankName}</span>
        {c.live ? <Tag color="green">授权中</Tag> : <Tag>已撤销</Tag>}
      </div>
      {showFirm && <div style={{ fontSize: 12, color: '#667085' }}>{c.enterpriseName}</div>}
      <div style={{ margin: '6px 0' }}>
        {c.scopes.map((s) => (
          <Tag key={s} color={c.live ? 'blue' : undefined}>
            {CONSENT_SCOPE_LABELS[s]}
          </Tag>
        ))}
      </div>
      <div style={{ fontSize: 12, color: '#667085' }}>
        {formatDateTime(c.grantedAt)} 授权{c.grantedByName ? `(${c.grantedByName})` : ''}
        {c.needNumber ? ` · 随融资需求 ${c.needNumber}` : ''}
      </div>
      {!c.live && (
        <div style={{ fontSize: 12, color: '#667085' }}>
          {formatDateTime(c.revokedAt)} 撤销{c.revokedByName ? `(${c.revokedByName})` : ''}:{c.revokeReason}
        </div>
      )}
      {c.live && onRevoke && (
        <Button danger size="small" style={{ marginTop: 8 }} onClick={() => onRevoke(c)}>
          撤销授权
        </Button>
      )}
    </Card>
  );
}

/** 数据授权: which institution may see which of the firm's data; grant, change (the old row stays) and revoke with a reason. */
export function ConsentsPage() {
  const me = useMe();
  const own = isEnterpriseOnly(me) || !!me.enterpriseId;
  const consents = useConsents();
  const institutions = useInstitutions();
  const revoke = useRevokeConsent();
  const setConsent = useSetConsent();
  const { message } = App.useApp();
  const [revoking, setRevoking] = useState<ConsentView | null>(null);
  const [granting, setGranting] = useState(false);
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const [grantForm] = Form.useForm<{ bankId: string; scopes: ConsentScope[] }>();

  const live = (consents.data ?? []).filter((c) => c.live);
  const past = (consents.data ?? []).filter((c) => !c.live);
  return (
    <div className="yq-narrow">
      <PageHeader
        title="数据授权"
        subTitle="金融机构只能看到您授权的数据;撤销后立即生效,记录永久保留"
        extra={
          own && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)}>
              新增授权
            </Button>
          )
        }
      />
      {consents.isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : consents.isError ? (
        <QueryError error={consents.error} onRetry={() => consents.refetch()} what="数据授权" />
      ) : (
        <>
          <Typography.Title level={5}>授权中({live.length})</Typography.Title>
          <div className="yq-card-list">
            {live.length === 0 && (
              <Card>
                <EmptyHint description="目前没有金融机构可以查看您的企业数据" />
              </Card>
            )}
            {live.map((c) => (
              <ConsentCard key={c.id} c={c} showFirm={!own} onRevoke={(x) => setRevoking(x)} />
            ))}
          </div>
          {past.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                历史记录({past.length})
              </Typography.Title>
              <div className="yq-card-list">
                {past.map((c) => (
                  <ConsentCard key={c.id} c={c} showFirm={!own} />
                ))}
              </div>
            </>
          )}
        </>
      )}
      <Modal
        open={!!revoking}
        title={`撤销对${revoking?.bankName ?? ''}的数据授权`}
        okText="撤销授权"
        okButtonProps={{ danger: true, loading: revoke.isPending }}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
        onOk={async () => {
          const v = await revokeForm.validateFields();
          try {
            await revoke.mutateAsync({ id: revoking!.id, reason: v.reason });
            message.success('已撤销授权');
            setRevoking(null);
            revokeForm.resetFields();
          } catch (error) {
            applyFieldErrors(revokeForm, error);
          }
        }}
      >
        <Form form={revokeForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="撤销原因" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, { min: 2, message: '撤销原因至少2个字' }]}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如:贷款已结清,不再需要" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={granting}
        title="授权金融机构查看企业数据"
        okText="授权"
        okButtonProps={{ loading: setConsent.isPending }}
        onCancel={() => setGranting(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await grantForm.validateFields();
          try {
            await setConsent.mutateAsync(v);
            message.success('已授权');
            setGranting(false);
          } catch (error) {
            applyFieldErrors(grantForm, error);
          }
        }}
      >
        <Form form={grantForm} layout="vertical" preserve={false}>
          <Form.Item name="bankId" label="金融机构" rules={[{ required: true, message: '请选择金融机构' }]}>
            <Select showSearch optionFilterProp="label" loading={institutions.isLoading} options={(institutions.data ?? []).filter((i) => i.status === 'active').map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
          <Form.Item name="scopes" label="可查看的数据" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项授权内容' }]} extra="已有授权的机构将以本次选择为准(原授权撤销并保留记录)">
            <Checkbox.Group options={CONSENT_SCOPES.map((s) => ({ value: s, label: CONSENT_SCOPE_LABELS[s] }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
