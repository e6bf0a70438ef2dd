import { useEffect, useRef } from 'react';
import { Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { GanttApplicationBar, ServiceProjectDetailView } from '@yuanqi/contract';
import { formatDate, formatDateTime, toParkTime } from '../../components/format';

const DAY = 86_400_000;

/** An instant or a Shanghai date as epoch milliseconds (a date means its start in Shanghai). */
function ms(v: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Date.parse(`${v}T00:00:00+08:00`);
  return Date.parse(v);
}

type Tick = { at: number; label: string };

/** Axis ticks: weekly for a short frame, every half month or month for longer ones. */
function ticksOf(from: number, to: number): Tick[] {
  const days = (to - from) / DAY;
  const ticks: Tick[] = [];
  if (days <= 70) {
    // Mondays
    let d = toParkTime(new Date(from).toISOString()).startOf('day');
    while (d.day() !== 1) d = d.add(1, 'day');
    for (; d.valueOf() <= to; d = d.add(7, 'day')) ticks.push({ at: d.valueOf(), label: d.format('M/D') });
  } else {
    const step = days <= 200 ? 'half' : 'month';
    let d = toParkTime(new Date(from).toISOString()).startOf('month');
    for (; d.valueOf() <= to; d = d.add(1, 'month')) {
      if (d.valueOf() >= from) ticks.push({ at: d.valueOf(), label: d.format('YYYY-MM') });
      if (step === 'half') {
        const mid = d.date(16);
        if (mid.valueOf() >= from && mid.valueOf() <= to) ticks.push({ at: mid.valueOf(), label: mid.format('M/D') });
      }
    }
  }
  return ticks;
}

function barClass(b: GanttApplicationBar): string {
  if (!b.start) return 'waiting';
  if (b.end) return b.outcome === 'approved' ? 'finished' : 'refused';
  if (b.warning === 'overdue' || b.warning === 'legal_overdue') return 'overdue';
  if (b.warning === 'due_soon') return 'due_soon';
  return '';
}

/**
 * The project on a date axis: a row per stage (its span) and per application (from acceptance
 * to 办结 or now, paused spans hatched; a case not yet accepted is drawn grey from filing), with
 * lines for today, the park's target and the legal cap. Plain positioned divs, no chart library.
 */
export function ProjectGantt({
  p,
  targetDate,
  targetGuessed = false,
  legalDate,
}: {
  p: ServiceProjectDetailView;
  targetDate?: string | null;
  /** The calendar lacked a year: the target date counts Monday–Friday only. */
  targetGuessed?: boolean;
  legalDate?: string | null;
}) {
  const now = ms(p.gantt.now);
  const from = ms(p.gantt.from);
  // the frame reaches the target, so the bars read against it; the legal cap only when already in view
  const targetEnd = targetDate ? ms(targetDate) + DAY : 0;
  const to = Math.max(ms(p.gantt.to), now, targetEnd - from < 400 * DAY ? targetEnd : 0) + DAY;
  const span = Math.max(to - from, DAY);
  const pct = (t: number) => `${Math.max(0, Math.min(100, ((t - from) / span) * 100))}%`;
  const width = (a: number, b: number) => `${Math.max(0, Math.min(100, ((Math.min(b, to) - Math.max(a, from)) / span) * 100))}%`;
  const ticks = ticksOf(from, to);
  // on a narrow screen the chart scrolls sideways inside its card: start with today in view
  const scroller = useRef<HTMLDivElement>(null);
  const nowShare = (now - from) / span;
  useEffect(() => {
    const el = scroller.current;
    if (!el || el.scrollWidth <= el.clientWidth) return;
    const label = el.scrollWidth - (el.firstElementChild?.querySelector('.yq-gantt-track')?.clientWidth ?? el.scrollWidth);
    const x = label + (el.scrollWidth - label) * nowShare;
    el.scrollLeft = Math.max(0, x - el.clientWidth * 0.75);
  }, [nowShare]);

  const lines = [
    { key: 'now', at: now, label: `今天 ${formatDate(p.gantt.now)}`, cls: 'now' },
    ...(targetDate ? [{ key: 'target', at: ms(targetDate) + DAY, label: `目标 ${p.targetDays} 个工作日(${targetDate}${targetGuessed ? ',按周一至周五估算' : ''})`, cls: 'target' }] : []),
    ...(legalDate ? [{ key: 'legal', at: ms(legalDate) + DAY, label: `法定上限 ${p.legalDays} 个工作日`, cls: 'legal' }] : []),
  ].filter((l) => l.at >= from && l.at <= to);

  const overlay = (
    <div className="yq-gantt-overlay">
      {ticks.map((t) => (
        <div key={t.at} className="yq-gantt-grid" style={{ left: pct(t.at) }} />
      ))}
      {lines.map((l) => (
        <div key={l.key} className={`yq-gantt-line ${l.cls}`} style={{ left: pct(l.at) }} />
      ))}
    </div>
  );

  return (
    <div className="yq-gantt">
      <div className="yq-gantt-scroll" ref={scroller}>
        <div className="yq-gantt-inner">
          <div className="yq-gantt-axis">
            <div className="yq-gantt-label" style={{ color: '#667085', lineHeight: '18px' }}>
              阶段 / 事项
            </div>
            <div className="yq-gantt-track">
              {ticks.map((t) => (
                <div key={t.at} className="yq-gantt-tick" style={{ left: pct(t.at) }}>
                  {t.label}
                </div>
              ))}
            </div>
          </div>
          <div style={{ position: 'relative' }}>
            {overlay}
            {p.stages.map((s) => {
              const sStart = s.startedAt ? ms(s.startedAt) : null;
              const sEnd = s.finishedAt ? ms(s.finishedAt) : now;
              return (
                <div key={s.stage}>
                  <div className="yq-gantt-row stage">
                    <div className="yq-gantt-label">
                      {s.label}
                      <span style={{ fontWeight: 400, color: '#667085', marginLeft: 6 }}>
                        {s.workingDays}/{s.plannedDays}日
                      </span>
                    </div>
                    <div className="yq-gantt-track">
                      {sStart !== null && (
                        <Tooltip title={`${s.label}:${formatDate(s.startedAt)} 起${s.finishedAt ? `,${formatDate(s.finishedAt)} 完成` : ',进行中'};用时 ${s.workingDays} 个工作日(计划 ${s.plannedDays})`}>
                          <div className={`yq-gantt-stagebar${s.status === 'done' ? ' done' : ''}`} style={{ left: pct(sStart), width: width(sStart, sEnd), background: s.overPlan ? '#fda29b' : undefined }} />
                        </Tooltip>
                      )}
                    </div>
                  </div>
                  {s.applications.length === 0 && (
                    <div className="yq-gantt-row">
                      <div className="yq-gantt-label indent" style={{ color: '#98a2b3' }}>
                        尚未申报
                      </div>
                      <div className="yq-gantt-track" />
                    </div>
                  )}
                  {s.applications.map((b) => {
                    const start = ms(b.start ?? b.submittedAt);
                    const end = b.end ? ms(b.end) : now;
                    const tip = (
                      <div>
                        <div>
                          {b.itemName}({b.statusLabel})
                        </div>
                        <div>{b.number}</div>
                        <div>提交 {formatDateTime(b.submittedAt)}</div>
                        {b.start && <div>受理 {formatDateTime(b.start)}</div>}
                        {b.end && <div>办结 {formatDateTime(b.end)}</div>}
                        <div>
                          用时 {b.elapsedDays}/{b.committedDays} 个工作日
                        </div>
                        {b.pausedSpans.map((sp) => (
                          <div key={sp.from}>
                            暂停:{sp.name} {formatDate(sp.from)}–{formatDate(sp.to)}
                          </div>
                        ))}
                      </div>
                    );
                    return (
                      <div key={b.id} className="yq-gantt-row">
                        <div className="yq-gantt-label indent">
                          <Link to={`/services/applications/${b.id}`} title={b.itemName}>
                            {b.itemName}
                          </Link>
                        </div>
                        <div className="yq-gantt-track">
                          <Tooltip title={tip}>
                            <div className={`yq-gantt-bar ${barClass(b)}`} style={{ left: pct(start), width: width(start, end) }}>
                              {b.pausedSpans.map((sp) => {
                                const a = ms(sp.from);
                                const z = ms(sp.to);
                                const barSpan = Math.max(end - start, 1);
                                return (
                                  <div
                                    key={sp.from}
                                    className="yq-gantt-pause"
                                    style={{ left: `${Math.max(0, ((a - start) / barSpan) * 100)}%`, width: `${Math.max(0, Math.min(100, ((Math.min(z, end) - Math.max(a, start)) / barSpan) * 100))}%` }}
                                  />
                                );
                              })}
                            </div>
                          </Tooltip>
                        </div>
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="yq-gantt-legend">
        <span>
          <i style={{ background: '#4e82d6' }} />
          办理中
        </span>
        <span>
          <i style={{ background: '#12b76a' }} />
          准予办结
        </span>
        <span>
          <i style={{ background: '#98a2b3' }} />
          不予/终止
        </span>
        <span>
          <i style={{ background: '#f04438' }} />
          超承诺时限
        </span>
        <span>
          <i style={{ background: 'repeating-linear-gradient(45deg, #d0d5dd 0 4px, #eaecf0 4px 8px)' }} />
          待受理
        </span>
        <span>
          <i style={{ background: 'repeating-linear-gradient(-45deg, #4e82d6 0 3px, #c8d8f2 3px 6px)' }} />
          暂停(补正/特别程序)
        </span>
        {lines.map((l) => (
          <span key={l.key}>
            <i style={{ width: 0, height: 12, borderLeft: `2px ${l.cls === 'now' ? 'solid' : 'dashed'} ${l.cls === 'now' ? '#1554ad' : l.cls === 'target' ? '#f79009' : '#f04438'}`, borderRadius: 0 }} />
            {l.label}
          </span>
        ))}
      </div>
    </div>
  );
}
