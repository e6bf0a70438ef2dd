import { useEffect, useMemo, useState } from 'react';
import { Card, Input, Pagination, Segmented, Select, Skeleton, Switch, Typography } from 'antd';
import { FireOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ITEM_TYPE_LABELS, ITEM_TYPES, type ItemType, type ServiceItemSummary } from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { usePageTitle } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useListParams } from '../../components/useListParams';
import { useHotItems, useItemList, type ItemListQuery } from './api';
import { ItemBadges, committedText } from './bits';
import './catalogue.css';

/** Words people start with; each runs a search. */
const SHORTCUTS = ['开公司', '营业执照', '食品经营许可', '不动产登记', '接水', '施工许可', '排污许可', '社保'];

/** Quick scopes above the results (工程建设 is a stage filter, the rest are item types). */
const SCOPES = [
  { value: 'all', label: '全部' },
  { value: 'project', label: '工程建设' },
  { value: 'license', label: '许可' },
  { value: 'public_service', label: '公共服务' },
] as const;

function ItemCard({ item, onOpen }: { item: ServiceItemSummary; onOpen: () => void }) {
  return (
    <Card className="yq-mobile-card yq-item-card" onClick={onOpen} role="link" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen()}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <div className="title">{item.name}</div>
          <div className="sub">
            {item.mainItem && item.mainItem !== item.name ? `${item.mainItem} · ` : ''}
            {item.department}
          </div>
        </div>
        <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
      </div>
      <div style={{ marginTop: 8, fontSize: 13 }}>
        <span className="yq-days">{committedText(item)}</span>
        {item.caseKind === 'promised' && <Typography.Text type="secondary" style={{ fontSize: 12 }}> (法定{item.legalDays}个工作日)</Typography.Text>}
      </div>
      <ItemBadges item={item} />
    </Card>
  );
}

/**
 * 办事指南: one big box that understands how people ask ("怎么开公司", "营业执照", "接水"), hot
 * items before the first search, and results with the promised limit and 跑动 badges. Phone first.
 */
export function GuidePage() {
  usePageTitle('办事指南');
  const navigate = useNavigate();
  const { params, update, paginate } = useListParams<'q' | 'itemType' | 'projectStage' | 'visits'>();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const itemType = (params.get('itemType') as ItemType | null) ?? undefined;
  const project = params.get('projectStage') === 'any';
  const zeroVisits = params.get('visits') === '0';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const browsing = !!(q || itemType || project || zeroVisits);
  const query: ItemListQuery = useMemo(
    () => ({
      q: q || undefined,
      itemType,
      visits: zeroVisits ? 0 : undefined,
      projectStage: project ? 'any' : undefined,
      page,
      pageSize: 10,
      sort: q ? 'relevance' : 'code',
    }),
    [q, itemType, zeroVisits, project, page],
  );
  const list = useItemList(query, browsing);
  const hot = useHotItems();
  const scope = project ? 'project' : itemType === 'license' || itemType === 'public_service' ? itemType : 'all';
  const data = list.data;
  const open = (id: string) => navigate(`/guide/items/${id}`);

  return (
    <div className="yq-guide">
      <div className="yq-guide-hero">
        <h2>办事指南</h2>
        <p>说出您要办的事,如“怎么开公司”“营业执照”“接水”,我们帮您找到对应事项。</p>
        <Input.Search
          size="large"
          allowClear
          enterButton="搜索"
          placeholder="您想办什么事?"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '' && q) update({ q: undefined });
          }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          aria-label="搜索办事事项"
        />
        <div className="yq-guide-chips">
          {SHORTCUTS.map((s) => (
            <button key={s} type="button" onClick={() => update({ q: s })}>
              {s}
            </button>
          ))}
        </div>
      </div>

      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <Segmented
          value={scope}
          options={SCOPES.map((s) => ({ value: s.value, label: s.label }))}
          onChange={(v) =>
            update({
              itemType: v === 'license' || v === 'public_service' ? v : undefined,
              projectStage: v === 'project' ? 'any' : undefined,
            })
          }
        />
        <Select
          allowClear
          placeholder="事项类型"
          value={scope === 'all' ? itemType : undefined}
          onChange={(v) => update({ itemType: v, projectStage: undefined })}
          options={ITEM_TYPES.map((t) => ({ value: t, label: ITEM_TYPE_LABELS[t] }))}
          style={{ width: 130 }}
          aria-label="事项类型"
        />
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 13 }}>
          <Switch size="small" checked={zeroVisits} onChange={(on) => update({ visits: on ? '0' : undefined })} aria-label="只看一次不跑" />
          只看一次不跑
        </span>
      </div>

      {!browsing && (
        <>
          <div className="yq-guide-section-title">
            <span>
              <FireOutlined style={{ color: '#f04438' }} /> 热门事项
            </span>
          </div>
          {hot.isLoading ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : hot.isError ? (
            <Card>
              <QueryError error={hot.error} onRetry={() => hot.refetch()} />
            </Card>
          ) : (
            <div className="yq-hot-grid">
              {(hot.data ?? []).map((h) => (
                <div key={h.id} className="yq-hot-card" role="link" tabIndex={0} onClick={() => open(h.id)} onKeyDown={(e) => e.key === 'Enter' && open(h.id)}>
                  <div className="name">{h.name}</div>
                  <div className="meta">
                    {h.committedDays === 0 ? '当场办结' : `承诺${h.committedDays}个工作日`} · {h.visits === 0 ? '一次不跑' : h.visits === 1 ? '只跑一次' : `跑${h.visits}次`}
                  </div>
                </div>
              ))}
            </div>
          )}
        </>
      )}

      {browsing && (
        <>
          {list.data?.search && (
            <div className="yq-search-note">
              按“<b>{list.data.search.normalized}</b>”查找
              {list.data.search.expandedTerms.length > 0 && (
                <>
                  ,包含 <b>{list.data.search.expandedTerms.join('、')}</b>
                </>
              )}
              ,共 {list.data.total} 项
            </div>
          )}
          {list.isError && !data ? (
            <Card>
              <QueryError error={list.error} onRetry={() => list.refetch()} />
            </Card>
          ) : (
            <div className="yq-card-list" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
              {list.isLoading &&
                Array.from({ length: 3 }, (_, i) => (
                  <Card key={i} className="yq-mobile-card">
                    <Skeleton active paragraph={{ rows: 2 }} />
                  </Card>
                ))}
              {data && data.items.length === 0 && (
                <Card>
                  <EmptyHint description={q ? `没有找到与“${q}”相关的事项,换个说法试试,或致电 0701-6212300 咨询` : '没有符合条件的事项'} />
                </Card>
              )}
              {data?.items.map((item) => <ItemCard key={item.id} item={item} onOpen={() => open(item.id)} />)}
              {data && data.total > query.pageSize && (
                <Pagination simple align="center" current={page} pageSize={query.pageSize} total={data.total} onChange={(p) => paginate(p)} style={{ margin: '8px 0' }} />
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
