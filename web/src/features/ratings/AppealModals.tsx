import { App, Descriptions, Form, Input, Modal, Radio, Typography } from 'antd';
import type { AppealDecision, AppealView, RatingView } from '@yuanqi/contract';
import { applyFieldErrors } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { useAppealRating, useReviewAppeal } from './api';
import { RatingLevelTag } from './components';

/** The rated officer appeals a bad review as unfair or malicious (once). */
export function AppealModal({ rating, onClose }: { rating: RatingView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const appeal = useAppealRating();
  const submit = (v: { reason: string }) => {
    if (!rating) return;
    appeal.mutate(
      { ratingId: rating.id, reason: v.reason.trim() },
      {
        onSuccess: () => {
          message.success('申诉已提交,等待调度专班审核');
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };
  return (
    <Modal open={!!rating} title="对差评提出申诉" okText="提交申诉" onOk={() => form.submit()} confirmLoading={appeal.isPending} onCancel={onClose} destroyOnHidden>
      {rating && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="事项">
            <span className="yq-mono">{rating.caseNumber}</span>&nbsp;{rating.title}
          </Descriptions.Item>
          <Descriptions.Item label="评价">
            <RatingLevelTag level={rating.level} label={rating.levelLabel} />
          </Descriptions.Item>
          <Descriptions.Item label="评价内容">{rating.comment ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        差评确属不实或恶意的,可申诉一次。申诉期间整改照常进行;申诉成立则差评移除,不计入统计,但在台账中保留并注明理由。
      </Typography.Paragraph>
      <Form form={form} name="appeal" layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label="申诉理由"
          rules={[
            { required: true, whitespace: true, message: '请填写申诉理由' },
            { min: 10, message: '申诉理由至少10个字,请说明差评为何不实或恶意' },
            { max: 1000, message: '申诉理由最多1000个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder="如:企业诉求已于期限内办结并经企业确认,差评内容与事实不符,附沟通记录……" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ReviewValues = { decision: AppealDecision; reason: string };

/** The office reviews an appeal: keep the bad review, or remove it (it stays in the ledger with the reason). */
export function ReviewAppealModal({ appeal, onClose }: { appeal: AppealView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const review = useReviewAppeal();
  const decision = Form.useWatch('decision', form);
  const submit = (v: ReviewValues) => {
    if (!appeal) return;
    review.mutate(
      { id: appeal.id, decision: v.decision, reason: v.reason.trim() },
      {
        onSuccess: (a) => {
          message.success(a.status === 'removed' ? `已移除 ${a.caseNumber} 的差评` : `已维持 ${a.caseNumber} 的差评`);
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };
  return (
    <Modal
      open={!!appeal}
      title="审核差评申诉"
      okText="提交审核"
      okButtonProps={{ danger: decision === 'remove' }}
      onOk={() => form.submit()}
      confirmLoading={review.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {appeal && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="事项">
            <span className="yq-mono">{appeal.caseNumber}</span>&nbsp;{appeal.title}
          </Descriptions.Item>
          <Descriptions.Item label="差评">
            <RatingLevelTag level={appeal.level} label={appeal.levelLabel} />
            <div style={{ marginTop: 4 }}>{appeal.comment ?? '—'}</div>
          </Descriptions.Item>
          <Descriptions.Item label="申诉人">
            {appeal.appellantName ?? '—'} · {formatDateTime(appeal.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="申诉理由">
            <span style={{ whiteSpace: 'pre-wrap' }}>{appeal.reason}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} name="appeal-review" layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="decision" label="审核结论" rules={[{ required: true, message: '请选择维持差评或移除差评' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'uphold', label: '维持差评' },
              { value: 'remove', label: '移除差评' },
            ]}
          />
        </Form.Item>
        {decision === 'remove' && (
          <Typography.Paragraph type="warning" style={{ fontSize: 13, marginTop: -8 }}>
            移除后该差评不计入好评率等任何统计,未完成的整改随之撤销;台账中保留原评价并显示移除理由。
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label="审核意见"
          rules={[
            { required: true, whitespace: true, message: '请填写审核意见' },
            { min: 2, message: '审核意见至少2个字' },
            { max: 1000, message: '审核意见最多1000个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={decision === 'remove' ? '移除理由,将在台账中显示' : '维持理由'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
