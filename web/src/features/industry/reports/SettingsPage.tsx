import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Skeleton, Switch, Typography } from 'antd';
import type { IndustrySettingsRequest } from '@yuanqi/contract';
import { applyFieldErrors } from '../../../components/forms';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useIndustrySettings, useSaveIndustrySettings } from './api';

/** 产业云设置: the park's settings every industry page reads. */
export function SettingsPage() {
  const settings = useIndustrySettings();
  const save = useSaveIndustrySettings();
  const [form] = Form.useForm<IndustrySettingsRequest>();
  const { message } = App.useApp();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync(v);
      message.success('设置已保存');
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  return (
    <div style={{ maxWidth: 760 }}>
      <PageHeader title="产业云设置" subTitle={settings.data?.updatedAt ? `最近${settings.data.updatedByName ? `由 ${settings.data.updatedByName} ` : ''}于 ${formatDateTime(settings.data.updatedAt)} 修改` : '使用默认设置'} />
      {settings.isLoading && <Skeleton active />}
      {settings.error ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data && (
        <Form form={form} layout="horizontal" labelCol={{ sm: { span: 9 } }} wrapperCol={{ sm: { span: 15 } }} onFinish={() => void submit()}>
          <Card title="经济运行月报" size="small" className="yq-section">
            <Form.Item name="reportDueWorkday" label="报送截止" extra="次月第N个工作日(按工作日历,含调休)" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={23} addonBefore="次月第" addonAfter="个工作日" />
            </Form.Item>
            <Form.Item name="remindWorkdaysBefore" label="提前提醒" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={15} addonBefore="截止前" addonAfter="个工作日" />
            </Form.Item>
            <Form.Item name="swingThresholdPct" label="增幅阈值" extra="同比或环比超过 ± 该比例须填写说明" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={1000} addonBefore="±" addonAfter="%" />
            </Form.Item>
          </Card>
          <Card title="物联网设备" size="small" className="yq-section">
            <Form.Item name="offlineAfterMinutes" label="离线判定" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={10080} addonAfter="分钟无数据" />
            </Form.Item>
            <Form.Item name="rawRetentionDays" label="原始数据保留" extra="小时、日汇总长期保留" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={7} max={3660} addonAfter="天" />
            </Form.Item>
            <Form.Item name="maxFutureSeconds" label="允许时间戳超前" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={86400} addonAfter="秒" />
            </Form.Item>
            <Form.Item name="simulatorEnabled" label="设备模拟器" valuePropName="checked" extra="演示园区的模拟设备通过 MQTT 持续上报数据">
              <Switch checkedChildren="开" unCheckedChildren="关" />
            </Form.Item>
          </Card>
          <div style={{ textAlign: 'right' }}>
            <Typography.Text type="secondary" style={{ marginRight: 12 }}>
              修改即时生效并记入审计日志
            </Typography.Text>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存设置
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}
