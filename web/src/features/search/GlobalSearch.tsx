import { useEffect, useRef, useState, type ReactNode } from 'react';
import { AutoComplete, Button, Drawer, Input, Spin, Typography, type InputRef } from 'antd';
import { FileTextOutlined, SearchOutlined, ShopOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { SearchGroup, SearchItem, SearchResponse } from '@yuanqi/contract';
import { api } from '../../app/api';
import { useScreens } from '../../components/useScreens';

/**
 * The header's global search (SPEC §4): firms and case numbers today; policies and service items
 * arrive as further groups from GET /api/search and render here without changes (unknown kinds get
 * a generic icon). Debounced 300 ms; Enter opens the highlighted (first) hit, click opens any.
 * Phones get a search icon that opens a full-screen panel instead of the inline box.
 */


const PLACEHOLDER = '搜索企业名称、信用代码、诉求编号';
const MAX_LENGTH = 50;
const KIND_ICONS: Record<string, ReactNode> = { enterprise: <ShopOutlined />, demand: <FileTextOutlined /> };
/** Option values carry this prefix so a picked option is never mistaken for typed text. */
const PICK = '@@search:';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function useGlobalSearch(text: string) {
  const q = useDebounced(text.trim().slice(0, MAX_LENGTH), 300);
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.get<SearchResponse>('/api/search', { q }, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const settled = q === text.trim().slice(0, MAX_LENGTH) && !query.isFetching;
  const groups = q && query.data ? query.data.groups : [];
  return { q, groups, settled, error: query.error };
}

/** The title with the searched text marked. */
function Highlight({ text, q }: { text: string; q: string }) {
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark style={{ background: '#fff1b8', padding: 0, color: 'inherit' }}>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

function ItemView({ item, q }: { item: SearchItem; q: string }) {
  return (
    <div style={{ minWidth: 0, lineHeight: 1.4, padding: '2px 0' }}>
      <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        <Highlight text={item.title} q={q} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        <Highlight text={item.subtitle} q={q} />
      </Typography.Text>
    </div>
  );
}

function GroupHeading({ group }: { group: SearchGroup }) {
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', fontWeight: 500 }}>
      {KIND_ICONS[group.kind] ?? <SearchOutlined />}
      {group.label}
    </span>
  );
}

function statusText(text: string, settled: boolean, error: unknown, empty: boolean): ReactNode {
  if (!text.trim()) return null;
  if (error) return <Typography.Text type="danger">搜索失败,请稍后重试</Typography.Text>;
  if (!settled) return <Spin size="small" />;
  if (empty) return <Typography.Text type="secondary">没有找到匹配的企业或诉求</Typography.Text>;
  return null;
}

function DesktopSearch() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const inputRef = useRef<InputRef>(null);
  const { q, groups, settled, error } = useGlobalSearch(text);

  const options = groups.map((g) => ({
    label: <GroupHeading group={g} />,
    title: g.label,
    options: g.items.map((item) => ({
      value: `${PICK}${item.link}`,
      label: <ItemView item={item} q={q} />,
      title: item.title,
      // What screen readers announce (the value is only a key).
      'aria-label': `${g.label} ${item.title} ${item.subtitle}`,
    })),
  }));

  const go = (value: string) => {
    if (!value.startsWith(PICK)) return;
    setText('');
    setOpen(false);
    inputRef.current?.blur();
    navigate(value.slice(PICK.length));
  };

  return (
    <AutoComplete
      value={text}
      options={options}
      open={open && text.trim().length > 0}
      onOpenChange={setOpen}
      onChange={(value: string) => {
        if (!value.startsWith(PICK)) setText(value);
      }}
      onSelect={go}
      popupMatchSelectWidth={420}
      listHeight={520}
      defaultActiveFirstOption
      notFoundContent={statusText(text, settled, error, groups.length === 0)}
      style={{ width: 'clamp(200px, 24vw, 320px)' }}
      classNames={{ popup: { root: 'yq-global-search-popup' } }}
    >
      <Input
        ref={inputRef}
        prefix={<SearchOutlined style={{ color: '#98a2b3' }} />}
        placeholder={PLACEHOLDER}
        maxLength={MAX_LENGTH}
        allowClear
        aria-label="全局搜索"
        onFocus={() => setOpen(true)}
      />
    </AutoComplete>
  );
}

function MobileSearch() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const { q, groups, settled, error } = useGlobalSearch(text);

  const go = (link: string) => {
    setOpen(false);
    setText('');
    navigate(link);
  };
  const first = groups[0]?.items[0];

  return (
    <>
      <Button type="text" aria-label="搜索" icon={<SearchOutlined />} onClick={() => setOpen(true)} />
      <Drawer
        placement="top"
        open={open}
        onClose={() => setOpen(false)}
        size="100%"
        closable={false}
        destroyOnHidden
        styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' }, header: { display: 'none' } }}
      >
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '10px 12px', borderBottom: '1px solid #f0f0f0' }}>
          <Input
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => first && go(first.link)}
            prefix={<SearchOutlined style={{ color: '#98a2b3' }} />}
            placeholder={PLACEHOLDER}
            maxLength={MAX_LENGTH}
            allowClear
            enterKeyHint="search"
            aria-label="全局搜索"
            size="large"
          />
          <Button type="link" onClick={() => setOpen(false)} style={{ paddingInline: 4 }}>
            取消
          </Button>
        </div>
        <div style={{ flex: 1, overflow: 'auto', padding: '4px 0 16px' }} role="listbox" aria-label="搜索结果">
          {groups.map((g) => (
            <div key={g.kind}>
              <div style={{ padding: '12px 16px 4px', color: '#667085', fontSize: 13 }}>
                <GroupHeading group={g} />
              </div>
              {g.items.map((item) => (
                <div
                  key={item.id}
                  role="option"
                  aria-selected={item === first}
                  tabIndex={0}
                  onClick={() => go(item.link)}
                  onKeyDown={(e) => e.key === 'Enter' && go(item.link)}
                  style={{ padding: '8px 16px', cursor: 'pointer', borderBottom: '1px solid #f5f5f5' }}
                >
                  <ItemView item={item} q={q} />
                </div>
              ))}
            </div>
          ))}
          {groups.length === 0 && (
            <div style={{ textAlign: 'center', padding: 32 }}>
              {statusText(text, settled, error, true) ?? <Typography.Text type="secondary">输入企业名称、统一社会信用代码或诉求编号</Typography.Text>}
            </div>
          )}
        </div>
      </Drawer>
    </>
  );
}

export function GlobalSearch() {
  const screens = useScreens();
  return screens.md ? <DesktopSearch /> : <MobileSearch />;
}
