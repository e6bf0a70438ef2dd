import { isEnterpriseOnly, useMe } from '../../app/auth';
import { DemandQueuePage } from './DemandQueuePage';
import { MyDemandsPage } from './MyDemandsPage';

/** `/demands`: the firm follows its own cases; staff work a queue. */
export function DemandsPage() {
  const me = useMe();
  return isEnterpriseOnly(me) ? <MyDemandsPage /> : <DemandQueuePage />;
}
