import { Card, Empty } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { isEnterpriseOnly, useMe, hasPermission } from '../../../app/auth';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useCreditProfile } from './api';
import { CreditProfileView } from './CreditProfileView';

/**
 * 信用画像 of one firm: staff pick any firm; a bank opens it from a firm that consented; a firm
 * sees its own (/finance/my-credit).
 */
export default function CreditProfilePage() {
  const params = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const enterpriseId = params.id ?? (isEnterpriseOnly(me) || !hasPermission(me, 'finance:read') ? me.enterpriseId : null);
  const profile = useCreditProfile(enterpriseId);
  const staff = hasPermission(me, 'finance:read');
  return (
    <>
      <PageHeader title="企业信用画像" subTitle="由平台已有数据按生效公式计算:登记信息、政策兑付、诉求办结、应急转贷还款、补仓和融资放款记录" />
      {staff && (
        <Card style={{ marginBottom: 12 }}>
          <EnterpriseSelect value={enterpriseId ?? undefined} initialLabel={profile.data?.profile?.enterpriseName} onChange={(id) => id && navigate(`/finance/credit/enterprises/${id}`)} placeholder="选择企业查看信用画像" />
        </Card>
      )}
      {!enterpriseId ? (
        <Card><Empty description={staff ? '请选择企业' : '当前账号未绑定企业'} /></Card>
      ) : profile.isLoading ? (
        <PageLoading />
      ) : profile.isError ? (
        <Card><QueryError error={profile.error} onRetry={() => profile.refetch()} what="企业信用画像" /></Card>
      ) : !profile.data?.profile ? (
        <Card><Empty description="信用画像公式尚未发布" /></Card>
      ) : (
        <CreditProfileView profile={profile.data.profile} />
      )}
    </>
  );
}
