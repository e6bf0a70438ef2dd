import { useMemo, useState } from 'react';
import { Badge, Button, Calendar, Card, Select, Skeleton, Tag, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import type { VisitCalendar } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, parkToday, weekdayOf } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useLiaisons } from '../enterprises/api';
import { servesOwnFirmsOnly } from '../demands/FirmSelect';
import { useVisitCalendar } from './api';
import '../demands/demands.css';

type Day = VisitCalendar['days'][number];

function DayEntries({ day, showLiaison }: { day: Day | undefined; showLiaison: boolean }) {
  if (!day || day.count === 0) return <EmptyHint description="当天没有走访记录" />;
  return (
    <div className="yq-todo-list">
      {day.entries.map((e) => (
        <Link key={e.id} to={`/visits/${e.id}`} className="yq-todo">
          <div className="yq-todo-main">
            <div className="yq-todo-title">{e.enterpriseName}</div>
            <div className="yq-todo-sub">{showLiaison && <span>专员 {e.liaisonName ?? '—'}</span>}</div>
          </div>
          <div className="yq-todo-side" style={{ gap: 4 }}>
            {e.daibanCount > 0 && <Tag color="purple" style={{ marginInlineEnd: 0 }}>代办 {e.daibanCount}</Tag>}
            {e.demandCount > 0 && <Tag color="blue" style={{ marginInlineEnd: 0 }}>诉求 {e.demandCount}</Tag>}
          </div>
        </Link>
      ))}
    </div>
  );
}

/** 走访日历: visits per day of a month, for one liaison (its own) or, for the office, anyone's. */
export function VisitCalendarPage() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const own = servesOwnFirmsOnly(me);
  const [selected, setSelected] = useState<Dayjs>(() => dayjs(parkToday()));
  const [liaisonId, setLiaisonId] = useState<string | undefined>();
  const month = selected.format('YYYY-MM');
  const calendar = useVisitCalendar(month, liaisonId);
  const liaisons = useLiaisons(!own);
  const byDate = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.date, d])), [calendar.data]);
  const selectedDay = byDate.get(selected.format('YYYY-MM-DD'));
  const activeDays = (calendar.data?.days ?? []).filter((d) => d.count > 0).length;

  const header = (
    <div className="yq-cal-head">
      <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        <Button type="text" icon={<LeftOutlined />} aria-label="上个月" onClick={() => setSelected(selected.subtract(1, 'month').startOf('month'))} />
        <Typography.Text strong style={{ fontSize: 16, minWidth: 88, textAlign: 'center' }}>
          {selected.format('YYYY年M月')}
        </Typography.Text>
        <Button type="text" icon={<RightOutlined />} aria-label="下个月" onClick={() => setSelected(selected.add(1, 'month').startOf('month'))} />
        {month !== parkToday().slice(0, 7) && (
          <Button size="small" onClick={() => setSelected(dayjs(parkToday()))}>
            本月
          </Button>
        )}
      </div>
      <Typography.Text type="secondary">
        本月走访 <strong style={{ color: '#101828' }}>{calendar.data?.total ?? '—'}</strong> 次 · {activeDays} 天
      </Typography.Text>
    </div>
  );

  return (
    <>
      <PageHeader
        title="走访日历"
        subTitle={own ? '我的入企走访' : '驻企专员入企走访'}
        extra={
          <>
            {!own && (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="全部专员"
                value={liaisonId}
                loading={liaisons.isLoading}
                options={(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
                onChange={setLiaisonId}
                style={{ minWidth: 140 }}
                aria-label="按专员筛选"
              />
            )}
            {hasPermission(me, 'visit:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/visits/new')}>
                登记走访
              </Button>
            )}
            <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/visits')}>
              列表
            </Button>
          </>
        }
      />
      {calendar.isError && !calendar.data ? (
        <Card>
          <QueryError error={calendar.error} onRetry={() => calendar.refetch()} />
        </Card>
      ) : (
        <Card className="yq-section" styles={{ body: { padding: mobile ? 8 : 16 } }}>
          {header}
          {calendar.isLoading ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <Calendar
              value={selected}
              fullscreen={!mobile}
              headerRender={() => null}
              onSelect={(d) => setSelected(d)}
              className={mobile ? 'yq-visit-calendar mini' : 'yq-visit-calendar'}
              fullCellRender={
                mobile
                  ? (d, info) => {
                      if (info.type !== 'date') return info.originNode;
                      const day = byDate.get(d.format('YYYY-MM-DD'));
                      const inMonth = d.format('YYYY-MM') === month;
                      return (
                        <div className={`yq-mini-cell${d.isSame(selected, 'day') ? ' selected' : ''}${inMonth ? '' : ' other'}`}>
                          <span>{d.date()}</span>
                          <span className="yq-mini-count">{inMonth && day && day.count > 0 ? day.count : ''}</span>
                        </div>
                      );
                    }
                  : undefined
              }
              cellRender={
                mobile
                  ? undefined
                  : (d, info) => {
                      if (info.type !== 'date' || d.format('YYYY-MM') !== month) return null;
                      const day = byDate.get(d.format('YYYY-MM-DD'));
                      if (!day || day.count === 0) return null;
                      return (
                        <div className="yq-cal-cell">
                          <Badge count={day.count} color="#1554ad" size="small" />
                          {day.entries.slice(0, 2).map((e) => (
                            <div key={e.id} className="yq-cal-entry" title={e.enterpriseName}>
                              {e.enterpriseName}
                            </div>
                          ))}
                          {day.count > 2 && <div className="yq-cal-entry more">还有 {day.count - 2} 次</div>}
                        </div>
                      );
                    }
              }
            />
          )}
        </Card>
      )}
      <Card className="yq-section" title={`${selected.format('M月D日')} ${weekdayOf(selected.format('YYYY-MM-DD'))} · 走访 ${selectedDay?.count ?? 0} 次`}>
        <DayEntries day={selectedDay} showLiaison={!own} />
      </Card>
    </>
  );
}
