import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Space, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ParameterEntry } from '@yuanqi/contract';
import { api, errorMessage } from '../../app/api';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { adminKeys, useParameters } from './api';

/** The park's own values edited in place, through the endpoints that own them. */
const EDITABLE: Record<string, { path: string; field: string; min: number; max: number; permission: 'dictionary:manage' | 'service:manage' }> = {
  'rating.rectifyDays': { path: '/api/ratings/settings', field: 'rectifyDays', min: 1, max: 30, permission: 'dictionary:manage' },
  'service.postcheckDays': { path: '/api/service-applications/settings', field: 'postcheckDays', min: 1, max: 120, permission: 'service:manage' },
};

/** 参数设置: every configurable deadline, threshold and rate, with where it lives. */
export function ParametersPage() {
  const params = useParameters();
  return (
    <>
      <PageHeader title="参数设置" subTitle="系统中可配置的期限、阈值与费率集中在此查看;本园区的参数可直接修改(留痕),部署配置由运维修改环境变量。" />
      {params.isError ? (
        <QueryError error={params.error} onRetry={() => params.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {(params.data?.groups ?? []).map((g) => (
            <Col key={g.label} xs={24} xl={12}>
              <Card title={g.label} size="small" loading={params.isLoading}>
                <Table<ParameterEntry>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={g.entries}
                  columns={[
                    { title: '参数', dataIndex: 'label' },
                    { title: '取值', key: 'value', width: 200, render: (_, e) => <ParameterValue entry={e} /> },
                    { title: '来源', dataIndex: 'source', width: 180, render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
                  ]}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function ParameterValue({ entry }: { entry: ParameterEntry }) {
  const me = useMe();
  const editable = EDITABLE[entry.key];
  const [editing, setEditing] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const text = `${entry.value}${entry.unit && !entry.value.includes(entry.unit) ? ` ${entry.unit}` : ''}`;
  if (editable && hasPermission(me, editable.permission)) {
    if (editing !== null) {
      const save = async () => {
        setSaving(true);
        try {
          await api.put(editable.path, { [editable.field]: editing });
          await qc.invalidateQueries({ queryKey: adminKeys.parameters });
          message.success('已保存');
          setEditing(null);
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setSaving(false);
        }
      };
      return (
        <Space.Compact>
          <InputNumber min={editable.min} max={editable.max} value={editing} onChange={(v) => setEditing(v ?? editable.min)} style={{ width: 90 }} aria-label={entry.label} />
          <Button type="primary" loading={saving} onClick={save}>保存</Button>
          <Button onClick={() => setEditing(null)}>取消</Button>
        </Space.Compact>
      );
    }
    return (
      <Space>
        <strong>{text}</strong>
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(Number(entry.value))}>修改</Button>
      </Space>
    );
  }
  return (
    <Space>
      <strong>{text}</strong>
      {entry.editPath && <Link to={entry.editPath}>去修改</Link>}
    </Space>
  );
}
