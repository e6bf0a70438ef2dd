import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Badge, Button, Card, Input, Tooltip } from 'antd';
import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';

/**
 * The search box's state for `FilterBar`: its text, kept in step with the search in force (the
 * address's `q`, which the back button may change), and what searching does.
 */
export function useSearchBox(q: string | undefined, onSearch: (q: string | undefined) => void) {
  const [keyword, setKeyword] = useState(q ?? '');
  useEffect(() => setKeyword(q ?? ''), [q]);
  return { keyword, setKeyword, q, onSearch };
}

/** The round 刷新 button of list pages. */
export function RefreshButton({ spinning, onClick }: { spinning: boolean; onClick: () => void }) {
  return (
    <Tooltip title="刷新">
      <Button icon={<ReloadOutlined spin={spinning} />} onClick={onClick} aria-label="刷新" />
    </Tooltip>
  );
}

type SearchProps = {
  placeholder: string;
  ariaLabel?: string;
  /** Desktop width in px. */
  width: number;
  keyword: string;
  setKeyword: (v: string) => void;
  /** The search in force (the address's `q`). */
  q: string | undefined;
  /** Called with the trimmed text, or undefined to clear the search. */
  onSearch: (q: string | undefined) => void;
};

/**
 * The filter card above a list: a search box, then the filter controls. On a phone with
 * `activeCount` given, the controls fold behind a 筛选 button whose badge counts the filters in force.
 */
export function FilterBar({
  mobile,
  search,
  activeCount,
  filters,
  mobileFilters,
  trailing,
}: {
  mobile: boolean;
  search?: SearchProps;
  /** Folds `filters` behind a 筛选 button on phones. */
  activeCount?: number;
  filters?: ReactNode;
  /** Shown after `filters` only in the folded phone panel. */
  mobileFilters?: ReactNode;
  /** After the filters, in the same row. */
  trailing?: ReactNode;
}) {
  const [showFilters, setShowFilters] = useState(false);
  const folds = mobile && activeCount !== undefined;
  const searchStyle: CSSProperties = folds ? { flex: '1 1 0', minWidth: 0 } : { width: mobile ? undefined : search?.width };
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <div className="yq-filter-bar">
        {search && (
          <Input.Search
            allowClear
            placeholder={search.placeholder}
            value={search.keyword}
            onChange={(e) => {
              search.setKeyword(e.target.value);
              if (e.target.value === '' && search.q) search.onSearch(undefined);
            }}
            onSearch={(v) => search.onSearch(v.trim() || undefined)}
            style={searchStyle}
            enterButton
            aria-label={search.ariaLabel}
          />
        )}
        {folds ? (
          <Badge count={activeCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters}>
              筛选
            </Button>
          </Badge>
        ) : (
          filters
        )}
        {trailing}
      </div>
      {folds && showFilters && (
        <div className="yq-filter-bar" style={{ marginTop: 8 }}>
          {filters}
          {mobileFilters}
        </div>
      )}
    </Card>
  );
}
