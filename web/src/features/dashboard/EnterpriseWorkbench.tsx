import { useMe } from '../../app/auth';
import { useScreens } from '../../components/useScreens';
import { EnterpriseHome } from '../demands/DemandTodos';
import { EnterpriseActions } from './EnterpriseActions';
import { EnterpriseBenefits } from './EnterpriseBenefits';
import { UnreadMessages } from './UnreadMessages';
import { FirmFinanceCard } from '../finance/market/FirmFinanceCard';

/** An enterprise's 工作台: file a demand, follow its cases, rate the closed ones, see what it may claim. */
export function EnterpriseWorkbench() {
  const me = useMe();
  const phone = !useScreens().sm;
  return (
    <EnterpriseHome
      me={me}
      messages={<UnreadMessages />}
      extra={
        <>
          <FirmFinanceCard />
          <EnterpriseBenefits me={me} />
        </>
      }
      actions={phone ? ({ toRate }) => <EnterpriseActions me={me} toRate={toRate} /> : undefined}
    />
  );
}
