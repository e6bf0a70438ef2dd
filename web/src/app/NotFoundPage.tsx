import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { usePageTitle } from '../components/PageHeader';

export function NotFoundPage({ subTitle = '您访问的页面不存在,或已被移除。' }: { subTitle?: string }) {
  const navigate = useNavigate();
  usePageTitle('页面不存在');
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle={subTitle}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
