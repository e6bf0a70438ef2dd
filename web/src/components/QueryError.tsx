import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorMessage, isApiError } from '../app/api';

/** How a failed load looks: NOT_FOUND is a 404 page, FORBIDDEN a 403, anything else retryable. */
export function QueryError({ error, onRetry, what = '记录' }: { error: unknown; onRetry?: () => void; what?: string }) {
  const navigate = useNavigate();
  if (isApiError(error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title={`${what}不存在`}
        subTitle={`该${what}不存在,或您无权查看。`}
        extra={<Button type="primary" onClick={() => navigate('/')}>返回工作台</Button>}
      />
    );
  }
  if (isApiError(error, 'FORBIDDEN')) {
    return <Result status="403" title="无权访问" subTitle={errorMessage(error)} />;
  }
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={errorMessage(error)}
      extra={onRetry && <Button onClick={onRetry}>重试</Button>}
    />
  );
}
