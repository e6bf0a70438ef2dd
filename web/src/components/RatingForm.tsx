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
  type RatingSubjectType,
  type RatingView,
} from '@yuanqi/contract';
import { applyFieldErrors } from './forms';
import { formatDateTime } from './format';
import '../features/demands/demands.css';

const DEFAULT_SCORE: Record<RatingLevel, number> = { very_satisfied: 5, satisfied: 4, basic: 3, dissatisfied: 2, very_dissatisfied: 1 };
const SCORE_TIPS = ['很差', '较差', '一般', '较好', '很好'];

/** The sub-scores a subject type is rated on (GB/T 39735), in their published order. */
const scoreKeysOf = (subject: RatingSubjectType) => RATING_SCORE_KEYS[subject] as readonly RatingScoreKey[];

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

/** The words that differ by who answers a bad review (审批局 for 办件, the park for 诉求). */
export type RatingFormTexts = {
  /** Toast after a bad review is submitted. */
  badSubmitted: string;
  badPlaceholder: string;
  goodPlaceholder: string;
  /** Warning shown while a bad level is picked. */
  badNotice: string;
  /** Small print under the button. */
  footnote: string;
};

/** 好差评 form: five levels, the subject type's sub-scores (following the level until touched) and a comment, required for a bad review. */
export function RatingForm({
  subject,
  submit,
  pending,
  texts,
}: {
  subject: RatingSubjectType;
  submit: (body: RateRequest) => Promise<RatingView>;
  pending: boolean;
  texts: RatingFormTexts;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const bad = level ? isBadRating(level) : false;
  const scoreKeys = scoreKeysOf(subject);

  // sub-scores follow the level until the person sets one themselves
  const onLevel = (next: RatingLevel) => {
    const touched = scoreKeys.some((k) => form.isFieldTouched(['scores', k]));
    if (!touched) form.setFieldValue('scores', Object.fromEntries(scoreKeys.map((k) => [k, DEFAULT_SCORE[next]])));
    if (form.getFieldError('comment').length) void form.validateFields(['comment']);
  };

  const onFinish = async (values: Values) => {
    try {
      const r = await submit({ level: values.level!, scores: values.scores, comment: values.comment?.trim() || undefined });
      message.success(r.isBad ? texts.badSubmitted : '感谢您的评价');
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
        {scoreKeys.map((k) => (
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
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} placeholder={bad ? texts.badPlaceholder : texts.goodPlaceholder} />
      </Form.Item>
      {bad && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={texts.badNotice} />}
      <Button type="primary" htmlType="submit" loading={pending} block size="large">
        提交评价
      </Button>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {texts.footnote}
      </Typography.Paragraph>
    </Form>
  );
}

/** A rating as this reader may see it (the officer never sees who rated): level, sub-scores, comment, rectification. */
export function RatingSummary({ rating, subject }: { rating: RatingView; subject: RatingSubjectType }) {
  // the subject's indicators in their published order, then anything else the rating carries
  const scoreKeys = scoreKeysOf(subject);
  const given = (Object.keys(rating.scores) as RatingScoreKey[]).filter((k) => rating.scores[k] !== undefined);
  const keys = [...scoreKeys.filter((k) => given.includes(k)), ...given.filter((k) => !scoreKeys.includes(k))];
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
