import { useMemo } from 'react';
import { Alert, Card, Select, Typography } from 'antd';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import {
  DEFAULT_MONEY_ROUNDING,
  MONEY_ROUNDINGS,
  MONEY_ROUNDING_LABELS,
  RuleDescriber,
  type MoneyRounding,
  type PolicyCheckProblem,
  type PolicyPublishCheck,
  validateRule,
  type PolicyRule,
  type RuleCatalogue,
  type RuleValidationError,
} from '@yuanqi/contract';
import { BenefitEditor } from './BenefitEditor';
import { CondEditor } from './CondEditor';
import { RuleBuilderProvider } from './context';
import { ParamsEditor } from './ParamsEditor';
import { PaymentEditor } from './PaymentEditor';
import { asGroup } from './ruleDraft';

export type RuleCheck = { ok: true; rule: PolicyRule; errors: []; parts: { eligibility: string; benefit: string; payment: string; whole: string } } | { ok: false; errors: RuleValidationError[] };

/** validateRule and, when it passes, describeRule's three parts (what the officer reads back). */
export function checkRule(rule: PolicyRule, catalogue: RuleCatalogue): RuleCheck {
  const v = validateRule(rule, catalogue);
  if (!v.ok) return { ok: false, errors: v.errors };
  const d = new RuleDescriber(catalogue, v.rule.params);
  const eligibility = d.cond(v.rule.eligibility);
  const benefit = d.benefit(v.rule);
  const payment = d.payment(v.rule);
  return { ok: true, rule: v.rule, errors: [], parts: { eligibility, benefit, payment, whole: `${eligibility}:${benefit};${payment}` } };
}

export function useRuleCheck(rule: PolicyRule, catalogue: RuleCatalogue | null): RuleCheck | null {
  return useMemo(() => (catalogue ? checkRule(rule, catalogue) : null), [rule, catalogue]);
}

function scrollToPath(path: string) {
  // the deepest rendered node on the error's path (publish problems say rule.…; fields say fundId, materials…)
  const parts = path.replace(/^rule(\.|$)/, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.querySelector<HTMLElement>(`[data-rule-path="${parts.slice(0, n).join('.')}"]`);
    if (el) {
      el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      el.classList.add('yq-flash');
      window.setTimeout(() => el.classList.remove('yq-flash'), 1600);
      return;
    }
  }
}

function ProblemList({ items, className = 'yq-rule-problems' }: { items: PolicyCheckProblem[]; className?: string }) {
  return (
    <ol className={className}>
      {items.map((e, i) => (
        <li key={i}>
          <a onClick={() => scrollToPath(e.path)} role="button" tabIndex={0} onKeyDown={(k) => k.key === 'Enter' && scrollToPath(e.path)}>
            {e.message}
          </a>
        </li>
      ))}
    </ol>
  );
}

/**
 * The plain-Chinese reading of the rule, live, or the list of what is still wrong, part by part.
 * "规则完整,可以试算和发布" appears only when `publish` (the same check the server's publish runs)
 * has no error; what else publishing needs (资金来源, 申报材料, dates) is listed and linked to the
 * field. `untouched`: a blank new rule shows a hint, not a list of errors nobody made yet.
 */
export function RulePreview({ check, publish, untouched = false }: { check: RuleCheck | null; publish?: PolicyPublishCheck | null; untouched?: boolean }) {
  if (!check) return null;
  if (untouched && !check.ok) {
    return (
      <div className="yq-rule-preview" aria-live="polite">
        <Typography.Text type="secondary">在左侧填写适用条件和兑现金额,这里将实时显示规则的白话解读;也可以从模板开始。</Typography.Text>
      </div>
    );
  }
  const policyErrors = (publish?.errors ?? []).filter((e) => e.path !== 'rule' && !e.path.startsWith('rule.'));
  const warnings = publish?.warnings ?? [];
  if (check.ok) {
    const ready = !publish || publish.ok;
    return (
      <div className="yq-rule-preview" aria-live="polite">
        {ready ? (
          <div className="yq-rule-preview-ok">
            <CheckCircleOutlined /> 规则完整,可以试算和发布
          </div>
        ) : (
          <>
            <div className="yq-rule-preview-bad yq-rule-preview-unpublishable">
              <WarningOutlined /> 规则完整,可以试算;发布前还需处理 {policyErrors.length} 项:
            </div>
            <ProblemList items={policyErrors} />
          </>
        )}
        {warnings.length > 0 && (
          <Alert type="warning" showIcon style={{ margin: '8px 0' }} title="发布前请确认" description={<ProblemList items={warnings} className="yq-rule-problems yq-rule-warnings" />} />
        )}
        <dl className="yq-rule-reading">
          <dt>适用条件</dt>
          <dd>{check.parts.eligibility}</dd>
          <dt>兑现金额</dt>
          <dd>{check.parts.benefit}</dd>
          <dt>兑现方式</dt>
          <dd>{check.parts.payment}</dd>
        </dl>
        <Typography.Paragraph copyable={{ text: check.parts.whole, tooltips: ['复制整句', '已复制'] }} className="yq-rule-whole">
          {check.parts.whole}
        </Typography.Paragraph>
      </div>
    );
  }
  return (
    <div className="yq-rule-preview" aria-live="polite">
      <div className="yq-rule-preview-bad">
        <WarningOutlined /> 规则尚未完成,还有 {check.errors.length + policyErrors.length} 处需要处理(可先保存草稿,发布前须全部处理):
      </div>
      <ProblemList items={[...check.errors, ...policyErrors]} />
    </div>
  );
}

/**
 * The rule builder: dated parameters, the condition builder, the benefit formula and the payment
 * terms, each part showing its own problems in place.
 */
export function RuleEditor({
  rule,
  onChange,
  catalogue,
  errors,
  defaultFrom,
  disabled = false,
  exclusionGroups,
}: {
  rule: PolicyRule;
  onChange: (r: PolicyRule) => void;
  catalogue: RuleCatalogue;
  errors: RuleValidationError[];
  defaultFrom: string;
  disabled?: boolean;
  exclusionGroups?: string[];
}) {
  const params = Array.isArray(rule.params) ? rule.params : [];
  const eligibility = asGroup(rule.eligibility);
  return (
    <RuleBuilderProvider catalogue={catalogue} params={params} errors={errors} disabled={disabled}>
      <Card title="适用条件" className="yq-section" extra={<span className="yq-rule-unit">企业满足哪些条件才能享受</span>}>
        <CondEditor value={eligibility} onChange={(c) => onChange({ ...rule, eligibility: c })} path="eligibility" number="" />
      </Card>
      <Card title="兑现金额" className="yq-section" extra={<span className="yq-rule-unit">金额按元或万元填写</span>}>
        <BenefitEditor rule={rule} onChange={onChange} defaultFrom={defaultFrom} />
        <div className="yq-rule-rounding" data-rule-path="benefit.rounding" style={{ marginTop: 12, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <span>金额取整</span>
          <Select
            aria-label="金额取整"
            size="small"
            style={{ minWidth: 200 }}
            disabled={disabled}
            value={rule.benefit?.rounding ?? DEFAULT_MONEY_ROUNDING}
            options={MONEY_ROUNDINGS.map((r) => ({ value: r, label: MONEY_ROUNDING_LABELS[r].replace(/^金额/, '') }))}
            onChange={(r: MoneyRounding) => {
              const { rounding: _old, ...benefit } = rule.benefit ?? ({} as PolicyRule['benefit']);
              void _old;
              onChange({ ...rule, benefit: r === DEFAULT_MONEY_ROUNDING ? (benefit as PolicyRule['benefit']) : { ...(benefit as PolicyRule['benefit']), rounding: r } });
            }}
          />
          <span className="yq-rule-unit">按公式算出的金额如何取到分或元(政策未规定时四舍五入到分)</span>
        </div>
      </Card>
      <Card title="参数(按日期生效)" className="yq-section" extra={<span className="yq-rule-unit">标准调整时新增一个取值,注明生效日期</span>}>
        <ParamsEditor rule={rule} onChange={(p) => onChange({ ...rule, params: p })} defaultFrom={defaultFrom} />
      </Card>
      <Card title="兑现方式" className="yq-section">
        <PaymentEditor rule={rule} onChange={(payment) => onChange({ ...rule, payment })} exclusionGroups={exclusionGroups} />
      </Card>
      {errors.some((e) => e.path === '' || e.path === 'version') && <Alert type="error" showIcon title={errors.find((e) => e.path === '' || e.path === 'version')!.message} />}
    </RuleBuilderProvider>
  );
}
