import { describe, expect, it } from 'vitest';
import { PERMISSIONS, PERMISSION_GROUPS, PERMISSION_LABELS, ROLES, ROLE_PERMISSIONS, ROLE_REQUIRED_PERMISSIONS, widestDataScope } from './roles.js';

describe('roles and permissions', () => {
  it('names every permission exactly once in the role editor', () => {
    const listed = PERMISSION_GROUPS.flatMap((g) => g.items.map((i) => i.permission));
    expect([...listed].sort()).toEqual([...PERMISSIONS].sort());
    for (const p of PERMISSIONS) expect(PERMISSION_LABELS[p]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('gives every built-in role its required permissions by default, and the admin every admin console permission', () => {
    for (const role of ROLES) for (const p of ROLE_REQUIRED_PERMISSIONS[role]) expect(ROLE_PERMISSIONS[role]).toContain(p);
    expect(ROLE_PERMISSIONS.admin).toEqual(expect.arrayContaining(['role:manage', 'department:manage', 'login-log:read', 'session:manage', 'job:manage', 'parameter:read', 'monitor:read']));
  });

  it('takes the widest data scope of several roles', () => {
    expect(widestDataScope(['assigned', 'park'])).toBe('park');
    expect(widestDataScope(['enterprise', 'assigned'])).toBe('assigned');
    expect(widestDataScope([])).toBe('none');
  });
});
