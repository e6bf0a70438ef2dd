import { Select } from 'antd';
import { periodLabel, previousPeriod } from '@yuanqi/contract';
import { parkToday } from '../../../components/format';

/** The last `n` ended months, newest first, as 'YYYY-MM'. */
export function recentPeriods(n: number): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  let p = previousPeriod(`${parkToday().slice(0, 7)}-01`);
  for (let i = 0; i < n; i += 1) {
    out.push({ value: p.slice(0, 7), label: periodLabel(p) });
    p = previousPeriod(p);
  }
  return out;
}

export function MonthPicker({ value, onChange, options, allowClear }: { value: string | undefined; onChange: (v: string | undefined) => void; options: { value: string; label: string }[]; allowClear?: boolean }) {
  return <Select aria-label="报告期" placeholder="报告期" style={{ minWidth: 130 }} value={value} options={options} allowClear={allowClear} onChange={(v?: string) => onChange(v)} />;
}
