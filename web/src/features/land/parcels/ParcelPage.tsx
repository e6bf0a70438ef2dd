import { useMemo } from 'react';
import { Alert, Card, Descriptions, Select, Skeleton, Space, Table, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  BUILDING_KIND_LABELS,
  LAND_PARCEL_ACTION_LABELS,
  LAND_PARCEL_STATUS_COLORS,
  LAND_PARCEL_STATUS_LABELS,
  LAND_PLANNED_USE_LABELS,
  parseYuanToFen,
  type BuildingKind,
  type LandParcelAction,
  type ParcelDetailView,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseActionBar, CaseFrame, type CaseActionField, type CaseActionSpec } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { formatDate, formatMoney, parkToday } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useHolders, useParcel, useParcelStep, type HolderOptions } from './api';
import { GRADE_COLORS, ParcelStatusTag, formatMu, formatWanPerMu } from './bits';
import { ParcelMap } from './ParcelMap';

const dateField: CaseActionField = { name: 'on', label: '日期', kind: 'date', extra: '生效日期,不填为今天', span: 12 };
const noteField = (label = '说明', required = false): CaseActionField => ({ name: 'note', label, kind: 'textarea', required, max: 500, rows: 2, min: required ? 2 : undefined });

function holderField(options: HolderOptions | undefined, loading: boolean): CaseActionField {
  return {
    name: 'holder',
    label: '受让企业或招商项目',
    kind: 'custom',
    required: true,
    requiredMessage: '请选择受让企业或招商项目',
    control: (
      <Select
        showSearch
        placeholder="输入企业名称或项目名称搜索"
        loading={loading}
        optionFilterProp="label"
        options={[
          { label: '企业', options: (options?.firms ?? []).map((f) => ({ value: `firm:${f.id}`, label: f.name })) },
          { label: '招商项目', options: (options?.projects ?? []).map((p) => ({ value: `project:${p.id}`, label: `${p.name}(${p.code}${p.enterpriseName ? `,${p.enterpriseName}` : ''})` })) },
        ]}
      />
    ),
  };
}

function specs(holders: HolderOptions | undefined, loading: boolean): CaseActionSpec<LandParcelAction, ParcelDetailView>[] {
  const price: CaseActionField = { name: 'price', label: '出让价款(元)', kind: 'text', max: 20, placeholder: '可选,如 12000000', span: 12 };
  return [
    { action: 'transfer', label: LAND_PARCEL_ACTION_LABELS.transfer, primary: true, title: '出让地块', fields: [holderField(holders, loading), dateField, price, noteField()] },
    { action: 'start_construction', label: LAND_PARCEL_ACTION_LABELS.start_construction, primary: true, title: '登记开工', fields: [dateField, noteField()] },
    { action: 'start_production', label: LAND_PARCEL_ACTION_LABELS.start_production, primary: true, title: '登记投产', fields: [dateField, noteField()] },
    { action: 'mark_idle', label: LAND_PARCEL_ACTION_LABELS.mark_idle, danger: true, title: '认定闲置', fields: [dateField, noteField('认定理由', true)] },
    { action: 'mark_inefficient', label: LAND_PARCEL_ACTION_LABELS.mark_inefficient, danger: true, title: '认定低效', fields: [dateField, noteField('认定理由', true)] },
    { action: 'rectify', label: LAND_PARCEL_ACTION_LABELS.rectify, title: '整改到位', intro: '闲置地块已开工的回到“在建”,未开工的回到“已出让”;低效地块回到“已投产”。', fields: [dateField, noteField('整改情况', true)] },
    { action: 'recover', label: LAND_PARCEL_ACTION_LABELS.recover, danger: true, title: '收回地块', intro: '收回后地块不再属于原受让企业,可再出让或纳入储备。', fields: [dateField, noteField('收回方式与依据', true)] },
    { action: 'reallocate', label: LAND_PARCEL_ACTION_LABELS.reallocate, primary: true, title: '再出让(腾笼换鸟)', fields: [holderField(holders, loading), dateField, price, noteField()] },
    { action: 'return_to_reserve', label: LAND_PARCEL_ACTION_LABELS.return_to_reserve, title: '纳入储备', fields: [dateField, noteField()] },
  ];
}

const EVENT_COLORS: Record<string, string> = { mark_idle: 'red', mark_inefficient: 'orange', recover: 'purple', start_production: 'green', create: 'gray', import: 'gray', update: 'gray' };

/** 地块页: a small map, areas and their check, holder, 亩均 figures, buildings, the workflow's buttons and timeline. */
export function ParcelPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const manage = hasPermission(me, 'land:manage');
  const parcel = useParcel(id);
  const step = useParcelStep(id);
  const needsHolder = !!parcel.data?.actions.some((a) => a === 'transfer' || a === 'reallocate');
  const holders = useHolders('', manage && needsHolder);
  const screens = useScreens();
  const mobile = !screens.md;
  const actionSpecs = useMemo(() => specs(holders.data, holders.isLoading), [holders.data, holders.isLoading]);

  if (parcel.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (parcel.isError || !parcel.data) return <QueryError error={parcel.error} onRetry={() => parcel.refetch()} what="地块" />;
  const p = parcel.data;
  const mainLine = ['reserve', 'transferred', 'construction', 'producing'] as const;
  const current = (mainLine as readonly string[]).indexOf(p.status);

  return (
    <CaseFrame
      layout={mobile ? 'narrow' : 'workbench'}
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to="/land/parcels">
            <ArrowLeftOutlined /> 地块台账
          </Link>
          <span style={{ margin: '0 8px', color: '#d0d5dd' }}>|</span>
          <Link to="/land/map">地块地图</Link>
        </div>
      }
      number={p.code}
      title={p.name ?? `${p.zone ?? ''}${LAND_PLANNED_USE_LABELS[p.plannedUse]}`}
      pageTitle="地块详情"
      docTitle={`地块 ${p.code}`}
      status={<ParcelStatusTag status={p.status} />}
      facts={[<Tag key="area">{formatMu(p.areaMu)}</Tag>, <Tag key="use">{LAND_PLANNED_USE_LABELS[p.plannedUse]}</Tag>]}
      extra={
        manage && (
          <Link to={`/land/parcels/${p.id}/edit`}>
            <EditOutlined /> 修改信息
          </Link>
        )
      }
      notice={
        p.areaDiffers ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`按边界计算的面积 ${formatMu(p.areaMu)} 与证载面积 ${formatMu(p.declaredAreaMu)} 相差 ${p.areaDiffPercent}%,超过2%,请核对边界或权证`} />
        ) : p.status === 'idle' || p.status === 'inefficient' ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`${LAND_PARCEL_STATUS_LABELS[p.status]}地块(自 ${formatDate(p.statusSince)}):可整改到位或收回`} />
        ) : null
      }
      steps={{
        current: current === -1 ? 1 : current,
        status: current === -1 ? 'error' : current === 3 ? 'finish' : 'process',
        items: [
          { title: '储备' },
          { title: '出让', content: formatDate(p.transferredOn) },
          { title: '在建', content: formatDate(p.constructionOn) },
          { title: '投产', content: formatDate(p.producingOn) },
        ],
      }}
      actions={
        p.actions.length > 0 && (
          <CaseActionBar<LandParcelAction, ParcelDetailView>
            key={p.status}
            allowedActions={p.actions}
            actions={actionSpecs}
            block={mobile}
            run={(action, values) => {
              const holder = typeof values.holder === 'string' ? values.holder : '';
              const priceText = typeof values.price === 'string' ? values.price : '';
              const fen = priceText ? parseYuanToFen(priceText) : null;
              if (priceText && (fen === null || fen < 0)) return Promise.reject(new Error('出让价款应为金额(元),如 12000000'));
              return step.mutateAsync({
                action,
                body: {
                  on: typeof values.on === 'string' ? values.on : parkToday(),
                  note: typeof values.note === 'string' ? values.note : undefined,
                  enterpriseId: holder.startsWith('firm:') ? holder.slice(5) : undefined,
                  projectId: holder.startsWith('project:') ? holder.slice(8) : undefined,
                  landPriceFen: fen ?? undefined,
                },
              });
            }}
          />
        )
      }
      timeline={<EventTimeline events={p.timeline} colors={EVENT_COLORS} detailOf={(e) => (e.data && typeof e.data.on === 'string' ? `生效日期 ${e.data.on}` : null)} />}
      timelineTitle="状态记录"
      timelineSide={!mobile}
    >
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 8 } }}>
        <ParcelMap features={[]} parcels={[{ id: p.id, code: p.code, boundary: p.boundary, color: LAND_PARCEL_STATUS_COLORS[p.status] }]} bounds={boundsOf(p)} height={240} interactive={false} />
      </Card>
      <Card title="地块信息" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={mobile ? 1 : 2} size="small">
          <Descriptions.Item label="计算面积">{formatMu(p.areaMu)}</Descriptions.Item>
          <Descriptions.Item label="证载面积">
            {formatMu(p.declaredAreaMu)}
            {p.areaDiffPercent !== null && <span style={{ color: p.areaDiffers ? '#cf1322' : '#667085', marginInlineStart: 6 }}>({p.areaDiffPercent > 0 ? '+' : ''}{p.areaDiffPercent}%)</span>}
          </Descriptions.Item>
          <Descriptions.Item label="片区">{p.zone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="规划用途">{LAND_PLANNED_USE_LABELS[p.plannedUse]}</Descriptions.Item>
          <Descriptions.Item label="受让企业">{p.enterpriseName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="招商项目">{p.projectName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="出让日期">{formatDate(p.transferredOn)}</Descriptions.Item>
          <Descriptions.Item label="出让价款">{formatMoney(p.landPriceFen)}</Descriptions.Item>
          <Descriptions.Item label="开工日期">{formatDate(p.constructionOn)}</Descriptions.Item>
          <Descriptions.Item label="投产日期">{formatDate(p.producingOn)}</Descriptions.Item>
          <Descriptions.Item label="建筑面积">{p.floorAreaM2 === null ? '—' : `${p.floorAreaM2.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ㎡`}</Descriptions.Item>
          <Descriptions.Item label="容积率">{p.plotRatio ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="中心点">{`${p.centroid[0].toFixed(5)}, ${p.centroid[1].toFixed(5)}`}</Descriptions.Item>
          {p.note && <Descriptions.Item label="备注">{p.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={p.figures ? `亩均效益(${p.figures.year}年,按企业全部用地)` : '亩均效益'} size="small" style={{ marginBottom: 16 }}>
        {p.figures ? (
          <Descriptions column={mobile ? 1 : 2} size="small">
            <Descriptions.Item label="评价等级">
              <Tag color={GRADE_COLORS[p.figures.grade]}>{p.figures.grade} 类</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="亩均税收">{formatWanPerMu(p.figures.taxPerMuFen)}</Descriptions.Item>
            <Descriptions.Item label="亩均营收">{formatWanPerMu(p.figures.revenuePerMuFen)}</Descriptions.Item>
            <Descriptions.Item label="投资强度">{formatWanPerMu(p.figures.investmentPerMuFen)}</Descriptions.Item>
            <Descriptions.Item label="容积率(企业)">{p.figures.plotRatio ?? '—'}</Descriptions.Item>
          </Descriptions>
        ) : (
          <span style={{ color: '#667085' }}>{p.enterpriseId ? '该企业尚无亩均评价结果' : '地块未出让,无亩均评价'}</span>
        )}
      </Card>
      {p.buildings.length > 0 && (
        <Card title="地上楼宇" size="small" style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.buildings}
            columns={[
              { title: '编号', dataIndex: 'code', render: (code: string, b) => <Link to={`/land/premises/buildings/${b.id}`}>{code}</Link> },
              { title: '名称', dataIndex: 'name' },
              { title: '类型', dataIndex: 'kind', render: (k: string) => BUILDING_KIND_LABELS[k as BuildingKind] ?? k },
              { title: '层数', dataIndex: 'floors' },
            ]}
          />
        </Card>
      )}
      <Space />
    </CaseFrame>
  );
}

function boundsOf(p: ParcelDetailView): [[number, number], [number, number]] {
  let s = 90;
  let w = 180;
  let n = -90;
  let e = -180;
  const rings = p.boundary.type === 'Polygon' ? p.boundary.coordinates : p.boundary.coordinates.flat();
  for (const ring of rings)
    for (const [lng, lat] of ring) {
      s = Math.min(s, lat);
      n = Math.max(n, lat);
      w = Math.min(w, lng);
      e = Math.max(e, lng);
    }
  const padLat = (n - s) * 0.4 + 0.0005;
  const padLng = (e - w) * 0.4 + 0.0005;
  return [
    [s - padLat, w - padLng],
    [n + padLat, e + padLng],
  ];
}
