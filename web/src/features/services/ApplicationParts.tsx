import { useState } from 'react';
import { Alert, App, Button, Input, Progress, Tag, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  CLOCK_STATE_LABELS,
  MATERIAL_STATE_LABELS,
  PAUSE_KIND_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationClockView,
  type ApplicationDetailView,
  type ApplicationEventAction,
  type ApplicationEventView,
  type ApplicationMaterialView,
  type MaterialState,
} from '@yuanqi/contract';
import type { UploadProgress } from '../../app/api';
import type { CaseActionFormProps } from '../../components/case-kit';
import { EventTimeline } from '../../components/EventTimeline';
import { buildPickerProps, FILE_HINT, formatSize } from '../../components/files';
import { formatDate, formatDateTime } from '../../components/format';
import { materialFileUrl, type MaterialFiles } from './api';
import { MaterialMarks, WarningTag } from './ApplicationBits';

/** Files per material, at most this many each. */
export const MAX_FILES_PER_MATERIAL = 5;

const STATE_COLORS: Record<MaterialState, string> = {
  uploaded: 'green',
  missing: 'red',
  rongque: 'purple',
  chengnuo: 'cyan',
  supplement: 'orange',
  optional: 'default',
};

/** Picks the files of one material (sent with the form), checked before any byte leaves the phone. */
export function MaterialFilePicker({ files, onChange, disabled, label }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void; disabled?: boolean; label: string }) {
  const { message } = App.useApp();
  const props = buildPickerProps(message, { files, onChange, disabled, max: MAX_FILES_PER_MATERIAL, tooMany: `每份材料最多 ${MAX_FILES_PER_MATERIAL} 个文件` });
  return (
    <Upload {...props}>
      <Button size="small" icon={<UploadOutlined />} disabled={disabled || files.length >= MAX_FILES_PER_MATERIAL} aria-label={`上传 ${label}`}>
        {files.length > 0 ? '继续添加' : '上传'}
      </Button>
    </Upload>
  );
}

export function filesOf(list: UploadFile[]): File[] {
  return list.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f) as File[];
}

function FileLinks({ applicationId, m }: { applicationId: string; m: ApplicationMaterialView }) {
  if (m.files.length === 0) return null;
  return (
    <div className="yq-material-files">
      {m.files.map((f) => (
        <div key={f.id} className="yq-material-file">
          <PaperClipOutlined style={{ color: '#98a2b3' }} />
          <a href={materialFileUrl(applicationId, f.id)} download={f.filename} title={`下载 ${f.filename}`}>
            {f.filename}
          </a>
          <span className="meta">
            {formatSize(f.size)} · {f.stage === 'filing' ? '申请时' : f.stage === 'rongque' ? '容缺补交' : '补正'} · {formatDateTime(f.createdAt)}
          </span>
        </div>
      ))}
    </div>
  );
}

/** The case's materials: each with its marks, its state (已提交 / 缺少 / 容缺后补 / 承诺替代 / 待补正) and files. */
export function MaterialsChecklist({ a }: { a: ApplicationDetailView }) {
  const rongqueDeadline = new Map((a.rongque?.missing ?? []).map((m) => [m.key, m.deadline]));
  return (
    <div className="yq-materials">
      {a.materials.map((m, i) => {
        const problem = m.state === 'missing' || m.state === 'supplement' || m.state === 'rongque';
        const deadline = rongqueDeadline.get(m.key);
        return (
          <div key={m.key} className={`yq-material${problem ? ' problem' : ''}`} data-material={m.key}>
            <div className="yq-material-head">
              <div style={{ minWidth: 0 }}>
                <div className="yq-material-name">
                  {i + 1}. {m.name}
                </div>
                <div className="yq-material-sub">
                  {m.form} · {m.copies} 份{m.note ? ` · ${m.note}` : ''}
                </div>
              </div>
              <Tag color={STATE_COLORS[m.state]} style={{ marginInlineEnd: 0, flex: 'none' }}>
                {m.state === 'rongque' && deadline ? `容缺·${formatDate(deadline)}前补` : m.state === 'chengnuo' ? '已承诺替代' : MATERIAL_STATE_LABELS[m.state]}
              </Tag>
            </div>
            <MaterialMarks m={m} />
            <FileLinks applicationId={a.id} m={m} />
          </div>
        );
      })}
    </div>
  );
}

/** What the applicant still owes: 容缺 materials, materials asked for in a 补正, or missing ones. */
export function materialsToSupply(a: ApplicationDetailView): ApplicationMaterialView[] {
  return a.materials.filter((m) => m.state === 'rongque' || m.state === 'supplement' || m.state === 'missing');
}

/** What the supply form sends beside its note: the files per material and where upload progress goes. */
export type SupplyPayload = { files: MaterialFiles; onProgress: (p: UploadProgress) => void };

export function isSupplyPayload(p: unknown): p is SupplyPayload {
  return typeof p === 'object' && p !== null && 'files' in p && 'onProgress' in p;
}

/**
 * The applicant supplies what is owed (补正 / 补齐容缺), one picker per material, with upload
 * progress: the `supply` action's own form, posted through the case's action bar.
 */
export function SupplyForm({ a, forApplicant, submit, pending, error }: CaseActionFormProps & { a: ApplicationDetailView; forApplicant: boolean }) {
  const owed = materialsToSupply(a);
  const [picked, setPicked] = useState<Record<string, UploadFile[]>>({});
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const chosen = Object.values(picked).reduce((n, l) => n + l.length, 0);
  const rest = owed.filter((m) => (picked[m.key]?.length ?? 0) === 0);

  const send = async () => {
    const files: MaterialFiles = {};
    for (const [key, list] of Object.entries(picked)) if (list.length) files[key] = filesOf(list);
    const payload: SupplyPayload = { files, onProgress: setProgress };
    try {
      if (await submit({ note: note.trim() || undefined }, payload)) {
        setPicked({});
        setNote('');
      }
    } finally {
      setProgress(null);
    }
  };

  if (owed.length === 0) return null;
  return (
    <div>
      {a.status === 'supplementing' && a.currentPause?.note && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="补正要求" description={<span style={{ whiteSpace: 'pre-wrap' }}>{a.currentPause.note}</span>} />
      )}
      {!forApplicant && <Typography.Paragraph type="secondary">您是本件的代办专员,可代企业补交。</Typography.Paragraph>}
      <div className="yq-materials">
        {owed.map((m) => (
          <div key={m.key} className="yq-material" data-supply={m.key}>
            <div className="yq-material-head">
              <div style={{ minWidth: 0 }}>
                <div className="yq-material-name">{m.name}</div>
                <div className="yq-material-sub">
                  {m.form} · {m.copies} 份{m.note ? ` · ${m.note}` : ''}
                </div>
              </div>
              <Tag color={STATE_COLORS[m.state]} style={{ marginInlineEnd: 0, flex: 'none' }}>
                {MATERIAL_STATE_LABELS[m.state]}
              </Tag>
            </div>
            <MaterialFilePicker label={m.name} files={picked[m.key] ?? []} onChange={(l) => setPicked((p) => ({ ...p, [m.key]: l }))} disabled={pending} />
          </div>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', margin: '6px 0 10px' }}>
        {FILE_HINT};可分次补交,全部补齐后自动恢复办理。
      </Typography.Text>
      <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder="补充说明(选填)" disabled={pending} />
      {progress && <Progress percent={progress.percent} size="small" style={{ marginTop: 8 }} />}
      {chosen > 0 && rest.length > 0 && <Alert type="info" showIcon style={{ marginTop: 8 }} title={`还有 ${rest.length} 份未选择:${rest.map((m) => m.name).join('、')}`} />}
      {error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} />}
      <Button type="primary" block size="large" style={{ marginTop: 10 }} disabled={chosen === 0} loading={pending} onClick={send}>
        提交补交材料({chosen} 个文件)
      </Button>
    </div>
  );
}

/** The clock in figures: used vs committed, the legal limit, paused days and each pause. */
export function ClockPanel({ a, clock }: { a: ApplicationDetailView; clock: ApplicationClockView }) {
  const overdue = clock.warning === 'overdue' || clock.warning === 'legal_overdue';
  const percent = clock.committedDays > 0 ? Math.min(100, Math.round((clock.elapsedDays / clock.committedDays) * 100)) : clock.state === 'stopped' ? 100 : 0;
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, marginBottom: 10 }}>
        <Tag color={clock.state === 'running' ? 'blue' : clock.state === 'paused' ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
          {CLOCK_STATE_LABELS[clock.state]}
        </Tag>
        <WarningTag warning={clock.warning} />
        {clock.withinLimit !== null && (
          <Tag color={clock.withinLimit ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
            {clock.withinLimit ? '按承诺时限办结' : '超承诺时限办结'}
          </Tag>
        )}
      </div>
      <div className="yq-clock-figures">
        <div className={`yq-clock-figure${overdue ? ' danger' : ''}`}>
          <div className="v">
            {clock.elapsedDays}
            <small> / {clock.committedDays}</small>
          </div>
          <div className="l">已用/承诺(工作日)</div>
        </div>
        <div className="yq-clock-figure">
          <div className="v">{clock.legalDays}</div>
          <div className="l">法定时限(工作日)</div>
        </div>
        <div className="yq-clock-figure">
          <div className="v">{clock.pausedDays}</div>
          <div className="l">暂停(不计时)</div>
        </div>
      </div>
      {clock.state !== 'not_started' && a.caseKind !== 'instant' && (
        <Progress percent={percent} showInfo={false} status={overdue ? 'exception' : clock.state === 'stopped' ? 'success' : 'active'} strokeColor={clock.warning === 'due_soon' ? '#f79009' : undefined} size="small" />
      )}
      <div style={{ fontSize: 13, color: '#475467', lineHeight: 1.9 }}>
        {clock.state === 'not_started' ? (
          <div>受理后次日起计时{a.caseKind === 'instant' ? '(即办件当场办结)' : `,承诺 ${clock.committedDays} 个工作日内办结`}</div>
        ) : (
          <>
            <div>受理时间:{formatDateTime(clock.acceptedAt)}</div>
            {clock.state !== 'stopped' && clock.dueAt && (
              <div>
                承诺期限:{formatDateTime(clock.dueAt)}
                {clock.state === 'running' && clock.remainingDays !== null && (
                  <strong style={{ marginLeft: 6, color: overdue ? '#d92d20' : clock.warning === 'due_soon' ? '#dc6803' : '#1554ad' }}>
                    {clock.remainingDays > 0 ? `剩余 ${clock.remainingDays} 个工作日` : clock.remainingDays === 0 ? '今日到期' : `已超期 ${-clock.remainingDays} 个工作日`}
                  </strong>
                )}
                {clock.state === 'paused' && <span style={{ color: '#667085' }}>(暂停结束后顺延)</span>}
              </div>
            )}
            {clock.state !== 'stopped' && clock.legalDueAt && <div>法定期限:{formatDateTime(clock.legalDueAt)}</div>}
          </>
        )}
        {clock.calendarGuessed && <Alert type="warning" showIcon style={{ marginTop: 6 }} title="工作日历缺少相关年份,暂按周一至周五估算" />}
      </div>
      {clock.pauses.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong style={{ fontSize: 13 }}>
            暂停计时
          </Typography.Text>
          {clock.pauses.map((p) => (
            <div key={p.id} className="yq-pause">
              <span>
                {p.kind === 'supplement' ? PAUSE_KIND_LABELS.supplement : p.name}
                {p.maxDays ? <span style={{ color: '#98a2b3' }}>(时限{p.maxDays}日)</span> : null}
              </span>
              <span style={{ color: '#667085', whiteSpace: 'nowrap' }}>
                {formatDate(p.startedAt)} → {p.endedAt ? formatDate(p.endedAt) : '进行中'} · {p.workingDays} 个工作日
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

const EVENT_COLORS: Partial<Record<ApplicationEventAction, string>> = {
  submit: 'blue',
  accept: 'blue',
  accept_rongque: 'purple',
  approve: 'green',
  supply: 'green',
  rate: 'green',
  postcheck_passed: 'green',
  not_accept: 'red',
  refuse: 'red',
  terminate: 'red',
  overdue: 'red',
  postcheck_failed: 'red',
  revoke: 'red',
  warn: 'orange',
  request_supplement: 'orange',
  start_special: 'orange',
  withdraw: 'gray',
  upload: 'gray',
};

function detailOf(e: ApplicationEventView): string | null {
  const d = e.data ?? {};
  const parts: string[] = [];
  if (typeof d.specialName === 'string') parts.push(d.specialName);
  if (typeof d.deadline === 'string') parts.push(`补齐期限 ${d.deadline}`);
  if (typeof d.resultDocNumber === 'string') parts.push(`文号 ${d.resultDocNumber}`);
  if (Array.isArray(d.materials) && d.materials.length && d.materials.every((m) => typeof m === 'string')) parts.push(`材料:${d.materials.join('、')}`);
  if (Array.isArray(d.files) && d.files.length) {
    const names = d.files.map((f) => (f && typeof f === 'object' && 'filename' in f ? String((f as { filename: unknown }).filename) : null)).filter(Boolean);
    if (names.length) parts.push(`文件:${names.join('、')}`);
  }
  if (parts.length) return parts.join(' · ');
  if (e.action !== 'rate' && e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus) return `状态:${APPLICATION_STATUS_LABELS[e.toStatus]}`;
  return null;
}

/** Who did what and when, newest first, like a parcel's tracking history. */
export function ApplicationTimeline({ events }: { events: ApplicationEventView[] }) {
  return <EventTimeline events={events} colors={EVENT_COLORS} detailOf={detailOf} />;
}
