import { useState } from 'react';
import { Alert, Button, DatePicker, Empty, Space, Table, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { FACT_SOURCE_LABELS, formatRuleValue, indexCatalogue, type PolicyRule, type PolicyTestResult, type RuleUnit } from '@yuanqi/contract';
import { errorMessage, isApiError } from '../../app/api';
import { dayjs, formatAmount, parkToday } from '../../components/format';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';
import { useTestRule } from './api';
import { MatchStatusTag, MissingList, TraceTree, periodText } from './bits';
import { useRuleCatalogue } from './useRuleCatalogue';

function factValueText(v: number | string | boolean | null, unit: RuleUnit | undefined, options?: { value: string; label: string }[]): string {
  if (v === null) return '未填报';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return formatRuleValue(v, unit);
  return options?.find((o) => o.value === v)?.label ?? v;
}

/** What the test answered: status, amount and how it was computed, the trace, the missing data. */
export function TestResultView({ r, compact = false }: { r: PolicyTestResult; compact?: boolean }) {
  const { catalogue } = useRuleCatalogue(!compact);
  const idx = catalogue ? indexCatalogue(catalogue) : null;
  const capped = r.capFen !== null && r.uncappedAmountFen !== null && r.uncappedAmountFen > r.capFen;
  return (
    <div className="yq-test-result">
      <div className="yq-test-head">
        <MatchStatusTag status={r.status} label={r.statusLabel} />
        <Typography.Text strong>{r.enterpriseName}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按 {r.asOf} 计算{r.periodKey ? ` · 兑现期间 ${periodText(r.periodKey)}` : ''}
        </Typography.Text>
      </div>
      {r.status === 'eligible' && (
        <div>
          <span className="yq-test-amount">{formatAmount(r.amountFen)}</span>
          {capped && (
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              (按规则计算 {formatAmount(r.uncappedAmountFen)},超过上限 {formatAmount(r.capFen)},按上限兑现)
            </Typography.Text>
          )}
        </div>
      )}
      {r.status === 'unknown' && <MissingList items={r.missing} prefix="待补充数据:" />}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          判断和计算过程
        </Typography.Text>
        <TraceTree trace={r.trace} />
      </div>
      {!compact && r.facts.length > 0 && (
        <Table
          size="small"
          rowKey={(f) => `${f.key}@${f.year ?? ''}`}
          pagination={false}
          dataSource={r.facts}
          columns={[
            { title: '数据', dataIndex: 'label', render: (v: string, f) => `${f.year ? `${f.year}年` : ''}${v}` },
            { title: '取值', key: 'value', render: (_, f) => {
                if (f.value === null) return <Tag color="orange">未填报</Tag>;
                const def = idx?.facts.get(f.key) ?? idx?.fields.get(f.key);
                return factValueText(f.value, def?.unit, def?.options);
              },
            },
            { title: '来源', dataIndex: 'source', render: (s: keyof typeof FACT_SOURCE_LABELS | null) => (s ? FACT_SOURCE_LABELS[s] : '—') },
          ]}
        />
      )}
      {r.status === 'unknown' && (
        <Link to={`/policies/facts/${r.enterpriseId}`}>去补录该企业的数据</Link>
      )}
    </div>
  );
}

/**
 * 企业试算: runs the rule (the one being edited, or the policy's draft/current version) on one
 * enterprise at a date and shows why it matched or not.
 */
export function RuleTestPanel({ policyId, rule, disabledReason, compact = false }: { policyId: string | null; rule?: PolicyRule; disabledReason?: string | null; compact?: boolean }) {
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [asOf, setAsOf] = useState<string>(parkToday());
  const test = useTestRule(policyId ?? '');
  const result = test.data;
  const run = () => {
    if (!policyId || !enterpriseId) return;
    test.mutate({ enterpriseId, asOf, ...(rule ? { rule } : {}) });
  };
  const blocked = !policyId ? '保存草稿后可试算' : disabledReason;
  return (
    <div className="yq-test">
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <EnterpriseSelect value={enterpriseId} onChange={setEnterpriseId} placeholder="选择要试算的企业" id="test-enterprise" />
        <Space wrap>
          <DatePicker value={dayjs(asOf)} onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} allowClear={false} aria-label="试算日期" style={{ width: 150 }} />
          <Button type="primary" icon={<ExperimentOutlined />} onClick={run} loading={test.isPending} disabled={!enterpriseId || !!blocked}>
            试算
          </Button>
        </Space>
        {blocked && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{blocked}</Typography.Text>}
        {!blocked && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            按所选日期取参数值和数据年度(“当年”即该日期所在年度)。
          </Typography.Text>
        )}
      </Space>
      <div style={{ marginTop: 12 }}>
        {test.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(test.error)}
            description={isApiError(test.error) && test.error.details.length > 0 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{test.error.details.map((d, i) => <li key={i}>{d.message}</li>)}</ul> : undefined}
          />
        )}
        {result && !test.isError && <TestResultView r={result} compact={compact} />}
        {!result && !test.isError && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="选择企业后试算,查看是否符合、金额如何计算" />}
      </div>
    </div>
  );
}
