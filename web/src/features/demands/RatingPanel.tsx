import type { RatingView } from '@yuanqi/contract';
import { RatingForm as SubjectRatingForm, RatingSummary as SubjectRatingSummary, type RatingFormTexts } from '../../components/RatingForm';
import { useRateDemand } from './api';

const TEXTS: RatingFormTexts = {
  badSubmitted: '评价已提交,我们将督促整改并回访',
  badPlaceholder: '请说明哪里不满意,园区将据此督促整改并回访您',
  goodPlaceholder: '说说您对这次办理的感受(选填)',
  badNotice: '差评将转为整改工单,责任专员须在期限内整改,并回访听取您的意见。',
  footnote: '一事一评,提交后不能修改;您的身份不会向被评价的专员公开。',
};

/** 好差评 of a closed 诉求: five levels, the demand's sub-scores (GB/T 39735) and a comment, required for a bad review. */
export function RatingForm({ demandId }: { demandId: string }) {
  const rate = useRateDemand(demandId);
  return <SubjectRatingForm subject="demand" submit={(body) => rate.mutateAsync(body)} pending={rate.isPending} texts={TEXTS} />;
}

/** A rating of a 诉求 as this reader may see it (the officer never sees who rated). */
export function RatingSummary({ rating }: { rating: RatingView }) {
  return <SubjectRatingSummary subject="demand" rating={rating} />;
}
