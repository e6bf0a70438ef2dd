import type { ReactNode } from 'react';
import { Card } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { Enterprise, Permission } from '@yuanqi/contract';
import { hasPermission, useAuth } from '../../app/auth';
import { useScreens } from '../../components/useScreens';
import { ProfilePolicies } from './ProfilePolicies';
import { ProfileServices } from './ProfileServices';
import { ProfileVouchers } from './ProfileVouchers';

type Section = { key: string; label: string; anyOf: Permission[]; render: (props: { enterprise: Enterprise; ownFirm: boolean; mobile: boolean }) => ReactNode };

const SECTIONS: Section[] = [
  { key: 'services', label: '政务办件', anyOf: ['application:read'], render: (p) => <ProfileServices {...p} /> },
  { key: 'policies', label: '政策兑现', anyOf: ['policy:read', 'policy-application:read', 'fund:read'], render: (p) => <ProfilePolicies {...p} /> },
  { key: 'vouchers', label: '创新券', anyOf: ['voucher:read'], render: (p) => <ProfileVouchers {...p} /> },
];

/**
 * 企业画像's business with the platform: 政务办件, 政策兑现, 创新券 — a tab each, only those the
 * reader may see (the server scopes the rows as well). The open tab is kept in the address
 * (`?tab=`), so a link can point at it.
 */
export function ProfileActivity({ enterprise, ownFirm }: { enterprise: Enterprise; ownFirm: boolean }) {
  const { me } = useAuth();
  const mobile = !useScreens().md;
  const [params, setParams] = useSearchParams();
  const sections = SECTIONS.filter((s) => s.anyOf.some((p) => hasPermission(me, p)));
  if (sections.length === 0) return null;
  const active = sections.find((s) => s.key === params.get('tab')) ?? sections[0]!;
  return (
    <Card
      title={ownFirm ? '我的办事与兑现' : '办事与兑现'}
      activeTabKey={active.key}
      tabList={sections.map((s) => ({ key: s.key, label: s.label }))}
      onTabChange={(key) =>
        setParams(
          (prev) => {
            const next = new URLSearchParams(prev);
            if (key === sections[0]!.key) next.delete('tab');
            else next.set('tab', key);
            return next;
          },
          { replace: true },
        )
      }
      styles={{ body: mobile ? { padding: '12px 12px' } : undefined }}
    >
      {active.render({ enterprise, ownFirm, mobile })}
    </Card>
  );
}
