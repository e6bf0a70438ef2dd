import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import { BILL_STATUSES, BILL_STATUS_LABELS, type BillStatus, type GenerateBillsResult } from '@yuanqi/contract';
import { api, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatMoney, parkToday } from '../../../components/format';
import { useBills, useLandWrite } from './api';
import { BillStatusTag } from './bits';

/** 租金账单: a month's bills (gross, relief, due, paid), issued by the monthly run or here. */
export function BillsPage() {
  const can = useCan();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  // from 欠费: one firm's bills of every month
  const [month, setMonth] = useState(enterpriseId ? '' : parkToday().slice(0, 7));
  const [status, setStatus] = useState<BillStatus | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const bills = useBills({ month: month || undefined, enterpriseId, status, q: q || undefined, page, pageSize: 20 });
  const generate = useLandWrite(() => api.post<GenerateBillsResult>('/api/land/premises/bills/generate', { month }));
  return (
    <>
      <PageHeader
        title="租金账单"
        subTitle="按月出账,不足整月按天折算,减免自动抵扣"
        extra={
          can('premises:manage') && month && (
            <Button loading={generate.isPending} onClick={() => generate.mutateAsync(undefined).then((r) => message.success(`${month} 新出账单 ${r.created} 张(已有 ${r.existing} 张)`), (e) => message.error(errorMessage(e)))}>
              生成 {month} 账单
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" placeholder="全部月份" value={month ? dayjs(`${month}-01`) : null} onChange={(d) => { setMonth(d ? d.format('YYYY-MM') : ''); setPage(1); }} />
        <Select allowClear placeholder="状态" value={status} onChange={(v) => { setStatus(v); setPage(1); }} style={{ width: 140 }} options={BILL_STATUSES.map((s) => ({ value: s, label: BILL_STATUS_LABELS[s] }))} />
        <Input.Search allowClear placeholder="企业、合同号、楼宇" onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} />
      </Space>
      {bills.data && (
        <Typography.Paragraph>
          {month ? `${month} ` : ''}应收 {formatMoney(bills.data.totals.grossFen)},减免 {formatMoney(bills.data.totals.reliefFen)},应缴 {formatMoney(bills.data.totals.dueFen)},已缴 {formatMoney(bills.data.totals.paidFen)}
        </Typography.Paragraph>
      )}
      {bills.error ? (
        <QueryError error={bills.error} onRetry={() => bills.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={bills.isFetching}
          dataSource={bills.data?.items ?? []}
          scroll={{ x: 1000 }}
          pagination={{ current: page, pageSize: 20, total: bills.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 张` }}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', render: (v, b) => <Link to={`/land/premises/bills/${b.id}`}>{v}</Link> },
            { title: '房源', dataIndex: 'unitLabel' },
            { title: '天数', render: (_, b) => `${b.days}/${b.daysInMonth}` },
            { title: '应收', dataIndex: 'grossFen', align: 'right', render: formatMoney },
            { title: '减免', dataIndex: 'reliefTotalFen', align: 'right', render: formatMoney },
            { title: '应缴', dataIndex: 'dueFen', align: 'right', render: formatMoney },
            { title: '已缴', dataIndex: 'paidFen', align: 'right', render: formatMoney },
            { title: '截止', dataIndex: 'dueOn' },
            { title: '状态', dataIndex: 'status', render: (s, b) => <Space size={4}><BillStatusTag status={s} />{b.overdueDays > 0 && <Typography.Text type="danger">逾期{b.overdueDays}天</Typography.Text>}</Space> },
          ]}
        />
      )}
    </>
  );
}
