import { App, Button, DatePicker, Input, Select, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { RULE_UNIT_LABELS, RULE_UNITS, type PolicyRule, type RuleParam, type RuleParamValue, type RuleUnit } from '@yuanqi/contract';
import { dayjs } from '../../../components/format';
import { NodeErrors, useNodeErrors, useRuleBuilder } from './context';
import { newParam, paramRefs } from './ruleDraft';
import { UnitNumberInput } from './UnitNumberInput';

const PARAM_OWN = ['key', 'label', 'unit', 'values'];

function ParamCard({ p, i, onChange, onRemove, used }: { p: RuleParam; i: number; onChange: (p: RuleParam) => void; onRemove: () => void; used: boolean }) {
  const { disabled } = useRuleBuilder();
  const path = `params.${i}`;
  const own = useNodeErrors(path, PARAM_OWN);
  const values = Array.isArray(p.values) ? p.values : [];
  const setValue = (j: number, v: RuleParamValue) => onChange({ ...p, values: values.map((x, k) => (k === j ? v : x)) });
  return (
    <div className="yq-param" data-rule-path={path}>
      <div className="yq-rule-inline">
        <Input
          value={p.label}
          disabled={disabled}
          onChange={(e) => onChange({ ...p, label: e.target.value })}
          placeholder="参数名称,如 每人补助标准"
          style={{ width: 220 }}
          aria-label={`参数${i + 1}名称`}
          maxLength={100}
        />
        <Select
          value={p.unit}
          disabled={disabled}
          onChange={(unit: RuleUnit) => onChange({ ...p, unit })}
          options={RULE_UNITS.map((u) => ({ value: u, label: RULE_UNIT_LABELS[u] }))}
          style={{ width: 130 }}
          aria-label={`参数${i + 1}单位`}
        />
        <Tooltip title="参数编码:规则内部引用参数用,字母开头,只含小写字母、数字和下划线">
          <Input
            value={p.key}
            disabled={disabled || used}
            onChange={(e) => onChange({ ...p, key: e.target.value.trim() })}
            className="yq-mono"
            style={{ width: 130 }}
            prefix={<span className="yq-rule-unit">编码</span>}
            aria-label={`参数${i + 1}编码`}
          />
        </Tooltip>
        <span style={{ flex: 1 }} />
        <Tooltip title={used ? '规则中正在使用此参数,不能删除' : '删除参数'}>
          <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled || used} onClick={onRemove} aria-label={`删除参数${i + 1}`} />
        </Tooltip>
      </div>
      <div className="yq-param-values">
        {values.map((v, j) => (
          <div key={j} className="yq-rule-inline">
            <span className="yq-expr-word">自</span>
            <DatePicker
              value={v.from ? dayjs(v.from) : null}
              disabled={disabled}
              onChange={(d) => setValue(j, { ...v, from: d ? d.format('YYYY-MM-DD') : '' })}
              placeholder="生效日期"
              allowClear={false}
              style={{ width: 140 }}
              aria-label={`参数${i + 1}第${j + 1}个取值的生效日期`}
            />
            <span className="yq-expr-word">起为</span>
            <UnitNumberInput
              unit={p.unit}
              value={typeof v.value === 'number' ? v.value : null}
              entry={p.unit === 'fen' ? v.entry : undefined}
              onChange={(value, entry) => setValue(j, { ...v, value: value as number, ...(p.unit === 'fen' && entry ? { entry } : {}) })}
              disabled={disabled}
              ariaLabel={`参数${i + 1}第${j + 1}个取值`}
            />
            {values.length > 1 && (
              <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={() => onChange({ ...p, values: values.filter((_, k) => k !== j) })} aria-label="删除这个取值" />
            )}
          </div>
        ))}
        <Button
          size="small"
          type="link"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() => {
            const last = values[values.length - 1];
            const from = last?.from ? dayjs(last.from).add(1, 'year').startOf('year').format('YYYY-MM-DD') : dayjs().startOf('year').format('YYYY-MM-DD');
            onChange({ ...p, values: [...values, { from, value: undefined as unknown as number }] });
          }}
        >
          新增取值(自某日起调整)
        </Button>
      </div>
      <NodeErrors messages={own} />
    </div>
  );
}

/**
 * The rule's dated parameters: an amount or rate valid from a date until the next value's date
 * (用工补贴 200 元/人 from 2024-01-01, 300 元/人 from 2026-01-01).
 */
export function ParamsEditor({ rule, onChange, defaultFrom }: { rule: PolicyRule; onChange: (params: RuleParam[]) => void; defaultFrom: string }) {
  const { disabled } = useRuleBuilder();
  const { modal } = App.useApp();
  const params = Array.isArray(rule.params) ? rule.params : [];
  const used = paramRefs(rule);
  const own = useNodeErrors('params', []);
  return (
    <div className="yq-params">
      {params.length === 0 && <div className="yq-rule-hint">没有参数。金额标准、比例等会调整的数值建议设为参数,调整时只需新增一个取值和生效日期。</div>}
      {params.map((p, i) => (
        <ParamCard
          key={i}
          p={p}
          i={i}
          used={used.has(p.key)}
          onChange={(n) => onChange(params.map((x, j) => (j === i ? n : x)))}
          onRemove={() =>
            modal.confirm({
              title: `删除参数“${p.label || p.key}”?`,
              okText: '删除',
              cancelText: '取消',
              okButtonProps: { danger: true },
              onOk: () => onChange(params.filter((_, j) => j !== i)),
            })
          }
        />
      ))}
      <Button type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => onChange([...params, newParam(params, '', 'fen', defaultFrom)])}>
        添加参数
      </Button>
      <NodeErrors messages={own} />
    </div>
  );
}
