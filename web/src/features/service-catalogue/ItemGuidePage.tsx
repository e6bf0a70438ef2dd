import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Steps, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  CASE_KIND_LABELS,
  ITEM_TYPE_LABELS,
  PROJECT_STAGE_LABELS,
  SERVICE_TARGET_LABELS,
  visitsLabel,
  type ServiceItemView,
  type ServiceMaterial,
} from '@yuanqi/contract';
import { useCan } from '../../app/auth';
import { isApiError } from '../../app/api';
import { usePageTitle } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatMoney } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useItem } from './api';
import { ItemBadges, MaterialTags, committedText } from './bits';
import './catalogue.css';

const yesNo = (b: boolean) => (b ? '是' : '否');

function Phone({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  return (
    <a href={`tel:${value.replace(/[^\d+]/g, '')}`}>
      <PhoneOutlined /> {value}
    </a>
  );
}

function MaterialsList({ materials, mobile }: { materials: ServiceMaterial[]; mobile: boolean }) {
  if (materials.length === 0) return <Typography.Text type="secondary">无需提交材料</Typography.Text>;
  if (mobile) {
    return (
      <div>
        {materials.map((m, i) => (
          <div key={m.key} className="yq-material-row">
            <div className="name">
              {i + 1}. {m.name}
            </div>
            <div className="meta">
              <span>
                {m.form} · {m.copies}份
              </span>
              <MaterialTags m={m} />
            </div>
            {m.note && <div className="meta">{m.note}</div>}
          </div>
        ))}
      </div>
    );
  }
  return (
    <Table<ServiceMaterial>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={materials}
      columns={[
        { title: '序号', width: 56, render: (_v, _m, i) => i + 1 },
        { title: '材料名称', dataIndex: 'name', render: (name: string, m) => (<><div>{name}</div>{m.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.note}</Typography.Text>}</>) },
        { title: '形式', dataIndex: 'form', width: 110 },
        { title: '份数', dataIndex: 'copies', width: 64 },
        { title: '要求', width: 220, render: (_v, m) => <MaterialTags m={m} /> },
      ]}
    />
  );
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} size="default" extra={extra} style={{ marginBottom: 12 }}>
      {children}
    </Card>
  );
}

/** The whole guide of one item, as an implementation list publishes it; 在线申办 for those who may apply. */
export function ItemGuidePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const screens = useScreens();
  const mobile = !screens.md;
  const item = useItem(id);
  const data: ServiceItemView | undefined = item.data;
  usePageTitle(data ? data.name : '办事指南');

  if (item.isLoading) {
    return (
      <div className="yq-guide">
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (item.isError || !data) {
    return (
      <div className="yq-guide">
        {isApiError(item.error, 'NOT_FOUND') ? (
          <Result status="404" title="事项不存在" subTitle="该事项可能已调整,请回到办事指南重新查找" extra={<Button type="primary" onClick={() => navigate('/guide')}>返回办事指南</Button>} />
        ) : (
          <Card>
            <QueryError error={item.error} onRetry={() => item.refetch()} />
          </Card>
        )}
      </div>
    );
  }

  const canApply = can('service:apply') && data.status === 'active';
  const applyButton = canApply ? (
    <Button type="primary" size={mobile ? 'large' : 'middle'} block={mobile} icon={<FormOutlined />} onClick={() => navigate(`/services/apply/${data.id}`)}>
      在线申办
    </Button>
  ) : null;
  const keyCount = data.materials.filter((m) => m.isKey).length;
  const rongqueCount = data.materials.filter((m) => m.rongqueAllowed).length;
  const chengnuoCount = data.materials.filter((m) => m.chengnuoReplaceable).length;

  return (
    <div className="yq-guide">
      <div style={{ marginBottom: 8 }}>
        <Link to="/guide">
          <ArrowLeftOutlined /> 办事指南
        </Link>
      </div>
      <Card style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {data.name}
            </Typography.Title>
            <div style={{ color: '#667085', marginTop: 4, fontSize: 13 }}>
              {[data.mainItem, data.subItem].filter(Boolean).join(' · ') || ITEM_TYPE_LABELS[data.itemType]} · {data.department}
            </div>
          </div>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            {can('service:manage') && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/admin/service-items?edit=${data.id}`)}>
                编辑事项
              </Button>
            )}
            {!mobile && applyButton}
          </div>
        </div>
        <div className="yq-item-figures">
          <div>
            <div className="v">{data.caseKind === 'instant' ? '当场办结' : <>{data.committedDays}<small>个工作日</small></>}</div>
            <div className="l">承诺时限</div>
          </div>
          <div>
            <div className="v">
              {data.legalDays}
              <small>个工作日</small>
            </div>
            <div className="l">法定时限</div>
          </div>
          <div>
            <div className="v">{visitsLabel(data.visits)}</div>
            <div className="l">到现场{data.visits}次</div>
          </div>
        </div>
        <ItemBadges item={data} withType />
        {data.status === 'inactive' && <Alert type="warning" showIcon title="该事项已停用,暂不受理新的申请" style={{ marginTop: 12 }} />}
      </Card>

      <Section
        title="申请材料"
        extra={
          data.materials.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              共{data.materials.length}项{keyCount ? `,关键${keyCount}项` : ''}
            </Typography.Text>
          )
        }
      >
        {(rongqueCount > 0 || chengnuoCount > 0) && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              <>
                {rongqueCount > 0 && <div>标“可容缺”的材料暂缺时,关键材料齐全即可先受理,在约定期限内补交。</div>}
                {chengnuoCount > 0 && <div>标“可承诺”的材料,签署告知承诺书后可不提交。</div>}
              </>
            }
          />
        )}
        <MaterialsList materials={data.materials} mobile={mobile} />
      </Section>

      {data.chengnuoAllowed && data.chengnuoText && (
        <Section title="告知承诺制">
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            本事项适用告知承诺制(国办发〔2020〕42号):申请人自愿作出书面承诺后,可免于提交被替代的证明材料,审批机关可当场作出决定,并在事后核查;承诺不实的,撤销审批决定并记入信用记录。
          </Typography.Paragraph>
          <div className="yq-chengnuo-text">{data.chengnuoText}</div>
        </Section>
      )}

      <Section title="办理流程">
        {data.steps.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Steps orientation={mobile ? 'vertical' : 'horizontal'} size="small" current={-1} items={data.steps.map((s) => ({ title: s }))} />
        )}
        {data.specialProcedures.length > 0 && (
          <div style={{ marginTop: 12, fontSize: 13 }}>
            特别程序(不计入办结时限):
            {data.specialProcedures.map((p) => (
              <Tag key={p.name} style={{ marginTop: 4 }}>
                {p.name} ≤{p.maxDays}个工作日
              </Tag>
            ))}
          </div>
        )}
      </Section>

      <Section title="基本信息">
        <Descriptions column={mobile ? 1 : 2} size="small" bordered={!mobile}>
          <Descriptions.Item label="实施编码">
            <span className="yq-mono" style={{ overflowWrap: 'anywhere' }}>{data.code}</span>
          </Descriptions.Item>
          <Descriptions.Item label="基本编码">{data.basicCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="事项类型">{ITEM_TYPE_LABELS[data.itemType]}</Descriptions.Item>
          <Descriptions.Item label="实施主体">{data.department}</Descriptions.Item>
          <Descriptions.Item label="服务对象">{SERVICE_TARGET_LABELS[data.target]}</Descriptions.Item>
          <Descriptions.Item label="办件类型">{CASE_KIND_LABELS[data.caseKind]}</Descriptions.Item>
          <Descriptions.Item label="承诺办结时限">{committedText(data)}</Descriptions.Item>
          <Descriptions.Item label="法定办结时限">{data.legalDays}个工作日</Descriptions.Item>
          <Descriptions.Item label="到现场次数">
            {data.visits}次({visitsLabel(data.visits)})
          </Descriptions.Item>
          <Descriptions.Item label="网上办理">{yesNo(data.online)}</Descriptions.Item>
          <Descriptions.Item label="预约办理">{yesNo(data.appointment)}</Descriptions.Item>
          <Descriptions.Item label="物流快递">{yesNo(data.delivery)}</Descriptions.Item>
          {data.projectStage && <Descriptions.Item label="工程建设阶段">{PROJECT_STAGE_LABELS[data.projectStage]}</Descriptions.Item>}
          <Descriptions.Item label="联办部门">{data.jointDepartments.length ? data.jointDepartments.join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label="收费" span={mobile ? 1 : 2}>
            {data.feeCharged ? `收费 · ${data.feeAmountFen === null ? '按标准收取' : formatMoney(data.feeAmountFen)} · 依据:${data.feeBasis ?? '—'}` : '不收费'}
          </Descriptions.Item>
          <Descriptions.Item label="设定依据" span={mobile ? 1 : 2}>
            {data.legalBasis ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="咨询电话">
            <Phone value={data.consultPhone} />
          </Descriptions.Item>
          <Descriptions.Item label="投诉电话">
            <Phone value={data.complaintPhone} />
          </Descriptions.Item>
          {data.approvers.length > 0 && (
            <Descriptions.Item label="审批人员" span={mobile ? 1 : 2}>
              {data.approvers.map((a) => a.displayName).join('、')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Section>

      {mobile && applyButton && <div className="yq-apply-bar">{applyButton}</div>}
    </div>
  );
}
