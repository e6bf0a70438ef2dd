import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Select, Space, Typography } from 'antd';
import type { CreateDeviceRequest, DeviceTokenIssued } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { useCreateDevice, useDeviceTypes } from './api';
import { ConnectionGuide, MetricTags, TokenNotice } from './bits';

type Values = { enterpriseId?: string | null; code: string; name: string; typeCode: string; location?: string };

/** After registering: the token (this once), with the connection guide that uses it. */
export function IssuedToken({ issued, title }: { issued: DeviceTokenIssued; title: string }) {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Result status="success" title={title} subTitle={`${issued.device.name}(${issued.device.code}) · ${issued.device.typeLabel}`} style={{ padding: '8px 0 0' }} />
        <TokenNotice token={issued.token} />
      </Card>
      <Card title="接入方式" size="small">
        <ConnectionGuide device={issued.device} token={issued.token} />
      </Card>
    </Space>
  );
}

/** 登记设备: a firm registers its own device (the office and liaisons pick the firm); the token is shown once. */
export function DeviceRegisterPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const types = useDeviceTypes();
  const create = useCreateDevice();
  const [issued, setIssued] = useState<DeviceTokenIssued | null>(null);
  const typeCode = Form.useWatch('typeCode', form);
  const type = types.data?.find((t) => t.code === typeCode);
  const firm = !!me.enterpriseId;
  const allowed = me.permissions.includes('industry:report') || me.permissions.includes('industry:manage');

  if (!allowed) {
    return (
      <>
        <PageHeader title="登记设备" />
        <Card>
          <Result status="403" title="没有登记设备的权限" subTitle="设备由所属企业、其驻企专员或管理部门登记。" />
        </Card>
      </>
    );
  }

  if (issued) {
    return (
      <>
        <PageHeader title="登记设备" />
        <IssuedToken issued={issued} title="设备已登记" />
        <div style={{ marginTop: 16, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Button type="primary" onClick={() => navigate(`/industry/devices/${issued.device.id}`)}>
            我已保存令牌,查看设备
          </Button>
          <Button
            onClick={() => {
              setIssued(null);
              form.resetFields();
            }}
          >
            继续登记
          </Button>
        </div>
      </>
    );
  }

  const submit = (values: Values) => {
    const body: CreateDeviceRequest = {
      code: values.code,
      name: values.name,
      typeCode: values.typeCode,
      location: values.location || null,
      ...(values.enterpriseId ? { enterpriseId: values.enterpriseId } : {}),
    };
    create.mutate(body, {
      onSuccess: (result) => setIssued(result),
      onError: (error) => applyFieldErrors(form, error),
    });
  };

  return (
    <>
      <PageHeader title="登记设备" subTitle={firm ? `为 ${me.enterpriseName ?? '本企业'} 登记一台物联网设备` : '为园区企业登记一台物联网设备'} />
      <Card style={{ maxWidth: 720 }}>
        {types.isError ? (
          <QueryError error={types.error} onRetry={() => types.refetch()} what="设备类型" />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" disabled={create.isPending}>
            {!firm && (
              <Form.Item name="enterpriseId" label="所属企业" rules={[{ required: true, message: '请选择设备所属企业' }]}>
                <EnterpriseSelect />
              </Form.Item>
            )}
            <Form.Item name="typeCode" label="设备类型" rules={[{ required: true, message: '请选择设备类型' }]}>
              <Select loading={types.isLoading} placeholder="选择设备类型" options={(types.data ?? []).map((t) => ({ value: t.code, label: t.label }))} />
            </Form.Item>
            {type && (
              <Form.Item label="上报的指标">
                <MetricTags metrics={type.metrics} />
              </Form.Item>
            )}
            <Form.Item
              name="name"
              label="设备名称"
              rules={[
                { required: true, whitespace: true, message: '请填写设备名称' },
                { max: 60, message: '设备名称最多60个字' },
              ]}
            >
              <Input placeholder="如:1号熔炉温度传感器" maxLength={60} />
            </Form.Item>
            <Form.Item
              name="code"
              label="设备编号"
              extra="园区内唯一,如资产编号或铭牌序列号;只用字母、数字、下划线、点和短横线"
              rules={[
                { required: true, whitespace: true, message: '请填写设备编号' },
                { pattern: /^[\w.-]+$/, message: '设备编号只能用字母、数字、下划线、点和短横线' },
                { max: 40, message: '设备编号最多40个字' },
              ]}
            >
              <Input placeholder="如:FURNACE-01" maxLength={40} autoCapitalize="characters" />
            </Form.Item>
            <Form.Item name="location" label="安装位置" rules={[{ max: 100, message: '安装位置最多100个字' }]}>
              <Input placeholder="如:二号车间东侧" maxLength={100} />
            </Form.Item>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message="登记后平台生成设备令牌(只显示一次),设备凭设备编号和令牌通过 HTTP 或 MQTT 上报数据。" />
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                登记并生成令牌
              </Button>
              <Button disabled={false} onClick={() => navigate('/industry/devices')}>
                取消
              </Button>
            </div>
          </Form>
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        没有合适的设备类型?请联系园区管理部门新增。
      </Typography.Paragraph>
    </>
  );
}
