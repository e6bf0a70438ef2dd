import { AutoComplete, Button, Checkbox, Input, InputNumber, Select, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PAYMENT_PERIOD_LABELS, PAYMENT_PERIODS, type Instalment, type PaymentPeriod, type PaymentTerms, type PolicyRule } from '@yuanqi/contract';
import { CondEditor } from './CondEditor';
import { NodeErrors, useNodeErrors, useRuleBuilder } from './context';
import { FactSelect } from './ExprEditor';
import { emptyLeafCond } from './ruleDraft';

const INSTALMENT_OWN = ['label', 'sharePercent', 'yearOffset'];
const NO_PROPS: string[] = [];

function InstalmentRow({ inst, i, onChange, onRemove }: { inst: Instalment; i: number; onChange: (n: Instalment) => void; onRemove?: () => void }) {
  const { disabled } = useRuleBuilder();
  const path = `payment.instalments.${i}`;
  const own = useNodeErrors(path, INSTALMENT_OWN);
  return (
    <div className="yq-tier" data-rule-path={path}>
      <div className="yq-rule-inline">
        <Input value={inst.label} disabled={disabled} onChange={(e) => onChange({ ...inst, label: e.target.value })} placeholder="如 第一年" style={{ width: 110 }} maxLength={50} aria-label={`第${i + 1}期名称`} />
        <span className="yq-expr-word">在兑现后第</span>
        <InputNumber value={typeof inst.yearOffset === 'number' ? inst.yearOffset + 1 : null} min={1} max={11} precision={0} disabled={disabled} onChange={(v) => onChange({ ...inst, yearOffset: typeof v === 'number' ? v - 1 : (undefined as unknown as number) })} suffix="年" style={{ width: 90 }} aria-label={`第${i + 1}期年度`} />
        <span className="yq-expr-word">兑现总额的</span>
        <InputNumber value={inst.sharePercent ?? null} min={0} max={100} disabled={disabled} onChange={(v) => onChange({ ...inst, sharePercent: typeof v === 'number' ? v : (undefined as unknown as number) })} suffix="%" style={{ width: 100 }} aria-label={`第${i + 1}期比例`} />
        <Checkbox
          checked={!!inst.condition}
          disabled={disabled}
          onChange={(e) => {
            const { condition: _drop, ...rest } = inst;
            onChange(e.target.checked ? { ...inst, condition: { op: 'all', items: [emptyLeafCond()] } } : rest);
          }}
        >
          当年须满足条件
        </Checkbox>
        {onRemove && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={onRemove} aria-label={`删除第${i + 1}期`} />}
      </div>
      {inst.condition && (
        <div style={{ marginTop: 6 }}>
          <CondEditor value={inst.condition} onChange={(condition) => onChange({ ...inst, condition })} path={`${path}.condition`} />
        </div>
      )}
      <NodeErrors messages={own} />
    </div>
  );
}

/**
 * 兑现方式: the period (one payment per firm per year / once / per stage ever), mutual exclusion
 * with other policies, instalments over years, and per-person uniqueness.
 */
export function PaymentEditor({ rule, onChange, exclusionGroups = [] }: { rule: PolicyRule; onChange: (p: PaymentTerms) => void; exclusionGroups?: string[] }) {
  const { disabled, catalogue } = useRuleBuilder();
  const p: PaymentTerms = rule.payment ?? { period: 'year' };
  const own = useNodeErrors('payment', ['period', 'stageFact', 'exclusionGroup', 'perPerson']);
  const instErrors = useNodeErrors('payment.instalments', NO_PROPS);
  const set = (patch: Partial<PaymentTerms>, drop: (keyof PaymentTerms)[] = []) => {
    const next: PaymentTerms = { ...p, ...patch };
    for (const k of drop) delete next[k];
    onChange(next);
  };
  const instalments = p.instalments ?? [];
  const textFacts = catalogue.facts.filter((f) => f.type === 'text');
  return (
    <div className="yq-payment">
      <div className="yq-rule-inline">
        <span className="yq-payment-label">兑现周期</span>
        <Select
          value={p.period}
          disabled={disabled}
          onChange={(period: PaymentPeriod) => (period === 'stage' ? set({ period, stageFact: p.stageFact ?? textFacts.find((f) => f.key === 'listing_stage')?.key ?? '' }) : set({ period }, ['stageFact']))}
          options={PAYMENT_PERIODS.map((v) => ({ value: v, label: PAYMENT_PERIOD_LABELS[v] }))}
          style={{ width: 200 }}
          aria-label="兑现周期"
        />
        {p.period === 'stage' && (
          <>
            <span className="yq-expr-word">阶段依据</span>
            <FactSelect value={p.stageFact ?? ''} onChange={(stageFact) => set({ stageFact })} want="text" />
          </>
        )}
      </div>
      <div className="yq-rule-hint">同一企业在同一期间只能兑现一次;按阶段兑现时,每个阶段每家企业只兑现一次(如 股改、辅导备案、申报受理、上市各一次)。</div>

      <div className="yq-rule-inline">
        <span className="yq-payment-label">互斥政策组</span>
        <AutoComplete
          value={p.exclusionGroup ?? ''}
          disabled={disabled}
          onChange={(v: string) => (v ? set({ exclusionGroup: v }) : set({}, ['exclusionGroup']))}
          options={exclusionGroups.map((g) => ({ value: g }))}
          placeholder="选填;同组政策同一期间只能享受其一"
          style={{ width: 320 }}
          allowClear
          aria-label="互斥政策组"
        />
      </div>

      <div className="yq-rule-inline">
        <Checkbox
          checked={!!p.perPerson}
          disabled={disabled}
          onChange={(e) => (e.target.checked ? set({ perPerson: { factKey: '', uniqueAcrossEnterprises: true } }) : set({}, ['perPerson']))}
        >
          按人计发
        </Checkbox>
        {p.perPerson && (
          <>
            <span className="yq-expr-word">人数依据</span>
            <FactSelect value={p.perPerson.factKey} onChange={(factKey) => set({ perPerson: { ...p.perPerson!, factKey } })} want="number" filter={(f) => f.unit === 'count'} />
            <Tooltip title="申报时企业须填报人员名单(姓名、身份证号),同一人已在其他企业享受的不能再享受">
              <Checkbox checked={p.perPerson.uniqueAcrossEnterprises} disabled={disabled} onChange={(e) => set({ perPerson: { ...p.perPerson!, uniqueAcrossEnterprises: e.target.checked } })}>
                同一人员只能在一家企业享受
              </Checkbox>
            </Tooltip>
          </>
        )}
      </div>

      <div className="yq-rule-inline">
        <Checkbox
          checked={instalments.length > 0}
          disabled={disabled}
          onChange={(e) =>
            e.target.checked
              ? set({ instalments: [{ label: '第一年', sharePercent: 100, yearOffset: 0 }] })
              : set({}, ['instalments'])
          }
        >
          分年度分期兑现
        </Checkbox>
      </div>
      {instalments.length > 0 && (
        <div className="yq-tiers" data-rule-path="payment.instalments">
          {instalments.map((inst, i) => (
            <InstalmentRow
              key={i}
              inst={inst}
              i={i}
              onChange={(n) => set({ instalments: instalments.map((x, j) => (j === i ? n : x)) })}
              onRemove={instalments.length > 1 ? () => set({ instalments: instalments.filter((_, j) => j !== i) }) : undefined}
            />
          ))}
          <div className="yq-rule-inline">
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              disabled={disabled || instalments.length >= 10}
              onClick={() => {
                const last = instalments[instalments.length - 1];
                const n = instalments.length + 1;
                set({ instalments: [...instalments, { label: `第${'一二三四五六七八九十'[n - 1] ?? n}年`, sharePercent: 0, yearOffset: (last?.yearOffset ?? -1) + 1 }] });
              }}
            >
              添加一期
            </Button>
            <span className="yq-rule-unit">合计 {Math.round(instalments.reduce((s, x) => s + (typeof x.sharePercent === 'number' ? x.sharePercent : 0), 0) * 100) / 100}%(应为100%)</span>
          </div>
          <NodeErrors messages={instErrors} />
        </div>
      )}
      <NodeErrors messages={own} />
    </div>
  );
}
