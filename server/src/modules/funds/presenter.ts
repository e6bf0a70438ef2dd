import type { FundStatement, FundSummary, LedgerEntryView, PayoutView } from '@yuanqi/contract';
import type { FundLedgerRow, FundRow } from '../../db/schema-funds.js';
import type { FundStats, PayoutListRow } from './repository.js';

export function burnPercent(paid: number, budget: number): number {
  return budget > 0 ? Math.round((paid / budget) * 1000) / 10 : 0;
}

export function presentFund(row: FundRow, stats?: FundStats): FundSummary {
  const budget = Number(row.budget_fen);
  const paid = Number(row.paid_fen);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    year: row.year,
    source: row.source,
    category: row.category,
    department: row.department,
    description: row.description,
    status: row.status,
    budgetFen: budget,
    reservedFen: Number(row.reserved_fen),
    paidFen: paid,
    availableFen: Number(row.available_fen),
    burnPercent: burnPercent(paid, budget),
    payoutCount: stats?.payout_count ?? 0,
    beneficiaryCount: stats?.beneficiary_count ?? 0,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentLedger(row: FundLedgerRow & { enterprise_name: string | null; voucher_number: string | null; created_by_name: string | null }): LedgerEntryView {
  return {
    id: Number(row.id),
    seq: row.seq,
    kind: row.kind,
    amountFen: Number(row.amount_fen),
    reservedDeltaFen: Number(row.reserved_delta_fen),
    balanceAfterFen: Number(row.balance_after_fen),
    reservedAfterFen: Number(row.reserved_after_fen),
    availableAfterFen: Number(row.available_after_fen),
    refType: row.ref_type,
    refId: row.ref_id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    voucherNumber: row.voucher_number,
    memo: row.memo,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** 6222 **** **** 2233: the first and last four digits. */
export function maskAccount(no: string): string {
  if (no.length <= 8) return `${no.slice(0, 2)}****${no.slice(-2)}`;
  return `${no.slice(0, 4)} **** ${no.slice(-4)}`;
}

export function presentPayout(row: PayoutListRow, showAccount: boolean): PayoutView {
  return {
    id: row.id,
    voucherNumber: row.voucher_number ?? '',
    fundId: row.fund_id,
    fundName: row.fund_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    amountFen: Number(row.amount_fen),
    policyId: row.policy_id,
    policyTitle: row.policy_title ?? null,
    periodKey: row.period_key,
    source: row.source,
    sourceId: row.source_id,
    accountName: row.account_name,
    bankName: row.bank_name,
    accountNo: showAccount ? row.account_no : maskAccount(row.account_no),
    memo: row.memo,
    status: row.status,
    paidAt: row.paid_at.toISOString(),
    reversedAt: row.reversed_at?.toISOString() ?? null,
    reversalReason: row.reversal_reason,
  };
}

export type StatementParts = Omit<FundStatement, 'fund'>;
