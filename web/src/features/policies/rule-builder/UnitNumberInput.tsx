import { useEffect, useRef, useState } from 'react';
import { InputNumber, Select, Space } from 'antd';
import { DEFAULT_COUNT_WORD, fenFromEntry, fenToEntry, guessEntryUnit, type MoneyEntryUnit, type RuleUnit } from '@yuanqi/contract';

const SUFFIX: Partial<Record<RuleUnit, string>> = { percent: '%', months: '个月' };

/**
 * A number in its unit. Money is typed in 元 or 万元 and handed on as integer fen together with
 * the unit it was typed in (`entry`): switching the unit keeps the number typed (2000 元 → 2000 万元,
 * never 0.2 万元) and the read-back says the amount in that unit. A percentage as 5.5 for 5.5%;
 * counts (with their word: 人, 件…) and months as they are.
 */
export function UnitNumberInput({
  unit,
  value,
  onChange,
  entry,
  countWord,
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
  onChange: (v: number | null, entry?: MoneyEntryUnit) => void;
  /** Money: the unit the amount was typed in (absent: guessed from the amount, for older rules). */
  entry?: MoneyEntryUnit;
  /** Counts: what is counted (人 when absent). */
  countWord?: string;
  disabled?: boolean;
  width?: number | string;
  ariaLabel?: string;
  placeholder?: string;
  status?: 'error';
}) {
  // without a stored unit (older rules, amounts outside the builder) the input keeps its own: an
  // amount set from outside shows in its natural unit, typing never flips it
  const [local, setLocal] = useState<MoneyEntryUnit>(() => (value === null || value === undefined ? 'yuan' : guessEntryUnit(value)));
  const emitted = useRef<number | null | undefined>(value);
  useEffect(() => {
    if (value !== emitted.current && value !== null && value !== undefined) setLocal(guessEntryUnit(value));
    emitted.current = value;
  }, [value]);
  const emit = (fen: number | null, s: MoneyEntryUnit) => {
    emitted.current = fen;
    onChange(fen, s);
  };
  if (unit === 'fen') {
    const scale: MoneyEntryUnit = entry ?? local;
    const shown = value === null || value === undefined ? null : fenToEntry(value, scale);
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
          onChange={(v) => {
            if (v === null || v === undefined || typeof v !== 'number') return emit(null, scale);
            emit(fenFromEntry(v, scale), scale);
          }}
          style={{ flex: 1, minWidth: 0 }}
          stringMode={false}
        />
        <Select
          value={scale}
          disabled={disabled}
          onChange={(s: MoneyEntryUnit) => {
            setLocal(s);
            // the number typed stays; only its unit changes
            emit(shown === null ? null : fenFromEntry(shown, s), s);
          }}
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
      suffix={unit === 'count' ? (countWord ?? DEFAULT_COUNT_WORD) : unit ? SUFFIX[unit] : undefined}
      placeholder={placeholder ?? '数值'}
      aria-label={ariaLabel}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      style={{ width }}
    />
  );
}
