import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { LEAD_SOURCES, LEAD_SOURCE_LABELS, type CreateLeadRequest, type LeadSource } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { applyFieldErrors } from '../../../components/forms';
import { dayjs, parkToday } from '../../../components/format';
import { useCreateLead, useLeadOptions } from './api';
import { YuanInput, leadAmount } from './bits';

type Values = Omit<CreateLeadRequest, 'receivedOn' | 'amountFen'> & { receivedOn: Dayjs; amountFen: number | null };

/** 登记招商线索: the investor, the project, the amount (元), the source, the land and factory needs, the owner. */
export default function LeadNewPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const options = useLeadOptions();
  const create = useCreateLead();
  const [error, setError] = useState<string | null>(null);
  const amount = Form.useWatch('amountFen', form);

  const submit = async (v: Values) => {
    setError(null);
    try {
      const lead = await create.mutateAsync({
        ...v,
        amountFen: v.amountFen ?? 0,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        landNeedMu: v.landNeedMu ?? null,
        factoryNeedM2: v.factoryNeedM2 ?? null,
      });
      message.success(`已登记线索 ${lead.code}`);
      navigate(`/land/leads/${lead.id}`);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/land/leads">
          <ArrowLeftOutlined /> 招商线索
        </Link>
      </div>
      <PageHeader title="登记招商线索" subTitle="线索编号按收到日期自动生成(ZS-年月日-序号)" />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          name="lead"
          initialValues={{ source: 'online' as LeadSource, receivedOn: dayjs(parkToday()), ownerId: me.id }}
          onFinish={submit}
          disabled={create.isPending}
          style={{ maxWidth: 920 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="projectName" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
                <Input maxLength={100} placeholder="如 年产10万吨高端铜箔项目" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="investor" label="投资方" rules={[{ required: true, whitespace: true, message: '请填写投资方' }]}>
                <Input maxLength={100} placeholder="企业全称" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label="联系人">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPhone" label="联系电话">
                <Input maxLength={30} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="chain" label="产业链">
                <Select allowClear loading={options.isLoading} options={(options.data?.chains ?? []).map((c) => ({ value: c.code, label: c.label }))} placeholder="选择产业链" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="amountFen"
                label="意向投资额(元)"
                rules={[{ required: true, message: '请填写意向投资额' }]}
                extra={amount ? `合 ${leadAmount(amount)}` : undefined}
              >
                <YuanInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="source" label="线索来源" rules={[{ required: true, message: '请选择线索来源' }]}>
                <Select options={LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="receivedOn" label="收到线索日期" rules={[{ required: true, message: '请选择收到线索日期' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(parkToday()), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="landNeedMu" label="用地需求(亩)">
                <InputNumber<number> min={0} precision={4} style={{ width: '100%' }} suffix="亩" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="factoryNeedM2" label="厂房需求(㎡)">
                <InputNumber<number> min={0} precision={2} style={{ width: '100%' }} suffix="㎡" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="ownerId" label="负责人">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={options.isLoading} options={(options.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label="项目简介">
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Col>
          </Row>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              登记
            </Button>
            <Button onClick={() => navigate('/land/leads')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
