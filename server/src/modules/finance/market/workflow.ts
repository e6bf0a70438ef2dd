import {
  NEED_ACTION_LABELS,
  NEED_STATUS_LABELS,
  OFFER_ACTION_LABELS,
  OFFER_STATUS_LABELS,
  OPEN_OFFER_STATUSES,
  type NeedAction,
  type NeedStatus,
  type OfferAction,
  type OfferStatus,
} from '@yuanqi/contract';
import { defineWorkflow, type GuardFailure } from '../../../platform/workflow/index.js';

/** What an answer's action carries besides who and when. */
export type OfferInput = {
  note?: string | null;
  amountFen?: number;
  rateBp?: number;
  termMonths?: number;
  disbursedOn?: string;
};

const missing = (path: string, message: string): GuardFailure => ({ path, message });
const needsNote = (message: string) => (input: OfferInput) => (input.note && input.note.trim().length >= 2 ? null : missing('note', message));

/**
 * One institution's answer to one need (the offer), a case of its own:
 * pending 待答复 → interested 有意向 → materials_requested 待补充材料 → approved 已批准 (amount, rate,
 * term) or declined 已拒绝 (reason) → disbursed 已放款 (amount, date; only the answer the firm chose).
 * The system supersedes an answer still open when the firm picked another or withdrew, and marks an
 * open one past its deadline as escalated (an event, not a state).
 */
export const offerWorkflow = defineWorkflow<OfferStatus, OfferAction | 'supersede' | 'escalate', 'bank' | 'system', OfferInput, { status: OfferStatus; chosen: boolean }>({
  subject: '机构答复',
  stateMessage: (label) => `该答复当前为“${label}”`,
  states: OFFER_STATUS_LABELS,
  actions: { ...OFFER_ACTION_LABELS, supersede: '标记未选用', escalate: '逾期升级' },
  parties: { bank: '接收需求的金融机构', system: '系统' },
  buttons: ['interest', 'request-materials', 'approve', 'decline', 'disburse'],
  probeInput: { note: '说明', amountFen: 1, rateBp: 1, termMonths: 1, disbursedOn: '2000-01-01' },
  transitions: [
    { from: ['pending'], action: 'interest', to: 'interested', who: ['bank'], event: 'offer.interest' },
    {
      from: [...OPEN_OFFER_STATUSES],
      action: 'request-materials',
      to: 'materials_requested',
      who: ['bank'],
      event: 'offer.request-materials',
      guard: needsNote('请填写需要补充的材料'),
    },
    {
      from: [...OPEN_OFFER_STATUSES],
      action: 'approve',
      to: 'approved',
      who: ['bank'],
      event: 'offer.approve',
      guard: (input) =>
        input.amountFen === undefined
          ? missing('amountFen', '请填写批准金额')
          : input.rateBp === undefined
            ? missing('rateBp', '请填写年利率')
            : input.termMonths === undefined
              ? missing('termMonths', '请填写期限')
              : null,
    },
    { from: [...OPEN_OFFER_STATUSES], action: 'decline', to: 'declined', who: ['bank'], event: 'offer.decline', guard: needsNote('请填写拒绝原因') },
    {
      from: ['approved'],
      action: 'disburse',
      to: 'disbursed',
      who: ['bank'],
      event: 'offer.disburse',
      // only the answer the firm chose; a state of the case, so no button before it
      guard: (input, offer) =>
        !offer.chosen
          ? missing('offer', '企业尚未选择此方案,不能放款')
          : input.amountFen === undefined
            ? missing('amountFen', '请填写放款金额')
            : !input.disbursedOn
              ? missing('disbursedOn', '请填写放款日期')
              : null,
    },
    { from: [...OPEN_OFFER_STATUSES, 'approved'], action: 'supersede', to: 'superseded', who: ['system'], event: 'offer.superseded' },
    { from: [...OPEN_OFFER_STATUSES], action: 'escalate', to: 'same', who: ['system'], event: 'offer.escalated' },
  ],
});

/**
 * The need 融资需求: open 待机构答复 → chosen 已选定方案 (the firm picked an approved answer) →
 * disbursed 已放款 (the chosen institution recorded the disbursement); or withdrawn 已撤回 by the firm.
 */
export const needWorkflow = defineWorkflow<NeedStatus, NeedAction | 'disburse', 'firm' | 'bank', { offerId?: string; note?: string | null }, { status: NeedStatus }>({
  subject: '融资需求',
  stateMessage: (label) => `融资需求当前为“${label}”`,
  states: NEED_STATUS_LABELS,
  actions: { ...NEED_ACTION_LABELS, disburse: '登记放款' },
  parties: { firm: '提出需求的企业(或其服务专员)', bank: '企业选定的金融机构' },
  buttons: ['withdraw'],
  transitions: [
    { from: ['open'], action: 'choose', to: 'chosen', who: ['firm'], event: 'need.choose', guard: (input) => (input.offerId ? null : missing('offerId', '请选择一个已批准的方案')) },
    { from: ['open', 'chosen'], action: 'withdraw', to: 'withdrawn', who: ['firm'], event: 'need.withdraw' },
    { from: ['chosen'], action: 'disburse', to: 'disbursed', who: ['bank'], event: 'need.disbursed' },
  ],
});
