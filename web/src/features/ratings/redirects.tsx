import { Navigate, useParams } from 'react-router-dom';

/** Notifications link to /ratings/rectifications/:id; the page lives at /rectifications/:id. */
export function RectificationRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={`/rectifications/${encodeURIComponent(id)}`} replace />;
}

/** Notifications link to /ratings/appeals/:id; appeals are reviewed from the queue. */
export function AppealRedirect() {
  return <Navigate to="/appeals" replace />;
}
