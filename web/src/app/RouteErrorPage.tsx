import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Last line of defence: a render error or a chunk that failed to load (e.g. after a deploy). */
export function RouteErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const chunk = error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? '页面不存在' : chunk ? '系统已更新' : '页面出错了'}
      subTitle={
        notFound ? '您访问的页面不存在。' : chunk ? '园企通已发布新版本,请刷新页面后继续。' : '页面遇到意外错误,请刷新重试;如反复出现请联系管理员。'
      }
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>
          返回工作台
        </Button>,
      ]}
    />
  );
}
