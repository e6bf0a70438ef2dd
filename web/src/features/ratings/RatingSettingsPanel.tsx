import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, InputNumber, Skeleton, Space, Typography } from 'antd';
import { DEFAULT_RECTIFY_DAYS, MAX_RECTIFY_DAYS } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { QueryError } from '../../components/QueryError';
import { useRatingSettings, useSaveRatingSettings } from './api';

/** 整改期限 (working days) for new bad reviews; the admins set it, everyone else reads it. */
export function RatingSettingsPanel() {
  const me = useMe();
  const canEdit = hasPermission(me, 'dictionary:manage');
  const { message } = App.useApp();
  const settings = useRatingSettings();
  const save = useSaveRatingSettings();
  const [days, setDays] = useState<number | null>(null);
  useEffect(() => {
    if (settings.data) setDays(settings.data.rectifyDays);
  }, [settings.data]);

  if (settings.isLoading) return <Card><Skeleton active /></Card>;
  if (settings.isError || !settings.data) return <Card><QueryError error={settings.error} onRetry={() => settings.refetch()} /></Card>;
  const s = settings.data;
  const dirty = days !== null && days !== s.rectifyDays;
  return (
    <Card title="好差评规则" style={{ maxWidth: 760 }}>
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label="差评整改期限">
          {canEdit ? (
            <Space wrap>
              <InputNumber
                min={1}
                max={MAX_RECTIFY_DAYS}
                precision={0}
                value={days}
                onChange={(v) => setDays(v)}
                suffix="个工作日"
                style={{ width: 150 }}
                aria-label="差评整改期限(工作日)"
              />
              <Button
                type="primary"
                disabled={!dirty || days === null}
                loading={save.isPending}
                onClick={() => days !== null && save.mutate({ rectifyDays: days }, { onSuccess: (r) => message.success(`整改期限已改为 ${r.rectifyDays} 个工作日,对此后的差评生效`) })}
              >
                保存
              </Button>
            </Space>
          ) : (
            <strong>{s.rectifyDays} 个工作日</strong>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
            差评产生后按工作日历(含调休)计算整改期限;默认 {DEFAULT_RECTIFY_DAYS} 个工作日,可设 1–{MAX_RECTIFY_DAYS} 个工作日。修改只影响此后新产生的整改。
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="评价期">办结后 {s.ratingWindowDays} 日内可评价,逾期计为未评(不计为好评)</Descriptions.Item>
        <Descriptions.Item label="评价提醒">办结后第 {s.reminderDay} 日提醒企业评价</Descriptions.Item>
        <Descriptions.Item label="评价人信息">仅调度专班和系统管理员可见,被评价的经办人看不到评价人</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
