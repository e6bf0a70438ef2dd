import type { ReactNode } from 'react';
import { AutoComplete, Button, Select, Tooltip } from 'antd';
import { ApartmentOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { INDUSTRY_SECTIONS, type CompareOp, type Cond, type Expr } from '@yuanqi/contract';
import { NodeErrors, useNodeErrors, useRuleBuilder } from './context';
import { ExprEditor, TextValuesSelect, YearSelect } from './ExprEditor';
import { emptyFact, emptyLeafCond, emptyNum, growthParts, makeGrowth, makeRatio, ratioParts } from './ruleDraft';

type GroupMode = 'all' | 'any' | 'none' | 'notAll';
const GROUP_MODES: { value: GroupMode; label: string }[] = [
  { value: 'all', label: '全部满足' },
  { value: 'any', label: '任一满足' },
  { value: 'none', label: '均不满足' },
  { value: 'notAll', label: '不同时满足' },
];

const GROUP_OWN_PROPS = ['items', 'op'];
const NOT_OWN_PROPS = ['op'];
const NO_PROPS: string[] = [];

function isGroup(c: Cond | undefined): boolean {
  if (!c) return false;
  return c.op === 'all' || c.op === 'any' || (c.op === 'not' && !!c.item && (c.item.op === 'all' || c.item.op === 'any'));
}

type Props = {
  value: Cond | undefined;
  onChange: (c: Cond) => void;
  path: string;
  onRemove?: () => void;
  /** "条件 2.1": the number validateRule uses for this part (eligibility only). */
  number?: string;
};

/** A condition or a nested group of conditions (全部满足 / 任一满足 / 均不满足 / 不同时满足). */
export function CondEditor(props: Props) {
  return isGroup(props.value) ? <GroupEditor {...props} /> : <LeafEditor {...props} />;
}

function GroupEditor({ value, onChange, path, onRemove, number }: Props) {
  const { disabled } = useRuleBuilder();
  const negated = value!.op === 'not';
  const group = (negated ? (value as Extract<Cond, { op: 'not' }>).item : value) as Extract<Cond, { op: 'all' | 'any' }>;
  const groupPath = negated ? `${path}.item` : path;
  const mode: GroupMode = negated ? (group.op === 'any' ? 'none' : 'notAll') : group.op;
  const items = Array.isArray(group.items) ? group.items : [];
  const own = useNodeErrors(groupPath, GROUP_OWN_PROPS);
  const ownOuter = useNodeErrors(path, negated ? NOT_OWN_PROPS : NO_PROPS);
  const write = (m: GroupMode, list: Cond[]) => {
    const inner: Cond = { op: m === 'all' || m === 'notAll' ? 'all' : 'any', items: list };
    onChange(m === 'none' || m === 'notAll' ? { op: 'not', item: inner } : inner);
  };
  const childNumber = (i: number) => (number === undefined ? undefined : number === '' ? `${i + 1}` : `${number}.${i + 1}`);
  return (
    <div className={`yq-cond-group mode-${mode}`} data-rule-path={path}>
      <div className="yq-cond-group-head">
        {number ? <span className="yq-cond-no">{number}</span> : null}
        <span className="yq-expr-word">以下条件</span>
        <Select value={mode} options={GROUP_MODES} disabled={disabled} onChange={(m: GroupMode) => write(m, items)} style={{ width: 120 }} aria-label="条件组关系" />
        <span style={{ flex: 1 }} />
        {onRemove && (
          <Tooltip title="删除整组">
            <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={onRemove} aria-label="删除条件组" />
          </Tooltip>
        )}
      </div>
      <div className="yq-cond-items">
        {items.map((c, i) => (
          <CondEditor
            key={i}
            value={c}
            number={childNumber(i)}
            path={`${groupPath}.items.${i}`}
            onChange={(n) => write(mode, items.map((x, j) => (j === i ? n : x)))}
            onRemove={() => write(mode, items.filter((_, j) => j !== i))}
          />
        ))}
        {items.length === 0 && <div className="yq-rule-hint">这一组还没有条件</div>}
      </div>
      <div className="yq-rule-inline">
        <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => write(mode, [...items, emptyLeafCond()])}>
          添加条件
        </Button>
        <Button size="small" type="dashed" icon={<ApartmentOutlined />} disabled={disabled} onClick={() => write(mode, [...items, { op: 'any', items: [emptyLeafCond()] }])}>
          添加条件组
        </Button>
      </div>
      <NodeErrors messages={[...ownOuter, ...own]} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// A single condition: subject, operator, value
// ---------------------------------------------------------------------------------------------

type Operator =
  | CompareOp
  | 'isTrue'
  | 'isFalse'
  | 'in'
  | 'notIn'
  | 'startsWith'
  | 'notStartsWith'
  | 'hasTag'
  | 'notHasTag'
  | 'known'
  | 'notKnown';

const OPERATOR_LABELS: Record<Operator, string> = {
  '>=': '≥ 不少于',
  '>': '> 大于',
  '<=': '≤ 不超过',
  '<': '< 小于',
  '==': '= 等于',
  '!=': '≠ 不等于',
  isTrue: '为是',
  isFalse: '为否',
  in: '属于',
  notIn: '不属于',
  startsWith: '以…开头',
  notStartsWith: '不以…开头',
  hasTag: '具有',
  notHasTag: '不具有',
  known: '已填报',
  notKnown: '未填报',
};

const LEAF_OWN_PROPS = ['cmp', 'tag', 'prefix', 'values', 'op'];
const SUBJECT_OWN_PROPS = ['field', 'key', 'year', 'op'];

type SubjectType = 'number' | 'boolean' | 'text' | 'tag';
const OPERATORS: Record<SubjectType, Operator[]> = {
  number: ['>=', '>', '<=', '<', '==', '!=', 'known', 'notKnown'],
  boolean: ['isTrue', 'isFalse', 'known', 'notKnown'],
  text: ['in', 'notIn', 'startsWith', 'notStartsWith', 'known', 'notKnown'],
  tag: ['hasTag', 'notHasTag'],
};

/** The leaf a (possibly negated) condition is: its operator and the expression it tests. */
type LeafView = { operator: Operator; subject: Expr | null; cond: Cond; negated: boolean };

function viewOf(c: Cond): LeafView {
  const negated = c.op === 'not';
  const inner = negated ? (c as Extract<Cond, { op: 'not' }>).item : c;
  const neg = <A extends Operator, B extends Operator>(a: A, b: B) => (negated ? b : a);
  switch (inner?.op) {
    case 'compare': {
      const NEG: Record<CompareOp, CompareOp> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' };
      return { operator: negated ? NEG[inner.cmp] ?? inner.cmp : inner.cmp, subject: inner.left, cond: inner, negated: false };
    }
    case 'isTrue':
      return { operator: neg('isTrue', 'isFalse'), subject: inner.value, cond: inner, negated };
    case 'in':
      return { operator: neg('in', 'notIn'), subject: inner.left, cond: inner, negated };
    case 'startsWith':
      return { operator: neg('startsWith', 'notStartsWith'), subject: inner.left, cond: inner, negated };
    case 'hasTag':
      return { operator: neg('hasTag', 'notHasTag'), subject: null, cond: inner, negated };
    case 'known':
      return { operator: neg('known', 'notKnown'), subject: inner.value, cond: inner, negated };
    default:
      return { operator: '>=', subject: emptyFact(), cond: emptyLeafCond(), negated: false };
  }
}

/** Subject choice keys: field:x, fact:x, tag, ratio, growth, formula. */
function subjectKey(v: LeafView): string {
  if (v.operator === 'hasTag' || v.operator === 'notHasTag') return 'tag';
  const s = v.subject;
  if (!s) return 'fact:';
  if (s.op === 'field') return `field:${s.field}`;
  if (s.op === 'fact') return `fact:${s.key}`;
  if (growthParts(s)) return 'growth';
  if (ratioParts(s)) return 'ratio';
  return 'formula';
}

function LeafEditor({ value, onChange, path, onRemove, number }: Props) {
  const { catalogue, idx, disabled, unitOf, countWordOf, tagOptions } = useRuleBuilder();
  const view = viewOf(value ?? emptyLeafCond());
  const innerPath = view.negated ? `${path}.item` : path;
  const key = subjectKey(view);
  const subjectType: SubjectType = (() => {
    if (key === 'tag') return 'tag';
    const s = view.subject;
    if (s?.op === 'field') {
      const t = idx.fields.get(s.field)?.type;
      return t === 'boolean' ? 'boolean' : t === 'text' ? 'text' : 'number';
    }
    if (s?.op === 'fact') {
      const t = idx.facts.get(s.key)?.type;
      return t === 'boolean' ? 'boolean' : t === 'text' ? 'text' : 'number';
    }
    return 'number';
  })();
  const own = useNodeErrors(innerPath, LEAF_OWN_PROPS);
  const ownOuter = useNodeErrors(path, view.negated ? NOT_OWN_PROPS : NO_PROPS);
  // a leaf expression's own problems (a field not chosen) show here; a formula shows its own
  const subjectPath = view.cond.op === 'isTrue' || view.cond.op === 'known' ? `${innerPath}.value` : `${innerPath}.left`;
  const subjectErrors = useNodeErrors(subjectPath, SUBJECT_OWN_PROPS);

  const build = (operator: Operator, subject: Expr | null, prev: Cond): Cond => {
    const right = prev.op === 'compare' ? prev.right : emptyNum();
    const values = prev.op === 'in' ? prev.values : [];
    const prefix = prev.op === 'startsWith' ? prev.prefix : '';
    const tag = prev.op === 'hasTag' ? prev.tag : '';
    const s = subject ?? emptyFact();
    switch (operator) {
      case '>=':
      case '>':
      case '<=':
      case '<':
      case '==':
      case '!=':
        return { op: 'compare', left: s, cmp: operator, right };
      case 'isTrue':
        return { op: 'isTrue', value: s };
      case 'isFalse':
        return { op: 'not', item: { op: 'isTrue', value: s } };
      case 'in':
        return { op: 'in', left: s, values };
      case 'notIn':
        return { op: 'not', item: { op: 'in', left: s, values } };
      case 'startsWith':
        return { op: 'startsWith', left: s, prefix };
      case 'notStartsWith':
        return { op: 'not', item: { op: 'startsWith', left: s, prefix } };
      case 'hasTag':
        return { op: 'hasTag', tag };
      case 'notHasTag':
        return { op: 'not', item: { op: 'hasTag', tag } };
      case 'known':
        return { op: 'known', value: s };
      case 'notKnown':
        return { op: 'not', item: { op: 'known', value: s } };
    }
  };

  const chooseSubject = (k: string) => {
    let subject: Expr | null;
    let type: SubjectType = 'number';
    if (k === 'tag') {
      onChange({ op: 'hasTag', tag: '' });
      return;
    } else if (k.startsWith('field:')) {
      const f = k.slice(6);
      subject = { op: 'field', field: f };
      const t = idx.fields.get(f)?.type;
      type = t === 'boolean' ? 'boolean' : t === 'text' ? 'text' : 'number';
    } else if (k.startsWith('fact:')) {
      const f = k.slice(5);
      const prevYear = view.subject?.op === 'fact' ? view.subject.year : 0;
      subject = { op: 'fact', key: f, year: typeof prevYear === 'number' ? prevYear : 0 };
      const t = idx.facts.get(f)?.type;
      type = t === 'boolean' ? 'boolean' : t === 'text' ? 'text' : 'number';
    } else if (k === 'ratio') subject = makeRatio(emptyFact(), emptyFact());
    else if (k === 'growth') subject = makeGrowth({ op: 'fact', key: '', year: -1 }, { op: 'fact', key: '', year: -2 });
    else subject = { op: 'sub', args: [emptyFact(), emptyFact()] };
    // industry codes are a hierarchy: "C" means manufacturing and should match C3983, so a new
    // industry-code condition starts as 以…开头 (属于 matches the exact code only)
    const industry = k === 'field:industry_code' && !(view.subject?.op === 'field' && view.subject.field === 'industry_code');
    const keepOp = industry ? 'startsWith' : OPERATORS[type].includes(view.operator) ? view.operator : OPERATORS[type][0]!;
    onChange(build(keepOp, subject, type === subjectType ? view.cond : emptyLeafCond()));
  };

  const subjectOptions = [
    {
      label: '企业信息',
      options: catalogue.fields.filter((f) => f.type !== 'date' && f.type !== 'tags').map((f) => ({ value: `field:${f.key}`, label: f.label, title: f.description })),
    },
    { label: '企业标签', options: [{ value: 'tag', label: '企业标签' }] },
    { label: '填报数据', options: catalogue.facts.map((f) => ({ value: `fact:${f.key}`, label: f.label, title: f.description })) },
    {
      label: '计算值',
      options: [
        { value: 'ratio', label: '两项之比(%)' },
        { value: 'growth', label: '增长率(%)' },
        { value: 'formula', label: '自定义公式' },
      ],
    },
  ];

  const subject = view.subject;
  const subjectIsFormula = key === 'ratio' || key === 'growth' || key === 'formula';
  const setSubject = (s: Expr) => onChange(build(view.operator, s, view.cond));
  const c = view.cond;

  let valueControl: ReactNode = null;
  if (c.op === 'compare') {
    valueControl = (
      <ExprEditor value={c.right} onChange={(right) => onChange({ ...c, right })} path={`${innerPath}.right`} unitHint={unitOf(c.left) ?? (key === 'ratio' || key === 'growth' ? 'percent' : undefined)} wordHint={countWordOf(c.left)} />
    );
  } else if (c.op === 'in') {
    valueControl = (
      <TextValuesSelect source={c.left} value={c.values} onChange={(values) => onChange(build(view.operator, c.left, { ...c, values }))} status={own.length ? 'error' : undefined} />
    );
  } else if (c.op === 'startsWith') {
    const industry = c.left.op === 'field' && c.left.field === 'industry_code';
    valueControl = (
      <AutoComplete
        value={c.prefix}
        disabled={disabled}
        onChange={(prefix: string) => onChange(build(view.operator, c.left, { ...c, prefix: prefix.toUpperCase() }))}
        options={industry ? Object.entries(INDUSTRY_SECTIONS).map(([code, label]) => ({ value: code, label: `${code} ${label}` })) : []}
        filterOption={(input, o) => String(o?.label ?? '').includes(input) || String(o?.value ?? '').startsWith(input.toUpperCase())}
        placeholder={industry ? '门类字母或代码,如 C 或 C39' : '开头的文字'}
        style={{ width: 220 }}
        aria-label="开头代码"
        status={own.length ? 'error' : undefined}
      />
    );
  } else if (c.op === 'hasTag') {
    valueControl = (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        value={c.tag || undefined}
        disabled={disabled}
        placeholder="选择标签"
        onChange={(tag: string) => onChange(build(view.operator, null, { op: 'hasTag', tag }))}
        options={tagOptions}
        style={{ minWidth: 160 }}
        status={own.length ? 'error' : undefined}
        aria-label="企业标签"
      />
    );
  }

  const factDef = subject?.op === 'fact' ? idx.facts.get(subject.key) : undefined;
  const removeButton = onRemove && (
    <Tooltip title="删除条件">
      <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={onRemove} aria-label="删除条件" />
    </Tooltip>
  );
  const judgement = (
    <>
      <Select
        value={view.operator}
        disabled={disabled}
        onChange={(op: Operator) => onChange(build(op, subject, c))}
        options={OPERATORS[subjectType].map((o) => ({ value: o, label: OPERATOR_LABELS[o] }))}
        style={{ width: 118 }}
        popupMatchSelectWidth={false}
        aria-label="判断方式"
      />
      {valueControl}
    </>
  );
  // A computed subject (a ratio, a growth rate, a formula) reads top-down: what is computed, then how it is judged.
  return (
    <div className="yq-cond-leaf" data-rule-path={path}>
      <div className="yq-rule-inline">
        {number ? <span className="yq-cond-no">{number}</span> : null}
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={key === 'fact:' || key === 'field:' ? undefined : key}
          placeholder="选择判断的数据"
          disabled={disabled}
          onChange={chooseSubject}
          options={subjectOptions}
          style={{ minWidth: 180 }}
          popupMatchSelectWidth={false}
          status={subjectErrors.length && !subjectIsFormula ? 'error' : undefined}
          aria-label="判断的数据"
        />
        {subject?.op === 'fact' && (
          <YearSelect value={typeof subject.year === 'number' ? subject.year : 0} latest={factDef?.period === 'latest'} disabled={disabled} onChange={(year) => setSubject({ ...subject, year })} />
        )}
        {!subjectIsFormula && judgement}
        {subjectIsFormula && <span style={{ flex: 1 }} />}
        {removeButton}
      </div>
      {subjectIsFormula && subject && (
        <div className="yq-cond-formula">
          <ExprEditor value={subject} onChange={setSubject} path={subjectPath} />
          <div className="yq-rule-inline" style={{ marginTop: 6 }}>
            {judgement}
          </div>
        </div>
      )}
      <NodeErrors messages={[...ownOuter, ...(subjectIsFormula ? [] : subjectErrors), ...own]} />
    </div>
  );
}
