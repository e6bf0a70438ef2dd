import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CalculatorOutlined, DownloadOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import {
  LAND_PARCEL_STATUS_COLORS,
  LAND_PARCEL_STATUS_LABELS,
  MUJUN_GRADES,
  MUJUN_GRADE_COLORS,
  MUJUN_GRADE_LABELS,
  MUJUN_SOURCE_LABELS,
  formatWanPerMu,
  type LandParcelStatus,
  type MujunFirmFigures,
  type MujunGrade,
  type MujunRankingRow,
} from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatWan } from '../../../components/format';
import { useExport } from '../../../components/useExport';
import { exportRanking, useEvaluateYear, useFigures, useFirmHistory, useInefficient, useRanking, useSaveFigures } from './api';

const GradeTag = ({ grade }: { grade: MujunGrade }) => (
  <Tooltip title={MUJUN_GRADE_LABELS[grade]}>
    <Tag color={MUJUN_GRADE_COLORS[grade]} style={{ fontWeight: 600 }}>
      {grade}类
    </Tag>
  </Tooltip>
);
const StatusTag = ({ status }: { status: string }) => <Tag color={LAND_PARCEL_STATUS_COLORS[status as LandParcelStatus]}>{LAND_PARCEL_STATUS_LABELS[status as LandParcelStatus] ?? status}</Tag>;
const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const mu = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });

function FirmDrawer({ enterpriseId, onClose }: { enterpriseId: string | null; onClose: () => void }) {
  const history = useFirmHistory(enterpriseId);
  const h = history.data;
  return (
    <Drawer open={Boolean(enterpriseId)} onClose={onClose} width={720} title={h ? `${h.enterpriseName} · 历年亩均评价` : '历年亩均评价'}>
      {history.isError && <QueryError error={history.error} onRetry={() => history.refetch()} what="企业亩均评价" />}
      {h && (
        <>
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={h.years}
            scroll={{ x: 640 }}
            columns={[
              { title: '年度', dataIndex: 'year' },
              { title: '用地(亩)', dataIndex: 'landMu', render: mu },
              { title: '亩均税收', dataIndex: 'taxPerMuFen', render: formatWanPerMu },
              { title: '亩均营收', dataIndex: 'revenuePerMuFen', render: formatWanPerMu },
              { title: '投资强度', dataIndex: 'investmentPerMuFen', render: formatWanPerMu },
              { title: '容积率', dataIndex: 'plotRatio', render: ratio },
              { title: '得分', dataIndex: 'score' },
              { title: '等级', dataIndex: 'grade', render: (g: MujunGrade) => <GradeTag grade={g} /> },
              { title: '排名', dataIndex: 'rank' },
              { title: '标准', dataIndex: 'thresholdValidFrom', render: (v: string | null) => (v ? `${v}起` : '默认') },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            企业地块
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={h.parcels}
            columns={[
              { title: '地块', dataIndex: 'code', render: (c: string, p) => <Link to={`/land/parcels/${p.id}`}>{c}</Link> },
              { title: '名称', dataIndex: 'name' },
              { title: '面积(亩)', dataIndex: 'areaMu', render: mu },
              { title: '状态', dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

function RankingTab({ year, onFirm }: { year: number | undefined; onFirm: (id: string) => void }) {
  const [grade, setGrade] = useState<string | undefined>();
  const [chain, setChain] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const ranking = useRanking({ year, grade, chain, q, page, pageSize });
  const chains = useRanking({ year, page: 1, pageSize: 200 });
  const { exporting, doExport } = useExport(() => exportRanking({ year: ranking.data?.year ?? year, grade, chain, q }));
  const chainOptions = [...new Map((chains.data?.items ?? []).filter((r) => r.chain).map((r) => [r.chain!, r.chainLabel ?? r.chain!])).entries()].map(([value, label]) => ({ value, label }));
  const v = ranking.data;
  if (ranking.isError) return <QueryError error={ranking.error} onRetry={() => ranking.refetch()} what="亩均评价排名" />;
  return (
    <>
      {v && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {MUJUN_GRADES.map((g) => (
            <Col xs={12} md={4} key={g}>
              <Card size="small" hoverable onClick={() => { setGrade(grade === g ? undefined : g); setPage(1); }} style={{ borderColor: grade === g ? '#1677ff' : undefined }}>
                <Statistic title={MUJUN_GRADE_LABELS[g]} value={v.counts[g]} suffix="家" />
              </Card>
            </Col>
          ))}
          <Col xs={12} md={4}>
            <Card size="small">
              <Statistic title="参评企业用地" value={mu(v.counts.landMu)} suffix="亩" />
            </Card>
          </Col>
          <Col xs={12} md={4}>
            <Card size="small">
              <Statistic title="参评企业税收" value={formatWan(v.counts.taxFen)} />
            </Card>
          </Col>
        </Row>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="等级" style={{ width: 140 }} value={grade} onChange={(g) => { setGrade(g); setPage(1); }} options={MUJUN_GRADES.map((g) => ({ value: g, label: MUJUN_GRADE_LABELS[g] }))} />
        <Select allowClear placeholder="产业链" style={{ width: 160 }} value={chain} onChange={(c) => { setChain(c); setPage(1); }} options={chainOptions} />
        <Input.Search allowClear placeholder="企业名称" style={{ width: 200 }} onSearch={(s) => { setQ(s || undefined); setPage(1); }} />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} disabled={!v?.year}>
          导出 Excel
        </Button>
      </Space>
      {v?.threshold && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {v.year}年度按 {v.threshold.validFrom} 起施行的评价标准评定(A类≥{v.threshold.rules.cutoffs.A}分,B类≥{v.threshold.rules.cutoffs.B}分,C类≥{v.threshold.rules.cutoffs.C}分,其余D类);计算于 {v.computedAt?.slice(0, 10)}。
        </Typography.Paragraph>
      )}
      <Table<MujunRankingRow>
        size="small"
        rowKey="enterpriseId"
        loading={ranking.isLoading}
        dataSource={v?.items ?? []}
        scroll={{ x: 1200 }}
        pagination={{ current: page, pageSize, total: v?.total ?? 0, showSizeChanger: true, showTotal: (n) => `共 ${n} 家`, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 60, fixed: 'left' },
          { title: '企业', dataIndex: 'enterpriseName', fixed: 'left', width: 220, render: (n: string, r) => <a onClick={() => onFirm(r.enterpriseId)}>{n}</a> },
          { title: '产业链', dataIndex: 'chainLabel', width: 100, render: (c: string | null) => c ?? '—' },
          { title: '用地(亩)', dataIndex: 'landMu', width: 100, align: 'right', render: mu },
          { title: '亩均税收(万元/亩)', dataIndex: 'taxPerMuFen', width: 130, align: 'right', render: formatWanPerMu },
          { title: '亩均营收(万元/亩)', dataIndex: 'revenuePerMuFen', width: 130, align: 'right', render: formatWanPerMu },
          { title: '投资强度(万元/亩)', dataIndex: 'investmentPerMuFen', width: 130, align: 'right', render: formatWanPerMu },
          { title: '容积率', dataIndex: 'plotRatio', width: 80, align: 'right', render: ratio },
          { title: '得分', dataIndex: 'score', width: 80, align: 'right' },
          { title: '等级', dataIndex: 'grade', width: 80, render: (g: MujunGrade) => <GradeTag grade={g} /> },
          {
            title: '数据来源',
            key: 'source',
            width: 200,
            render: (_: unknown, r) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                营收/税收:{MUJUN_SOURCE_LABELS[r.revenueSource]}
                {r.revenueSource === 'reports' ? `(${r.reportMonths}个月)` : ''};投资:{MUJUN_SOURCE_LABELS[r.investmentSource]};面积:{MUJUN_SOURCE_LABELS[r.floorAreaSource]}
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

function InefficientTab({ year, onFirm }: { year: number | undefined; onFirm: (id: string) => void }) {
  const list = useInefficient(year);
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} what="低效地块" />;
  const v = list.data;
  return (
    <>
      {v && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          message={`${v.year ?? ''}年度评价为D类企业的地块 ${v.items.length} 宗、${mu(v.totalMu)} 亩,其中已认定低效 ${v.inefficientCount} 宗`}
          description="此清单由评价结果计算得出:发布最新年度的评价时,D类企业已投产的地块经地块流程“认定低效”,不再是D类的企业其低效地块“整改到位”。"
        />
      )}
      <Table
        size="small"
        rowKey="parcelId"
        loading={list.isLoading}
        dataSource={v?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 宗` }}
        columns={[
          { title: '地块', dataIndex: 'code', render: (c: string, p) => <Link to={`/land/parcels/${p.parcelId}`}>{c}</Link> },
          { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
          { title: '面积(亩)', dataIndex: 'areaMu', align: 'right', render: mu },
          { title: '企业', dataIndex: 'enterpriseName', render: (n: string, p) => <a onClick={() => onFirm(p.enterpriseId)}>{n}</a> },
          { title: '得分', dataIndex: 'score', align: 'right' },
          { title: '亩均税收(万元/亩)', dataIndex: 'taxPerMuFen', align: 'right', render: formatWanPerMu },
          { title: '地块状态', dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: '状态起始', dataIndex: 'statusSince' },
        ]}
      />
    </>
  );
}

function FiguresTab({ year, canManage }: { year: number; canManage: boolean }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  const figures = useFigures({ year, q, page, pageSize: 20 });
  const save = useSaveFigures();
  const [editing, setEditing] = useState<MujunFirmFigures | null>(null);
  const [form] = Form.useForm();
  const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 1_000_000);
  const toFen = (wan: number | null | undefined) => (wan === null || wan === undefined ? null : Math.round(wan * 1_000_000));
  const open = (r: MujunFirmFigures) => {
    setEditing(r);
    form.setFieldsValue({ revenue: yuan(r.entered?.revenueFen), tax: yuan(r.entered?.taxFen), investment: yuan(r.entered?.investmentFen), floor: r.entered?.floorAreaM2 ?? null, note: r.entered?.note ?? '' });
  };
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ enterpriseId: editing!.enterpriseId, year, body: { revenueFen: toFen(v.revenue), taxFen: toFen(v.tax), investmentFen: toFen(v.investment), floorAreaM2: v.floor ?? null, note: v.note || null } });
      message.success('已保存,重新评价该年度后生效');
      setEditing(null);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const src = (fen: number | null, source: keyof typeof MUJUN_SOURCE_LABELS) => (
    <span>
      {formatWan(fen)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{MUJUN_SOURCE_LABELS[source]}</Typography.Text>
    </span>
  );
  if (figures.isError) return <QueryError error={figures.error} onRetry={() => figures.refetch()} what="企业亩均数据" />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="企业名称" style={{ width: 200 }} onSearch={(s) => { setQ(s || undefined); setPage(1); }} />
        {canManage && (
          <Link to={`/land/evaluation/import?year=${year}`}>
            <Button icon={<UploadOutlined />}>Excel 导入{year}年度数据</Button>
          </Link>
        )}
      </Space>
      <Table<MujunFirmFigures>
        size="small"
        rowKey="enterpriseId"
        loading={figures.isLoading}
        dataSource={figures.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: 20, total: figures.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 家有地企业` }}
        columns={[
          { title: '企业', dataIndex: 'enterpriseName', width: 220 },
          { title: '用地(亩)', dataIndex: 'landMu', align: 'right', render: mu },
          { title: '月报', dataIndex: 'reportMonths', render: (n: number) => (n ? `${n}个月` : '—') },
          { title: '营业收入', key: 'rev', render: (_: unknown, r) => src(r.revenueFen, r.revenueSource) },
          { title: '税收', key: 'tax', render: (_: unknown, r) => src(r.taxFen, r.taxSource) },
          { title: '累计固定资产投资', key: 'inv', render: (_: unknown, r) => src(r.investmentFen, r.investmentSource) },
          { title: '建筑面积(㎡)', key: 'floor', render: (_: unknown, r) => (r.floorAreaM2 === null ? '—' : `${r.floorAreaM2.toLocaleString('zh-CN')}(${MUJUN_SOURCE_LABELS[r.floorAreaSource]})`) },
          ...(canManage ? [{ title: '', key: 'edit', width: 70, render: (_: unknown, r: MujunFirmFigures) => <a onClick={() => open(r)}>录入</a> }] : []),
        ]}
      />
      <Modal open={Boolean(editing)} title={`${editing?.enterpriseName ?? ''} · ${year}年度数据`} onCancel={() => setEditing(null)} onOk={submit} confirmLoading={save.isPending} okText="保存">
        {editing && editing.reportMonths >= 12 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="该企业本年度12个月月报均已审核通过,评价时营收和税收以月报合计为准。" />}
        <Form form={form} layout="vertical">
          <Form.Item name="revenue" label="营业收入(万元)">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="tax" label="税收(万元)">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="investment" label="累计固定资产投资(万元)">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="floor" label="建筑面积(㎡)">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 亩均论英雄: the graded firms of a year (ranking, export), the computed 低效 parcels, the firms' figures and where they come from. */
export function EvaluationPage() {
  const me = useMe();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const canManage = hasPermission(me, 'land:manage');
  const [year, setYear] = useState<number | undefined>();
  const [firm, setFirm] = useState<string | null>(null);
  const base = useRanking({ year, page: 1, pageSize: 1 });
  const evaluate = useEvaluateYear();
  const shown = base.data?.year ?? year ?? new Date().getFullYear() - 1;
  const thisYear = new Date().getFullYear();
  const yearOptions = [...new Set([...(base.data?.years ?? []), thisYear, thisYear - 1, thisYear - 2, thisYear - 3])].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年度` }));
  const run = async () => {
    try {
      const r = await evaluate.mutateAsync(shown);
      setYear(r.year);
      modal.success({
        title: `${r.year}年度评价完成`,
        content: `参评企业 ${r.firms} 家:A类 ${r.counts.A}、B类 ${r.counts.B}、C类 ${r.counts.C}、D类 ${r.counts.D}。${r.published ? `已发布:新认定低效地块 ${r.markedInefficient} 宗,整改到位 ${r.rectified} 宗。` : '该年度不是最新评价年度,未调整地块状态。'}`,
      });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <PageHeader
        title="亩均论英雄"
        subTitle="按园区评价标准对有地企业逐年评定 A/B/C/D 类,D类企业的投产地块认定为低效"
        extra={
          <Space wrap>
            <Select style={{ width: 120 }} value={shown} options={yearOptions} onChange={setYear} aria-label="评价年度" />
            {canManage && (
              <Popconfirm title={`评价${shown}年度?`} description="将按年末有效的评价标准重算该年度所有有地企业,并发布低效地块。" onConfirm={run} okText="评价并发布">
                <Button type="primary" icon={<CalculatorOutlined />} loading={evaluate.isPending}>
                  评价{shown}年度
                </Button>
              </Popconfirm>
            )}
            <Button icon={<SettingOutlined />} onClick={() => navigate('/land/evaluation/thresholds')}>
              评价标准
            </Button>
          </Space>
        }
      />
      {base.data && base.data.years.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="还没有评价过任何年度。录入或导入企业数据后,选择年度并点击“评价”。" />}
      <Tabs
        items={[
          { key: 'ranking', label: '评价排名', children: <RankingTab year={year} onFirm={setFirm} /> },
          { key: 'inefficient', label: '低效地块', children: <InefficientTab year={year} onFirm={setFirm} /> },
          { key: 'figures', label: '企业数据', children: <FiguresTab year={shown} canManage={canManage} /> },
        ]}
      />
      <FirmDrawer enterpriseId={firm} onClose={() => setFirm(null)} />
    </>
  );
}
