import { Button, Checkbox, InputNumber, Select, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  paramTimeline,
  RULE_UNIT_LABELS,
  formatRuleValue,
  type ChooseCase,
  type MoneyEntryUnit,
  type Cond,
  type Expr,
  type RuleUnit,
  type RuleValueType,
  type Tier,
} from '@yuanqi/contract';
import { CondEditor } from './CondEditor';
import { NodeErrors, useNodeErrors, useRuleBuilder } from './context';
import {
  emptyNum,
  exprKind,
  FORMULA_KINDS,
  growthParts,
  KIND_LABELS,
  LEAF_KINDS,
  makeExpr,
  makeGrowth,
  makeRatio,
  ratioParts,
  type ExprKind,
} from './ruleDraft';
import { UnitNumberInput } from './UnitNumberInput';

/** What a slot takes: numbers for arithmetic and comparisons, text for 属于/按类别, yes/no for 为是. */
export type Want = 'number' | 'text' | 'boolean' | 'any';

const LEAF_PROPS: Record<string, string[]> = {
  num: ['value'],
  field: ['field'],
  fact: ['key', 'year'],
  param: ['key'],
  add: ['args'],
  sub: ['args'],
  mul: ['args'],
  div: ['args'],
  min: ['args'],
  max: ['args'],
  percent: [],
  tiers: ['tiers'],
  if: [],
  choose: ['cases'],
};

function typeOk(type: RuleValueType, want: Want): boolean {
  if (want === 'any') return type !== 'tags';
  return type === want;
}

export function YearSelect({ value, onChange, latest, disabled }: { value: number; onChange: (y: number) => void; latest?: boolean; disabled?: boolean }) {
  const relative = value <= 0;
  const options = [
    { value: 0, label: latest ? '最新' : '当年' },
    { value: -1, label: '上一年度' },
    { value: -2, label: '两年前' },
    { value: -3, label: '三年前' },
    { value: 1, label: '指定年份…' },
  ];
  return (
    <span className="yq-rule-inline">
      <Select
        size="middle"
        value={relative ? value : 1}
        disabled={disabled}
        onChange={(v: number) => onChange(v === 1 ? new Date().getFullYear() - 1 : v)}
        options={relative && value < -3 ? [...options, { value, label: `${-value}年前` }] : options}
        style={{ width: 112 }}
        aria-label="数据年度"
        popupMatchSelectWidth={false}
      />
      {!relative && (
        <InputNumber value={value} min={1900} max={2200} precision={0} disabled={disabled} onChange={(v) => typeof v === 'number' && onChange(v)} suffix="年" style={{ width: 104 }} aria-label="年份" />
      )}
    </span>
  );
}

export function FieldSelect({ value, onChange, want, status }: { value: string; onChange: (k: string) => void; want: Want; status?: 'error' }) {
  const { catalogue, disabled } = useRuleBuilder();
  const options = catalogue.fields
    .filter((f) => f.type !== 'date' && typeOk(f.type, want))
    .map((f) => ({ value: f.key, label: f.unit ? `${f.label}(${RULE_UNIT_LABELS[f.unit].replace(/\(.*\)/, '')})` : f.label, title: f.description }));
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      value={value || undefined}
      placeholder="选择企业信息"
      disabled={disabled}
      status={status}
      onChange={onChange}
      options={options}
      style={{ minWidth: 150 }}
      popupMatchSelectWidth={false}
      aria-label="企业信息项"
    />
  );
}

export function FactSelect({ value, onChange, want, status, filter }: { value: string; onChange: (k: string) => void; want: Want; status?: 'error'; filter?: (f: { type: string; unit?: RuleUnit }) => boolean }) {
  const { catalogue, disabled } = useRuleBuilder();
  const options = catalogue.facts
    .filter((f) => typeOk(f.type, want) && (!filter || filter(f)))
    .map((f) => ({ value: f.key, label: f.label, title: f.description, unit: f.unit }));
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      value={value || undefined}
      placeholder="选择填报数据"
      disabled={disabled}
      status={status}
      onChange={onChange}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.unit && <span className="yq-rule-unit"> · {RULE_UNIT_LABELS[o.data.unit as RuleUnit]}</span>}
        </span>
      )}
      style={{ minWidth: 170 }}
      popupMatchSelectWidth={false}
      aria-label="填报数据项"
    />
  );
}

function ParamSelect({ value, onChange, status }: { value: string; onChange: (k: string) => void; status?: 'error' }) {
  const { params, disabled } = useRuleBuilder();
  const options = params
    .filter((p) => p && p.key)
    .map((p) => {
      const valid = Array.isArray(p.values) ? p.values.filter((v) => v && typeof v.value === 'number' && v.from) : [];
      const last = valid.length ? paramTimeline({ values: valid }).at(-1) : undefined;
      return { value: p.key, label: p.label || p.key, extra: last ? formatRuleValue(last.value, p.unit) : '未设取值' };
    });
  return (
    <Select
      value={value || undefined}
      placeholder={options.length ? '选择参数' : '请先在参数表中添加'}
      disabled={disabled}
      status={status}
      onChange={onChange}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label} <span className="yq-rule-unit">现行 {o.data.extra}</span>
        </span>
      )}
      style={{ minWidth: 150 }}
      popupMatchSelectWidth={false}
      aria-label="参数"
      notFoundContent="参数表中还没有参数"
    />
  );
}

function KindSelect({ kind, onChange, want }: { kind: ExprKind; onChange: (k: ExprKind) => void; want: Want }) {
  const { disabled } = useRuleBuilder();
  const numeric = want === 'number' || want === 'any';
  const leaf = numeric ? LEAF_KINDS : (['field', 'fact'] as ExprKind[]);
  const groups = [
    { label: '取值', options: leaf.map((k) => ({ value: k, label: KIND_LABELS[k] })) },
    ...(numeric ? [{ label: '公式', options: FORMULA_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })) }] : []),
  ];
  return (
    <Select
      value={kind}
      disabled={disabled}
      onChange={onChange}
      options={groups}
      style={{ width: kind.length > 0 && FORMULA_KINDS.includes(kind) ? 150 : 104 }}
      popupMatchSelectWidth={false}
      aria-label="取值方式"
      className="yq-kind-select"
    />
  );
}

type Props = {
  value: Expr | undefined;
  onChange: (e: Expr) => void;
  path: string;
  /** The unit bare numbers are typed in (a number compared with money is money). */
  unitHint?: RuleUnit;
  /** What a bare count counts (a number compared with 专利数 is 件). */
  wordHint?: string;
  want?: Want;
};

/** One value or formula of a rule: a number, a parameter, an enterprise field or reported figure, or a formula over them. */
export function ExprEditor({ value, onChange, path, unitHint, wordHint, want = 'number' }: Props) {
  const kind = exprKind(value);
  const own = useNodeErrors(path, kind === 'ratio' || kind === 'growth' ? [] : (LEAF_PROPS[value?.op ?? 'num'] ?? []));
  const change = (k: ExprKind) => onChange(makeExpr(k, value));
  const isLeaf = LEAF_KINDS.includes(kind);
  const body = isLeaf ? (
    <LeafBody value={value} onChange={onChange} unitHint={unitHint} wordHint={wordHint} want={want} error={own.length > 0} />
  ) : (
    <FormulaBody kind={kind} value={value!} onChange={onChange} path={path} unitHint={unitHint} />
  );
  if (isLeaf) {
    return (
      <div className="yq-expr leaf" data-rule-path={path}>
        <div className="yq-rule-inline">
          <KindSelect kind={kind} onChange={change} want={want} />
          {body}
        </div>
        <NodeErrors messages={own} />
      </div>
    );
  }
  return (
    <div className="yq-expr box" data-rule-path={path}>
      <div className="yq-expr-head">
        <KindSelect kind={kind} onChange={change} want={want} />
      </div>
      {body}
      <NodeErrors messages={own} />
    </div>
  );
}

function LeafBody({ value, onChange, unitHint, wordHint, want, error }: { value: Expr | undefined; onChange: (e: Expr) => void; unitHint?: RuleUnit; wordHint?: string; want: Want; error: boolean }) {
  const { disabled, idx } = useRuleBuilder();
  const status = error ? ('error' as const) : undefined;
  const e = value ?? emptyNum();
  switch (e.op) {
    case 'num':
      return (
        <UnitNumberInput
          unit={unitHint}
          value={typeof e.value === 'number' ? e.value : null}
          entry={unitHint === 'fen' ? e.entry : undefined}
          countWord={wordHint}
          onChange={(v, entry) => onChange(unitHint === 'fen' && entry ? { op: 'num', value: v as number, entry } : { op: 'num', value: v as number })}
          disabled={disabled}
          status={status}
          ariaLabel="数值"
        />
      );
    case 'param':
      return <ParamSelect value={e.key} onChange={(key) => onChange({ op: 'param', key })} status={status} />;
    case 'field':
      return <FieldSelect value={e.field} onChange={(field) => onChange({ op: 'field', field })} want={want} status={status} />;
    case 'fact': {
      const def = idx.facts.get(e.key);
      return (
        <>
          <FactSelect value={e.key} onChange={(key) => onChange({ op: 'fact', key, year: e.year ?? 0 })} want={want} status={status} />
          <YearSelect value={typeof e.year === 'number' ? e.year : 0} latest={def?.period === 'latest'} disabled={disabled} onChange={(year) => onChange({ op: 'fact', key: e.key, year })} />
        </>
      );
    }
    default:
      return null;
  }
}

const SYMBOLS: Record<string, string> = { add: '+', sub: '−', mul: '×', div: '÷', min: '、', max: '、' };

function FormulaBody({ kind, value, onChange, path, unitHint }: { kind: ExprKind; value: Expr; onChange: (e: Expr) => void; path: string; unitHint?: RuleUnit }) {
  const { disabled, unitOf } = useRuleBuilder();
  switch (kind) {
    case 'ratio':
    case 'growth': {
      const parts = (kind === 'ratio' ? ratioParts(value) : growthParts(value))!;
      const make = kind === 'ratio' ? makeRatio : makeGrowth;
      const base = kind === 'ratio' ? `${path}.args.0.args` : `${path}.args.0.args.0.args`;
      return (
        <div className="yq-expr-body row">
          <ExprEditor value={parts.a} onChange={(a) => onChange(make(a, parts.b))} path={`${base}.0`} unitHint={unitOf(parts.b)} />
          <div className="yq-expr-word">{kind === 'ratio' ? '占' : '比'}</div>
          <ExprEditor value={parts.b} onChange={(b) => onChange(make(parts.a, b))} path={kind === 'ratio' ? `${base}.1` : `${path}.args.0.args.1`} unitHint={unitOf(parts.a)} />
          <div className="yq-expr-word">{kind === 'ratio' ? '的比例(%)' : '的增长率(%)'}</div>
        </div>
      );
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'min':
    case 'max': {
      const e = value as Extract<Expr, { args: Expr[] }>;
      const args = Array.isArray(e.args) ? e.args : [];
      const fixed = e.op === 'sub' || e.op === 'div';
      // Money added to money is money; a divisor is a plain number; in a product a bare number is
      // the money (人数 × 1500元) unless another factor already is (金额 × 0.5).
      const sibling = args.map((a) => unitOf(a)).find((u) => u !== undefined) ?? unitHint;
      const hintFor = (i: number): RuleUnit | undefined => {
        if (e.op === 'div') return undefined;
        if (e.op === 'mul') return args.some((x, j) => j !== i && unitOf(x) === 'fen') ? undefined : unitHint;
        return sibling;
      };
      return (
        <div className="yq-expr-body row">
          {args.map((a, i) => (
            <div key={i} className="yq-expr-arg">
              {i > 0 && <span className="yq-expr-op">{SYMBOLS[e.op]}</span>}
              <div className="yq-rule-inline">
                <ExprEditor
                  value={a}
                  onChange={(n) => onChange({ ...e, args: args.map((x, j) => (j === i ? n : x)) })}
                  path={`${path}.args.${i}`}
                  unitHint={hintFor(i)}
                />
                {!fixed && args.length > 2 && (
                  <Tooltip title="删除这一项">
                    <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={() => onChange({ ...e, args: args.filter((_, j) => j !== i) })} aria-label="删除这一项" />
                  </Tooltip>
                )}
              </div>
            </div>
          ))}
          {!fixed && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => onChange({ ...e, args: [...args, emptyNum()] })}>
              添加一项
            </Button>
          )}
        </div>
      );
    }
    case 'percent': {
      const e = value as Extract<Expr, { op: 'percent' }>;
      return (
        <div className="yq-expr-body row">
          <ExprEditor value={e.base} onChange={(base) => onChange({ ...e, base })} path={`${path}.base`} unitHint={unitHint} />
          <div className="yq-expr-word">的</div>
          <ExprEditor value={e.rate} onChange={(rate) => onChange({ ...e, rate })} path={`${path}.rate`} unitHint="percent" />
        </div>
      );
    }
    case 'tiers':
      return <TiersBody value={value as Extract<Expr, { op: 'tiers' }>} onChange={onChange} path={path} unitHint={unitHint} />;
    case 'if': {
      const e = value as Extract<Expr, { op: 'if' }>;
      return (
        <div className="yq-expr-body">
          <div className="yq-expr-word">如果</div>
          <CondEditor value={e.when} onChange={(when: Cond) => onChange({ ...e, when })} path={`${path}.when`} />
          <div className="yq-expr-word">则</div>
          <ExprEditor value={e.then} onChange={(then) => onChange({ ...e, then })} path={`${path}.then`} unitHint={unitHint} />
          <div className="yq-expr-word">否则</div>
          <ExprEditor value={e.else} onChange={(els) => onChange({ ...e, else: els })} path={`${path}.else`} unitHint={unitHint} />
        </div>
      );
    }
    case 'choose':
      return <ChooseBody value={value as Extract<Expr, { op: 'choose' }>} onChange={onChange} path={path} unitHint={unitHint} />;
    default:
      return null;
  }
}

function TiersBody({ value: e, onChange, path, unitHint }: { value: Extract<Expr, { op: 'tiers' }>; onChange: (e: Expr) => void; path: string; unitHint?: RuleUnit }) {
  const { disabled, unitOf, countWordOf } = useRuleBuilder();
  const tiers = Array.isArray(e.tiers) ? e.tiers : [];
  const inUnit = unitOf(e.input);
  const inWord = countWordOf(e.input);
  const setTier = (i: number, t: Tier) => onChange({ ...e, tiers: tiers.map((x, j) => (j === i ? t : x)) });
  return (
    <div className="yq-expr-body">
      <div className="yq-rule-inline">
        <span className="yq-expr-word">按</span>
        <ExprEditor value={e.input} onChange={(input) => onChange({ ...e, input })} path={`${path}.input`} />
        <span className="yq-expr-word">分档(下限含本数,上限不含)</span>
      </div>
      <div className="yq-tiers">
        {tiers.map((t, i) => (
          <TierRow key={i} i={i} t={t} path={`${path}.tiers.${i}`} inUnit={inUnit} inWord={inWord} unitHint={unitHint} onChange={(n) => setTier(i, n)} onRemove={tiers.length > 1 ? () => onChange({ ...e, tiers: tiers.filter((_, j) => j !== i) }) : undefined} />
        ))}
      </div>
      <div className="yq-rule-inline">
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() => {
            const last = tiers[tiers.length - 1];
            onChange({ ...e, tiers: [...tiers, { ...(last?.max !== undefined ? { min: last.max } : {}), value: emptyNum() }] });
          }}
        >
          添加一档
        </Button>
        <Checkbox
          checked={!!e.otherwise}
          disabled={disabled}
          onChange={(ev) => {
            const { otherwise: _drop, ...rest } = e;
            onChange(ev.target.checked ? { ...e, otherwise: { op: 'num', value: 0 } } : rest);
          }}
        >
          不在各档内时取
        </Checkbox>
      </div>
      {e.otherwise && <ExprEditor value={e.otherwise} onChange={(otherwise) => onChange({ ...e, otherwise })} path={`${path}.otherwise`} unitHint={unitHint} />}
    </div>
  );
}

function TierRow({ i, t, path, inUnit, inWord, unitHint, onChange, onRemove }: { i: number; t: Tier; path: string; inUnit?: RuleUnit; inWord?: string; unitHint?: RuleUnit; onChange: (t: Tier) => void; onRemove?: () => void }) {
  const { disabled } = useRuleBuilder();
  const own = useNodeErrors(path, ['min', 'max']);
  const setBound = (k: 'min' | 'max', v: number | null, entry?: MoneyEntryUnit) => {
    const { [k]: _drop, ...rest } = t;
    const entryKey = k === 'min' ? 'minEntry' : 'maxEntry';
    const next: Tier = v === null ? (rest as Tier) : { ...t, [k]: v };
    if (inUnit === 'fen' && entry) next[entryKey] = entry;
    onChange(next);
  };
  return (
    <div className="yq-tier" data-rule-path={path}>
      <div className="yq-rule-inline">
        <span className="yq-tier-no">第{i + 1}档</span>
        <UnitNumberInput unit={inUnit} value={t.min ?? null} entry={inUnit === 'fen' ? t.minEntry : undefined} countWord={inWord} onChange={(v, entry) => setBound('min', v, entry)} disabled={disabled} width={150} placeholder="不限" ariaLabel={`第${i + 1}档下限`} />
        <span className="yq-expr-word">至</span>
        <UnitNumberInput unit={inUnit} value={t.max ?? null} entry={inUnit === 'fen' ? t.maxEntry : undefined} countWord={inWord} onChange={(v, entry) => setBound('max', v, entry)} disabled={disabled} width={150} placeholder="不限" ariaLabel={`第${i + 1}档上限`} />
        <span className="yq-expr-word">取</span>
        <ExprEditor value={t.value} onChange={(value) => onChange({ ...t, value })} path={`${path}.value`} unitHint={unitHint} />
        {onRemove && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={onRemove} aria-label={`删除第${i + 1}档`} />}
      </div>
      <NodeErrors messages={own} />
    </div>
  );
}

/** The allowed values of a text field or fact (size classes, listing stages, chains), if it has a list. */
export function useTextOptions(e: Expr | undefined): { value: string; label: string }[] | null {
  const { idx, chainOptions } = useRuleBuilder();
  if (!e) return null;
  if (e.op === 'field') {
    if (e.field === 'chain') return chainOptions.length ? chainOptions : null;
    return idx.fields.get(e.field)?.options ?? null;
  }
  if (e.op === 'fact') return idx.facts.get(e.key)?.options ?? null;
  return null;
}

/** Values of a text item: picked from its list, or typed (tags mode) when it has none. */
export function TextValuesSelect({ source, value, onChange, status, ariaLabel = '取值' }: { source: Expr | undefined; value: string[]; onChange: (v: string[]) => void; status?: 'error'; ariaLabel?: string }) {
  const { disabled } = useRuleBuilder();
  const options = useTextOptions(source);
  return (
    <Select
      mode={options ? 'multiple' : 'tags'}
      value={Array.isArray(value) ? value : []}
      onChange={onChange}
      options={options ?? []}
      disabled={disabled}
      status={status}
      placeholder={options ? '选择一个或多个' : '输入后回车'}
      style={{ minWidth: 200 }}
      aria-label={ariaLabel}
      tokenSeparators={options ? undefined : [',', ',', ' ']}
      open={options ? undefined : false}
      suffixIcon={options ? undefined : null}
    />
  );
}

function ChooseBody({ value: e, onChange, path, unitHint }: { value: Extract<Expr, { op: 'choose' }>; onChange: (e: Expr) => void; path: string; unitHint?: RuleUnit }) {
  const { disabled } = useRuleBuilder();
  const cases = Array.isArray(e.cases) ? e.cases : [];
  const setCase = (i: number, c: ChooseCase) => onChange({ ...e, cases: cases.map((x, j) => (j === i ? c : x)) });
  return (
    <div className="yq-expr-body">
      <div className="yq-rule-inline">
        <span className="yq-expr-word">按</span>
        <ExprEditor value={e.input} onChange={(input) => onChange({ ...e, input })} path={`${path}.input`} want="text" />
        <span className="yq-expr-word">取值</span>
      </div>
      <div className="yq-tiers">
        {cases.map((c, i) => (
          <ChooseRow
            key={i}
            i={i}
            c={c}
            source={e.input}
            path={`${path}.cases.${i}`}
            unitHint={unitHint}
            onChange={(n) => setCase(i, n)}
            onRemove={cases.length > 1 ? () => onChange({ ...e, cases: cases.filter((_, j) => j !== i) }) : undefined}
          />
        ))}
      </div>
      <div className="yq-rule-inline">
        <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => onChange({ ...e, cases: [...cases, { values: [], value: emptyNum() }] })}>
          添加一种情况
        </Button>
        <Checkbox
          checked={!!e.otherwise}
          disabled={disabled}
          onChange={(ev) => {
            const { otherwise: _drop, ...rest } = e;
            onChange(ev.target.checked ? { ...e, otherwise: emptyNum() } : rest);
          }}
        >
          其他情况取
        </Checkbox>
      </div>
      {e.otherwise && <ExprEditor value={e.otherwise} onChange={(otherwise) => onChange({ ...e, otherwise })} path={`${path}.otherwise`} unitHint={unitHint} />}
    </div>
  );
}

function ChooseRow({ i, c, source, path, unitHint, onChange, onRemove }: { i: number; c: ChooseCase; source: Expr; path: string; unitHint?: RuleUnit; onChange: (c: ChooseCase) => void; onRemove?: () => void }) {
  const { disabled } = useRuleBuilder();
  const own = useNodeErrors(path, ['values']);
  return (
    <div className="yq-tier" data-rule-path={path}>
      <div className="yq-rule-inline">
        <span className="yq-tier-no">情况{i + 1}</span>
        <TextValuesSelect source={source} value={c.values} onChange={(values) => onChange({ ...c, values })} status={own.length ? 'error' : undefined} ariaLabel={`情况${i + 1}的类别`} />
        <span className="yq-expr-word">取</span>
        <ExprEditor value={c.value} onChange={(value) => onChange({ ...c, value })} path={`${path}.value`} unitHint={unitHint} />
        {onRemove && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={onRemove} aria-label={`删除情况${i + 1}`} />}
      </div>
      <NodeErrors messages={own} />
    </div>
  );
}
