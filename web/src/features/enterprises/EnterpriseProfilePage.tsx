import { useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { useScreens } from '../../components/useScreens';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useAuth, useCan, isEnterpriseOnly } from '../../app/auth';
import { PageHeader, usePageTitle } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, formatCount, formatDate, formatDateTime, formatMoney, parkToday } from '../../components/format';
import { DictTags } from '../dictionaries/DictTags';
import { useDictionary } from '../dictionaries/useDictionary';
import { useEnterprise } from './api';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer';
import { EnterpriseHistory } from './EnterpriseHistory';
import { LiaisonAssign } from './LiaisonAssign';
import { ProfileActivity } from './ProfileActivity';

const dash = <Typography.Text type="secondary">未填写</Typography.Text>;

function yearsSince(date: string): string {
  const years = dayjs(parkToday()).diff(dayjs(date), 'year');
  return years >= 1 ? `(成立${years}年)` : '(成立不足1年)';
}

/**
 * 企业画像: everything the platform knows about one firm — its record, liaison and history, then
 * its 政务办件, 政策兑现 and 创新券 (the tabs the reader may see).
 */
export function EnterpriseProfilePage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const can = useCan();
  const screens = useScreens();
  const ownFirm = isEnterpriseOnly(me) && me?.enterpriseId === id;
  const enterprise = useEnterprise(id);
  const chains = useDictionary('chain');
  const industries = useDictionary('industry');
  const [editing, setEditing] = useState(false);
  usePageTitle(ownFirm ? '我的企业' : enterprise.data?.name ?? '企业画像');

  if (enterprise.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (enterprise.isError || !enterprise.data) {
    return (
      <Card>
        <QueryError error={enterprise.error} what="企业" onRetry={() => enterprise.refetch()} />
      </Card>
    );
  }
  const e = enterprise.data;
  const canEdit = can('enterprise:write');
  const column = screens.xl ? 2 : screens.md ? 2 : 1;

  const basic: DescriptionsProps['items'] = [
    { key: 'uscc', label: '统一社会信用代码', children: <Typography.Text className="yq-mono" copyable>{e.uscc}</Typography.Text> },
    { key: 'name', label: '企业名称', children: e.name },
    { key: 'legal', label: '法定代表人', children: e.legalRepresentative ?? dash },
    { key: 'capital', label: '注册资本', children: e.registeredCapitalFen === null ? dash : formatMoney(e.registeredCapitalFen) },
    {
      key: 'founded',
      label: '成立日期',
      children: e.foundedOn ? (
        <>
          {formatDate(e.foundedOn)} <Typography.Text type="secondary">{yearsSince(e.foundedOn)}</Typography.Text>
        </>
      ) : (
        dash
      ),
    },
    {
      key: 'industry',
      label: '所属行业',
      children: e.industryCode ? (
        <>
          {industries.labelOf(e.industryCode)} <Typography.Text type="secondary" className="yq-mono">({e.industryCode})</Typography.Text>
        </>
      ) : (
        dash
      ),
    },
    { key: 'chain', label: '产业链', children: e.chain ? chains.labelOf(e.chain) : dash },
    { key: 'tags', label: '企业标签', children: <DictTags codes={e.tags} empty="暂无标签" /> },
  ];

  const contact: DescriptionsProps['items'] = [
    { key: 'address', label: '地址', children: e.address ?? dash, span: column },
    { key: 'plot', label: '地块', children: e.plot ?? dash },
    { key: 'contactName', label: '联系人', children: e.contactName ?? dash },
    {
      key: 'contactPhone',
      label: '联系电话',
      children: e.contactPhone ? (
        e.contactPhone.includes('*') ? (
          <Tooltip title="按权限隐藏了部分号码">
            <span className="yq-mono">{e.contactPhone}</span>
          </Tooltip>
        ) : (
          <a href={`tel:${e.contactPhone}`} className="yq-mono">
            {e.contactPhone}
          </a>
        )
      ) : (
        dash
      ),
    },
  ];

  const record: DescriptionsProps['items'] = [
    { key: 'createdAt', label: '录入时间', children: formatDateTime(e.createdAt) },
    { key: 'updatedAt', label: '最后更新', children: formatDateTime(e.updatedAt) },
  ];

  return (
    <>
      <PageHeader
        title={ownFirm ? '我的企业' : e.name}
        docTitle={ownFirm ? '我的企业' : e.name}
        subTitle={
          <Space size={[6, 6]} wrap>
            {ownFirm && <span style={{ color: '#344054', fontWeight: 500 }}>{e.name}</span>}
            {e.isAboveScale ? <Tag color="gold">规上企业</Tag> : <Tag>规下企业</Tag>}
            {e.chain && <Tag color="blue">{chains.labelOf(e.chain)}</Tag>}
            <span className="yq-mono">{e.uscc}</span>
          </Space>
        }
        extra={
          <>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined spin={enterprise.isFetching} />} onClick={() => enterprise.refetch()} aria-label="刷新" />
            </Tooltip>
            {canEdit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {ownFirm ? '更新企业信息' : '编辑'}
              </Button>
            )}
          </>
        }
      />

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title="年主营业务收入" value={e.annualRevenueFen === null ? '未填写' : formatMoney(e.annualRevenueFen)} />
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card size="small">
            <Statistic title="从业人数" value={e.headcount === null ? '未填写' : formatCount(e.headcount, '人')} />
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card size="small">
            <Statistic title="注册资本" value={e.registeredCapitalFen === null ? '未填写' : formatMoney(e.registeredCapitalFen)} />
          </Card>
        </Col>

        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="基本信息">
              <Descriptions column={column} items={basic} size="middle" />
            </Card>
            <Card title="地址与联系人">
              <Descriptions column={column} items={contact} size="middle" />
            </Card>
            <Card title="档案信息" size="small">
              <Descriptions column={column} items={record} size="small" />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="驻企专员">
              <LiaisonAssign key={`${e.id}-${e.version}`} enterprise={e} canAssign={can('enterprise:assign')} />
            </Card>
            <Card title="变更记录">
              <EnterpriseHistory enterpriseId={e.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24}>
          <ProfileActivity enterprise={e} ownFirm={ownFirm} />
        </Col>
      </Row>

      {canEdit && (
        <EnterpriseFormDrawer
          open={editing}
          enterprise={e}
          onClose={() => setEditing(false)}
          onReload={async () => (await enterprise.refetch()).data}
        />
      )}
    </>
  );
}
