import { Card, Typography } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { useMe } from '../../../app/auth';

/** A bank's 工作台 (placeholder until the market sub-domain fills it). */
export function BankWorkbench() {
  const me = useMe();
  return (
    <>
      <PageHeader title="工作台" subTitle={me.bankName ?? undefined} />
      <Card>
        <Typography.Text type="secondary">金融机构工作台</Typography.Text>
      </Card>
    </>
  );
}
