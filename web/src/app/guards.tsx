import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@yuanqi/contract';
import { errorMessage } from './api';
import { hasPermission, useAuth } from './auth';
import { PageLoading } from '../components/PageLoading';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error, retry, signedOut } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading full tip="正在进入园企通…" />;
  if (error && !me) {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me) {
    if (signedOut) return <Navigate to="/login" replace />;
    const back = `${location.pathname}${location.search}`;
    const to = back && back !== '/' ? `/login?redirect=${encodeURIComponent(back)}` : '/login';
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

export function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的账号没有访问此页面的权限,如需开通请联系系统管理员。" />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { me } = useAuth();
  return hasPermission(me, permission) ? <>{children}</> : <Forbidden />;
}
