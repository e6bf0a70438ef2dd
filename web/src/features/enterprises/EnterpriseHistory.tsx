import { useState } from 'react';
import { Button, Skeleton, Tag, Timeline, Typography } from 'antd';
import { errorMessage } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime, formatMoney } from '../../components/format';
import { useDictionary } from '../dictionaries/useDictionary';
import { useEnterpriseHistory, useLiaisons, type HistoryEntry } from './api';
import { isEnterpriseOnly, useAuth } from '../../app/auth';

const ACTIONS: Record<HistoryEntry['action'], { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '修改', color: 'blue' },
  'assign-liaison': { label: '分配专员', color: 'purple' },
  import: { label: 'Excel导入', color: 'cyan' },
};

const MONEY_FIELDS = new Set(['registeredCapitalFen', 'annualRevenueFen']);

export function EnterpriseHistory({ enterpriseId }: { enterpriseId: string }) {
  const history = useEnterpriseHistory(enterpriseId);
  const chains = useDictionary('chain');
  const tags = useDictionary('tag');
  const industries = useDictionary('industry');
  const { me } = useAuth();
  const liaisons = useLiaisons(!isEnterpriseOnly(me));
  const liaisonName = (id: string) => liaisons.data?.items.find((l) => l.id === id)?.displayName ?? '驻企专员';
  const [expanded, setExpanded] = useState(false);

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '(空)';
    if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatMoney(value);
    if (field === 'liaisonId' && typeof value === 'string') return liaisonName(value);
    if (field === 'chain' && typeof value === 'string') return chains.labelOf(value);
    if (field === 'industryCode' && typeof value === 'string') return `${value} ${industries.labelOf(value) === value ? '' : industries.labelOf(value)}`.trim();
    if (field === 'tags' && Array.isArray(value)) return value.length ? value.map((t) => tags.labelOf(String(t))).join('、') : '(无)';
    if (typeof value === 'boolean') return field === 'isAboveScale' ? (value ? '规上' : '规下') : value ? '是' : '否';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };

  if (history.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (history.isError) return <Typography.Text type="danger">变更记录加载失败:{errorMessage(history.error)}</Typography.Text>;
  const items = history.data?.items ?? [];
  if (items.length === 0) return <EmptyHint description="暂无变更记录" />;

  const visible = expanded ? items : items.slice(0, 8);
  return (
    <>
      <Timeline
        items={visible.map((entry) => {
          const action = ACTIONS[entry.action] ?? { label: entry.action, color: 'gray' };
          return {
            key: entry.id,
            color: action.color,
            content: (
              <div>
                <div style={{ fontSize: 12, color: '#667085' }}>{formatDateTime(entry.at)}</div>
                <div style={{ marginBottom: 4 }}>
                  <Tag color={action.color} variant="filled">
                    {action.label}
                  </Tag>
                  <Typography.Text>{entry.actorName ?? '系统'}</Typography.Text>
                </div>
                {entry.changes.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 18, color: '#475467', fontSize: 13 }}>
                    {entry.changes.map((c, i) => (
                      <li key={`${c.field}-${i}`} style={{ overflowWrap: 'anywhere' }}>
                        <strong>{c.label || c.field}</strong>:
                        {entry.action === 'create' ? (
                          show(c.field, c.after)
                        ) : (
                          <>
                            <Typography.Text delete type="secondary">
                              {show(c.field, c.before)}
                            </Typography.Text>
                            {' → '}
                            {show(c.field, c.after)}
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          };
        })}
      />
      {items.length > 8 && (
        <Button type="link" onClick={() => setExpanded((e) => !e)} style={{ paddingInline: 0 }}>
          {expanded ? '收起' : `查看全部 ${items.length} 条记录`}
        </Button>
      )}
    </>
  );
}
