import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Calendar,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useScreens } from '../../components/useScreens';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { CalendarYear } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, parkToday, weekdayOf } from '../../components/format';
import { addWorkingDays, useCalendarYear, useSaveCalendarYear, type CalendarDay } from './api';
import './calendar.css';

const SOURCE: Record<CalendarYear['source'], { color: string; label: string }> = {
  builtin: { color: 'blue', label: '内置数据' },
  admin: { color: 'green', label: '管理员维护' },
  weekday_only: { color: 'orange', label: '仅按周一至周五' },
  missing: { color: 'red', label: '缺少数据' },
};

const KIND = {
  holiday: { mark: '休', color: '#d92d20', label: '放假' },
  workday: { mark: '班', color: '#1554ad', label: '调休上班' },
} as const;

type DayForm = { date: Dayjs; kind: 'holiday' | 'workday' | 'normal'; name?: string };

function sortDays(days: CalendarDay[]): CalendarDay[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

export function CalendarPage() {
  const { modal, message } = App.useApp();
  const screens = useScreens();
  const thisYear = Number(parkToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [month, setMonth] = useState<Dayjs>(() => dayjs(parkToday()));
  const calendar = useCalendarYear(year);
  const save = useSaveCalendarYear(year);
  const [draft, setDraft] = useState<CalendarDay[] | null>(null);
  const [editingDate, setEditingDate] = useState<Dayjs | null>(null);
  const [weekdayConfirm, setWeekdayConfirm] = useState(false);

  const switching = calendar.isPlaceholderData;
  const saved = useMemo(() => sortDays(calendar.data?.days ?? []), [calendar.data]);
  useEffect(() => setDraft(null), [calendar.data]);
  const days = draft ?? saved;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);

  const switchYear = (y: number) => {
    const go = () => {
      setDraft(null);
      setYear(y);
      setMonth(y === thisYear ? dayjs(parkToday()) : dayjs(`${y}-01-01`));
    };
    if (!dirty) return go();
    modal.confirm({
      title: '放弃未保存的修改?',
      content: `${year}年的日历有未保存的修改,切换年份后将丢失。`,
      okText: '放弃并切换',
      okButtonProps: { danger: true },
      cancelText: '留下',
      onOk: go,
    });
  };

  const setDay = (date: string, kind: 'holiday' | 'workday' | 'normal', name?: string) => {
    const rest = days.filter((d) => d.date !== date);
    setDraft(sortDays(kind === 'normal' ? rest : [...rest, { date, kind, name: name?.trim() || null }]));
  };

  const submit = () =>
    save.mutate(
      { days: days.map((d) => ({ date: d.date, kind: d.kind, ...(d.name ? { name: d.name } : {}) })) },
      { onSuccess: () => message.success(`${year}年工作日历已保存,新的期限计算将按此执行`) },
    );

  const markWeekdayOnly = () =>
    save.mutate(
      { weekdayOnly: true, days: [] },
      {
        onSuccess: () => {
          setWeekdayConfirm(false);
          message.success(`${year}年已设为仅按周一至周五计算工作日`);
        },
      },
    );

  const yearOptions = Array.from({ length: 8 }, (_, i) => thisYear - 3 + i).map((y) => ({ value: y, label: `${y}年` }));
  const source = calendar.data?.source;
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  const workdays = days.filter((d) => d.kind === 'workday').length;

  const cellMark = (date: Dayjs) => {
    const entry = byDate.get(date.format('YYYY-MM-DD'));
    if (!entry) return null;
    const k = KIND[entry.kind];
    return (
      <div className={`yq-cal-mark ${entry.kind}`} title={`${k.label}${entry.name ? ` · ${entry.name}` : ''}`}>
        <span className="yq-cal-badge" style={{ background: k.color }}>
          {k.mark}
        </span>
        {screens.md && entry.name && <span className="yq-cal-name">{entry.name}</span>}
      </div>
    );
  };

  return (
    <>
      <PageHeader
        title="工作日历"
        subTitle="法定节假日与调休上班日;所有按工作日计算的期限都以此为准"
        extra={
          <Select value={year} options={yearOptions} onChange={switchYear} style={{ width: 120 }} aria-label="选择年份" />
        }
      />
      {calendar.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : calendar.isError && !calendar.data ? (
        <Card>
          <QueryError error={calendar.error} onRetry={() => calendar.refetch()} />
        </Card>
      ) : (
        <>
          {source === 'missing' && !switching && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${year}年缺少节假日数据`}
              description="涉及该年度的期限计算会被拒绝,以免算错。国务院通常在上一年11月公布放假安排:请在日历上录入放假日和调休上班日后保存;如确需先行使用,可明确确认仅按周一至周五计算。"
              action={
                <Button danger onClick={() => setWeekdayConfirm(true)}>
                  仅按周一至周五计算
                </Button>
              }
            />
          )}
          {source === 'weekday_only' && !switching && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${year}年目前仅按周一至周五计算工作日`}
              description="法定节假日和调休未计入,期限可能与实际不符。放假安排公布后,请录入并保存。"
            />
          )}
          {dirty && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="有未保存的修改"
              action={
                <Space>
                  <Button size="small" onClick={() => setDraft(null)}>
                    放弃
                  </Button>
                  <Button size="small" type="primary" loading={save.isPending} onClick={submit}>
                    保存
                  </Button>
                </Space>
              }
            />
          )}
          <Spin spinning={switching} description={`正在加载${year}年…`}>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Card
                  title={
                    <Space>
                      <span>{year}年</span>
                      {source && !switching && <Tag color={SOURCE[source].color}>{SOURCE[source].label}</Tag>}
                    </Space>
                  }
                  extra={
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      放假 {holidays} 天 · 调休上班 {workdays} 天
                    </Typography.Text>
                  }
                >
                  <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, marginBottom: 8 }}>
                    <Typography.Text type="secondary">点击日期可设为放假、调休上班或恢复正常。</Typography.Text>
                    <Space size={12} className="yq-cal-legend">
                      <Badge color={KIND.holiday.color} text="休 放假" />
                      <Badge color={KIND.workday.color} text="班 调休上班" />
                    </Space>
                  </div>
                  <Calendar
                    className="yq-cal"
                    fullscreen={!!screens.md}
                    value={month}
                    validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
                    onPanelChange={(d) => setMonth(d)}
                    onSelect={(d, info) => {
                      setMonth(d);
                      if (info.source === 'date') setEditingDate(d);
                    }}
                    cellRender={(d, info) => (info.type === 'date' ? cellMark(d) : info.originNode)}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  <DeadlinePreview />
                  <Card
                    title="放假与调休清单"
                    extra={
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setEditingDate(month)}>
                        添加
                      </Button>
                    }
                    styles={{ body: { padding: days.length ? 0 : undefined } }}
                  >
                    {days.length === 0 ? (
                      <EmptyHint description="本年度尚无放假或调休安排" />
                    ) : (
                      <Table<CalendarDay>
                        size="small"
                        rowKey="date"
                        dataSource={days}
                        pagination={false}
                        scroll={{ y: 420 }}
                        onRow={(d) => ({ onClick: () => setMonth(dayjs(d.date)), style: { cursor: 'pointer' } })}
                        columns={[
                          {
                            title: '日期',
                            dataIndex: 'date',
                            width: 130,
                            render: (v: string) => (
                              <span>
                                {v.slice(5)} <Typography.Text type="secondary">{weekdayOf(v)}</Typography.Text>
                              </span>
                            ),
                          },
                          {
                            title: '类型',
                            dataIndex: 'kind',
                            width: 80,
                            render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{KIND[k].mark}</Tag>,
                          },
                          { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
                          {
                            title: '',
                            key: 'op',
                            width: 44,
                            render: (_, d) => (
                              <Popconfirm title={`移除 ${d.date} 的安排?`} okText="移除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => setDay(d.date, 'normal')}>
                                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="移除" onClick={(e) => e.stopPropagation()} />
                              </Popconfirm>
                            ),
                          },
                        ]}
                      />
                    )}
                  </Card>
                  {dirty && (
                    <Button type="primary" block loading={save.isPending} onClick={submit}>
                      保存{year}年日历
                    </Button>
                  )}
                </Space>
              </Col>
            </Row>
          </Spin>
        </>
      )}

      <DayEditor
        date={editingDate}
        year={year}
        current={editingDate ? byDate.get(editingDate.format('YYYY-MM-DD')) : undefined}
        onClose={() => setEditingDate(null)}
        onApply={(v) => {
          setDay(v.date.format('YYYY-MM-DD'), v.kind, v.name);
          setMonth(v.date);
          setEditingDate(null);
        }}
      />

      <WeekdayOnlyConfirm open={weekdayConfirm} year={year} loading={save.isPending} onCancel={() => setWeekdayConfirm(false)} onConfirm={markWeekdayOnly} />
    </>
  );
}

function DayEditor({
  date,
  year,
  current,
  onClose,
  onApply,
}: {
  date: Dayjs | null;
  year: number;
  current?: CalendarDay;
  onClose: () => void;
  onApply: (v: DayForm) => void;
}) {
  const [form] = Form.useForm<DayForm>();
  useEffect(() => {
    if (date) {
      const weekend = date.day() === 0 || date.day() === 6;
      form.setFieldsValue({ date, kind: current?.kind ?? (weekend ? 'workday' : 'holiday'), name: current?.name ?? '' });
    }
  }, [date, current, form]);
  return (
    <Modal title="设置日期" open={!!date} onCancel={onClose} onOk={() => form.submit()} okText="确定" destroyOnHidden width={420}>
      <Form form={form} name="day" layout="vertical" onFinish={onApply} preserve={false}>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(d) => d.year() !== year}
            format={(d) => `${d.format('YYYY-MM-DD')} ${weekdayOf(d.format('YYYY-MM-DD'))}`}
          />
        </Form.Item>
        <Form.Item name="kind" label="安排">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'holiday', label: '放假(休)' },
              { value: 'workday', label: '调休上班(班)' },
              { value: 'normal', label: '正常' },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
          {({ getFieldValue }) =>
            getFieldValue('kind') !== 'normal' && (
              <Form.Item name="name" label="名称" rules={[{ max: 30, message: '名称最多30个字' }]}>
                <Input placeholder="如 春节、国庆节" maxLength={30} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          “正常”即按周一至周五上班、周末休息;修改在保存后生效。
        </Typography.Text>
      </Form>
    </Modal>
  );
}

function WeekdayOnlyConfirm({ open, year, loading, onCancel, onConfirm }: { open: boolean; year: number; loading: boolean; onCancel: () => void; onConfirm: () => void }) {
  const [checked, setChecked] = useState(false);
  useEffect(() => setChecked(false), [open]);
  return (
    <Modal
      title={`确认${year}年仅按周一至周五计算工作日?`}
      open={open}
      onCancel={onCancel}
      onOk={onConfirm}
      okText="确认"
      okButtonProps={{ danger: true, disabled: !checked }}
      confirmLoading={loading}
    >
      <Typography.Paragraph>
        确认后,{year}年的所有期限(诉求签收与答复、办件承诺时限、整改期限等)将只跳过周六、周日,不考虑法定节假日和调休。
        若期间有节假日,期限会比实际提前,可能误判超期。
      </Typography.Paragraph>
      <Typography.Paragraph>放假安排公布后,请在本页录入并保存,系统即改按录入的安排计算。</Typography.Paragraph>
      <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
        我已知晓上述影响,确认暂按周一至周五计算
      </Checkbox>
    </Modal>
  );
}

function DeadlinePreview() {
  const screens = useScreens();
  const [form] = Form.useForm<{ date: Dayjs; days: number }>();
  const preview = useMutation({
    mutationFn: (v: { date: string; days: number }) => addWorkingDays(v.date, v.days),
    meta: { quietCodes: ['CALENDAR_YEAR_MISSING', 'VALIDATION_FAILED', 'BAD_REQUEST'] },
  });
  const result = preview.data?.date;
  return (
    <Card title="期限试算">
      <Form
        form={form}
        name="deadline"
        layout="inline"
        initialValues={{ date: dayjs(parkToday()), days: 5 }}
        onFinish={(v) => preview.mutate({ date: v.date.format('YYYY-MM-DD'), days: v.days })}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="date" rules={[{ required: true, message: '请选择起算日期' }]}>
          <DatePicker inputReadOnly={!screens.md} allowClear={false} style={{ width: 140 }} aria-label="起算日期" />
        </Form.Item>
        <Form.Item name="days" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={0} max={3650} precision={0} prefix="+" suffix="个工作日" style={{ width: 150 }} aria-label="工作日天数" />
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Button type="primary" htmlType="submit" loading={preview.isPending}>
            计算
          </Button>
        </Form.Item>
      </Form>
      <div style={{ marginTop: 12, minHeight: 44 }} aria-live="polite">
        {preview.isError ? (
          <Alert type="error" showIcon title={errorMessage(preview.error)} />
        ) : result ? (
          <Alert
            type="success"
            showIcon
            title={
              <span>
                期限为 <strong>{result}</strong>({weekdayOf(result)})
              </span>
            }
            description="自起算日次日开始计算,按已保存的日历。"
          />
        ) : (
          <Typography.Text type="secondary">选择起算日期和工作日天数,查看期限落在哪一天。</Typography.Text>
        )}
      </div>
    </Card>
  );
}
