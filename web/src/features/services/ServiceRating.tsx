import type { RateRequest, RatingView } from '@yuanqi/contract';
import { RatingForm, RatingSummary, type RatingFormTexts } from '../../components/RatingForm';

const TEXTS: RatingFormTexts = {
  badSubmitted: '评价已提交,审批局将整改并回访您',
  badPlaceholder: '请说明哪里不满意,审批局将据此整改并回访您',
  goodPlaceholder: '说说您对这次办事的感受(选填)',
  badNotice: '差评将转为整改工单,经办人须在期限内整改,并回访听取您的意见。',
  footnote: '一事一评,提交后不能修改;您的身份不会向经办人公开。',
};

/**
 * 好差评 of a closed 办件: five levels, the four online sub-scores (办事效率, 办事指南精确度,
 * 办事便捷度, 平台操作性) and a comment, required for a bad review.
 */
export function ServiceRatingForm({ submit, pending }: { submit: (body: RateRequest) => Promise<RatingView>; pending: boolean }) {
  return <RatingForm subject="application" submit={submit} pending={pending} texts={TEXTS} />;
}

/** A rating of a 办件 as this reader may see it (the officer never sees who rated). */
export function ServiceRatingSummary({ rating }: { rating: RatingView }) {
  return <RatingSummary subject="application" rating={rating} />;
}
