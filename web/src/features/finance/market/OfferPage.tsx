import { Alert, Card, Descriptions, InputNumber, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  COLLATERAL_LABELS,
  CONSENT_SCOPE_LABELS,
  formatRateBp,
  parseYuanToFen,
  type CollateralKind,
  type OfferAction,
  type OfferActionRequest,
  type OfferDetailView,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseActionBar, CaseFrame, type CaseActionSpec, type CaseActionValues } from '../../../components/case-kit';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDate, formatDateTime, formatWan } from '../../../components/format';
import { CreditProfileView } from '../credit/CreditProfileView';
import { MonthlyFiguresView } from '../credit/MonthlyFiguresView';
import { useBankFirm, useOffer, useOfferAction } from './api';
import { OfferDeadline, OfferStatusTag } from './bits';
import { NeedTimeline } from './NeedPage';
import './market.css';

const yuanInput = <InputNumber style={{ width: '100%' }} min={0.01} precision={2} suffix="元" inputMode="decimal" />;

const ACTIONS: CaseActionSpec<OfferAction, OfferDetailView>[] = [
  { action: 'interest', label: '有意向', primary: true, confirm: { title: '告诉企业本机构有意向,将进一步审查?', okText: '有意向' }, success: '已答复:有意向' },
  {
    action: 'request-materials',
    label: '要求补充材料',
    title: '要求企业补充材料',
    okText: '发送补充材料要求',
    fields: [{ name: 'note', label: '需要补充的材料', kind: 'textarea', required: true, min: 2, max: 500, placeholder: '例如:近两年财务报表、主要购销合同' }],
    success: '已通知企业补充材料',
  },
  {
    action: 'approve',
    label: '批准',
    primary: true,
    title: '批准融资',
    okText: '确认批准',
    intro: '批准后企业可在各机构方案中选择;企业选定本方案后再登记放款。',
    fields: [
      { name: 'amountYuan', label: '批准金额(元)', kind: 'custom', required: true, control: yuanInput, span: 24 },
      { name: 'ratePercent', label: '年利率(%)', kind: 'custom', required: true, span: 12, control: <InputNumber style={{ width: '100%' }} min={0} max={100} precision={2} suffix="%" inputMode="decimal" /> },
      { name: 'termMonths', label: '期限(月)', kind: 'custom', required: true, span: 12, control: <InputNumber style={{ width: '100%' }} min={1} max={360} precision={0} suffix="个月" inputMode="numeric" /> },
    ],
    success: '已批准',
  },
  {
    action: 'decline',
    label: '拒绝',
    danger: true,
    title: '拒绝融资需求',
    okText: '确认拒绝',
    fields: [{ name: 'note', label: '拒绝原因', kind: 'textarea', required: true, min: 2, max: 500, placeholder: '企业将看到此原因' }],
    success: '已答复:拒绝',
  },
  {
    action: 'disburse',
    label: '放款',
    primary: true,
    title: '登记放款',
    okText: '确认放款',
    intro: '登记后需求完成,系统按工作日计算从提交到放款的天数。',
    fields: [
      { name: 'amountYuan', label: '放款金额(元)', kind: 'custom', required: true, control: yuanInput, span: 12 },
      { name: 'disbursedOn', label: '放款日期', kind: 'date', required: true, span: 12, initialValue: dayjs(), disabledDate: (d) => d.isAfter(dayjs(), 'day') },
    ],
    success: '已登记放款',
  },
];

function toRequest(action: OfferAction, values: CaseActionValues): OfferActionRequest {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const num = (k: string) => (text(k) === undefined ? undefined : Number(text(k)));
  const amountFen = text('amountYuan') === undefined ? undefined : (parseYuanToFen(text('amountYuan')!) ?? undefined);
  const rate = num('ratePercent');
  return {
    action,
    note: text('note'),
    amountFen,
    rateBp: rate === undefined ? undefined : Math.round(Number((rate * 100).toPrecision(12))),
    termMonths: num('termMonths'),
    disbursedOn: text('disbursedOn'),
  };
}

/** What the institution may see of the firm: the consented parts only. */
function FirmData({ enterpriseId }: { enterpriseId: string }) {
  const firm = useBankFirm(enterpriseId);
  if (firm.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (firm.isError || !firm.data) return <QueryError error={firm.error} onRetry={() => firm.refetch()} what="企业信息" />;
  const f = firm.data;
  const r = f.registry;
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        {f.consentScopes.length === 0 ? (
          <Alert type="warning" showIcon title="企业未授权本机构查看其数据,只能看到需求本身和企业名称" />
        ) : (
          <span>
            企业已授权:{' '}
            {f.consentScopes.map((s) => (
              <Tag key={s} color="blue">
                {CONSENT_SCOPE_LABELS[s]}
              </Tag>
            ))}
          </span>
        )}
      </div>
      {r && (
        <Descriptions title="企业登记信息" column={{ xs: 1, sm: 2 }} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label="统一社会信用代码">{r.uscc}</Descriptions.Item>
          <Descriptions.Item label="法定代表人">{r.legalRepresentative ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="注册资本">{formatWan(r.registeredCapitalFen)}</Descriptions.Item>
          <Descriptions.Item label="成立日期">{r.foundedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="规上企业">{r.aboveScale ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="从业人数">{r.headcount ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址">{r.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系人">{r.contactName ? `${r.contactName} ${r.contactPhone ?? ''}` : '—'}</Descriptions.Item>
        </Descriptions>
      )}
      {f.monthly && <MonthlyFiguresView monthly={f.monthly} />}
      {f.consentScopes.includes('credit') &&
        (f.credit ? (
          <div style={{ marginTop: 12 }}>
            <Typography.Title level={5}>信用画像</Typography.Title>
            <CreditProfileView profile={f.credit} />
          </div>
        ) : (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title="信用画像" description="园区尚未发布信用评价公式,暂无信用画像" />
        ))}
    </>
  );
}

/** One institution's answer: the need, the firm's consented data, the answer's steps and its timeline. */
export function OfferPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const offer = useOffer(id);
  const act = useOfferAction(id);
  if (offer.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (offer.isError || !offer.data) return <QueryError error={offer.error} onRetry={() => offer.refetch()} what="融资需求" />;
  const o = offer.data;
  const staff = hasPermission(me, 'finance:read');
  const STEP: Record<string, number> = { pending: 0, interested: 1, materials_requested: 1, approved: 2, declined: 2, disbursed: 3, superseded: 2 };
  return (
    <CaseFrame
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to="/finance/offers">
            <ArrowLeftOutlined /> {staff ? '机构答复' : '融资需求'}
          </Link>
        </div>
      }
      number={o.needNumber}
      title={`${o.enterpriseName} · ${formatWan(o.need.amountFen)} · ${o.need.termMonths}个月`}
      docTitle={`融资需求 ${o.needNumber}`}
      status={<OfferStatusTag o={o} />}
      facts={[staff ? o.bankName : `推送于 ${formatDateTime(o.sentAt)}`, <OfferDeadline key="d" o={o} />]}
      notice={
        <>
          {o.escalatedAt && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`超过答复期限未答复,已于 ${formatDateTime(o.escalatedAt)} 升级至金融服务中心`} />}
          {o.status === 'approved' && !o.chosen && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已批准,等待企业选择方案(企业选定后方可放款)" />}
          {o.status === 'approved' && o.chosen && <Alert type="success" showIcon style={{ marginBottom: 12 }} title="企业已选择本机构方案,请办理放款并登记" />}
          {o.status === 'superseded' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="企业已选择其他方案或撤回需求,无需再答复" />}
        </>
      }
      steps={{
        current: STEP[o.status] ?? 0,
        status: o.status === 'declined' || o.status === 'superseded' ? 'error' : o.status === 'disbursed' ? 'finish' : o.overdue ? 'error' : 'process',
        items: [
          { title: '待答复', content: `${formatDate(o.dueAt)} 前` },
          { title: '审查', content: o.materialsNote ? '待补充材料' : undefined },
          { title: o.status === 'declined' ? '已拒绝' : o.status === 'superseded' ? '未选用' : '批准' },
          { title: '放款', content: o.disbursedOn ?? undefined },
        ],
      }}
      actions={
        o.allowedActions.length > 0 ? (
          <CaseActionBar<OfferAction, OfferDetailView>
            key={o.status}
            layout="inline"
            title="答复"
            allowedActions={o.allowedActions}
            actions={ACTIONS.map((a) => (a.action === 'approve' ? { ...a, fields: a.fields!.map((f) => (f.name === 'termMonths' ? { ...f, initialValue: o.need.termMonths } : f)) } : a))}
            run={(action, values) => act.mutateAsync(toRequest(action, values))}
          />
        ) : undefined
      }
      timeline={<NeedTimeline events={o.timeline} />}
      timelineTitle="答复记录"
    >
      <Card title="融资需求" className="yq-section">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="企业">{o.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="需求编号">{o.needNumber}</Descriptions.Item>
          <Descriptions.Item label="融资金额">{formatWan(o.need.amountFen)}</Descriptions.Item>
          <Descriptions.Item label="期限">{o.need.termMonths}个月</Descriptions.Item>
          <Descriptions.Item label="资金用途" span={2}>
            {o.need.purpose}
          </Descriptions.Item>
          <Descriptions.Item label="担保方式">{o.need.collateral.length ? o.need.collateral.map((c) => COLLATERAL_LABELS[c as CollateralKind] ?? c).join('、') : '—'}</Descriptions.Item>
          {o.need.productName && <Descriptions.Item label="意向产品">{o.need.productName}</Descriptions.Item>}
          <Descriptions.Item label="提交时间">{formatDateTime(o.need.filedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {(o.approvedAmountFen !== null || o.declineReason || o.materialsNote) && (
        <Card title="本机构答复" className="yq-section">
          <Descriptions column={{ xs: 1, sm: 3 }} size="small">
            {o.approvedAmountFen !== null && <Descriptions.Item label="批准金额">{formatWan(o.approvedAmountFen)}</Descriptions.Item>}
            {o.approvedRateBp !== null && <Descriptions.Item label="年利率">{formatRateBp(o.approvedRateBp)}</Descriptions.Item>}
            {o.approvedTermMonths !== null && <Descriptions.Item label="期限">{o.approvedTermMonths}个月</Descriptions.Item>}
            {o.materialsNote && <Descriptions.Item label="要求补充材料">{o.materialsNote}</Descriptions.Item>}
            {o.declineReason && <Descriptions.Item label="拒绝原因">{o.declineReason}</Descriptions.Item>}
            {o.disbursedAmountFen !== null && <Descriptions.Item label="放款">{`${formatWan(o.disbursedAmountFen)}(${o.disbursedOn})`}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      {(staff || hasPermission(me, 'finance:bank')) && (
        <Card title="企业信息(按企业授权)" className="yq-section">
          <FirmData enterpriseId={o.enterpriseId} />
        </Card>
      )}
    </CaseFrame>
  );
}
