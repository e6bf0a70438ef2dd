import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  LAND_PARCEL_STATUS_COLORS,
  LAND_PLANNED_USES,
  LAND_PLANNED_USE_LABELS,
  geometryAreaMu,
  normalizeParcelGeometry,
  parcelAreaDiffers,
  parseBoundaryText,
  validateParcelGeometry,
  type LandPlannedUse,
  type ParcelGeometry,
} from '@yuanqi/contract';
import { errorMessage, isApiError } from '../../../app/api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useParcel, useSaveParcel } from './api';
import { formatMu } from './bits';
import { ParcelMap } from './ParcelMap';

type Values = { code: string; name?: string; plannedUse: LandPlannedUse; zone?: string; declaredAreaMu?: number | null; floorAreaM2?: number | null; note?: string; boundaryText: string };

/** The boundary text as the form reads it: a geometry, or why not. */
function readBoundary(text: string | undefined): { geometry: ParcelGeometry; areaMu: number } | { error: string } | null {
  if (!text || !text.trim()) return null;
  const parsed = parseBoundaryText(text);
  if ('error' in parsed) return { error: parsed.error };
  const problems = validateParcelGeometry(parsed.geometry);
  if (problems.length > 0) return { error: problems[0]!.message };
  const geometry = normalizeParcelGeometry(parsed.geometry as ParcelGeometry);
  return { geometry, areaMu: geometryAreaMu(geometry) };
}

/** 登记地块 / 修改地块信息: paste the boundary (GeoJSON, WKT or lng,lat pairs); the area is computed as you type. */
export function ParcelFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const existing = useParcel(id ?? '');
  const save = useSaveParcel(id ?? null);
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [serverError, setServerError] = useState<string | null>(null);
  const boundaryText = Form.useWatch('boundaryText', form);
  const declared = Form.useWatch('declaredAreaMu', form);
  const boundary = useMemo(() => readBoundary(boundaryText), [boundaryText]);

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    form.setFieldsValue({ code: p.code, name: p.name ?? undefined, plannedUse: p.plannedUse, zone: p.zone ?? undefined, declaredAreaMu: p.declaredAreaMu, floorAreaM2: p.floorAreaM2, note: p.note ?? undefined, boundaryText: JSON.stringify(p.boundary) });
  }, [existing.data, form]);

  if (editing && existing.isLoading)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (editing && (existing.isError || !existing.data)) return <QueryError error={existing.error} onRetry={() => existing.refetch()} what="地块" />;

  const submit = async (v: Values) => {
    setServerError(null);
    const b = readBoundary(v.boundaryText);
    if (!b || 'error' in b) return;
    try {
      const saved = await save.mutateAsync({
        code: v.code,
        name: v.name || null,
        plannedUse: v.plannedUse,
        zone: v.zone || null,
        declaredAreaMu: v.declaredAreaMu ?? null,
        floorAreaM2: v.floorAreaM2 ?? null,
        note: v.note || null,
        boundary: b.geometry,
      });
      message.success(editing ? '已保存' : `已登记地块 ${saved.code}`);
      navigate(`/land/parcels/${saved.id}`);
    } catch (e) {
      if (isApiError(e)) form.setFields((e.details ?? []).map((d) => ({ name: d.path === 'boundary' ? 'boundaryText' : d.path, errors: [d.message] })) as never);
      setServerError(errorMessage(e));
    }
  };

  const ok = boundary && !('error' in boundary) ? boundary : null;
  return (
    <>
      <PageHeader title={editing ? `修改地块 ${existing.data?.code ?? ''}` : '登记地块'} subTitle="边界为 WGS84 经纬度;面积按边界计算,并与证载面积核对(相差超过2%会标出)" />
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Card>
            <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ plannedUse: 'industrial' }}>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="code" label="地块编号" rules={[{ required: true, message: '请填写地块编号' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9\-_.]*$/, message: '只能包含字母、数字、-、_ 和 .' }]}>
                    <Input placeholder="如 GX-2026-001" maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="name" label="名称">
                    <Input maxLength={80} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="plannedUse" label="规划用途" rules={[{ required: true, message: '请选择规划用途' }]}>
                    <Select options={LAND_PLANNED_USES.map((u) => ({ value: u, label: LAND_PLANNED_USE_LABELS[u] }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="zone" label="片区">
                    <Input maxLength={40} placeholder="如 起步区" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="declaredAreaMu" label="证载面积(亩)">
                    <InputNumber min={0.0001} max={100000} precision={4} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="floorAreaM2" label="建筑面积(㎡)">
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="boundaryText"
                label="地块边界"
                extra="粘贴 GeoJSON(Polygon / MultiPolygon / Feature)、WKT POLYGON((经度 纬度, …)),或“经度,纬度;经度,纬度;…”"
                rules={[
                  { required: true, message: '请填写地块边界' },
                  { validator: (_r, v: string) => { const b = readBoundary(v); return b && 'error' in b ? Promise.reject(new Error(b.error)) : Promise.resolve(); } },
                ]}
              >
                <Input.TextArea rows={6} className="yq-mono" data-testid="boundary-input" />
              </Form.Item>
              <Form.Item name="note" label="备注">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 12 }} />}
              <Space>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {editing ? '保存' : '登记'}
                </Button>
                <Link to={editing ? `/land/parcels/${id}` : '/land/parcels'}>
                  <Button>取消</Button>
                </Link>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card title="边界预览" size="small">
            <Typography.Paragraph data-testid="computed-area" style={{ marginBottom: 8 }}>
              按边界计算面积:<strong>{ok ? formatMu(ok.areaMu) : '—'}</strong>
              {ok && declared ? (
                <Typography.Text type={parcelAreaDiffers(ok.areaMu, declared) ? 'danger' : 'secondary'} style={{ marginInlineStart: 8 }}>
                  与证载面积相差 {(((ok.areaMu - declared) / declared) * 100).toFixed(2)}%{parcelAreaDiffers(ok.areaMu, declared) ? ',超过2%' : ''}
                </Typography.Text>
              ) : null}
            </Typography.Paragraph>
            {boundary && 'error' in boundary && <Alert type="warning" showIcon title={boundary.error} style={{ marginBottom: 8 }} />}
            {ok ? (
              <ParcelMap key={JSON.stringify(ok.geometry).length} features={[]} parcels={[{ id: 'preview', code: '预览', boundary: ok.geometry, color: LAND_PARCEL_STATUS_COLORS.reserve }]} bounds={previewBounds(ok.geometry)} height={320} interactive={false} />
            ) : (
              <div style={{ height: 320, background: '#efece3', borderRadius: 8, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#8c8c8c' }}>填写边界后在此预览</div>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function previewBounds(g: ParcelGeometry): [[number, number], [number, number]] {
  const pts = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
  const lats = pts.map((p) => p[1]);
  const lngs = pts.map((p) => p[0]);
  const [s, n, w, e] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const pad = Math.max(n - s, e - w) * 0.3 + 0.0003;
  return [
    [s - pad, w - pad],
    [n + pad, e + pad],
  ];
}
