import { lazy } from 'react';
import { isBankOnly, isEnterpriseOnly, useMe } from '../../app/auth';

// Each audience's home is its own chunk: an enterprise on a phone downloads its 工作台 and not the
// staff desks' tables and forms (the first-page budget in e2e/assets.spec.ts).
const EnterpriseWorkbench = lazy(() => import('./EnterpriseWorkbench').then((m) => ({ default: m.EnterpriseWorkbench })));
// A bank's 工作台 (features/finance/market): needs sent to it, answers due, confirmations, margin calls.
const BankWorkbench = lazy(() => import('../finance/market/BankWorkbench').then((m) => ({ default: m.BankWorkbench })));
const StaffHome = lazy(() => import('./StaffHome').then((m) => ({ default: m.StaffHome })));

/** The 工作台 at "/": the enterprise's or the park staff's. */
export function HomePage() {
  const me = useMe();
  return isEnterpriseOnly(me) ? <EnterpriseWorkbench /> : isBankOnly(me) ? <BankWorkbench /> : <StaffHome />;
}
