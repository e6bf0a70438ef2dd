import { App, Button, Checkbox, Dropdown, Input, Typography } from 'antd';
import { DownOutlined, FunctionOutlined } from '@ant-design/icons';
import type { Benefit, Expr, PolicyRule, RuleParam } from '@yuanqi/contract';
import { useRuleBuilder } from './context';
import { ExprEditor } from './ExprEditor';
import { emptyFact, emptyField, emptyNum, newParam } from './ruleDraft';

type Template = { key: string; label: string; hint: string; build: (params: RuleParam[], from: string) => { amount: Expr; params: RuleParam[] } };

const TEMPLATES: Template[] = [
  { key: 'fixed', label: '固定金额', hint: '如 奖励20万元', build: (params) => ({ amount: emptyNum(), params }) },
  {
    key: 'per-person',
    label: '人数 × 每人标准',
    hint: '如 扩岗人数 × 1500元',
    build: (params, from) => {
      const p = newParam(params, '每人补助标准', 'fen', from);
      return { amount: { op: 'mul', args: [emptyFact(), { op: 'param', key: p.key }] }, params: [...params, p] };
    },
  },
  {
    key: 'per-person-month',
    label: '人数 × 每月标准 × 月数(限最长月数)',
    hint: '如 以工代训 每人每月500元,最长6个月',
    build: (params, from) => {
      const perMonth = newParam(params, '每人每月补贴', 'fen', from);
      const maxMonths = newParam([...params, perMonth], '最长补贴月数', 'months', from);
      return {
        amount: { op: 'mul', args: [emptyFact(), { op: 'param', key: perMonth.key }, { op: 'min', args: [emptyFact(), { op: 'param', key: maxMonths.key }] }] },
        params: [...params, perMonth, maxMonths],
      };
    },
  },
  {
    key: 'percent',
    label: '按某项金额的百分比',
    hint: '如 上年实缴失业保险费的60%',
    build: (params, from) => {
      const p = newParam(params, '补助比例', 'percent', from);
      return { amount: { op: 'percent', base: { op: 'fact', key: '', year: -1 }, rate: { op: 'param', key: p.key } }, params: [...params, p] };
    },
  },
  { key: 'tiers', label: '分档取值', hint: '按某个数值所在区间取不同金额', build: (params) => ({ amount: { op: 'tiers', input: emptyFact(), tiers: [{ value: emptyNum() }] }, params }) },
  {
    key: 'choose',
    label: '按类别取值',
    hint: '如 按企业规模、上市阶段取不同金额或比例',
    build: (params) => ({ amount: { op: 'choose', input: emptyField(), cases: [{ values: [], value: emptyNum() }] }, params }),
  },
  {
    key: 'if',
    label: '如果…则…否则',
    hint: '如 首次认定20万元,否则5万元',
    build: (params) => ({ amount: { op: 'if', when: { op: 'isTrue', value: emptyFact() }, then: emptyNum(), else: emptyNum() }, params }),
  },
  { key: 'add', label: '多项相加', hint: '如 普惠补助 + 增长奖励', build: (params) => ({ amount: { op: 'add', args: [emptyNum(), emptyNum()] }, params }) },
];

function isEmptyAmount(e: Expr | undefined): boolean {
  return !e || (e.op === 'num' && typeof e.value !== 'number');
}

/** 兑现金额: a formula builder with common shapes to start from, the cap and how it is counted. */
export function BenefitEditor({ rule, onChange, defaultFrom }: { rule: PolicyRule; onChange: (r: PolicyRule) => void; defaultFrom: string }) {
  const { disabled } = useRuleBuilder();
  const { modal } = App.useApp();
  const benefit: Benefit = rule.benefit ?? { amount: emptyNum() };
  const setBenefit = (b: Benefit) => onChange({ ...rule, benefit: b });
  const apply = (t: Template) => {
    const go = () => {
      const { amount, params } = t.build(rule.params ?? [], defaultFrom);
      onChange({ ...rule, params, benefit: { ...benefit, amount } });
    };
    if (isEmptyAmount(benefit.amount)) go();
    else modal.confirm({ title: `改用“${t.label}”?`, content: '当前的金额公式将被替换。', okText: '替换', cancelText: '取消', onOk: go });
  };
  return (
    <div className="yq-benefit">
      <div className="yq-rule-inline" style={{ marginBottom: 8 }}>
        <Dropdown
          disabled={disabled}
          menu={{
            items: TEMPLATES.map((t) => ({ key: t.key, label: <div><div>{t.label}</div><div className="yq-rule-unit">{t.hint}</div></div> })),
            onClick: ({ key }) => apply(TEMPLATES.find((t) => t.key === key)!),
          }}
        >
          <Button icon={<FunctionOutlined />}>
            常用公式 <DownOutlined />
          </Button>
        </Dropdown>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          选一个常用形式开始,再逐项选择数据、参数或填写金额。
        </Typography.Text>
      </div>
      <ExprEditor value={benefit.amount} onChange={(amount) => setBenefit({ ...benefit, amount })} path="benefit.amount" unitHint="fen" />
      <div className="yq-benefit-extra">
        <Checkbox
          checked={!!benefit.cap}
          disabled={disabled}
          onChange={(e) => {
            const { cap: _drop, ...rest } = benefit;
            setBenefit(e.target.checked ? { ...benefit, cap: emptyNum() } : rest);
          }}
        >
          设置上限(每家企业每期最多)
        </Checkbox>
        {benefit.cap && <ExprEditor value={benefit.cap} onChange={(cap) => setBenefit({ ...benefit, cap })} path="benefit.cap" unitHint="fen" />}
        <div className="yq-rule-inline">
          <span className="yq-expr-word">计发说明</span>
          <Input
            value={benefit.unitLabel ?? ''}
            disabled={disabled}
            onChange={(e) => {
              const { unitLabel: _drop, ...rest } = benefit;
              setBenefit(e.target.value ? { ...benefit, unitLabel: e.target.value } : rest);
            }}
            placeholder="选填,如 按人计发"
            maxLength={50}
            style={{ width: 220 }}
            aria-label="计发说明"
          />
        </div>
      </div>
    </div>
  );
}
