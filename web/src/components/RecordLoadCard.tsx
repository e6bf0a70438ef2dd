import { Card, Skeleton } from 'antd';
import { QueryError } from './QueryError';

/**
 * A record page before its record is there: a skeleton card while it loads, else a card saying why
 * it failed (404, 403 or retry). `narrow` keeps the page's narrow column.
 */
export function RecordLoadCard({
  query,
  what,
  narrow = false,
}: {
  query: { isLoading: boolean; error: unknown; refetch: () => unknown };
  what: string;
  narrow?: boolean;
}) {
  const card = (
    <Card>
      {query.isLoading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <QueryError error={query.error} what={what} onRetry={() => query.refetch()} />
      )}
    </Card>
  );
  return narrow ? <div className="yq-narrow">{card}</div> : card;
}
