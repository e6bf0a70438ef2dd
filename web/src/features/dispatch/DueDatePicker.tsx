import { useState } from 'react';
import { Button, DatePicker, Typography } from 'antd';
import { errorMessage } from '../../app/api';
import { dayjs, parkToday, weekdayOf } from '../../components/format';
import { fetchAddWorkingDays, useWorkingDaysBetween } from './api';
import { useWorkCalendar } from './workCalendar';

const QUICK = [3, 5, 10];

/**
 * A new deadline (a Shanghai date, due at its end) with quick picks "N个工作日后" computed by the
 * server's calendar, and a preview of how many working days from today it gives.
 */
export function DueDatePicker({ value, onChange, disabled, id }: { value?: string | null; onChange?: (v: string | undefined) => void; disabled?: boolean; id?: string }) {
  const today = parkToday();
  const preview = useWorkingDaysBetween(today, value);
  const calendar = useWorkCalendar();
  const [busy, setBusy] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const pick = async (days: number) => {
    setBusy(days);
    setFailure(null);
    try {
      const { date } = await fetchAddWorkingDays(today, days);
      onChange?.(date);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const info = value ? calendar.dayInfo(value) : null;
  return (
    <div>
      <div>
        <DatePicker
          id={id}
          value={value ? dayjs(value) : null}
          onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
          disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          disabled={disabled}
          placeholder="选择新期限"
          style={{ width: '100%', maxWidth: 220 }}
          cellRender={(current, cell) => {
            if (cell.type !== 'date' || typeof current === 'number') return cell.originNode;
            const d = dayjs(current).format('YYYY-MM-DD');
            const di = calendar.dayInfo(d);
            const dow = dayjs(current).day();
            const weekend = dow === 0 || dow === 6;
            const mark = di && !di.working && !weekend ? '休' : di && di.working && weekend ? '班' : null;
            return (
              <div className="ant-picker-cell-inner" style={{ position: 'relative', color: di && !di.working ? '#98a2b3' : undefined }} title={di?.name ?? undefined}>
                {dayjs(current).date()}
                {mark && <span style={{ position: 'absolute', top: -6, right: -8, fontSize: 9, color: mark === '休' ? '#12b76a' : '#f04438' }}>{mark}</span>}
              </div>
            );
          }}
        />
      </div>
      {!disabled && (
        <div style={{ fontSize: 12, marginTop: 2 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            快速设定:
          </Typography.Text>
          {QUICK.map((n) => (
            <Button key={n} type="link" size="small" onClick={() => pick(n)} loading={busy === n} style={{ paddingInline: 4, fontSize: 12 }}>
              {n}个工作日后
            </Button>
          ))}
        </div>
      )}
      <div style={{ fontSize: 12, minHeight: 20 }}>
        {failure ? (
          <Typography.Text type="danger">{failure}</Typography.Text>
        ) : value ? (
          <Typography.Text type="secondary">
            {value} {weekdayOf(value)} 24:00 到期
            {preview.data ? `,距今 ${preview.data.days} 个工作日` : preview.isError ? '(工作日历缺少该年份)' : ''}
            {info && !info.working && <Typography.Text type="warning">(该日为{info.name ?? '休息日'},非工作日)</Typography.Text>}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
