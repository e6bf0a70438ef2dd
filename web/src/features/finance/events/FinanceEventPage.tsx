import { useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { formatFigureYuan, type FinanceEventBankFigures, type FinanceEventIntentionView, type FinanceEventOutcomeView, type FinanceEventSignupView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { formatDateTime, formatMoney } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useExport } from '../../../components/useExport';
import { exportOutcomes, useFinanceEvent } from './api';
import { EventFormModal } from './EventFormModal';
import { OutcomeModal } from './OutcomeModal';

/** One 融资对接会: figures computed from its rows, by institution, sign-ups, intentions, outcomes. */
export default function FinanceEventPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const event = useFinanceEvent(id);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const { exporting, doExport } = useExport(() => exportOutcomes(id));
  const manage = hasPermission(me, 'finance:manage');
  if (event.isLoading) return <PageLoading />;
  if (event.isError || !event.data) return <QueryError error={event.error} onRetry={() => event.refetch()} what="对接会" />;
  const e = event.data;
  const f = e.figures;
  return (
    <>
      <PageHeader
        title={e.title}
        subTitle={<Space wrap><Tag color={e.status === 'planned' ? 'blue' : e.status === 'cancelled' ? 'red' : 'green'}>{e.statusLabel}{e.signupOpen ? ' · 报名中' : ''}</Tag><span>{e.heldOn}</span>{e.venue && <span>{e.venue}</span>}</Space>}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} disabled={f.outcomes === 0}>导出签约结果</Button>
            {manage && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑</Button>}
            {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} disabled={e.signups.length === 0}>登记签约结果</Button>}
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card><Statistic title="签约企业" value={f.signedFirms} suffix="家" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title="签约金额" value={formatFigureYuan(f.signedAmountFen)} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title="签约机构 / 参会机构" value={`${f.signedInstitutions} / ${f.participatingInstitutions}`} suffix="家" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title="报名企业 / 意向" value={`${f.signups} / ${f.intentions}`} /></Card></Col>
      </Row>
      <Card style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="主题">{e.theme ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="报名截止">{e.signupDeadline ?? `${e.heldOn}(举办当日)`}</Descriptions.Item>
          <Descriptions.Item label="签约笔数">{f.outcomes} 笔,合计 {formatMoney(f.signedAmountFen)}</Descriptions.Item>
          <Descriptions.Item label="意向金额">{formatFigureYuan(f.intentionAmountFen)}</Descriptions.Item>
          <Descriptions.Item label="报名融资额">{formatFigureYuan(f.signupAmountFen)}</Descriptions.Item>
          <Descriptions.Item label="参会机构">{e.banks.map((b) => b.name).join('、')}</Descriptions.Item>
          {e.description && <Descriptions.Item label="说明" span={3}>{e.description}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'banks',
              label: '按机构',
              children: (
                <Table<FinanceEventBankFigures>
                  rowKey="bankId"
                  size="small"
                  pagination={false}
                  scroll={{ x: 640 }}
                  dataSource={e.byInstitution}
                  columns={[
                    { title: '金融机构', dataIndex: 'bankName' },
                    { title: '意向笔数', dataIndex: 'intentions', align: 'right' },
                    { title: '意向金额', dataIndex: 'intentionAmountFen', align: 'right', render: (v: number) => formatFigureYuan(v) },
                    { title: '签约企业', dataIndex: 'signedFirms', align: 'right' },
                    { title: '签约金额', dataIndex: 'signedAmountFen', align: 'right', render: (v: number) => formatMoney(v) },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}><strong>合计</strong></Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{f.intentions}</Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">{formatFigureYuan(f.intentionAmountFen)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">{f.signedFirms}(去重)</Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right"><strong>{formatMoney(f.signedAmountFen)}</strong></Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              ),
            },
            {
              key: 'outcomes',
              label: `签约结果 ${e.outcomes.length}`,
              children: (
                <Table<FinanceEventOutcomeView>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 760 }}
                  dataSource={e.outcomes}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { title: '企业', dataIndex: 'enterpriseName' },
                    { title: '金融机构', dataIndex: 'bankName', width: 180 },
                    { title: '签约金额', dataIndex: 'signedAmountFen', align: 'right', width: 150, render: (v: number) => formatMoney(v) },
                    { title: '签约日期', dataIndex: 'signedOn', width: 110 },
                    { title: '合同编号', dataIndex: 'contractNo', width: 140 },
                    { title: '登记人', dataIndex: 'createdByName', width: 120 },
                  ]}
                />
              ),
            },
            {
              key: 'intentions',
              label: `意向 ${e.intentions.length}`,
              children: (
                <Table<FinanceEventIntentionView>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 640 }}
                  dataSource={e.intentions}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { title: '企业', dataIndex: 'enterpriseName' },
                    { title: '金融机构', dataIndex: 'bankName', width: 180 },
                    { title: '意向金额', dataIndex: 'amountFen', align: 'right', width: 150, render: (v: number) => formatMoney(v) },
                    { title: '备注', dataIndex: 'note' },
                  ]}
                />
              ),
            },
            {
              key: 'signups',
              label: `报名 ${e.signups.length}`,
              children: (
                <Table<FinanceEventSignupView>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 640 }}
                  dataSource={e.signups}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { title: '企业', dataIndex: 'enterpriseName' },
                    { title: '融资需求', dataIndex: 'needNumber', width: 160, render: (n: string | null) => n ?? <Typography.Text type="secondary">按金额报名</Typography.Text> },
                    { title: '融资金额', dataIndex: 'amountFen', align: 'right', width: 150, render: (v: number | null) => formatMoney(v) },
                    { title: '报名时间', dataIndex: 'signedUpAt', width: 160, render: (v: string) => formatDateTime(v) },
                    { title: '备注', dataIndex: 'note' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <EventFormModal open={editing} event={e} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <OutcomeModal
        open={recording}
        eventId={e.id}
        firms={e.signups.map((s) => ({ id: s.enterpriseId, name: s.enterpriseName }))}
        banks={e.banks}
        onClose={() => setRecording(false)}
      />
    </>
  );
}
