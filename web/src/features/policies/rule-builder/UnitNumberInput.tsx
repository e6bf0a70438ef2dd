import { useEffect, useRef, useState } from 'react';
import { InputNumber, Select, Space } from 'antd';
import { parseYuanToFen, type RuleUnit } from '@yuanqi/contract';
import { wanToFen } from '../../../components/format';

type MoneyScale = 'yuan' | 'wan';

const SUFFIX: Partial<Record<RuleUnit, string>> = { percent: '%', count: '人', months: '个月' };

function initialScale(fen: number | null | undefined): MoneyScale {
  return fen !== null && fen !== undefined && Math.abs(fen) >= 1_000_000 && fen % 10_000 === 0 ? 'wan' : 'yuan';
}

/**
 * A number in its unit. Money is typed in 元 or 万元 and handed on as integer fen; a percentage
 * as 5.5 for 5.5%; people and months as they are.
 */
export function UnitNumberInput({
  unit,
  value,
  onChange,
  disabled,
  width = 180,
  ariaLabel,
  placeholder,
  status,
  id,
}: {
  id?: string;
  unit: RuleUnit | undefined;
  value: number | null | undefined;
  onChange: (v: number | null) => void;
  disabled?: boolean;
  width?: number | string;
  ariaLabel?: string;
  placeholder?: string;
  status?: 'error';
}) {
  const [scale, setScale] = useState<MoneyScale>(() => initialScale(value));
  const focused = useRef(false);
  // a value set from outside (a template, a reload) shows in its natural scale; typing never flips it
  useEffect(() => {
    if (!focused.current && value !== null && value !== undefined) setScale(initialScale(value));
  }, [value]);
  if (unit === 'fen') {
    const shown = value === null || value === undefined ? null : scale === 'wan' ? value / 1_000_000 : value / 100;
    return (
      <Space.Compact style={{ width }}>
        <InputNumber
          id={id}
          value={shown}
          min={0}
          precision={scale === 'wan' ? undefined : 2}
          disabled={disabled}
          status={status}
          placeholder={placeholder ?? '金额'}
          aria-label={ariaLabel}
          onFocus={() => (focused.current = true)}
          onBlur={() => (focused.current = false)}
          onChange={(v) => {
            if (v === null || v === undefined || typeof v !== 'number') return onChange(null);
            onChange(scale === 'wan' ? wanToFen(v) : parseYuanToFen(v));
          }}
          style={{ flex: 1, minWidth: 0 }}
          stringMode={false}
        />
        <Select
          value={scale}
          disabled={disabled}
          onChange={(s: MoneyScale) => setScale(s)}
          options={[
            { value: 'yuan', label: '元' },
            { value: 'wan', label: '万元' },
          ]}
          style={{ width: 76, flex: 'none' }}
          aria-label="金额单位"
        />
      </Space.Compact>
    );
  }
  return (
    <InputNumber
      id={id}
      value={value ?? null}
      disabled={disabled}
      status={status}
      min={unit === 'count' || unit === 'months' ? 0 : undefined}
      precision={unit === 'count' ? 0 : undefined}
      suffix={unit ? SUFFIX[unit] : undefined}
      placeholder={placeholder ?? '数值'}
      aria-label={ariaLabel}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      style={{ width }}
    />
  );
}
