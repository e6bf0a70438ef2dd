import { CaseSteps } from '../../components/case-kit/CaseFrame';
import { demandSteps, type ProgressInput } from './DemandBits';

// Apart from DemandBits: the 工作台 shows deadlines and status tags, and need not load antd's Steps.
/** The demand's steps as a phone card shows them: dots with titles. */
export function DemandProgress({ d, forEnterprise = false }: { d: ProgressInput; forEnterprise?: boolean }) {
  return <CaseSteps {...demandSteps(d, forEnterprise)} compact vertical={false} />;
}
