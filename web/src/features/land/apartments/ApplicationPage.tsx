import { Alert, Card, Descriptions, Skeleton, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  APARTMENT_EDUCATION_LABELS,
  APARTMENT_TITLE_LABELS,
  type ApartmentApplicationView,
  type ApartmentButtonAction,
} from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { CaseActionBar, CaseFrame, type CaseActionSpec } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDate, formatDateTime, parkToday } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useApartmentAction, useApartmentApplication, useVacantUnits } from './api';
import { ApartmentStatusTag, RuleResultLine, apartmentSteps } from './bits';

const EVENT_COLORS: Record<string, string> = { submit: 'blue', evaluate: 'gold', allocate: 'cyan', move_in: 'green', move_out: 'gray', release: 'orange', withdraw: 'gray' };

/** One application: applicant, facts, the rules' verdict one by one, the room, the timeline and the actor's steps. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const me = useMe();
  const firm = !!me.enterpriseId;
  const q = useApartmentApplication(id);
  const act = useApartmentAction(id);
  const screens = useScreens();
  const mobile = !screens.md;
  const today = parkToday();
  const allocating = !!q.data?.actions.includes('allocate');
  const vacant = useVacantUnits(id, today, allocating);
  // the buttons wait for the vacant rooms once, so the allocate dialog opens with its choices; a
  // later refetch updates the options in place instead of remounting the bar (an open dialog stays open)
  const vacantReady = !allocating || vacant.data !== undefined || vacant.isError;

  if (q.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (q.isError || !q.data) return <QueryError error={q.error} onRetry={() => q.refetch()} what="公寓申请" />;
  const a = q.data;
  const suggested = params.get('unitId');
  const units = vacant.data ?? [];
  const notBefore = (day: string | null) => (d: dayjs.Dayjs) => (!!day && d.isBefore(dayjs(day), 'day')) || d.isAfter(dayjs(today), 'day');

  const actions: CaseActionSpec<ApartmentButtonAction, ApartmentApplicationView>[] = [
    {
      action: 'allocate',
      label: '分配房间',
      primary: true,
      title: `为 ${a.applicantName} 分配人才公寓`,
      okText: '确认分配',
      intro: a.preferredLayout ? `意向户型:${a.preferredLayout}(同户型的空房排在前面)` : undefined,
      success: (r) => `已分配 ${r.unitLabel ?? ''}`,
      fields: [
        {
          name: 'unitId',
          label: '房间',
          kind: 'select',
          required: true,
          loading: vacant.isLoading,
          initialValue: suggested && units.some((u) => u.id === suggested) ? suggested : units[0]?.id,
          options: units.map((u) => ({ value: u.id, label: `${u.label} · ${u.layout ?? '—'} · ${u.areaM2.toFixed(2)}㎡` })),
          extra: `空置房间 ${units.length} 间`,
        },
        { name: 'date', label: '配房日期', kind: 'date', required: true, initialValue: dayjs(today), span: 12 },
        { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 },
      ],
    },
    {
      action: 'move_in',
      label: '登记入住',
      primary: true,
      okText: '确认入住',
      success: '已登记入住',
      fields: [
        { name: 'date', label: '入住日期', kind: 'date', required: true, initialValue: dayjs(today), disabledDate: notBefore(a.allocatedOn) },
        { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 },
      ],
    },
    {
      action: 'move_out',
      label: '登记退房',
      okText: '确认退房',
      success: '已登记退房,房间已空出',
      fields: [
        { name: 'date', label: '退房日期', kind: 'date', required: true, initialValue: dayjs(today), disabledDate: notBefore(a.moveInOn) },
        { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500, placeholder: '如:员工离职,钥匙已收回' },
      ],
    },
    {
      action: 'release',
      label: '撤销分配',
      danger: true,
      okText: '撤销分配',
      success: '已撤销分配,申请回到轮候',
      fields: [{ name: 'note', label: '原因', kind: 'textarea', rows: 2, max: 500, placeholder: '如:本人放弃该房间' }],
    },
    {
      action: 'withdraw',
      label: '撤回申请',
      danger: true,
      okText: '撤回申请',
      success: '申请已撤回',
      fields: [{ name: 'note', label: '原因', kind: 'textarea', rows: 2, max: 500 }],
    },
  ];

  const e = a.evaluation;
  return (
    <CaseFrame
      layout={mobile ? 'narrow' : 'workbench'}
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to={firm ? '/land/apartments/my' : '/land/apartments/applications'}>
            <ArrowLeftOutlined /> {firm ? '我的公寓申请' : '人才公寓申请'}
          </Link>
        </div>
      }
      number={a.code}
      numberClassName="yq-apartment-code"
      title={`${a.applicantName} · ${a.position}`}
      pageTitle="公寓申请详情"
      docTitle={`公寓申请 ${a.applicantName}`}
      status={<ApartmentStatusTag status={a.status} />}
      facts={[
        <span key="f">{a.enterpriseName}</span>,
        <span key="t">提交于 {formatDateTime(a.submittedAt)}</span>,
      ]}
      notice={
        a.status === 'waitlisted' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={<span data-testid="queue-position">轮候第 {a.queuePosition} 位(共 {a.waitlistSize} 人),积分 {a.score} 分</span>}
            description="按积分从高到低、同分按申请先后分配;有空房时园区将通知企业"
          />
        ) : a.status === 'rejected' ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title="未通过资格审查" description={a.rejectReason} />
        ) : a.status === 'allocated' ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`已分配 ${a.unitLabel},配房日期 ${formatDate(a.allocatedOn)}`} description="请联系园区办理入住" />
        ) : null
      }
      steps={apartmentSteps(a)}
      actions={
        a.actions.length > 0 &&
        vacantReady && (
          <CaseActionBar<ApartmentButtonAction, ApartmentApplicationView>
            key={a.status}
            allowedActions={a.actions}
            actions={actions}
            block={mobile}
            run={(action, v) =>
              act.mutateAsync({
                action,
                unitId: typeof v.unitId === 'string' ? v.unitId : undefined,
                date: typeof v.date === 'string' ? v.date : undefined,
                note: typeof v.note === 'string' ? v.note : undefined,
              })
            }
          />
        )
      }
      timeline={<EventTimeline events={a.timeline} colors={EVENT_COLORS} detailOf={() => null} />}
      timelineTitle="办理记录"
      timelineSide={!mobile}
    >
      <Card title="申请人" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={mobile ? 1 : 2} size="small">
          <Descriptions.Item label="姓名">{a.applicantName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">
            <span className="yq-mono">{a.idNumberMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="手机号">{a.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="岗位">{a.position}</Descriptions.Item>
          <Descriptions.Item label="学历">{APARTMENT_EDUCATION_LABELS[a.facts.education] ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="职称">{APARTMENT_TITLE_LABELS[a.facts.title] ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="在本企业工作">{a.facts.employedMonths} 个月</Descriptions.Item>
          <Descriptions.Item label="社保缴纳">{a.facts.socialInsuranceMonths} 个月</Descriptions.Item>
          <Descriptions.Item label="本市住房">{a.facts.hasHouseInCity ? '有' : '无'}</Descriptions.Item>
          <Descriptions.Item label="意向户型">{a.preferredLayout ?? '不限'}</Descriptions.Item>
          {a.firmFacts && (
            <Descriptions.Item label="企业情况" span={mobile ? 1 : 2}>
              {a.firmFacts.firmAboveScale && <Tag>规上企业</Tag>}
              {a.firmFacts.firmHighTech && <Tag>高新技术企业</Tag>}
              {!a.firmFacts.firmAboveScale && !a.firmFacts.firmHighTech && <span>—</span>}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {e && (
        <Card
          title="资格审查"
          size="small"
          style={{ marginBottom: 16 }}
          extra={
            <span style={{ fontSize: 12, color: '#667085' }}>
              依据 {a.ruleSet ? `${a.ruleSet.validFrom} 起施行的入住条件` : '入住条件'}
            </span>
          }
        >
          <div style={{ marginBottom: 8 }}>
            {e.eligible ? <Tag color="green">符合入住条件</Tag> : <Tag color="red">不符合:{e.failed.join('、')}</Tag>}
            <strong data-testid="score">积分 {e.score} 分</strong>
          </div>
          {e.results.map((r) => (
            <RuleResultLine key={r.ruleId} r={r} />
          ))}
        </Card>
      )}
      {a.unit && (
        <Card title="房间" size="small" style={{ marginBottom: 16 }}>
          <Descriptions column={mobile ? 1 : 2} size="small">
            <Descriptions.Item label="房间">{a.unit.label}</Descriptions.Item>
            <Descriptions.Item label="户型">{a.unit.layout ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="面积">{a.unit.areaM2.toFixed(2)} ㎡</Descriptions.Item>
            <Descriptions.Item label="楼层">{a.unit.floor} 层</Descriptions.Item>
            <Descriptions.Item label="配房日期">{formatDate(a.allocatedOn)}</Descriptions.Item>
            <Descriptions.Item label="入住日期">{a.moveInOn ? formatDate(a.moveInOn) : '—'}</Descriptions.Item>
            {a.moveOutOn && <Descriptions.Item label="退房日期">{formatDate(a.moveOutOn)}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
    </CaseFrame>
  );
}
