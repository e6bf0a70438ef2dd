import { Alert, App, Button, Form, Input, Rate, Tag, Typography } from 'antd';
import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import {
  BAD_REVIEW_COMMENT_MIN,
  RATING_LEVELS,
  RATING_LEVEL_LABELS,
  RATING_SCORE_KEYS,
  RATING_SCORE_LABELS,
  isBadRating,
  type RateRequest,
  type RatingLevel,
  type RatingScoreKey,
  type RatingView,
} from '@yuanqi/contract';
import { applyFieldErrors } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import '../demands/demands.css';

/** An application is an online government service: it takes the online indicators (GB/T 39735). */
const SCORE_KEYS = RATING_SCORE_KEYS.application as readonly RatingScoreKey[];
const DEFAULT_SCORE: Record<RatingLevel, number> = { very_satisfied: 5, satisfied: 4, basic: 3, dissatisfied: 2, very_dissatisfied: 1 };
const SCORE_TIPS = ['很差', '较差', '一般', '较好', '很好'];

function levelIcon(level: RatingLevel) {
  if (level === 'very_satisfied' || level === 'satisfied') return <SmileOutlined />;
  if (level === 'basic') return <MehOutlined />;
  return <FrownOutlined />;
}

function LevelPicker({ value, onChange, disabled }: { value?: RatingLevel; onChange?: (v: RatingLevel) => void; disabled?: boolean }) {
  return (
    <div className="yq-levels" role="radiogroup" aria-label="总体评价">
      {RATING_LEVELS.map((l) => (
        <button
          key={l}
          type="button"
          role="radio"
          aria-checked={value === l}
          aria-label={RATING_LEVEL_LABELS[l]}
          className={`yq-level${value === l ? ' selected' : ''}${isBadRating(l) ? ' bad' : ''}`}
          onClick={() => onChange?.(l)}
          disabled={disabled}
        >
          <span className="yq-level-icon">{levelIcon(l)}</span>
          <span>{RATING_LEVEL_LABELS[l]}</span>
        </button>
      ))}
    </div>
  );
}

type Values = { level?: RatingLevel; scores: Partial<Record<RatingScoreKey, number>>; comment?: string };

/**
 * 好差评 of a closed 办件: five levels, the four online sub-scores (办事效率, 办事指南精确度,
 * 办事便捷度, 平台操作性) and a comment, required for a bad review.
 */
export function ServiceRatingForm({ submit, pending }: { submit: (body: RateRequest) => Promise<RatingView>; pending: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const bad = level ? isBadRating(level) : false;

  // sub-scores follow the level until the person sets one themselves
  const onLevel = (next: RatingLevel) => {
    const touched = SCORE_KEYS.some((k) => form.isFieldTouched(['scores', k]));
    if (!touched) form.setFieldValue('scores', Object.fromEntries(SCORE_KEYS.map((k) => [k, DEFAULT_SCORE[next]])));
    if (form.getFieldError('comment').length) void form.validateFields(['comment']);
  };

  const onFinish = async (values: Values) => {
    try {
      const r = await submit({ level: values.level!, scores: values.scores, comment: values.comment?.trim() || undefined });
      message.success(r.isBad ? '评价已提交,审批局将整改并回访您' : '感谢您的评价');
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      requiredMark={false}
      disabled={pending}
      initialValues={{ scores: {} }}
      onValuesChange={(changed: Partial<Values>) => changed.level && onLevel(changed.level)}
    >
      <Form.Item name="level" label="总体评价" rules={[{ required: true, message: '请选择总体评价' }]}>
        <LevelPicker disabled={pending} />
      </Form.Item>
      <div className="yq-scores">
        {SCORE_KEYS.map((k) => (
          <Form.Item
            key={k}
            name={['scores', k]}
            label={RATING_SCORE_LABELS[k]}
            rules={[{ required: true, message: `请为“${RATING_SCORE_LABELS[k]}”打分` }]}
            className="yq-score-item"
          >
            <Rate tooltips={SCORE_TIPS} aria-label={RATING_SCORE_LABELS[k]} />
          </Form.Item>
        ))}
      </div>
      <Form.Item
        name="comment"
        label={bad ? '不满意的原因(必填)' : '评价内容(选填)'}
        dependencies={['level']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v?: string) => {
              const l = getFieldValue('level') as RatingLevel | undefined;
              if (l && isBadRating(l) && (v ?? '').trim().length < BAD_REVIEW_COMMENT_MIN) {
                return Promise.reject(new Error(`差评请填写评价内容,至少${BAD_REVIEW_COMMENT_MIN}个字,说明不满意的原因`));
              }
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={500}
          placeholder={bad ? '请说明哪里不满意,审批局将据此整改并回访您' : '说说您对这次办事的感受(选填)'}
        />
      </Form.Item>
      {bad && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="差评将转为整改工单,经办人须在期限内整改,并回访听取您的意见。" />}
      <Button type="primary" htmlType="submit" loading={pending} block size="large">
        提交评价
      </Button>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        一事一评,提交后不能修改;您的身份不会向经办人公开。
      </Typography.Paragraph>
    </Form>
  );
}

/** A rating of a 办件 as this reader may see it (the officer never sees who rated). */
export function ServiceRatingSummary({ rating }: { rating: RatingView }) {
  // the online indicators in their published order, then anything else the rating carries
  const given = (Object.keys(rating.scores) as RatingScoreKey[]).filter((k) => rating.scores[k] !== undefined);
  const keys = [...SCORE_KEYS.filter((k) => given.includes(k)), ...given.filter((k) => !SCORE_KEYS.includes(k))];
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
        <Tag color={rating.isBad ? 'red' : rating.level === 'basic' ? 'gold' : 'green'} icon={levelIcon(rating.level)} style={{ fontSize: 14, padding: '2px 10px' }}>
          {rating.levelLabel}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(rating.ratedAt)}
          {rating.rater ? ` · ${rating.rater.name}` : ''}
        </Typography.Text>
        {rating.status === 'removed' && <Tag>已经申诉移除</Tag>}
      </div>
      {keys.map((k) => (
        <div key={k} className="yq-kv" style={{ alignItems: 'center' }}>
          <span>{RATING_SCORE_LABELS[k]}</span>
          <span>
            <Rate disabled value={rating.scores[k]} style={{ fontSize: 14 }} />
          </span>
        </div>
      ))}
      {rating.comment && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>“{rating.comment}”</Typography.Paragraph>}
      {rating.rectification && (
        <Alert
          style={{ marginTop: 12 }}
          type={rating.rectification.status === 'closed' ? 'success' : 'warning'}
          showIcon
          title={`已转整改:${rating.rectification.statusLabel}`}
          description={`整改期限 ${formatDateTime(rating.rectification.dueAt)}${rating.rectification.overdue ? '(已逾期)' : ''}`}
        />
      )}
      {rating.removedReason && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          移除理由:{rating.removedReason}
        </Typography.Paragraph>
      )}
    </div>
  );
}
