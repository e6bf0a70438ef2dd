import { Button, Card, Space, Typography } from 'antd';
import { BankOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../../../app/auth';
import { useNeeds } from './api';

/** The firm's 融资 card on its home: open needs and answers waiting for its choice, 我要融资. */
export function FirmFinanceCard() {
  const me = useMe();
  const may = hasPermission(me, 'finance:apply');
  const open = useNeeds({ status: 'open,chosen', page: 1, pageSize: 20 }, may);
  if (!may) return null;
  const items = open.data?.items ?? [];
  const toChoose = items.filter((n) => n.status === 'open' && n.approvedCount > 0).length;
  return (
    <Card
      className="yq-section"
      size="small"
      title={
        <span>
          <BankOutlined /> 融资
        </span>
      }
      extra={
        <Link to="/finance/needs">
          我的融资 <RightOutlined />
        </Link>
      }
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">
          {open.isLoading ? '加载中…' : open.data ? `进行中 ${open.data.total} 笔${toChoose ? `,${toChoose} 笔已有机构批准待您选择` : ''}` : '向园区合作金融机构提交融资需求,比较各家方案'}
        </Typography.Text>
        <Link to="/finance/needs/new">
          <Button type="primary" size="small">
            我要融资
          </Button>
        </Link>
      </Space>
    </Card>
  );
}
