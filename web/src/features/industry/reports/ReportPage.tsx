import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  REPORT_VALUE_SOURCE_LABELS,
  fenToYuanString,
  formatGrowth,
  growthPct,
  reportSwing,
  type ReportRowView,
  type ReportValueInput,
  type ReportView,
} from '@yuanqi/contract';
import { errorMessage, isApiError } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { CaseActionBar, CaseFrame } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { formatDate, formatDateTime, fenToWan, wanToFen } from '../../../components/format';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useScreens } from '../../../components/useScreens';
import { useReport, useReportAction, useReportForm, useSaveReport, useSubmitReport } from './api';
import { DueTag, LateTag, ReportStatusTag, formatFigure, inputUnitLabel } from './components';
import './reports.css';

/** /industry/reports/file?period=YYYY-MM[&enterpriseId=]: opens (or starts) the month's report, then shows it at its own address. */
export function FileReportPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const period = params.get('period') ?? '';
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  const form = useReportForm(enterpriseId, period);
  useEffect(() => {
    if (form.data) navigate(`/industry/reports/${form.data.id}`, { replace: true });
  }, [form.data, navigate]);
  if (!period) return <QueryError error={new Error('请选择报告期')} />;
  if (form.error) return <QueryError error={form.error} what="月报" onRetry={() => void form.refetch()} />;
  return <PageLoading />;
}

export function ReportPage() {
  const { id = '' } = useParams();
  const report = useReport(id);
  if (report.isLoading) return <PageLoading />;
  if (report.error || !report.data) return <QueryError error={report.error} what="月报" onRetry={() => void report.refetch()} />;
  return <ReportScreen view={report.data} />;
}

function ReportScreen({ view }: { view: ReportView }) {
  const me = useMe();
  const firmSide = !!me.enterpriseId;
  const [correcting, setCorrecting] = useState(false);
  const act = useReportAction(view.id);
  const title = `${view.periodLabel}经济运行月报`;
  const editing = view.editable || correcting;
  const mayCorrect = view.allowedActions.includes('correct');

  const facts = [
    firmSide ? null : view.enterpriseName,
    `截止 ${formatDate(view.dueOn)}`,
    view.submittedAt ? `提交于 ${formatDateTime(view.submittedAt)}` : null,
    view.revision > 0 ? `第${view.revision}版已通过` : null,
  ].filter(Boolean);

  const notice = (
    <>
      {view.status === 'returned' && view.returnReason && <Alert className="yq-section" type="warning" showIcon message="月报被退回,请修改后重新提交" description={`退回原因:${view.returnReason}`} />}
      {view.status === 'submitted' && view.correctionReason && view.revision > 0 && (
        <Alert className="yq-section" type="info" showIcon message={`更正待审核(已通过的第${view.revision}版在审核通过前保持有效)`} description={`更正原因:${view.correctionReason}`} />
      )}
    </>
  );

  const actions = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <CaseActionBar
        allowedActions={view.allowedActions.filter((a) => a !== 'correct')}
        block={!!me.enterpriseId}
        actions={[
          { action: 'accept', label: '审核通过', primary: true, confirm: { title: `确认${view.enterpriseName}${view.periodLabel}月报审核通过?通过后数据计入统计。`, okText: '确认通过' } },
          {
            action: 'return',
            label: '退回修改',
            danger: true,
            fields: [{ name: 'reason', label: '退回原因', kind: 'textarea', required: true, min: 2, max: 500, placeholder: '请写明需要核实或修改的指标' }],
          },
        ]}
        run={(action, values) => act.mutateAsync({ action: action as 'accept' | 'return', version: view.version, reason: typeof values.reason === 'string' ? values.reason : undefined })}
      />
      {mayCorrect && !correcting && (
        <Button block onClick={() => setCorrecting(true)}>
          申请更正
        </Button>
      )}
    </Space>
  );
  const hasActions = view.allowedActions.length > 0;

  return (
    <CaseFrame
      layout={firmSide ? 'narrow' : 'workbench'}
      number={view.periodLabel}
      pageTitle="经济运行月报"
      title={firmSide ? view.enterpriseName : `${view.enterpriseName} · ${title}`}
      docTitle={title}
      status={
        <Space size={4} wrap>
          <ReportStatusTag status={view.status} label={view.statusLabel} />
          <LateTag late={view.late} />
          <DueTag workingDaysLeft={view.workingDaysLeft} />
        </Space>
      }
      facts={facts as string[]}
      before={
        <Link to={firmSide ? '/industry/reports' : view.status === 'submitted' ? '/industry/reports/review' : '/industry/reports/filing'} className="yq-back-link">
          ← {firmSide ? '月度报表' : view.status === 'submitted' ? '月报审核' : '报送情况'}
        </Link>
      }
      notice={notice}
      actions={hasActions ? actions : undefined}
      timeline={<EventTimeline events={view.timeline} colors={{ accept: 'green', return: 'orange', correct: 'purple', submit: 'blue', create: 'gray' }} detailOf={(e) => (e.action === 'accept' && typeof e.data?.revision === 'number' && e.data.revision > 1 ? `第${e.data.revision}版生效` : e.action === 'submit' && e.data?.late ? '逾期提交' : null)} />}
      timelineTitle="办理记录"
    >
      {editing ? <ReportForm view={view} mode={correcting ? 'correct' : 'file'} onDone={() => setCorrecting(false)} /> : <ReportFigures view={view} />}
      {view.revisions.length > 0 && (view.revisions.length > 1 || view.status !== 'accepted') && <RevisionHistory view={view} />}
    </CaseFrame>
  );
}

/** The figures as filed, with 同期/上期 and growth (read-only). */
function ReportFigures({ view }: { view: ReportView }) {
  const screens = useScreens();
  if (!screens.md) {
    return (
      <Card title="填报数据" className="yq-section" size="small">
        {view.rows.map((r) => (
          <div key={r.key} className="yq-report-row">
            <div className="yq-report-row-head">
              <span>{r.label}</span>
              <strong>{formatFigure(r.value, r.unit, r.decimals)}</strong>
            </div>
            <div className="yq-report-bases">
              同期 {formatFigure(r.lastYear, r.unit, r.decimals)} · 同比 <Growth pct={r.yoyPct} /> · 环比 <Growth pct={r.momPct} />
            </div>
            {r.note && <div className="yq-report-note">说明:{r.note}</div>}
          </div>
        ))}
      </Card>
    );
  }
  return (
    <Card title="填报数据" className="yq-section" size="small">
      <Table<ReportRowView>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={view.rows}
        columns={[
          { title: '指标', dataIndex: 'label', width: 110, render: (v: string, r) => (r.retired ? <span>{v} <Tag>已停用</Tag></span> : v) },
          { title: '本月', key: 'value', align: 'right', render: (_, r) => <strong className="yq-nowrap">{formatFigure(r.value, r.unit, r.decimals)}</strong> },
          { title: '同期', key: 'lastYear', align: 'right', render: (_, r) => <span className="yq-nowrap">{formatFigure(r.lastYear, r.unit, r.decimals)}</span> },
          { title: '同比', key: 'yoy', align: 'right', render: (_, r) => <Growth pct={r.yoyPct} /> },
          { title: '上期', key: 'previous', align: 'right', render: (_, r) => <span className="yq-nowrap">{formatFigure(r.previous, r.unit, r.decimals)}</span> },
          { title: '环比', key: 'mom', align: 'right', render: (_, r) => <Growth pct={r.momPct} /> },
          { title: '说明', dataIndex: 'note', render: (v: string | null, r) => <>{v ?? ''}{r.source === 'iot' && <Tag color="cyan">{REPORT_VALUE_SOURCE_LABELS.iot}</Tag>}</> },
        ]}
      />
    </Card>
  );
}

function Growth({ pct, threshold }: { pct: number | null; threshold?: number }) {
  const big = threshold !== undefined && pct !== null && Math.abs(pct) > threshold;
  return <span className={pct === null ? '' : big ? 'yq-growth-big' : pct >= 0 ? 'yq-growth-up' : 'yq-growth-down'}>{formatGrowth(pct)}</span>;
}

type Entry = { value: number | null; note: string; source: 'manual' | 'iot' };

/** Form value (万元 for money) ↔ stored unit (fen). */
const toStored = (r: ReportRowView, v: number | null) => (v === null ? null : r.unit === 'fen' ? wanToFen(v) : v);
const toShown = (r: ReportRowView, v: number | null) => (v === null ? null : r.unit === 'fen' ? fenToWan(v) : v);

/** Filing (draft / returned) or a correction of an accepted report. */
function ReportForm({ view, mode, onDone }: { view: ReportView; mode: 'file' | 'correct'; onDone: () => void }) {
  const { message } = App.useApp();
  const rows = view.rows.filter((r) => !r.retired);
  const initial = useMemo(() => Object.fromEntries(rows.map((r) => [r.key, { value: toShown(r, r.value), note: r.note ?? '', source: r.source === 'iot' ? 'iot' : 'manual' } as Entry])), [view.id, view.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const [entries, setEntries] = useState<Record<string, Entry>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const save = useSaveReport(view.id);
  const submit = useSubmitReport(view.id);
  const act = useReportAction(view.id);
  useEffect(() => setEntries(initial), [initial]);

  const set = (key: string, patch: Partial<Entry>) => {
    setEntries((e) => ({ ...e, [key]: { ...e[key]!, ...patch } }));
    setErrors((e) => {
      const next = { ...e };
      delete next[`values.${key}.value`];
      if (patch.note !== undefined) delete next[`values.${key}.note`];
      return next;
    });
  };
  const payload = (): Record<string, ReportValueInput> =>
    Object.fromEntries(
      rows.map((r) => {
        const e = entries[r.key]!;
        const stored = toStored(r, e.value);
        const value = stored === null ? null : r.unit === 'fen' ? fenToYuanString(stored).replace(/,/g, '') : stored;
        return [r.key, { value, note: e.note.trim() || null, source: e.source }];
      }),
    );
  const fail = (e: unknown) => {
    if (isApiError(e, 'VALIDATION_FAILED')) {
      setErrors(Object.fromEntries(e.details.map((d) => [d.path, d.message])));
      setFormError(e.details.length > 1 ? `有${e.details.length}处需要修改,请查看标红的指标` : e.message);
      const first = e.details[0]?.path.split('.')[1];
      if (first) document.getElementById(`report-row-${first}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    } else setFormError(errorMessage(e));
  };
  const run = async (kind: 'save' | 'submit' | 'correct') => {
    setFormError(null);
    try {
      if (kind === 'save') {
        await save.mutateAsync({ version: view.version, values: payload() });
        message.success('草稿已保存');
      } else if (kind === 'submit') {
        await submit.mutateAsync({ version: view.version, values: payload() });
        message.success('已提交,等待园区审核');
      } else {
        await act.mutateAsync({ action: 'correct', version: view.version, reason, values: payload() });
        message.success('更正已提交,审核通过后生效');
        onDone();
      }
      setErrors({});
    } catch (e) {
      fail(e);
    }
  };
  const busy = save.isPending || submit.isPending || act.isPending;

  return (
    <Card className="yq-section" title={mode === 'correct' ? '更正月报' : '填报数据'} size="small" extra={<Typography.Text type="secondary">金额单位:万元</Typography.Text>}>
      {rows.map((r) => {
        const e = entries[r.key] ?? { value: null, note: '', source: 'manual' as const };
        const stored = toStored(r, e.value);
        const swing = r.swingCheck ? reportSwing(stored, r.lastYear, r.previous, view.swingThresholdPct) : null;
        const valueError = errors[`values.${r.key}.value`];
        const noteError = errors[`values.${r.key}.note`];
        const offer = r.key === 'power_kwh' ? view.energyOffer : null;
        return (
          <div key={r.key} id={`report-row-${r.key}`} className={`yq-report-field${valueError || noteError ? ' has-error' : ''}`}>
            <label className="yq-report-label" htmlFor={`v-${r.key}`}>
              {r.required && <span className="yq-required">*</span>}
              {r.label}
              <span className="yq-report-unit">({inputUnitLabel(r.unit)})</span>
              {e.source === 'iot' && <Tag color="cyan">{REPORT_VALUE_SOURCE_LABELS.iot}</Tag>}
            </label>
            <InputNumber
              id={`v-${r.key}`}
              aria-label={r.label}
              style={{ width: '100%' }}
              inputMode="decimal"
              value={e.value}
              status={valueError ? 'error' : undefined}
              placeholder={r.help ?? `请填写${r.label}`}
              onChange={(v) => set(r.key, { value: typeof v === 'number' ? v : v === null ? null : Number(v), source: 'manual' })}
            />
            {valueError && <div className="yq-field-error">{valueError}</div>}
            {offer && (
              <Button size="small" type="link" className="yq-offer-button" icon={<ThunderboltOutlined />} onClick={() => set(r.key, { value: offer.kwh, source: 'iot' })}>
                采用电表读数 {offer.kwh.toLocaleString('zh-CN')} 千瓦时({offer.meters}块电表,{offer.daysWithData}/{offer.daysInMonth}天有数据)
              </Button>
            )}
            <div className="yq-report-bases">
              同期 {formatFigure(r.lastYear, r.unit, r.decimals)} · 上期 {formatFigure(r.previous, r.unit, r.decimals)} · 同比 <Growth pct={growthPct(stored, r.lastYear)} threshold={view.swingThresholdPct} /> · 环比{' '}
              <Growth pct={growthPct(stored, r.previous)} threshold={view.swingThresholdPct} />
            </div>
            {(swing || e.note || noteError) && (
              <>
                {swing && !noteError && (
                  <div className="yq-report-swing">
                    {r.label}
                    {swing.kind} {formatGrowth(swing.pct)},超过 ±{view.swingThresholdPct}%,请说明原因
                  </div>
                )}
                <Input.TextArea
                  aria-label={`${r.label}说明`}
                  rows={2}
                  maxLength={500}
                  value={e.note}
                  status={noteError ? 'error' : undefined}
                  placeholder="说明变动原因(如新产线投产、订单变化、停产检修)"
                  onChange={(ev) => set(r.key, { note: ev.target.value })}
                />
                {noteError && <div className="yq-field-error">{noteError}</div>}
              </>
            )}
          </div>
        );
      })}
      {mode === 'correct' && (
        <div className="yq-report-field">
          <label className="yq-report-label" htmlFor="correct-reason">
            <span className="yq-required">*</span>更正原因
          </label>
          <Input.TextArea id="correct-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} status={errors.reason ? 'error' : undefined} placeholder="例如:税务系统核对后更正税收" />
          {errors.reason && <div className="yq-field-error">{errors.reason}</div>}
          {errors.values && <div className="yq-field-error">{errors.values}</div>}
        </div>
      )}
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <div className="yq-report-buttons">
        {mode === 'file' ? (
          <>
            <Button onClick={() => void run('save')} loading={save.isPending} disabled={busy}>
              保存草稿
            </Button>
            <Button type="primary" onClick={() => void run('submit')} loading={submit.isPending} disabled={busy}>
              提交审核
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onDone} disabled={busy}>
              取消
            </Button>
            <Button type="primary" onClick={() => void run('correct')} loading={act.isPending} disabled={busy}>
              提交更正
            </Button>
          </>
        )}
      </div>
    </Card>
  );
}

/** Accepted versions side by side (newest first) with the values now pending, where they differ. */
function RevisionHistory({ view }: { view: ReportView }) {
  const pending = view.status !== 'accepted';
  const columns = [
    { title: '指标', dataIndex: 'label', key: 'label', fixed: 'left' as const },
    ...(pending ? [{ title: '待审核', key: 'pending', align: 'right' as const, render: (_: unknown, r: ReportRowView) => <strong>{formatFigure(r.value, r.unit, r.decimals)}</strong> }] : []),
    ...view.revisions.map((v, i) => ({
      title: (
        <span>
          第{v.revision}版{i === 0 && !pending ? '(现行)' : ''}
          <div style={{ fontWeight: 400, fontSize: 12, color: '#667085' }}>{formatDate(v.acceptedAt)}</div>
        </span>
      ),
      key: `rev-${v.revision}`,
      align: 'right' as const,
      render: (_: unknown, r: ReportRowView) => {
        const value = v.figures[r.key] ?? null;
        const newer = i === 0 ? (pending ? r.value : null) : (view.revisions[i - 1]!.figures[r.key] ?? null);
        const changed = newer !== null && value !== newer;
        return <span className={changed ? 'yq-rev-changed' : ''}>{formatFigure(value, r.unit, r.decimals)}</span>;
      },
    })),
  ];
  return (
    <Card title="修订记录" className="yq-section" size="small" extra={<Typography.Text type="secondary">旧版本保留可查</Typography.Text>}>
      {view.revisions.some((v) => v.reason) && (
        <ul className="yq-rev-reasons">
          {view.revisions
            .filter((v) => v.reason)
            .map((v) => (
              <li key={v.revision}>
                第{v.revision}版更正原因:{v.reason}({v.acceptedByName ?? '—'}审核通过)
              </li>
            ))}
        </ul>
      )}
      <Table<ReportRowView> rowKey="key" size="small" pagination={false} dataSource={view.rows} columns={columns} scroll={{ x: 'max-content' }} />
    </Card>
  );
}
