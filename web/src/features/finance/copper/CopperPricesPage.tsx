import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { formatPricePerTon, parseYuanToFen, type CopperPriceView } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { parkToday } from '../../../components/format';
import { Chart } from '../../dispatch/Chart';
import { usePrices, useSetPrice } from './api';
import './copper.css';

const SOURCE_LABELS = { manual: '录入', import: '导入', seed: '初始数据' } as const;
const RANGES = { '3m': 92, '1y': 366, all: 100_000 } as const;

function PriceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSetPrice();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await save.mutateAsync({ priceOn: (v.priceOn ?? dayjs()).format('YYYY-MM-DD'), priceFenPerTon: parseYuanToFen(v.price) ?? 0 });
      message.success(`${r.replaced ? '已更新' : '已录入'} ${r.priceOn} 铜价 ${formatPricePerTon(r.priceFenPerTon)}`);
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, { priceFenPerTon: 'price' })) message.error(errorMessage(e));
    }
  };
  return (
    <Modal open={open} title="录入铜价" okText="保存" cancelText="取消" onOk={submit} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ priceOn: dayjs(parkToday()) }}>
        <Form.Item name="priceOn" label="日期" rules={[{ required: true, message: '请选择日期' }]} extra="已有价格的日期会被更新">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="price"
          label="阴极铜价格(元/吨)"
          rules={[
            { required: true, message: '请填写价格' },
            { validator: (_, v) => (v && !((parseYuanToFen(v) ?? 0) > 0) ? Promise.reject(new Error('价格应为大于0的数字')) : Promise.resolve()) },
          ]}
        >
          <Input inputMode="decimal" suffix="元/吨" placeholder="如 68520" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 铜价: the daily price table with its chart; the finance officer enters or imports prices. */
export function CopperPricesPage() {
  const me = useMe();
  const manage = me.permissions.includes('finance:manage');
  const prices = usePrices();
  const [range, setRange] = useState<keyof typeof RANGES>('1y');
  const [open, setOpen] = useState(false);
  const items = prices.data?.items ?? [];
  const shown = useMemo(() => {
    const from = dayjs(parkToday()).subtract(RANGES[range], 'day').format('YYYY-MM-DD');
    return items.filter((p) => p.priceOn >= from).slice().reverse();
  }, [items, range]);
  const latest = prices.data?.latest;
  const previous = latest ? items.find((p) => p.priceOn < latest.priceOn) : undefined;
  const change = latest && previous ? ((latest.priceFenPerTon - previous.priceFenPerTon) / previous.priceFenPerTon) * 100 : null;
  const yuan = shown.map((p) => p.priceFenPerTon / 100);
  return (
    <>
      <PageHeader
        title="铜价"
        subTitle="阴极铜每日价格(元/吨),存铜融的定价与补仓依据"
        extra={
          manage && (
            <Space wrap>
              <Link to="/finance/copper/prices/import">
                <Button icon={<UploadOutlined />}>导入</Button>
              </Link>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                录入铜价
              </Button>
            </Space>
          )
        }
      />
      {prices.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : prices.isError || !prices.data ? (
        <QueryError error={prices.error} onRetry={() => prices.refetch()} what="铜价" />
      ) : items.length === 0 ? (
        <Card>
          <EmptyHint description="铜价表还没有价格,请录入或导入" />
        </Card>
      ) : (
        <>
          <div className="yq-copper-figures">
            <Card size="small">
              <Statistic title={`最新铜价(${latest?.priceOn ?? '—'})`} value={latest ? latest.priceFenPerTon / 100 : '—'} precision={2} suffix="元/吨" />
            </Card>
            <Card size="small">
              <Statistic title="较前一交易日" value={change === null ? '—' : change} precision={2} suffix="%" styles={{ content: { color: change !== null && change < 0 ? '#12b76a' : '#d92d20' } }} />
            </Card>
            <Card size="small">
              <Statistic title={`区间最高 / 最低`} value={yuan.length ? `${Math.max(...yuan).toLocaleString('zh-CN')} / ${Math.min(...yuan).toLocaleString('zh-CN')}` : '—'} />
            </Card>
          </div>
          <Card
            title="走势"
            className="yq-copper-section"
            extra={
              <Segmented
                size="small"
                value={range}
                onChange={(v) => setRange(v as keyof typeof RANGES)}
                options={[
                  { value: '3m', label: '近3月' },
                  { value: '1y', label: '近1年' },
                  { value: 'all', label: '全部' },
                ]}
              />
            }
          >
            <Chart
              label="铜价走势"
              height={300}
              option={{
                grid: { left: 56, right: 16, top: 16, bottom: 32 },
                tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toLocaleString('zh-CN')} 元/吨` },
                xAxis: { type: 'category', data: shown.map((p) => p.priceOn), boundaryGap: false },
                yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => `${(v / 10_000).toFixed(1)}万` } },
                series: [{ type: 'line', name: '阴极铜', data: yuan, showSymbol: false, smooth: false, lineStyle: { width: 2 }, areaStyle: { opacity: 0.06 } }],
              }}
            />
          </Card>
          <Card title="价格表">
            <Table<CopperPriceView>
              rowKey="priceOn"
              size="small"
              dataSource={items}
              pagination={{ pageSize: 15, showSizeChanger: false, simple: true }}
              columns={[
                { title: '日期', dataIndex: 'priceOn' },
                { title: '价格', align: 'right', render: (_, p) => formatPricePerTon(p.priceFenPerTon) },
                { title: '来源', render: (_, p) => <Tag>{SOURCE_LABELS[p.source]}</Tag> },
              ]}
            />
          </Card>
        </>
      )}
      <PriceModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
