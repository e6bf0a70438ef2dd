import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  FACT_PERIOD_LABELS,
  DEFAULT_COUNT_WORD,
  RULE_UNIT_LABELS,
  type EnterpriseFactValue,
  type FactDefinition,
} from '@yuanqi/contract';
import { isEnterpriseOnly, useMe } from '../../app/auth';
import { formatDateTime, formatMoney } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useScreens } from '../../components/useScreens';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';
import { useEnterpriseFacts, useFactDefinitions, usePutFacts, useRecommended } from './api';
import { MatchStatusTag } from './bits';
import { UnitNumberInput } from './rule-builder/UnitNumberInput';
import './policies.css';

type Value = number | string | boolean | null;

function shown(v: Value, d: FactDefinition): string {
  if (v === null) return '未填报';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (d.unit === 'fen') return formatMoney(v);
    if (d.unit === 'percent') return `${v}%`;
    if (d.unit === 'count') return `${v}${d.countWord ?? DEFAULT_COUNT_WORD}`;
    if (d.unit === 'months') return `${v}个月`;
    return String(v);
  }
  return d.options?.find((o) => o.value === v)?.label ?? v;
}

function ValueInput({ d, value, onChange }: { d: FactDefinition; value: Value; onChange: (v: Value) => void }) {
  if (d.type === 'boolean') {
    return (
      <Select
        allowClear
        value={value === null ? undefined : value ? 'yes' : 'no'}
        onChange={(v) => onChange(v === undefined ? null : v === 'yes')}
        options={[
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ]}
        placeholder="未填报"
        style={{ width: 120 }}
        aria-label={d.label}
      />
    );
  }
  if (d.type === 'text') {
    return d.options?.length ? (
      <Select allowClear value={(value as string) ?? undefined} onChange={(v) => onChange(v ?? null)} options={d.options} placeholder="未填报" style={{ width: 160 }} aria-label={d.label} />
    ) : (
      <Input value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || null)} maxLength={500} style={{ width: 200 }} aria-label={d.label} />
    );
  }
  return <UnitNumberInput unit={d.unit ?? 'number'} countWord={d.countWord ?? undefined} value={typeof value === 'number' ? value : null} onChange={onChange} width={190} ariaLabel={d.label} placeholder="未填报" />;
}

type Row = { d: FactDefinition; current: EnterpriseFactValue | null; editable: boolean };

/**
 * 企业政策数据: the yearly figures and states rules read, by year. Officers keep any firm's data;
 * a firm reports its own reportable items. Saving refreshes the firm's matches.
 */
export function FactsPage() {
  const me = useMe();
  const forFirm = isEnterpriseOnly(me);
  const { enterpriseId: param = '' } = useParams();
  const enterpriseId = forFirm ? (me.enterpriseId ?? '') : param;
  const navigate = useNavigate();
  const screens = useScreens();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(search.get('year')) || thisYear - 1;
  const focus = search.get('focus');
  const facts = useEnterpriseFacts(enterpriseId);
  const defs = useFactDefinitions();
  const put = usePutFacts(enterpriseId);
  const reco = useRecommended(forFirm ? undefined : enterpriseId, !!enterpriseId);
  const [edits, setEdits] = useState<Record<string, Value>>({});
  useEffect(() => setEdits({}), [year, enterpriseId]);
  useEffect(() => {
    if (!focus || !facts.data) return;
    const el = document.querySelector(`[data-fact-key="${CSS.escape(focus)}"]`);
    el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [focus, facts.data]);

  const rows: Row[] = useMemo(() => {
    const values = facts.data?.values ?? [];
    const editable = new Set(facts.data?.editableKeys ?? []);
    return (defs.data ?? [])
      .filter((d) => d.active)
      .map((d) => {
        const own = values.filter((v) => v.key === d.key && (d.period === 'latest' ? v.year <= year : v.year === year)).sort((a, b) => b.year - a.year);
        return { d, current: own[0] ?? null, editable: editable.has(d.key) };
      })
      .sort((a, b) => Number(b.editable) - Number(a.editable) || Number(b.d.key === focus) - Number(a.d.key === focus));
  }, [facts.data, defs.data, year, focus]);

  if (!enterpriseId) {
    return (
      <>
        <PageHeader title="企业政策数据" subTitle="选择企业,查看和补录其各年度数据" />
        <Card>
          <EnterpriseSelect value={null} onChange={(id) => id && navigate(`/policies/facts/${id}`)} />
        </Card>
      </>
    );
  }
  if (facts.isLoading || defs.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (facts.isError || !facts.data) {
    return (
      <Card>
        <QueryError error={facts.error} what="企业" onRetry={() => facts.refetch()} />
      </Card>
    );
  }
  const changed = Object.keys(edits);
  const save = async () => {
    try {
      await put.mutateAsync({ facts: changed.map((key) => ({ key, year, value: edits[key] ?? null })) });
      setEdits({});
      message.success('已保存,政策匹配结果已按新数据更新');
    } catch {
      /* toast from the mutation cache */
    }
  };
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const r = reco.data;
  return (
    <div className={forFirm ? 'yq-narrow' : undefined}>
      <PageHeader
        title={forFirm ? '补充企业数据' : `企业政策数据 · ${facts.data.enterpriseName}`}
        subTitle={forFirm ? '政策按这些数据自动匹配;数据越完整,推荐越准确' : '各年度数据,政策规则据此判断和计算'}
        extra={
          <>
            {!forFirm && (
              <div style={{ width: 260 }}>
                <EnterpriseSelect value={enterpriseId} initialLabel={facts.data.enterpriseName} onChange={(id) => id && navigate(`/policies/facts/${id}`)} />
              </div>
            )}
            <Button type="primary" icon={<SaveOutlined />} disabled={changed.length === 0} loading={put.isPending} onClick={() => void save()}>
              保存{changed.length ? `(${changed.length}项)` : ''}
            </Button>
          </>
        }
      />
      {r && (
        <Card size="small" className="yq-section">
          <Space wrap>
            <MatchStatusTag status="eligible" label={`符合 ${r.eligible.length} 项`} />
            <MatchStatusTag status="unknown" label={`待补充 ${r.unknown.length} 项`} />
            <span>预计可享 {formatMoney(r.totalAmountFen)}</span>
            <Link to={forFirm ? '/my/policies' : `/enterprises/${enterpriseId}`}>{forFirm ? '查看推荐的政策' : '企业画像'}</Link>
          </Space>
          {r.unknown.length > 0 && (
            <div style={{ marginTop: 6, fontSize: 13, color: '#b54708' }}>
              待补充:
              {[...new Map(r.unknown.flatMap((u) => u.match.missing).map((m) => [`${m.key}@${m.year ?? ''}`, m])).values()].slice(0, 12).map((m) => (
                <Tag
                  key={`${m.key}@${m.year ?? ''}`}
                  color="orange"
                  style={{ cursor: m.kind === 'fact' ? 'pointer' : undefined }}
                  onClick={() => m.kind === 'fact' && setSearch({ year: String(m.year ?? year), focus: m.key })}
                >
                  {m.year ? `${m.year}年` : ''}
                  {m.label}
                </Tag>
              ))}
            </div>
          )}
        </Card>
      )}
      <Card size="small" className="yq-section">
        <Space wrap>
          <span>数据年度</span>
          <Select value={year} onChange={(y) => setSearch({ year: String(y), ...(focus ? { focus } : {}) })} options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 110 }} aria-label="数据年度" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            “状态类”数据(如上市进程)自填报年度起持续有效,直到再次更新。
          </Typography.Text>
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Row>
          rowKey={(x) => x.d.key}
          pagination={false}
          dataSource={rows}
          size={screens.md ? 'middle' : 'small'}
          scroll={{ x: forFirm ? undefined : 900 }}
          onRow={(x) => ({ 'data-fact-key': x.d.key, className: x.d.key === focus ? 'yq-flash' : undefined }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: '数据项',
              key: 'label',
              render: (_, x) => (
                <span>
                  {x.d.label}{' '}
                  {x.d.description && (
                    <Tooltip title={x.d.description}>
                      <QuestionCircleOutlined style={{ color: '#98a2b3' }} />
                    </Tooltip>
                  )}
                  <div style={{ fontSize: 12, color: '#98a2b3' }}>
                    {x.d.unit === 'count' && x.d.countWord ? `计数(${x.d.countWord})` : x.d.unit ? RULE_UNIT_LABELS[x.d.unit] : x.d.type === 'boolean' ? '是/否' : '文字'} · {FACT_PERIOD_LABELS[x.d.period]}
                  </div>
                </span>
              ),
            },
            {
              title: `${year}年取值`,
              key: 'value',
              render: (_, x) => {
                const cur: Value = x.current?.value ?? null;
                const v = x.d.key in edits ? edits[x.d.key]! : x.d.period === 'latest' || x.current?.year === year ? cur : null;
                if (!x.editable) {
                  return (
                    <span>
                      {shown(cur, x.d)}
                      {x.current && x.current.year !== year && <span style={{ fontSize: 12, color: '#98a2b3' }}>({x.current.year}年起)</span>}
                    </span>
                  );
                }
                return <ValueInput d={x.d} value={v} onChange={(nv) => setEdits((e) => ({ ...e, [x.d.key]: nv }))} />;
              },
            },
            ...(!forFirm || screens.md
              ? [
                  {
                    title: '来源',
                    key: 'src',
                    width: 200,
                    render: (_: unknown, x: Row) =>
                      x.current ? (
                        <span style={{ fontSize: 12 }}>
                          {x.current.sourceLabel} · {x.current.updatedByName ?? ''}
                          <div style={{ color: '#98a2b3' }}>{formatDateTime(x.current.updatedAt)}</div>
                        </span>
                      ) : (
                        <Typography.Text type="secondary">—</Typography.Text>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </div>
  );
}
